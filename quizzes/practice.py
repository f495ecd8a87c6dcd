"""Practising the questions a student missed: graded at once, recorded nowhere.

It opens once her attempt is finished and its results are shown (`Attempt.reveals_results`):
before that, practice would hand her the key to a later attempt. Nothing is stored, so nothing
reaches the gradebook, the statistics or her history. The questions come in her attempt's order,
their options as she saw them, with the feedback of a real answer.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import grading
from .forms import InvalidAnswer, read_answer, sent_answer
from .http import error_page, post_only, sign_in_required
from .models import Answer, Attempt
from .views import Progress, own_attempt, question_in, render_question


def missed_question_ids(attempt: Attempt) -> list[int]:
    """The questions not answered fully right (partly right and unanswered ones included), in
    the attempt's order."""
    ids = attempt.ordered_question_ids(list(attempt.quiz.questions.values_list("id", flat=True)))
    right = set(
        attempt.answers.filter(outcome=Answer.Outcome.CORRECT).values_list("question_id", flat=True)
    )
    return [question_id for question_id in ids if question_id not in right]


def not_yet(request: HttpRequest, attempt: Attempt) -> HttpResponse | None:
    """Why she cannot practise this attempt's questions yet, or None."""
    if not attempt.is_finished:
        return redirect(attempt)
    if not attempt.reveals_results:
        message = _(
            "You can practise the questions you missed once your results are shown, after "
            "your last attempt."
        )
        return error_page(request, 409, message)
    return None


@never_cache
@sign_in_required
def start(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if refusal := not_yet(request, attempt):
        return refusal
    missed = missed_question_ids(attempt)
    if not missed:
        return redirect("quizzes:result", attempt.pk)
    return redirect("quizzes:practice-question", attempt.pk, missed[0])


def render_practice(request: HttpRequest, attempt: Attempt, question_id: int, **kwargs):
    missed = missed_question_ids(attempt)
    if question_id not in missed:
        raise Http404
    question = question_in(attempt, question_id)
    at = missed.index(question_id)
    if at + 1 < len(missed):
        next_url = reverse("quizzes:practice-question", args=[attempt.pk, missed[at + 1]])
        next_label = _("Next question")
    else:
        next_url = reverse("quizzes:result", args=[attempt.pk])
        next_label = _("Back to your result")
    return render_question(
        request, attempt, question, kwargs.pop("answer", None),
        progress=Progress(missed, frozenset()),
        answer_url=reverse("quizzes:practice-answer", args=[attempt.pk, question_id]),
        next_url=next_url, next_label=next_label, practice=True, **kwargs,
    )  # fmt: skip


@never_cache
@sign_in_required
def question_page(request: HttpRequest, attempt_id: int, question_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if refusal := not_yet(request, attempt):
        return refusal
    return render_practice(request, attempt, question_id)


@sign_in_required
@post_only
def submit_answer(request: HttpRequest, attempt_id: int, question_id: int) -> HttpResponse:
    """Graded at once and shown, like a real answer; never saved."""
    attempt = own_attempt(request, attempt_id)
    if refusal := not_yet(request, attempt):
        return refusal
    question = question_in(attempt, question_id)
    try:
        response, stored = read_answer(question, attempt.choices_for(question), request.POST)
    except InvalidAnswer as invalid:
        return render_practice(
            request, attempt, question_id,
            error=invalid.message, sent=sent_answer(request.POST), status=400,
        )  # fmt: skip
    verdict = grading.grade(question.answer_key(), response)
    answer = Answer(
        question=question,
        response=stored,
        outcome=verdict.outcome.value,
        credit=verdict.credit,
        points=verdict.points(question.points),
    )
    return render_practice(request, attempt, question_id, answer=answer)
