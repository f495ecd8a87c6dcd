"""A finished attempt's result page: how it went in one line, a grid of the questions that jumps
to each, then the review, and the way into practising the ones she missed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .http import sign_in_required
from .models import Answer, Attempt, Question
from .views import own_attempt, played_live


@dataclass(frozen=True)
class ReviewItem:
    position: int
    question: Question
    answer: Answer | None

    @property
    def outcome(self) -> str:
        return self.answer.outcome if self.answer is not None else "unanswered"


@dataclass(frozen=True)
class Tally:
    """「14問中8問正解（57%）」: questions right, partly right, and the score as a percentage."""

    questions: int
    right: int
    partly: int
    score: Decimal
    max_score: int

    @classmethod
    def of(cls, attempt: Attempt, items: list[ReviewItem]) -> Tally:
        outcomes = [item.outcome for item in items]
        return cls(
            questions=len(items),
            right=outcomes.count(Answer.Outcome.CORRECT),
            partly=outcomes.count(Answer.Outcome.PARTIAL),
            score=attempt.score,
            max_score=attempt.max_score,
        )

    @property
    def percent(self) -> int | None:
        """The score out of 100, rounded half up (8 of 14 is 57); None when nothing counts."""
        if not self.max_score:
            return None
        share = Decimal(100) * self.score / self.max_score
        return int(share.quantize(Decimal(1), ROUND_HALF_UP))


def review_items(attempt: Attempt) -> list[ReviewItem]:
    """The attempt's questions in its order, each with her answer: three queries."""
    questions = attempt.quiz.questions.select_related("fact").prefetch_related("choices")
    by_id = {question.pk: question for question in questions}
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    items = []
    for position, question_id in enumerate(attempt.ordered_question_ids(list(by_id)), start=1):
        question, answer = by_id[question_id], answers.get(question_id)
        if answer is not None:
            answer.question = question
        items.append(ReviewItem(position, question, answer))
    return items


@never_cache
@sign_in_required
def result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if live := played_live(request, attempt):
        return live
    if not attempt.is_finished:
        return redirect(attempt)
    items = review_items(attempt)
    tally = Tally.of(attempt, items)
    missed = tally.questions - tally.right
    return render(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "review": items,
            "tally": tally,
            "may_practise": attempt.reveals_results and missed > 0,
        },
    )
