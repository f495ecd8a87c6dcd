"""Question banks as a flat CSV, one row per question, that Excel opens and saves.

The CSV has no column for per-choice feedback, so that feedback does not survive a round trip.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quizzes.banks.records import (
    BAD_NUMBER,
    BAD_POINTS,
    BAD_TOLERANCE,
    EMPTY_PROMPT,
    FALSE_TEXT,
    KINDS,
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
from quizzes.csvexport import FORMULA_STARTS
from quizzes.grading import Kind

CSV_HEADER = (
    "kind",
    "title",
    "prompt",
    "choices",
    "correct",
    "numeric_answer",
    "tolerance",
    "unit",
    "accepted_answers",
    "explanation",
    "points",
    "category",
)
LIST_SEPARATOR = " | "


def _join(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(i.replace("\\", "\\\\").replace("|", "\\|") for i in items)


def _split_list(cell: str) -> list[str]:
    if not cell.strip():
        return []
    items, start = [], 0
    i, n = 0, len(cell)
    while i < n:
        if cell[i] == "\\":
            i += 2
            continue
        if cell[i] == "|":
            items.append(cell[start:i])
            start = i + 1
        i += 1
    items.append(cell[start:])
    return [re.sub(r"\\([\\|])", r"\1", item).strip() for item in items]


def _neutralize(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in Excel; a leading ' keeps it text.
    # A cell already starting with ' gets one more, so parse_csv can strip exactly one.
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def _restore(cell: str) -> str:
    if cell.startswith("'") and cell[1:].startswith((*FORMULA_STARTS, "'")):
        return cell[1:]
    return cell


def to_csv(questions: Iterable[BankQuestion]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for q in questions:
        numeric = q.kind == Kind.NUMERIC
        writer.writerow(
            [
                q.kind,
                _neutralize(q.title),
                _neutralize(q.prompt),
                _neutralize(_join(c.text for c in q.choices)),
                LIST_SEPARATOR.join(str(n) for n, c in enumerate(q.choices, 1) if c.correct),
                "" if q.numeric_answer is None or not numeric else str(q.numeric_answer),
                str(q.tolerance) if numeric else "",
                _neutralize(q.unit),
                _neutralize(_join(q.accepted_answers)),
                _neutralize(q.explanation),
                str(q.points),
                _neutralize(q.category),
            ]
        )
    return buffer.getvalue()


def parse_csv(text: str) -> ParsedBank:
    questions: list[BankQuestion] = []
    problems: list[BankProblem] = []
    reader = csv.reader(io.StringIO(normalize(text)), strict=True)
    previous = 0
    header_seen = False
    try:
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if not header_seen:
                if tuple(cell.strip().lower() for cell in row) != CSV_HEADER:
                    message = _("the header must be exactly: %(header)s")
                    problem = BankProblem(start, message, {"header": ",".join(CSV_HEADER)})
                    return ParsedBank((), (problem,))
                header_seen = True
                continue
            if len(row) != len(CSV_HEADER):
                message = _("expected %(expected)s columns, found %(found)s")
                counts = {"expected": len(CSV_HEADER), "found": len(row)}
                problems.append(BankProblem(start, message, counts))
                continue
            try:
                questions.append(_question(_Row(dict(zip(CSV_HEADER, row, strict=True)), start)))
            except ProblemFound as found:
                problems.append(found.problem)
    except csv.Error:  # in strict mode: a quote left open, or text after a closing quote
        message = _(
            'the quotes (") in this row do not pair up: one is not closed, or text follows it'
        )
        problems.append(BankProblem(previous + 1, message))
    if not header_seen and not problems:
        problems.append(BankProblem(1, _("the file has no header row")))
    return ParsedBank(tuple(questions), tuple(problems))


class _Row:
    """One question's cells by column name, and its problems by line and column."""

    def __init__(self, cells: dict[str, str], line: int) -> None:
        self.cells = cells
        self.line = line

    def __getitem__(self, name: str) -> str:
        return _restore(self.cells[name].strip()).strip()

    def fail(self, column: str, message: str | Promise, **params: object) -> ProblemFound:
        position = CSV_HEADER.index(column) + 1
        return ProblemFound(BankProblem(self.line, message, params, position, column))


def _question(row: _Row) -> BankQuestion:
    kind = row["kind"].lower()
    if kind not in KINDS:
        message = _('unknown kind "%(kind)s" (expected %(kinds)s)')
        raise row.fail("kind", message, kind=row["kind"], kinds=", ".join(KINDS))
    prompt = row["prompt"]
    if not prompt:
        raise row.fail("prompt", EMPTY_PROMPT)
    points = whole_number(row["points"] or "1")
    if points is None:
        raise row.fail("points", BAD_POINTS, points=row["points"])
    choices: tuple[BankChoice, ...] = ()
    numeric_answer = None
    tolerance: Decimal | None = Decimal(0)
    accepted: tuple[str, ...] = ()
    if Kind(kind).uses_choices:
        choices = _choices(row, kind)
    elif kind == Kind.NUMERIC:
        numeric_answer = number(row["numeric_answer"])
        if numeric_answer is None:
            raise row.fail("numeric_answer", BAD_NUMBER, value=row["numeric_answer"])
        tolerance = number(row["tolerance"]) if row["tolerance"] else tolerance
        if tolerance is None:
            raise row.fail("tolerance", BAD_TOLERANCE, value=row["tolerance"])
        if tolerance < 0:
            raise row.fail("tolerance", NEGATIVE_TOLERANCE)
    else:
        accepted = tuple(_split_list(row["accepted_answers"]))
        if not accepted or any(not a for a in accepted):
            message = _("give at least one accepted answer, none empty")
            raise row.fail("accepted_answers", message)
    return BankQuestion(
        kind=kind,
        prompt=prompt,
        title=row["title"],
        category=row["category"],
        explanation=row["explanation"],
        points=points,
        choices=choices,
        numeric_answer=numeric_answer,
        tolerance=tolerance,
        unit=row["unit"],
        accepted_answers=accepted,
        line=row.line,
    )


def _choices(row: _Row, kind: str) -> tuple[BankChoice, ...]:
    texts = _split_list(row["choices"])
    if kind == Kind.TRUE_FALSE and not texts:
        texts = [TRUE_TEXT, FALSE_TEXT]
    if any(not t for t in texts):
        raise row.fail("choices", _("a choice is empty"))
    if kind == Kind.TRUE_FALSE and len(texts) != 2:
        message = _("a true/false question has two choices, found %(count)s")
        raise row.fail("choices", message, count=len(texts))
    if len(texts) < 2:
        raise row.fail("choices", _("a question with choices needs at least two"))
    positions = set()
    for item in _split_list(row["correct"]):
        n = number(item)
        if n is None or n != n.to_integral_value() or not 1 <= n <= len(texts):
            message = _('"%(item)s" is not a choice number from 1 to %(count)s')
            raise row.fail("correct", message, item=item, count=len(texts))
        positions.add(int(n))
    if not positions:
        raise row.fail("correct", _("give the number of the right choice"))
    if kind != Kind.MULTIPLE and len(positions) != 1:
        message = (
            _("a true/false question needs exactly one right choice")
            if kind == Kind.TRUE_FALSE
            else _("a single-choice question needs exactly one right choice")
        )
        raise row.fail("correct", message)
    return tuple(BankChoice(t, n in positions) for n, t in enumerate(texts, start=1))
