"""Speed of the question-bank codec (quizzes/banks/). Not a test: it prints figures.

    .venv/bin/python bench/banks.py

Target: 500 questions import in under 2 s (export + parse, GIFT and CSV each). The codec is
pure (only quizzes.banks.db needs the database), so no Django setup until the last timing.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizzes.banks import (  # noqa: E402
    FALSE_TEXT,
    TRUE_TEXT,
    BankChoice,
    BankQuestion,
    parse_csv,
    parse_gift,
    to_csv,
    to_gift,
)

QUESTIONS = 500
RUNS = 10
TARGET_MS = 2000
# Long prompts with the characters GIFT escapes, so the scanner's worst path is timed.
PROMPT = "次の記述のうち、{正しい}ものを選べ: a=b ~ c # d。" * 6


def build(seed: int = 20261128) -> list[BankQuestion]:
    rng = random.Random(seed)
    questions = []
    for n in range(QUESTIONS):
        kind = ("single", "multiple", "true_false", "numeric", "text")[n % 5]
        common = {
            "prompt": f"{n}. {PROMPT}",
            "title": f"問{n}",
            "category": f"章{n // 100}",
            "explanation": "解説: " + PROMPT,
            "points": rng.randint(1, 3),
        }
        if kind in ("single", "multiple"):
            right = {0} if kind == "single" else {0, 2}
            choices = tuple(
                BankChoice(f"選択肢{c} = {rng.random():.3f}", c in right) for c in range(4)
            )
            questions.append(BankQuestion(kind, choices=choices, **common))
        elif kind == "true_false":
            truth = rng.random() < 0.5
            choices = (BankChoice(TRUE_TEXT, truth), BankChoice(FALSE_TEXT, not truth))
            questions.append(BankQuestion(kind, choices=choices, **common))
        elif kind == "numeric":
            value = Decimal(rng.randint(1, 10000)) / 10
            questions.append(
                BankQuestion(
                    kind, numeric_answer=value, tolerance=Decimal("0.5"), unit="km", **common
                )
            )
        else:
            questions.append(BankQuestion(kind, accepted_answers=("東京", "Tokyo"), **common))
    return questions


def timed(label: str, round_trip: Callable[[], int]) -> None:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        count = round_trip()
        times.append((time.perf_counter() - start) * 1000)
    assert count == QUESTIONS, count
    print(f"{label}, {QUESTIONS} questions, {RUNS} runs")
    print(f"  median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms")
    verdict = "met" if max(times) < TARGET_MS else "MISSED"
    print(f"  target: 500 questions import in under 2 s: {verdict}")


def into_database(questions: list[BankQuestion]) -> None:
    """The whole import a teacher waits for: parse a GIFT file and save every question."""
    import os
    import tempfile

    database = Path(tempfile.gettempdir()) / f"quizsite-bench-banks-{os.getpid()}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from quizzes.banks.db import add_to_quiz
    from quizzes.models import Quiz

    try:
        call_command("migrate", verbosity=0)
        text = to_gift(questions)
        owner = get_user_model().objects.create(username="bench", is_staff=True)

        def import_once() -> int:
            slug = f"bench-{time.perf_counter_ns()}"
            quiz = Quiz.objects.create(title="bench", slug=slug, owner=owner)
            return len(add_to_quiz(quiz, parse_gift(text).questions))

        timed("GIFT file into the database (SQLite)", import_once)
    finally:
        database.unlink(missing_ok=True)


def main() -> None:
    questions = build()
    timed("parse_gift(to_gift(...))", lambda: len(parse_gift(to_gift(questions)).questions))
    timed("parse_csv(to_csv(...))", lambda: len(parse_csv(to_csv(questions)).questions))
    into_database(questions)


if __name__ == "__main__":
    main()
