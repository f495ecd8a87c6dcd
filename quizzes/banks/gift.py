"""Reading Moodle GIFT, as https://docs.moodle.org/en/GIFT_format writes it.

Besides Moodle's syntax, `// points: 2` and `// unit: km` comment lines before a question set
its points and unit: GIFT has no place for them, and `to_gift` writes them that way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quizzes.banks.gift_syntax import find, find_sequence, split, unescape
from quizzes.banks.records import (
    BAD_NUMBER,
    BAD_POINTS,
    BAD_TOLERANCE,
    BLANK,
    EMPTY_PROMPT,
    FALSE_TEXT,
    NEGATIVE_TOLERANCE,
    TRUE_TEXT,
    BankChoice,
    BankProblem,
    BankQuestion,
    ParsedBank,
    ProblemFound,
    normalize,
    number,
    whole_number,
)
from quizzes.grading import Kind

_FORMAT = re.compile(r"\s*\[(?:html|moodle|plain|markdown)\]", re.I)
_META = re.compile(r"//\s*(points|unit):\s*(.*)$")
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = re.compile(r"(TRUE|FALSE|T|F)(?=\s*(?:#|$))", re.I)
_CATEGORY_CONTEXT = re.compile(r"^(?:\$\w+\$/)?(?:top/)?")


class Line(NamedTuple):
    number: int  # 1-based, in the whole file
    text: str


class Position(NamedTuple):
    line: int
    # 1-based character in that line: the one at fault, or the brace opening the faulty answer
    column: int | None = None


class _Block:
    """One question's lines as one text, with the way back from an index to its line."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.text = "\n".join(line.text for line in lines)
        self.starts = list(accumulate((len(line.text) + 1 for line in lines[:-1]), initial=0))
        self.start = Position(lines[0].number)

    def position(self, index: int) -> Position:
        k = bisect_right(self.starts, index) - 1
        return Position(self.lines[k].number, index - self.starts[k] + 1)


@dataclass(frozen=True)
class _Key:
    """What a question's braces hold: its kind, what grades it and the feedback."""

    kind: str
    choices: tuple[BankChoice, ...] = ()
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    accepted_answers: tuple[str, ...] = ()
    explanation: str = ""


def _full_credit(weight: Decimal | None) -> bool:
    """An answer with no %weight% counts in full, as one weighted 100%."""
    return weight is None or weight == 100


class _Option(NamedTuple):
    mark: str  # "=" right, "~" wrong or weighted
    weight: Decimal | None
    text: str
    feedback: str

    @property
    def full_credit(self) -> bool:
        return _full_credit(self.weight)


class _Number(NamedTuple):
    value: Decimal
    tolerance: Decimal
    feedback: str
    weight: Decimal | None = None

    @property
    def full_credit(self) -> bool:
        return _full_credit(self.weight)


def _fail(
    at: Position, message: str | Promise, *, unsupported: bool = False, **params: object
) -> ProblemFound:
    problem = BankProblem(at.line, message, params, column=at.column, unsupported=unsupported)
    return ProblemFound(problem)


def _blocks(text: str) -> Iterator[list[Line]]:
    """Runs of non-blank lines: GIFT separates questions with a blank line."""
    block: list[Line] = []
    for n, text_line in enumerate(text.split("\n"), start=1):
        if text_line.strip():
            block.append(Line(n, text_line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def parse_gift(text: str) -> ParsedBank:
    questions: list[BankQuestion] = []
    problems: list[BankProblem] = []
    category = ""
    for block in _blocks(normalize(text)):
        lines: list[Line] = []
        meta: dict[str, str] = {}
        for line in block:
            stripped = line.text.strip()
            if stripped.startswith("//"):
                if m := _META.match(stripped):
                    meta[m.group(1)] = m.group(2).strip()
                continue
            if stripped.startswith("$CATEGORY:"):
                category = _CATEGORY_CONTEXT.sub("", stripped[len("$CATEGORY:") :].strip())
                continue
            lines.append(line)
        if not lines:
            continue
        try:
            questions.append(_question(_Block(lines), category, meta))
        except ProblemFound as found:
            problems.append(found.problem)
    return ParsedBank(tuple(questions), tuple(problems))


def _question(block: _Block, category: str, meta: dict[str, str]) -> BankQuestion:
    raw = block.text
    pos, title = 0, ""
    lead = len(raw) - len(raw.lstrip())
    if raw.startswith("::", lead):
        end = find_sequence(raw, "::", lead + 2)
        if end < 0:
            raise _fail(block.position(lead), _("the title is not closed with ::"))
        title = unescape(raw[lead + 2 : end]).strip()
        pos = end + 2
    if m := _FORMAT.match(raw, pos):
        pos = m.end()
    opening = find(raw, "{", pos)
    stray = find(raw[: len(raw) if opening < 0 else opening], "}", pos)
    if stray >= 0:
        raise _fail(block.position(stray), _("a } has no matching {"))
    if opening < 0:
        message = _("a description (text with no answer in { }) is not supported")
        raise _fail(block.start, message, unsupported=True)
    closing = find(raw, "}", opening + 1)
    nested = find(raw, "{", opening + 1)
    if closing < 0 or 0 <= nested < closing:
        raise _fail(block.position(opening), _("the answer brace { is not closed with }"))
    after = raw[closing + 1 :]
    if find(after, "{") >= 0:
        message = _("a question with several answer blanks is not supported")
        raise _fail(block.start, message, unsupported=True)
    if (stray := find(after, "}")) >= 0:
        raise _fail(block.position(closing + 1 + stray), _("a } has no matching {"))
    before = raw[pos:opening]
    if after.strip():  # missing word: the answer stands inside the sentence
        before = before + BLANK + after
    prompt = unescape(before).strip()
    if not prompt:
        raise _fail(block.start, EMPTY_PROMPT)
    points = whole_number(meta.get("points", "1"))
    if points is None:
        raise _fail(block.start, BAD_POINTS, points=meta["points"])
    key = _key(raw[opening + 1 : closing], block.position(opening))
    return BankQuestion(
        kind=key.kind,
        prompt=prompt,
        title=title,
        category=category,
        explanation=key.explanation,
        points=points,
        choices=key.choices,
        numeric_answer=key.numeric_answer,
        tolerance=key.tolerance,
        unit=meta.get("unit", ""),
        accepted_answers=key.accepted_answers,
        line=block.start.line,
    )


def _key(answer: str, at: Position) -> _Key:
    cut = find_sequence(answer, "####")
    general = unescape(answer[cut + 4 :]).strip() if cut >= 0 else ""
    body = (answer[:cut] if cut >= 0 else answer).strip()
    if not body:
        raise _fail(at, _("an essay question ({}) is not supported"), unsupported=True)
    if body.startswith("#"):
        return _numeric(body[1:], general, at)
    if m := _TRUE_FALSE.match(body):
        truth = m.group(1).upper().startswith("T")
        feedback = [unescape(f).strip() for f in split(body[m.end() :], "#")[1:]]
        wrong_fb = feedback[0] if feedback else ""
        right_fb = "#".join(feedback[1:])
        choices = (
            BankChoice(TRUE_TEXT, truth, right_fb if truth else wrong_fb),
            BankChoice(FALSE_TEXT, not truth, wrong_fb if truth else right_fb),
        )
        return _Key(Kind.TRUE_FALSE, choices=choices, explanation=general)
    return _choices(body, general, at)


def _options(body: str, at: Position) -> list[_Option]:
    marks: list[int] = []
    i = 0
    while (i := find(body, "=~", i)) >= 0:
        marks.append(i)
        i += 1
    if not marks or body[: marks[0]].strip():
        raise _fail(at, _("each answer must start with = or ~ (or write T, F or #number)"))
    options = []
    for k, start in enumerate(marks):
        chunk = body[start + 1 : marks[k + 1] if k + 1 < len(marks) else len(body)]
        if body[start] == "=" and find_sequence(chunk, "->") >= 0:
            message = _("a matching question (a -> b) is not supported")
            raise _fail(at, message, unsupported=True)
        weight = None
        if m := _WEIGHT.match(chunk):
            weight = Decimal(m.group(1))
            chunk = chunk[m.end() :]
        hash_at = find(chunk, "#")
        text = unescape(chunk if hash_at < 0 else chunk[:hash_at]).strip()
        feedback = "" if hash_at < 0 else unescape(chunk[hash_at + 1 :]).strip()
        if not text:
            raise _fail(at, _("an answer is empty"))
        options.append(_Option(body[start], weight, text, feedback))
    return options


def _choices(body: str, general: str, at: Position) -> _Key:
    options = _options(body, at)
    if all(o.mark == "=" for o in options):  # short answer
        full = [o for o in options if o.full_credit]
        if not full:
            raise _fail(at, _("a short-answer question needs a full-credit answer (=)"))
        feedback = "\n".join(dict.fromkeys(o.feedback for o in full if o.feedback))
        accepted = tuple(o.text for o in full)
        return _Key(Kind.TEXT, accepted_answers=accepted, explanation=general or feedback)
    if any(o.mark == "=" for o in options):  # one right option, the others wrong
        rights = [o for o in options if o.mark == "="]
        if len(rights) > 1:
            message = _(
                "a multiple-choice question needs exactly one right answer (=), found "
                "%(count)s; use ~%%50%% weights for several right answers"
            )
            raise _fail(at, message, count=len(rights))
        # Moodle gives a weighted wrong option partial credit; a single-choice key cannot.
        partial = any(
            o.weight is not None and (o.weight != 100 if o.mark == "=" else o.weight > 0)
            for o in options
        )
        if partial:
            message = _("partial credit in a one-answer question is not supported")
            raise _fail(at, message, unsupported=True)
        choices = tuple(BankChoice(o.text, o.mark == "=", o.feedback) for o in options)
        return _Key(Kind.SINGLE, choices=choices, explanation=general)
    choices = tuple(
        BankChoice(o.text, o.weight is not None and o.weight > 0, o.feedback) for o in options
    )
    if not any(c.correct for c in choices):
        message = _("a multiple-choice question needs one right answer (=) or a positive weight")
        raise _fail(at, message)
    return _Key(Kind.MULTIPLE, choices=choices, explanation=general)


def _numeric(body: str, general: str, at: Position) -> _Key:
    body = body.strip()
    if not body:
        raise _fail(at, _("a numeric question needs a number after #"))
    if body.startswith("="):
        answers = []
        for chunk in split(body, "=")[1:]:
            weight = None
            if m := _WEIGHT.match(chunk):
                weight = Decimal(m.group(1))
                chunk = chunk[m.end() :]
            answers.append(_number(chunk, at)._replace(weight=weight))
        full = [a for a in answers if a.full_credit]
        if not full:
            raise _fail(at, _("a numeric question needs a full-credit answer"))
        if len(full) > 1:
            message = _("a numeric question with several full-credit answers is not supported")
            raise _fail(at, message, unsupported=True)
        # The partial-credit answers are dropped: the app grades a numeric answer right or wrong.
        answer = full[0]
    else:
        answer = _number(body, at)
    return _Key(
        Kind.NUMERIC,
        numeric_answer=answer.value,
        tolerance=answer.tolerance,
        explanation=general or answer.feedback,
    )


def _number(chunk: str, at: Position) -> _Number:
    hash_at = find(chunk, "#")
    feedback = "" if hash_at < 0 else unescape(chunk[hash_at + 1 :]).strip()
    spec = unescape(chunk if hash_at < 0 else chunk[:hash_at]).strip()
    if ".." in spec:
        low_text, high_text = spec.split("..", 1)
        low, high = number(low_text), number(high_text)
        if low is None or high is None:
            raise _fail(at, _('the range "%(range)s" is not two numbers (min..max)'), range=spec)
        if low > high:
            raise _fail(at, _('the range "%(range)s" runs backwards'), range=spec)
        return _Number((low + high) / 2, (high - low) / 2, feedback)
    value_text, _colon, tolerance_text = spec.partition(":")
    value = number(value_text)
    if value is None:
        raise _fail(at, BAD_NUMBER, value=value_text.strip())
    tolerance = number(tolerance_text) if tolerance_text.strip() else Decimal(0)
    if tolerance is None:
        raise _fail(at, BAD_TOLERANCE, value=tolerance_text.strip())
    if tolerance < 0:
        raise _fail(at, NEGATIVE_TOLERANCE)
    return _Number(value, tolerance, feedback)
