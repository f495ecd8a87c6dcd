"""Arguments shared by the commands that read an article file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import CommandError

from quizzes.forms import InvalidArticle, read_article_file


def add_article_arguments(parser) -> None:
    parser.add_argument("path", help="a UTF-8 .txt or .md file")
    parser.add_argument("--title", default="", help="default: the first line of the file")
    parser.add_argument(
        "--published", type=parse_date, default=None, help="publication date, YYYY-MM-DD"
    )


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published takes a date as YYYY-MM-DD, not {value!r}") from None


def read_article(path: str) -> str:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        return read_article_file(file.name, file.read_bytes())
    except InvalidArticle as invalid:
        raise CommandError(f"{path}: {invalid}") from None


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
