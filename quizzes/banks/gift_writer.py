"""Writing Moodle GIFT that Moodle imports and `parse_gift` reads back unchanged.

GIFT has no place for a question's points or a numeric unit, so they are written as comment
lines (`// points: 2`, `// unit: km`), which Moodle ignores and `parse_gift` reads back.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quizzes.banks.gift_syntax import escape
from quizzes.banks.records import BankError, BankQuestion
from quizzes.grading import Kind

# Texts a true/false choice may carry, so a question stored as True/False exports the right way.
_TRUE_WORDS = {"正しい", "正", "真", "○", "はい", "true", "t", "yes"}
_FALSE_WORDS = {"誤り", "誤", "偽", "×", "いいえ", "false", "f", "no"}


def _unwritable(q: BankQuestion, message: str | Promise) -> BankError:
    """A question the admin's checks predate: the teacher is told which one, and why."""
    return BankError(message, prompt=q.prompt[:40])


def _weight(n: int, sign: str = "") -> str:
    return sign + f"{100 / n:.5f}".rstrip("0").rstrip(".")


def _answer_text(text: str, feedback: str) -> str:
    return escape(text) + ("#" + escape(feedback) if feedback else "")


def _is_true(q: BankQuestion) -> bool:
    rights = [c for c in q.choices if c.correct]
    if len(q.choices) != 2 or len(rights) != 1:
        message = _('a true/false question needs two choices, one right: "%(prompt)s"')
        raise _unwritable(q, message)
    word = rights[0].text.strip().casefold()
    if word in _FALSE_WORDS:
        return False
    return word in _TRUE_WORDS or q.choices[0].correct


def _body(q: BankQuestion) -> str:
    if q.kind == Kind.SINGLE:
        if sum(c.correct for c in q.choices) != 1:
            message = _('a single-choice question needs one right choice: "%(prompt)s"')
            raise _unwritable(q, message)
        parts = [("=" if c.correct else "~") + _answer_text(c.text, c.feedback) for c in q.choices]
        return " ".join(parts)
    if q.kind == Kind.MULTIPLE:
        rights = sum(c.correct for c in q.choices)
        wrongs = len(q.choices) - rights
        if not rights:
            message = _('a multiple-answer question needs a right choice: "%(prompt)s"')
            raise _unwritable(q, message)
        parts = [
            f"~%{_weight(rights) if c.correct else _weight(wrongs, '-')}%"
            + _answer_text(c.text, c.feedback)
            for c in q.choices
        ]
        return " ".join(parts)
    if q.kind == Kind.TRUE_FALSE:
        truth = _is_true(q)
        right = next(c for c in q.choices if c.correct).feedback
        wrong = next(c for c in q.choices if not c.correct).feedback
        feedback = [escape(wrong), escape(right)]
        while feedback and not feedback[-1]:
            feedback.pop()
        return "".join(["T" if truth else "F", *("#" + f for f in feedback)])
    if q.kind == Kind.NUMERIC:
        if q.numeric_answer is None:
            raise _unwritable(q, _('a numeric question needs an answer: "%(prompt)s"'))
        return f"#{q.numeric_answer}:{q.tolerance}"
    if q.kind == Kind.TEXT:
        if not q.accepted_answers:
            message = _('a text question needs an accepted answer: "%(prompt)s"')
            raise _unwritable(q, message)
        return " ".join("=" + escape(a) for a in q.accepted_answers)
    raise BankError(_('unknown question kind "%(kind)s"'), kind=q.kind)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_gift(questions: Iterable[BankQuestion]) -> str:
    out: list[str] = []
    category = ""
    for q in questions:
        if q.category != category:
            category = q.category
            out.append(f"$CATEGORY: {_one_line(category)}\n")
        lines = []
        if q.points != 1:
            lines.append(f"// points: {q.points}")
        if q.unit:
            lines.append(f"// unit: {_one_line(q.unit)}")
        title = f"::{escape(q.title)}::" if q.title else ""
        general = "####" + escape(q.explanation) if q.explanation else ""
        lines.append(f"{title}{escape(q.prompt)} {{{_body(q)}{general}}}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)
