"""What a question bank holds once read, and what went wrong reading it: plain data, no ORM."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

TRUE_TEXT = "正しい"
FALSE_TEXT = "誤り"
BLANK = "＿＿＿"  # where a missing-word question's braces stood
KINDS = ("single", "multiple", "true_false", "numeric", "text")


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


class ProblemFound(Exception):
    """Raised while one question is read; the parser records its problem and reads on."""

    def __init__(self, problem: BankProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


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


def normalize(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def number(text: str) -> Decimal | None:
    """A finite Decimal, full-width digits allowed (Japanese IMEs type them), or None."""
    try:
        value = Decimal(unicodedata.normalize("NFKC", text).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def whole_number(text: str) -> int | None:
    """Points as a teacher types them: a whole number, 1 or more, else None."""
    value = number(text)
    if value is None or value != value.to_integral_value() or value < 1:
        return None
    return int(value)
