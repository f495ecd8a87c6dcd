"""Question banks as a flat CSV, one row per question, that Excel opens and saves.

The CSV has no column for per-choice feedback, so that feedback does not survive a round trip.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from quizzes.banks.records import (
    FALSE_TEXT,
    KINDS,
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
        numeric = q.kind == "numeric"
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
                    message = "the header must be exactly: " + ",".join(CSV_HEADER)
                    return ParsedBank((), (BankProblem(start, f"line {start}: {message}"),))
                header_seen = True
                continue
            if len(row) != len(CSV_HEADER):
                message = f"expected {len(CSV_HEADER)} columns, found {len(row)}"
                problems.append(BankProblem(start, f"line {start}: {message}"))
                continue
            try:
                questions.append(_question(_Row(dict(zip(CSV_HEADER, row, strict=True)), start)))
            except ProblemFound as found:
                problems.append(found.problem)
    except csv.Error as exc:
        line = previous + 1
        problems.append(BankProblem(line, f"line {line}: broken quoting ({exc})"))
    if not header_seen and not problems:
        problems.append(BankProblem(1, "line 1: the file has no header row"))
    return ParsedBank(tuple(questions), tuple(problems))


class _Row:
    """One question's cells by column name, and its problems by line and column."""

    def __init__(self, cells: dict[str, str], line: int) -> None:
        self.cells = cells
        self.line = line

    def __getitem__(self, name: str) -> str:
        return _restore(self.cells[name].strip()).strip()

    def fail(self, column: str, message: str) -> ProblemFound:
        return ProblemFound(BankProblem(self.line, f"line {self.line}, column {column}: {message}"))


def _question(row: _Row) -> BankQuestion:
    kind = row["kind"].lower()
    if kind not in KINDS:
        raise row.fail("kind", f'unknown kind "{row["kind"]}" (expected {", ".join(KINDS)})')
    prompt = row["prompt"]
    if not prompt:
        raise row.fail("prompt", "the question text is empty")
    points = 1
    if row["points"]:
        points = whole_number(row["points"])
        if points is None:
            raise row.fail("points", f'"{row["points"]}" must be a whole number, 1 or more')
    choices: tuple[BankChoice, ...] = ()
    numeric_answer = None
    tolerance: Decimal | None = Decimal(0)
    accepted: tuple[str, ...] = ()
    if kind in ("single", "multiple", "true_false"):
        choices = _choices(row, kind)
    elif kind == "numeric":
        numeric_answer = number(row["numeric_answer"])
        if numeric_answer is None:
            raise row.fail("numeric_answer", f'"{row["numeric_answer"]}" is not a number')
        tolerance = number(row["tolerance"]) if row["tolerance"] else tolerance
        if tolerance is None:
            raise row.fail("tolerance", f'"{row["tolerance"]}" is not a number')
        if tolerance < 0:
            raise row.fail("tolerance", "the tolerance must not be negative")
    else:
        accepted = tuple(_split_list(row["accepted_answers"]))
        if not accepted or any(not a for a in accepted):
            raise row.fail("accepted_answers", "give at least one accepted answer, none empty")
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
    if kind == "true_false" and not texts:
        texts = [TRUE_TEXT, FALSE_TEXT]
    if any(not t for t in texts):
        raise row.fail("choices", "a choice is empty")
    if kind == "true_false" and len(texts) != 2:
        raise row.fail("choices", f"a true/false question has two choices, found {len(texts)}")
    if len(texts) < 2:
        raise row.fail("choices", "a question with choices needs at least two")
    positions = set()
    for item in _split_list(row["correct"]):
        n = number(item)
        if n is None or n != n.to_integral_value() or not 1 <= n <= len(texts):
            raise row.fail("correct", f'"{item}" is not a choice number from 1 to {len(texts)}')
        positions.add(int(n))
    if not positions:
        raise row.fail("correct", "give the number of the right choice")
    if kind != "multiple" and len(positions) != 1:
        raise row.fail("correct", f"a {kind} question needs exactly one right choice")
    return tuple(BankChoice(t, n in positions) for n, t in enumerate(texts, start=1))
