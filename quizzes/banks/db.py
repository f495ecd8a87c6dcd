"""Question banks in and out of the database: a quiz's questions as bank records and back."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from quizzes.banks.records import BankChoice, BankQuestion
from quizzes.models import Question, Quiz


def to_bank(questions: Iterable[Question]) -> list[BankQuestion]:
    """The quiz's questions as bank questions; their choices must be prefetched."""
    return [
        BankQuestion(
            kind=q.kind,
            prompt=q.prompt,
            explanation=q.explanation,
            points=q.points,
            choices=tuple(BankChoice(c.text, c.is_correct) for c in q.choices.all()),
            numeric_answer=q.numeric_answer,
            tolerance=q.tolerance or Decimal(0),
            unit=q.unit,
            accepted_answers=q.accepted_answer_list(),
        )
        for q in questions
    ]


def add_to_quiz(quiz: Quiz, questions: Iterable[BankQuestion]) -> list[Question]:
    """All or nothing: every question is added after the quiz's last one, or none is."""
    return quiz.append_questions(
        (
            Question(
                kind=item.kind,
                prompt=item.prompt,
                explanation=item.explanation,
                points=item.points,
                numeric_answer=item.numeric_answer,
                tolerance=item.tolerance,
                unit=item.unit[:20],
                accepted_answers="\n".join(item.accepted_answers),
            ),
            [(choice.text[:500], choice.correct) for choice in item.choices],
        )
        for item in questions
    )
