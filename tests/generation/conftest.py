"""Fixtures for the drafting pipeline: GiNZA loaded once, the seed article, drafted articles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from quizzes.generation import names
from quizzes.generation.drafting import DraftResult, draft_article

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_36388165747385be.txt"


def first_line(text: str) -> str:
    """The title, the way the management commands find it."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


@pytest.fixture(scope="session")
def nlp():
    return names.load_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


def published_on(relative: str) -> date | None:
    """The publication date its fact list gives: what 昨年 and a bare 3日 are read against."""
    facts = SEEDS / relative.replace(".txt", ".facts.json")
    if not facts.exists():
        return None
    published = json.loads(facts.read_text(encoding="utf-8")).get("published")
    return date.fromisoformat(published) if published else None


@pytest.fixture(scope="session")
def drafted(nlp):
    """Draft an article file (path relative to seeds/) once per session, as a teacher would:
    with its publication date."""
    cache: dict[str, DraftResult] = {}

    def draft(relative: str) -> DraftResult:
        if relative not in cache:
            text = (SEEDS / relative).read_text(encoding="utf-8")
            cache[relative] = draft_article(
                text, title=first_line(text), published=published_on(relative), nlp=nlp
            )
        return cache[relative]

    return draft


@pytest.fixture(scope="session")
def seed_result(drafted) -> DraftResult:
    return drafted(SEED_ARTICLE.name)
