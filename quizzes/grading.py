"""Grading as pure code: an answer key and what the student submitted in, a verdict out.

No ORM here, so every rule is tested on plain data and reused by views, admin and imports.

Multiple-answer rule (partial credit, as Moodle's multiple-answer questions): each correct option
picked earns 1/k of the points (k = number of correct options), each wrong option picked takes
1/w away (w = number of wrong options), and the credit never drops below zero. Picking every
option therefore earns nothing, unless every option is correct.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum


class Kind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    NUMERIC = "numeric"
    TEXT = "text"

    @property
    def uses_choices(self) -> bool:
        return self in {Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE}


class Outcome(StrEnum):
    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"


@dataclass(frozen=True)
class AnswerKey:
    kind: Kind
    correct_choice_ids: frozenset[int] = frozenset()
    choice_ids: frozenset[int] = frozenset()  # every option, right and wrong
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    unit: str = ""
    accepted_answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    choice_ids: frozenset[int] = field(default_factory=frozenset)
    text: str = ""


@dataclass(frozen=True)
class Verdict:
    credit: Decimal  # share of the question's points earned, 0 to 1

    @property
    def outcome(self) -> Outcome:
        if self.credit >= 1:
            return Outcome.CORRECT
        if self.credit > 0:
            return Outcome.PARTIAL
        return Outcome.INCORRECT

    def points(self, possible: Decimal | int) -> Decimal:
        return (Decimal(possible) * self.credit).quantize(Decimal("0.01"), ROUND_HALF_UP)


CORRECT = Verdict(Decimal(1))
INCORRECT = Verdict(Decimal(0))


def grade(key: AnswerKey, response: Response) -> Verdict:
    if key.kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        right = key.correct_choice_ids and response.choice_ids == key.correct_choice_ids
        return CORRECT if right else INCORRECT
    if key.kind == Kind.MULTIPLE:
        wrong_options = len(key.choice_ids - key.correct_choice_ids)
        return _grade_multiple(key.correct_choice_ids, response.choice_ids, wrong_options)
    if key.kind == Kind.NUMERIC:
        value = parse_number(response.text, unit=key.unit)
        if value is None or key.numeric_answer is None:
            return INCORRECT
        return CORRECT if abs(value - key.numeric_answer) <= key.tolerance else INCORRECT
    if key.kind == Kind.TEXT:
        given = normalize_text(response.text)
        accepted = {normalize_text(answer) for answer in key.accepted_answers}
        return CORRECT if given and given in accepted else INCORRECT
    raise ValueError(f"unknown question kind {key.kind!r}")


def _grade_multiple(correct: frozenset[int], picked: frozenset[int], wrong_options: int) -> Verdict:
    if not correct:
        return INCORRECT
    right = len(picked & correct)
    wrong = len(picked - correct)
    # Without the list of options, a wrong pick costs as much as a right one earns.
    penalty = Decimal(wrong) / (wrong_options or len(correct)) if wrong else Decimal(0)
    credit = max(Decimal(0), Decimal(right) / len(correct) - penalty)
    return Verdict(credit.quantize(Decimal("0.0001"), ROUND_HALF_UP))


def normalize_text(text: str) -> str:
    """NFKC, no white space at all, case-folded: ＤｅＦｉ, defi and "De Fi" are one answer."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(folded.split())


_MULTIPLIERS = {"兆": Decimal(10) ** 12, "億": Decimal(10) ** 8, "万": Decimal(10) ** 4}
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:,\d{3})*|\d*)(?:\.\d+)?")
_KANJI_NUMBER = re.compile(r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+)(?P<unit>[兆億万])")


def parse_number(text: str, unit: str = "") -> Decimal | None:
    """Read a typed number: full-width digits, thousands commas, 兆/億/万 and the question's unit.

    "16億5,050万", "１６億５０５０万ドル" and "1,650,500,000" all read as 1650500000. Returns None
    for anything that is not a number, so the caller can tell the student so.
    """
    s = "".join(unicodedata.normalize("NFKC", text).split())
    s = s.replace("\u2212", "-")  # the minus sign NFKC leaves alone
    unit = "".join(unicodedata.normalize("NFKC", unit).split())
    if unit and s.endswith(unit) and len(s) > len(unit):
        s = s[: -len(unit)]
    if not s or len(s) > 40:
        return None
    sign = Decimal(1)
    if s[0] in "+-":
        sign = Decimal(-1) if s[0] == "-" else Decimal(1)
        s = s[1:]
    if any(mark in s for mark in _MULTIPLIERS):
        return _parse_kanji_number(s, sign)
    if not s or not _PLAIN_NUMBER.fullmatch(s) or not any(ch.isdigit() for ch in s):
        return None
    try:
        return sign * Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def _parse_kanji_number(s: str, sign: Decimal) -> Decimal | None:
    total = Decimal(0)
    position = 0
    last_multiplier = None
    for match in _KANJI_NUMBER.finditer(s):
        if match.start() != position:
            return None
        multiplier = _MULTIPLIERS[match["unit"]]
        if last_multiplier is not None and multiplier >= last_multiplier:
            return None  # 5万3億 is not a number
        total += Decimal(match["num"].replace(",", "")) * multiplier
        last_multiplier = multiplier
        position = match.end()
    rest = s[position:]
    if rest:
        if not re.fullmatch(r"\d+(?:,\d{3})*", rest) or last_multiplier is None:
            return None
        total += Decimal(rest.replace(",", ""))
    if last_multiplier is None:
        return None
    return sign * total
