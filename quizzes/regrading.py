"""Teachers correcting recorded marks, each change kept as a Regrade: who, when, what.

Editing a question in the admin never rewrites a recorded result; these three changes do, each
in one transaction, followed by the scores of the finished attempts it touched (an unfinished
attempt totals its answers when it finishes, so it follows by itself):

- accept an answer for everyone (short-text questions): the text joins the question's accepted
  answers, so later answers are graded with it too, and every recorded answer it matches (with
  the question's natural name variants, where the teacher allows them) becomes correct;
- a question counts for nothing: from now on it is worth 0 points, every recorded answer to it
  earns 0 and every attempt's maximum drops by what it was worth; verdicts stay as they were;
- accept one student's answer: that answer becomes correct, and nothing else changes.

Who may do what is checked by the views (quizzes/marking.py): changes for everyone by the
quiz's owner, a change for one student by her teacher.

Known limit: an answer graded in the very moment a change for everyone commits was graded with
the key as it stood before, and is recorded so. Accepting the same answer again finds it (the
change is safe to repeat); such a straggler on a question that now counts for nothing keeps its
points. Regrade when the class is not answering, best after the quiz has closed.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from decimal import Decimal

from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _

from . import grading
from .forms import MAX_TEXT_LENGTH
from .models import Answer, Attempt, Question, Regrade


class CannotRegrade(Exception):
    """The change does not apply; the message says why, for the teacher."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def accept_for_everyone(question: Question, text: str, by) -> Regrade:
    """Accept a typed answer for every student, past and future."""
    text = unicodedata.normalize("NFKC", text).strip()
    if question.kind != Question.Kind.TEXT:
        raise CannotRegrade(_("Only a short-text question accepts another typed answer."))
    if not text or len(text) > MAX_TEXT_LENGTH:
        raise CannotRegrade(_("Type the answer to accept (at most 200 characters)."))
    if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in text):
        raise CannotRegrade(_("The answer contains control characters."))
    with transaction.atomic():
        question = _locked(question)
        key = dataclasses.replace(question.answer_key(), accepted_answers=(text,))
        already = {grading.normalize_text(a) for a in question.accepted_answer_list()}
        if grading.normalize_text(text) not in already:
            question.accepted_answers = "\n".join([*question.accepted_answer_list(), text])
            question.save(update_fields=["accepted_answers"])
        wrong = question.answers.exclude(outcome=Answer.Outcome.CORRECT)
        raised = [
            (answer_id, attempt_id)
            for answer_id, attempt_id, response in wrong.values_list("pk", "attempt_id", "response")
            if grading.text_matches(key, response.get("text", ""))
        ]
        _mark_correct([answer_id for answer_id, _attempt in raised], question.points)
        rescore(Attempt.objects.filter(pk__in={attempt for _answer, attempt in raised}))
        return Regrade.objects.create(
            question=question,
            action=Regrade.Action.ACCEPT_FOR_EVERYONE,
            text=text,
            answers_changed=len(raised),
            by=by,
        )


def count_for_nothing(question: Question, by) -> Regrade:
    """The question is worth nothing, in every attempt: recorded, in progress and to come."""
    with transaction.atomic():
        question = _locked(question)
        before = question.points
        if not before:
            raise CannotRegrade(_("This question already counts for nothing."))
        question.points = 0
        question.save(update_fields=["points"])
        earning = question.answers.exclude(points=0)
        changed = earning.update(points=Decimal(0))
        attempts = Attempt.objects.filter(quiz_id=question.quiz_id)
        attempts.update(max_score=Greatest(F("max_score") - before, Value(0)))
        rescore(attempts)
        return Regrade.objects.create(
            question=question,
            action=Regrade.Action.NO_CREDIT,
            points_before=before,
            answers_changed=changed,
            by=by,
        )


def accept_for_student(answer: Answer, by) -> Regrade:
    """One student's answer counts as correct, whatever the key says."""
    with transaction.atomic():
        question = _locked(answer.question)
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if answer.outcome == Answer.Outcome.CORRECT:
            raise CannotRegrade(_("This answer is already correct."))
        answer.question = question
        _mark_correct([answer.pk], question.points)
        rescore(Attempt.objects.filter(pk=answer.attempt_id))
        return Regrade.objects.create(
            question=question,
            action=Regrade.Action.ACCEPT_FOR_STUDENT,
            answer=answer,
            text=answer.display()[:500],
            answers_changed=1,
            by=by,
        )


def rescore(attempts) -> int:
    """Finished attempts' scores totalled again from their answers, in one UPDATE."""
    total = (
        Answer.objects.filter(attempt=OuterRef("pk"))
        .values("attempt")
        .annotate(total=Sum("points"))
        .values("total")
    )
    return attempts.exclude(finished_at=None).update(
        score=Coalesce(Subquery(total), Value(Decimal(0)))
    )


def _locked(question: Question) -> Question:
    # One change at a time per question: two teachers' changes never interleave.
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("fact")
        .prefetch_related("choices")
        .get(pk=question.pk)
    )


def _mark_correct(answer_ids: list[int], points: int) -> None:
    Answer.objects.filter(pk__in=answer_ids).update(
        outcome=Answer.Outcome.CORRECT, credit=Decimal(1), points=Decimal(points)
    )
