"""Question banks as text: Moodle GIFT and a flat CSV, read and written without the database.

Parsing never raises on bad input: each question that cannot be read becomes a BankProblem
naming its line, so the teacher sees every mistake in one upload rather than one per try.
Kinds this app cannot hold (matching, essay, description, ...) are problems marked
`unsupported`: the import may skip them once the teacher confirms, while real errors block it.

GIFT follows https://docs.moodle.org/en/GIFT_format. GIFT has no place for a question's points
or a numeric unit, so `to_gift` writes them as comment lines (`// points: 2`, `// unit: km`),
which Moodle ignores and `parse_gift` reads back. The CSV has no column for per-choice feedback,
so that feedback does not survive a CSV round trip.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .csvexport import FORMULA_STARTS

TRUE_TEXT = "正しい"
FALSE_TEXT = "誤り"
BLANK = "＿＿＿"  # where a missing-word question's braces stood
KINDS = ("single", "multiple", "true_false", "numeric", "text")
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

# Texts a true/false choice may carry, so a question stored as True/False exports the right way.
_TRUE_WORDS = {"正しい", "正", "真", "○", "はい", "true", "t", "yes"}
_FALSE_WORDS = {"誤り", "誤", "偽", "×", "いいえ", "false", "f", "no"}


@dataclass(frozen=True)
class BankChoice:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class BankQuestion:
    kind: str
    prompt: str
    title: str = ""
    category: str = ""
    explanation: str = ""
    points: int = 1
    choices: tuple[BankChoice, ...] = ()
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    unit: str = ""
    accepted_answers: tuple[str, ...] = ()
    line: int = 0  # 1-based line where the question starts in the source


@dataclass(frozen=True)
class BankProblem:
    line: int
    message: str
    unsupported: bool = False  # a kind the app cannot hold: skippable once the teacher confirms


@dataclass(frozen=True)
class ParsedBank:
    questions: tuple[BankQuestion, ...]
    problems: tuple[BankProblem, ...]

    @property
    def errors(self) -> tuple[BankProblem, ...]:
        return tuple(p for p in self.problems if not p.unsupported)


class _Problem(Exception):
    """Raised inside one question's parsing; the loop turns it into a BankProblem."""

    def __init__(self, line: int, message: str, unsupported: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.unsupported = unsupported


# --- uploads -------------------------------------------------------------------------------


def decode_upload(data: bytes) -> str:
    """The upload as text. Only UTF-8 (with or without BOM): guessing Shift_JIS mangles silently."""
    if not data.strip():
        raise ValueError("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("the file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise ValueError("the file is binary (it contains NUL bytes), not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save it as UTF-8 (in Excel: CSV UTF-8)"
        ) from None
    if not text.strip():
        raise ValueError("the file is empty")
    return text


def _normalize(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _number(text: str) -> Decimal | None:
    """A finite Decimal, full-width digits allowed (Japanese IMEs type them), or None."""
    try:
        value = Decimal(unicodedata.normalize("NFKC", text).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


# --- GIFT escapes ----------------------------------------------------------------------------

# `\\`, `\>`, `\%`, `\[` and `\/` are ours, so any text survives a round trip: `->` would read as
# matching, a leading `%` as a weight, `[html]` as a format marker and `//` as a comment.
_ESCAPABLE = frozenset("~=#{}:\\>%[/")
_ESCAPE = re.compile(r"\\(.)", re.S)


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw

    def one(m: re.Match[str]) -> str:
        c = m.group(1)
        if c == "n":
            return "\n"
        return c if c in _ESCAPABLE else m.group(0)

    return _ESCAPE.sub(one, raw)


_GIFT_SPECIAL = re.compile(r"[\\~=#{}:\n]")


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _GIFT_SPECIAL.sub(lambda m: "\\n" if m.group(0) == "\n" else "\\" + m.group(0), text)
    text = text.replace("->", "-\\>")
    if text.startswith(("%", "[", "/")):
        text = "\\" + text
    return text


def _find(raw: str, targets: str, start: int = 0) -> int:
    """Index of the first unescaped character of `targets` at or after `start`, or -1."""
    i, n = start, len(raw)
    while i < n:
        c = raw[i]
        if c == "\\":
            i += 2
            continue
        if c in targets:
            return i
        i += 1
    return -1


def _find_seq(raw: str, seq: str, start: int = 0) -> int:
    i, n = start, len(raw)
    while i < n:
        if raw[i] == "\\":
            i += 2
            continue
        if raw.startswith(seq, i):
            return i
        i += 1
    return -1


def _split(raw: str, sep: str) -> list[str]:
    parts, start = [], 0
    while (i := _find(raw, sep, start)) >= 0:
        parts.append(raw[start:i])
        start = i + 1
    parts.append(raw[start:])
    return parts


# --- GIFT in ---------------------------------------------------------------------------------

_FORMAT = re.compile(r"\s*\[(?:html|moodle|plain|markdown)\]", re.I)
_META = re.compile(r"//\s*(points|unit):\s*(.*)$")
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = re.compile(r"(TRUE|FALSE|T|F)(?=\s*(?:#|$))", re.I)
_CATEGORY_CONTEXT = re.compile(r"^(?:\$\w+\$/)?(?:top/)?")


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def parse_gift(text: str) -> ParsedBank:
    questions: list[BankQuestion] = []
    problems: list[BankProblem] = []
    category = ""
    for block in _blocks(_normalize(text)):
        lines: list[tuple[int, str]] = []
        meta: dict[str, str] = {}
        for number, line in block:
            stripped = line.strip()
            if stripped.startswith("//"):
                if m := _META.match(stripped):
                    meta[m.group(1)] = m.group(2).strip()
                continue
            if stripped.startswith("$CATEGORY:"):
                category = _CATEGORY_CONTEXT.sub("", stripped[len("$CATEGORY:") :].strip())
                continue
            lines.append((number, line))
        if not lines:
            continue
        try:
            questions.append(_gift_question(lines, category, meta))
        except _Problem as p:
            problems.append(BankProblem(p.line, f"line {p.line}: {p.message}", p.unsupported))
    return ParsedBank(tuple(questions), tuple(problems))


def _gift_question(
    lines: list[tuple[int, str]], category: str, meta: dict[str, str]
) -> BankQuestion:
    raw = "\n".join(line for _, line in lines)
    starts, offset = [], 0
    for _, line in lines:
        starts.append(offset)
        offset += len(line) + 1

    def line_at(index: int) -> int:
        return lines[bisect_right(starts, index) - 1][0]

    first = lines[0][0]
    pos, title = 0, ""
    lead = len(raw) - len(raw.lstrip())
    if raw.startswith("::", lead):
        end = _find_seq(raw, "::", lead + 2)
        if end < 0:
            raise _Problem(first, "the title is not closed with ::")
        title = _unescape(raw[lead + 2 : end]).strip()
        pos = end + 2
    if m := _FORMAT.match(raw, pos):
        pos = m.end()
    opening = _find(raw, "{", pos)
    stray = _find(raw[: len(raw) if opening < 0 else opening], "}", pos)
    if stray >= 0:
        raise _Problem(line_at(stray), "a } has no matching {")
    if opening < 0:
        raise _Problem(first, "a description (text with no answer in { }) is not supported", True)
    closing = _find(raw, "}", opening + 1)
    nested = _find(raw, "{", opening + 1)
    if closing < 0 or 0 <= nested < closing:
        raise _Problem(line_at(opening), "the answer brace { is not closed with }")
    after = raw[closing + 1 :]
    if _find(after, "{") >= 0:
        raise _Problem(first, "a question with several answer blanks is not supported", True)
    if _find(after, "}") >= 0:
        raise _Problem(line_at(closing + 1 + _find(after, "}")), "a } has no matching {")
    before = raw[pos:opening]
    if after.strip():  # missing word: the answer stands inside the sentence
        before = before + BLANK + after
    prompt = _unescape(before).strip()
    if not prompt:
        raise _Problem(first, "the question text is empty")
    points = 1
    if "points" in meta:
        number = _number(meta["points"])
        if number is None or number != number.to_integral_value() or number < 1:
            raise _Problem(first, f'points "{meta["points"]}" must be a whole number, 1 or more')
        points = int(number)
    fields = _gift_answer(raw[opening + 1 : closing], line_at(opening))
    return BankQuestion(
        prompt=prompt,
        title=title,
        category=category,
        points=points,
        unit=meta.get("unit", ""),
        line=first,
        **fields,
    )


def _gift_answer(answer: str, line: int) -> dict:
    cut = _find_seq(answer, "####")
    general = _unescape(answer[cut + 4 :]).strip() if cut >= 0 else ""
    body = (answer[:cut] if cut >= 0 else answer).strip()
    if not body:
        raise _Problem(line, "an essay question ({}) is not supported", True)
    if body.startswith("#"):
        return _gift_numeric(body[1:], general, line)
    if m := _TRUE_FALSE.match(body):
        truth = m.group(1).upper().startswith("T")
        feedback = [_unescape(f).strip() for f in _split(body[m.end() :], "#")[1:]]
        wrong_fb = feedback[0] if feedback else ""
        right_fb = "#".join(feedback[1:])
        choices = (
            BankChoice(TRUE_TEXT, truth, right_fb if truth else wrong_fb),
            BankChoice(FALSE_TEXT, not truth, wrong_fb if truth else right_fb),
        )
        return {"kind": "true_false", "choices": choices, "explanation": general}
    return _gift_choices(body, general, line)


def _gift_choices(body: str, general: str, line: int) -> dict:
    marks: list[int] = []
    i = 0
    while (i := _find(body, "=~", i)) >= 0:
        marks.append(i)
        i += 1
    if not marks or body[: marks[0]].strip():
        raise _Problem(line, "each answer must start with = or ~ (or write T, F or #number)")
    answers = []  # (mark, weight, text, feedback)
    for k, start in enumerate(marks):
        chunk = body[start + 1 : marks[k + 1] if k + 1 < len(marks) else len(body)]
        if body[start] == "=" and _find_seq(chunk, "->") >= 0:
            raise _Problem(line, "a matching question (a -> b) is not supported", True)
        weight = None
        if m := _WEIGHT.match(chunk):
            weight = Decimal(m.group(1))
            chunk = chunk[m.end() :]
        hash_at = _find(chunk, "#")
        text = _unescape(chunk if hash_at < 0 else chunk[:hash_at]).strip()
        feedback = "" if hash_at < 0 else _unescape(chunk[hash_at + 1 :]).strip()
        if not text:
            raise _Problem(line, "an answer is empty")
        answers.append((body[start], weight, text, feedback))

    if all(mark == "=" for mark, *_ in answers):  # short answer
        full = [a for a in answers if a[1] is None or a[1] == 100]
        if not full:
            raise _Problem(line, "a short-answer question needs a full-credit answer (=)")
        feedback = "\n".join(dict.fromkeys(a[3] for a in full if a[3]))
        return {
            "kind": "text",
            "accepted_answers": tuple(a[2] for a in full),
            "explanation": general or feedback,
        }
    if any(mark == "=" for mark, *_ in answers):  # one right option, the others wrong
        rights = [a for a in answers if a[0] == "="]
        if len(rights) > 1:
            raise _Problem(
                line,
                f"a multiple-choice question needs exactly one right answer (=), "
                f"found {len(rights)}; use ~%50% weights for several right answers",
            )
        # Moodle gives a weighted wrong option partial credit; a single-choice key cannot.
        partial = any(
            a[1] is not None and (a[1] != 100 if a[0] == "=" else a[1] > 0) for a in answers
        )
        if partial:
            raise _Problem(line, "partial credit in a one-answer question is not supported", True)
        choices = tuple(BankChoice(a[2], a[0] == "=", a[3]) for a in answers)
        return {"kind": "single", "choices": choices, "explanation": general}
    choices = tuple(BankChoice(a[2], a[1] is not None and a[1] > 0, a[3]) for a in answers)
    if not any(c.correct for c in choices):
        raise _Problem(
            line, "a multiple-choice question needs one right answer (=) or a positive weight"
        )
    return {"kind": "multiple", "choices": choices, "explanation": general}


def _gift_numeric(body: str, general: str, line: int) -> dict:
    body = body.strip()
    if not body:
        raise _Problem(line, "a numeric question needs a number after #")
    if body.startswith("="):
        answers = []
        for chunk in _split(body, "=")[1:]:
            weight = None
            if m := _WEIGHT.match(chunk):
                weight = Decimal(m.group(1))
                chunk = chunk[m.end() :]
            answers.append((weight, *_numeric_answer(chunk, line)))
        full = [a for a in answers if a[0] is None or a[0] == 100]
        if not full:
            raise _Problem(line, "a numeric question needs a full-credit answer")
        if len(full) > 1:
            message = "a numeric question with several full-credit answers is not supported"
            raise _Problem(line, message, True)
        # The partial-credit answers are dropped: the app grades a numeric answer right or wrong.
        _, value, tolerance, feedback = full[0]
    else:
        value, tolerance, feedback = _numeric_answer(body, line)
    return {
        "kind": "numeric",
        "numeric_answer": value,
        "tolerance": tolerance,
        "explanation": general or feedback,
    }


def _numeric_answer(chunk: str, line: int) -> tuple[Decimal, Decimal, str]:
    hash_at = _find(chunk, "#")
    feedback = "" if hash_at < 0 else _unescape(chunk[hash_at + 1 :]).strip()
    spec = _unescape(chunk if hash_at < 0 else chunk[:hash_at]).strip()
    if ".." in spec:
        low_text, high_text = spec.split("..", 1)
        low, high = _number(low_text), _number(high_text)
        if low is None or high is None:
            raise _Problem(line, f'the range "{spec}" is not two numbers (min..max)')
        if low > high:
            raise _Problem(line, f'the range "{spec}" runs backwards')
        return (low + high) / 2, (high - low) / 2, feedback
    value_text, _, tolerance_text = spec.partition(":")
    value = _number(value_text)
    if value is None:
        raise _Problem(line, f'the numeric answer "{value_text.strip()}" is not a number')
    tolerance = _number(tolerance_text) if tolerance_text.strip() else Decimal(0)
    if tolerance is None:
        raise _Problem(line, f'the tolerance "{tolerance_text.strip()}" is not a number')
    if tolerance < 0:
        raise _Problem(line, "the tolerance must not be negative")
    return value, tolerance, feedback


# --- GIFT out --------------------------------------------------------------------------------


def _weight(n: int, sign: str = "") -> str:
    return sign + f"{100 / n:.5f}".rstrip("0").rstrip(".")


def _answer_text(text: str, feedback: str) -> str:
    return _escape(text) + ("#" + _escape(feedback) if feedback else "")


def _is_true(q: BankQuestion) -> bool:
    rights = [c for c in q.choices if c.correct]
    if len(q.choices) != 2 or len(rights) != 1:
        raise ValueError(f"true/false question needs two choices, one right: {q.prompt[:40]!r}")
    word = rights[0].text.strip().casefold()
    if word in _FALSE_WORDS:
        return False
    return word in _TRUE_WORDS or q.choices[0].correct


def _gift_body(q: BankQuestion) -> str:
    if q.kind == "single":
        if sum(c.correct for c in q.choices) != 1:
            raise ValueError(f"single-choice question needs one right choice: {q.prompt[:40]!r}")
        parts = [("=" if c.correct else "~") + _answer_text(c.text, c.feedback) for c in q.choices]
        return " ".join(parts)
    if q.kind == "multiple":
        rights = sum(c.correct for c in q.choices)
        wrongs = len(q.choices) - rights
        if not rights:
            raise ValueError(f"multiple-answer question needs a right choice: {q.prompt[:40]!r}")
        parts = [
            f"~%{_weight(rights) if c.correct else _weight(wrongs, '-')}%"
            + _answer_text(c.text, c.feedback)
            for c in q.choices
        ]
        return " ".join(parts)
    if q.kind == "true_false":
        truth = _is_true(q)
        right = next(c for c in q.choices if c.correct).feedback
        wrong = next(c for c in q.choices if not c.correct).feedback
        feedback = [_escape(wrong), _escape(right)]
        while feedback and not feedback[-1]:
            feedback.pop()
        return "".join(["T" if truth else "F", *("#" + f for f in feedback)])
    if q.kind == "numeric":
        if q.numeric_answer is None:
            raise ValueError(f"numeric question needs an answer: {q.prompt[:40]!r}")
        return f"#{q.numeric_answer}:{q.tolerance}"
    if q.kind == "text":
        if not q.accepted_answers:
            raise ValueError(f"text question needs an accepted answer: {q.prompt[:40]!r}")
        return " ".join("=" + _escape(a) for a in q.accepted_answers)
    raise ValueError(f"unknown question kind {q.kind!r}")


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
        title = f"::{_escape(q.title)}::" if q.title else ""
        general = "####" + _escape(q.explanation) if q.explanation else ""
        lines.append(f"{title}{_escape(q.prompt)} {{{_gift_body(q)}{general}}}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


# --- CSV -------------------------------------------------------------------------------------


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
    reader = csv.reader(io.StringIO(_normalize(text)), strict=True)
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
                questions.append(_csv_question(dict(zip(CSV_HEADER, row, strict=True)), start))
            except _Problem as p:
                problems.append(BankProblem(start, f"line {start}, {p.message}", p.unsupported))
    except csv.Error as exc:
        line = previous + 1
        problems.append(BankProblem(line, f"line {line}: broken quoting ({exc})"))
    if not header_seen and not problems:
        problems.append(BankProblem(1, "line 1: the file has no header row"))
    return ParsedBank(tuple(questions), tuple(problems))


def _csv_question(cells: dict[str, str], line: int) -> BankQuestion:
    def cell(name: str) -> str:
        return _restore(cells[name].strip()).strip()

    def fail(column: str, message: str) -> _Problem:
        return _Problem(line, f"column {column}: {message}")

    kind = cell("kind").lower()
    if kind not in KINDS:
        raise fail("kind", f'unknown kind "{cell("kind")}" (expected {", ".join(KINDS)})')
    prompt = cell("prompt")
    if not prompt:
        raise fail("prompt", "the question text is empty")
    points = 1
    if cell("points"):
        number = _number(cell("points"))
        if number is None or number != number.to_integral_value() or number < 1:
            raise fail("points", f'"{cell("points")}" must be a whole number, 1 or more')
        points = int(number)
    fields: dict = {}
    if kind in ("single", "multiple", "true_false"):
        texts = _split_list(cell("choices"))
        if kind == "true_false" and not texts:
            texts = [TRUE_TEXT, FALSE_TEXT]
        if any(not t for t in texts):
            raise fail("choices", "a choice is empty")
        if kind == "true_false" and len(texts) != 2:
            raise fail("choices", f"a true/false question has two choices, found {len(texts)}")
        if len(texts) < 2:
            raise fail("choices", "a question with choices needs at least two")
        positions = set()
        for item in _split_list(cell("correct")):
            n = _number(item)
            if n is None or n != n.to_integral_value() or not 1 <= n <= len(texts):
                raise fail("correct", f'"{item}" is not a choice number from 1 to {len(texts)}')
            positions.add(int(n))
        if not positions:
            raise fail("correct", "give the number of the right choice")
        if kind != "multiple" and len(positions) != 1:
            raise fail("correct", f"a {kind} question needs exactly one right choice")
        fields["choices"] = tuple(
            BankChoice(t, n in positions) for n, t in enumerate(texts, start=1)
        )
    elif kind == "numeric":
        value = _number(cell("numeric_answer"))
        if value is None:
            raise fail("numeric_answer", f'"{cell("numeric_answer")}" is not a number')
        tolerance = _number(cell("tolerance")) if cell("tolerance") else Decimal(0)
        if tolerance is None:
            raise fail("tolerance", f'"{cell("tolerance")}" is not a number')
        if tolerance < 0:
            raise fail("tolerance", "the tolerance must not be negative")
        fields.update(numeric_answer=value, tolerance=tolerance)
    else:
        answers = _split_list(cell("accepted_answers"))
        if not answers or any(not a for a in answers):
            raise fail("accepted_answers", "give at least one accepted answer, none empty")
        fields["accepted_answers"] = tuple(answers)
    return BankQuestion(
        kind=kind,
        prompt=prompt,
        title=cell("title"),
        category=cell("category"),
        explanation=cell("explanation"),
        points=points,
        unit=cell("unit"),
        line=line,
        **fields,
    )
