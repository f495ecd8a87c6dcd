"""Teachers' pages for marks: an attempt answer by answer, the answers to one question, and the
changes to recorded marks (quizzes/regrading.py) posted from them.

As on every page of /teach/: the class must be the teacher's own (an administrator's, any), the
quiz assigned to it and the student in it, or it is a 404. A change for one student is her
teacher's to make; a change for everyone is the quiz owner's (a colleague with whom the quiz is
shared sees the page, and gets a 403 if she posts).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import grading, regrading
from .http import error_page, post_only, sign_in_required
from .models import Answer, Attempt, Classroom, Question, Quiz, Regrade
from .people import display_name
from .teach import class_quiz, my_class


def class_attempts(classroom: Classroom):
    """Attempts of the class's students at the quizzes assigned to it."""
    return Attempt.objects.filter(quiz__classes=classroom, student__classes=classroom).distinct()


def class_question(classroom: Classroom, slug: str, question_id: int) -> tuple[Quiz, Question]:
    quiz = class_quiz(classroom, slug)
    questions = quiz.questions.select_related("fact").prefetch_related("choices")
    return quiz, get_object_or_404(questions, pk=question_id)


@dataclass(frozen=True)
class ReviewedQuestion:
    position: int
    question: Question
    answer: Answer | None


@sign_in_required
def attempt_review(request: HttpRequest, class_id: int, attempt_id: int) -> HttpResponse:
    """One attempt, answer by answer, with what the student gave and what it earned."""
    classroom = my_class(request, class_id)
    attempt = get_object_or_404(
        class_attempts(classroom).select_related("quiz", "student"), pk=attempt_id
    )
    questions = attempt.quiz.questions.select_related("fact").prefetch_related("choices")
    by_id = {question.pk: question for question in questions}
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    rows = []
    for position, question_id in enumerate(attempt.ordered_question_ids(list(by_id)), start=1):
        question, answer = by_id[question_id], answers.get(question_id)
        if answer is not None:
            answer.question = question
        rows.append(ReviewedQuestion(position, question, answer))
    return render(
        request,
        "teach/attempt.html",
        {"classroom": classroom, "attempt": attempt, "pupil": attempt.student, "rows": rows},
    )


@sign_in_required
@post_only
def accept_answer(request: HttpRequest, class_id: int, answer_id: int) -> HttpResponse:
    """Her teacher counts one student's answer as correct."""
    classroom = my_class(request, class_id)
    answers = Answer.objects.filter(attempt__in=class_attempts(classroom))
    answer = get_object_or_404(answers.select_related("attempt__student", "question"), pk=answer_id)
    try:
        regrading.accept_for_student(answer, by=request.user)
    except regrading.CannotRegrade as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The answer of %(name)s is now counted as correct.")
            % {"name": display_name(answer.attempt.student)},
        )
    return redirect("teach:attempt", classroom.pk, answer.attempt_id)


@dataclass(frozen=True)
class GivenAnswer:
    """One answer as students gave it, however many gave it, and how it was marked."""

    text: str
    outcome: str
    count: int

    @property
    def is_correct(self) -> bool:
        return self.outcome == Answer.Outcome.CORRECT


def given_answers(question: Question, answers) -> list[GivenAnswer]:
    """The class's answers to the question, the same typed answer counted once, most given
    first; the question's choices are prefetched, so this asks the database nothing more."""
    counts: Counter[tuple[str, str]] = Counter()
    shown: dict[str, str] = {}
    for answer in answers:
        answer.question = question
        text = answer.display()
        folded = grading.normalize_text(text)
        shown.setdefault(folded, text)
        counts[(folded, answer.outcome)] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [GivenAnswer(shown[folded], outcome, n) for (folded, outcome), n in ranked]


@sign_in_required
def question_answers(
    request: HttpRequest, class_id: int, slug: str, question_id: int
) -> HttpResponse:
    """What the class answered to one question, and the changes to its marks."""
    classroom = my_class(request, class_id)
    quiz, question = class_question(classroom, slug, question_id)
    answers = Answer.objects.filter(question=question, attempt__in=class_attempts(classroom))
    positions = list(quiz.questions.values_list("pk", flat=True))
    return render(
        request,
        "teach/question.html",
        {
            "classroom": classroom,
            "quiz": quiz,
            "question": question,
            "position": positions.index(question.pk) + 1,
            "given": given_answers(question, answers.only("response", "outcome")),
            "may_regrade": question.is_changeable_by(request.user),
            "regrades": Regrade.objects.seen_in(classroom, quiz)
            .filter(question=question)
            .select_related("by", "answer__attempt__student"),
        },
    )


@sign_in_required
@post_only
def regrade_question(
    request: HttpRequest, class_id: int, slug: str, question_id: int
) -> HttpResponse:
    """The quiz's owner accepts an answer for everyone, or lets the question count for nothing."""
    classroom = my_class(request, class_id)
    _quiz, question = class_question(classroom, slug, question_id)
    if not question.is_changeable_by(request.user):
        message = _("Only the quiz's owner can change the marks of its questions for everyone.")
        return error_page(request, 403, message)
    action = request.POST.get("action")
    try:
        if action == "accept":
            regrade = regrading.accept_for_everyone(
                question, request.POST.get("text", ""), by=request.user
            )
            message = ngettext(
                "“%(text)s” is now accepted for everyone: %(count)d recorded answer changed.",
                "“%(text)s” is now accepted for everyone: %(count)d recorded answers changed.",
                regrade.answers_changed,
            ) % {"text": regrade.text, "count": regrade.answers_changed}
        elif action == "no_credit" and request.POST.get("confirm") == "yes":
            regrade = regrading.count_for_nothing(question, by=request.user)
            message = ngettext(
                "This question now counts for nothing, in every attempt: %(count)d recorded "
                "answer changed.",
                "This question now counts for nothing, in every attempt: %(count)d recorded "
                "answers changed.",
                regrade.answers_changed,
            ) % {"count": regrade.answers_changed}
        elif action == "no_credit":
            raise regrading.CannotRegrade(
                _("Tick the box to confirm that the question counts for nothing for everyone.")
            )
        else:
            return error_page(request, 400, _("The request could not be understood."))
    except regrading.CannotRegrade as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, message)
    return redirect(reverse("teach:question", args=[classroom.pk, question.quiz.slug, question.pk]))
