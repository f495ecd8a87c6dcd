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

from .http import error_page, sign_in_required
from .models import Answer, Attempt, Progress
from .views import QuestionRun, own_attempt, question_in, try_question


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


def practice_run(attempt: Attempt, question_id: int) -> QuestionRun:
    """Her run through the questions she missed; any other question of hers is a 404."""
    missed = missed_question_ids(attempt)
    if question_id not in missed:
        raise Http404
    return QuestionRun(
        attempt,
        Progress(missed),
        url_name="quizzes:practice-question",
        url_args=(attempt.pk,),
        end_url=reverse("quizzes:result", args=[attempt.pk]),
        end_label=_("Back to your result"),
        mode="practice",
    )


@never_cache
@sign_in_required
def question_page(request: HttpRequest, attempt_id: int, question_id: int) -> HttpResponse:
    """GET shows a question she missed; POST grades her new answer at once, never saved."""
    attempt = own_attempt(request, attempt_id)
    if refusal := not_yet(request, attempt):
        return refusal
    run = practice_run(attempt, question_id)
    return try_question(request, run, question_in(attempt, question_id))
