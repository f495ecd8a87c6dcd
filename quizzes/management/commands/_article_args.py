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


def owner_of_imports(username: str):
    """The account that will own what the command imports: the named one, or the first
    administrator (the same rule the ownership migration used for rows without a teacher)."""
    from django.contrib.auth import get_user_model

    accounts = get_user_model().objects.filter(is_active=True)
    if username:
        owner = accounts.filter(username=username).first()
        if owner is None:
            raise CommandError(f"--owner: no active account is named {username!r}")
        return owner
    owner = accounts.filter(is_superuser=True).order_by("pk").first()
    if owner is None:
        raise CommandError("no administrator to own the article: give --owner USERNAME")
    return owner


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
