"""What a question bank holds once read, and what went wrong reading it: plain data, no ORM."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quizzes.grading import Kind

TRUE_TEXT = "正しい"
FALSE_TEXT = "誤り"
BLANK = "＿＿＿"  # where a missing-word question's braces stood
KINDS = tuple(kind.value for kind in Kind)

# Problems both formats find, said the same way whichever one the teacher uploads.
EMPTY_PROMPT = _("the question text is empty")
BAD_POINTS = _('points "%(points)s" must be a whole number, 1 or more')
BAD_NUMBER = _('the numeric answer "%(value)s" is not a number')
BAD_TOLERANCE = _('the tolerance "%(value)s" is not a number')
NEGATIVE_TOLERANCE = _("the tolerance must not be negative")


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
    """Something wrong in an upload and where: translated when shown, in the reader's language.

    `str(problem)` is what the teacher reads, its place said once: "line 3, column 12: ..."
    or "3行目・12文字目: ...".
    """

    line: int
    message: str | Promise  # a lazy translation; its %(name)s placeholders are filled from params
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    column: int | None = None  # 1-based: the character in a GIFT line, the cell in a CSV row
    column_name: str = ""  # the CSV column's header
    unsupported: bool = False  # a kind the app cannot hold: skippable once the teacher confirms

    @property
    def text(self) -> str:
        """The message alone, translated, without its place."""
        return str(self.message) % self.params

    def __str__(self) -> str:
        place = {"line": self.line, "column": self.column, "name": self.column_name}
        if self.column_name:
            where = gettext("line %(line)s, column %(column)s (%(name)s): %(message)s")
        elif self.column:
            where = gettext("line %(line)s, column %(column)s: %(message)s")
        else:
            where = gettext("line %(line)s: %(message)s")
        return where % {**place, "message": self.text}


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
        super().__init__(problem)
        self.problem = problem


class BankError(ValueError):
    """A file that cannot be read at all, or a question that cannot be written: `str()` says
    why in the reader's language."""

    def __init__(self, message: str | Promise, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return str(self.message) % self.params


def decode_upload(data: bytes) -> str:
    """The upload as text. Only UTF-8 (with or without BOM): guessing Shift_JIS mangles silently."""
    if not data.strip():
        raise BankError(_("The file is empty."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BankError(_("The file is UTF-16; save it as UTF-8."))
    if b"\x00" in data:
        raise BankError(_("The file is binary (it contains NUL bytes), not a text file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _(
            "The file is not UTF-8 (byte 0x%(byte)s at position %(position)s); "
            "save it as UTF-8 (in Excel: CSV UTF-8)."
        )
        raise BankError(message, byte=f"{data[exc.start]:02x}", position=exc.start) from None
    if not text.strip():
        raise BankError(_("The file is empty."))
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
