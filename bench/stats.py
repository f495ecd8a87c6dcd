"""Speed of item analysis (quizzes/stats.py). Not a test: it prints figures.

    .venv/bin/python bench/stats.py

Target: 300 first attempts x 20 items in < 200 ms. The module is pure, so no Django setup.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizzes.stats import ItemInfo, Response, item_statistics  # noqa: E402

ATTEMPTS = 300
ITEMS = 20
CHOICES = 4
RUNS = 20
TARGET_MS = 200


def build(seed: int = 20261128) -> tuple[list[ItemInfo], list[int], list[Response]]:
    rng = random.Random(seed)
    items = [
        ItemInfo(q, Decimal(rng.choice((1, 2))), tuple(q * 10 + c for c in range(CHOICES)))
        for q in range(1, ITEMS + 1)
    ]
    attempt_ids = list(range(1000, 1000 + ATTEMPTS))
    responses = []
    for attempt_id in attempt_ids:
        ability = rng.random()  # so items correlate with the total, as in a real class
        for item in items:
            if rng.random() < 0.05:
                continue  # unanswered
            correct = rng.random() < 0.3 + 0.6 * ability
            choice = item.choice_ids[0] if correct else rng.choice(item.choice_ids[1:])
            points = item.max_points if correct else Decimal(0)
            responses.append(Response(attempt_id, item.question_id, points, (choice,)))
    return items, attempt_ids, responses


def main() -> None:
    items, attempt_ids, responses = build()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        stats = item_statistics(items, attempt_ids, responses)
        times.append((time.perf_counter() - start) * 1000)
    assert len(stats) == ITEMS
    print(f"item_statistics, {ATTEMPTS} attempts x {ITEMS} items, {len(responses)} responses")
    print(f"  median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms")
    print(f"  target < {TARGET_MS} ms: {'met' if max(times) < TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
