"""Question banks: Moodle GIFT and a flat CSV, read with a preview and written back.

Parsing never raises on bad input: each question that cannot be read becomes a BankProblem
naming its line, so the teacher sees every mistake in one upload rather than one per try.
Kinds this app cannot hold (matching, essay, description, ...) are problems marked
`unsupported`: the import may skip them once the teacher confirms, while real errors block it.

- `records`: what a bank holds (BankQuestion, BankChoice), the problems found reading it
  (BankProblem: a line, a column where there is one, a message translated when shown), and
  the upload's text.
- `gift` reads GIFT, `gift_writer` writes it, `gift_syntax` holds the escapes both share.
- `csv_format` reads and writes the CSV (not named `csv`, which reads as the stdlib's module).
- `db`: a quiz's questions to bank records and back. It is imported on its own
  (`from quizzes.banks.db import add_to_quiz`): the rest needs no Django setup, and
  bench/banks.py times it without one.
"""

from __future__ import annotations

from quizzes.banks.csv_format import CSV_HEADER, LIST_SEPARATOR, parse_csv, to_csv
from quizzes.banks.gift import parse_gift
from quizzes.banks.gift_writer import to_gift
from quizzes.banks.records import (
    BLANK,
    FALSE_TEXT,
    KINDS,
    TRUE_TEXT,
    BankChoice,
    BankError,
    BankProblem,
    BankQuestion,
    ParsedBank,
    decode_upload,
)

__all__ = [
    "BLANK",
    "CSV_HEADER",
    "FALSE_TEXT",
    "KINDS",
    "LIST_SEPARATOR",
    "TRUE_TEXT",
    "BankChoice",
    "BankError",
    "BankProblem",
    "BankQuestion",
    "ParsedBank",
    "decode_upload",
    "parse_csv",
    "parse_gift",
    "to_csv",
    "to_gift",
]
