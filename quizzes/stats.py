"""Item analysis of a quiz, with Moodle's definitions, as pure code: plain data in, figures out.

The caller passes FIRST attempts only: later attempts are practice on known questions and would
inflate the facility of every item.

For item i, attempt a: x_i(a) = points earned on i (0 when the attempt did not answer it),
X(a) = the attempt's total over all items, max_i = the item's points.

* facility  F = 100 * mean(x_i) / max_i
* sd        100 * sample standard deviation of x_i (n - 1, as Moodle) / max_i
* discrimination  D = 100 * r(x_i, X - x_i), Pearson's r against the rest of the quiz, so an
  item is not credited for correlating with itself.

Points arrive as Decimal. Sums and the zero-variance test stay in Decimal, where they are exact,
so "everyone scored the same" is recognised even when float rounding would leave a 1e-17 spread;
only the moments are computed in float.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

TOO_HARD_BELOW = 20  # facility, percent
TOO_EASY_ABOVE = 90  # facility, percent
POOR_DISCRIMINATION_BELOW = 20  # discrimination, percent

ZERO = Decimal(0)


@dataclass(frozen=True)
class ItemInfo:
    question_id: int
    max_points: Decimal
    choice_ids: tuple[int, ...] = ()  # every option, so never-picked ones are counted as 0


@dataclass(frozen=True)
class Response:
    attempt_id: int
    question_id: int
    points: Decimal
    choice_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    attempts: int  # first attempts considered, answered or not
    facility: float | None  # None without attempts or when the item is worth 0 points
    sd: float | None  # None with fewer than 2 attempts or when the item is worth 0 points
    discrimination: float | None  # None with fewer than 2 attempts or zero variance
    choice_counts: dict[int, int]
    flags: tuple[str, ...]


class Summary(NamedTuple):
    mean: float | None
    median: float | None
    sd: float | None  # sample standard deviation (n - 1); None with fewer than 2 values


def item_statistics(
    items: Sequence[ItemInfo], attempt_ids: Sequence[int], responses: Iterable[Response]
) -> list[ItemStats]:
    """One ItemStats per item, in the order of `items`.

    Responses to attempts not in `attempt_ids` or to questions not in `items` are ignored, so the
    caller may pass the answers of a wider query; two responses of one attempt to one question
    raise ValueError, as they mean the caller mixed attempts up.
    """
    attempt_index = {attempt_id: n for n, attempt_id in enumerate(attempt_ids)}
    if len(attempt_index) != len(attempt_ids):
        raise ValueError("attempt_ids lists an attempt twice")
    item_index = {item.question_id: n for n, item in enumerate(items)}
    if len(item_index) != len(items):
        raise ValueError("items lists a question twice")
    n = len(attempt_ids)

    # scores[item][attempt], 0 until a response says otherwise: unanswered counts as 0.
    scores = [[ZERO] * n for _ in items]
    answered = [[False] * n for _ in items]
    counts: list[dict[int, int]] = [dict.fromkeys(item.choice_ids, 0) for item in items]
    for response in responses:
        i = item_index.get(response.question_id)
        a = attempt_index.get(response.attempt_id)
        if i is None or a is None:
            continue
        if answered[i][a]:
            raise ValueError(
                f"attempt {response.attempt_id} answered question {response.question_id} twice"
            )
        answered[i][a] = True
        scores[i][a] = response.points
        item_counts = counts[i]
        for choice_id in response.choice_ids:
            # A choice missing from ItemInfo (deleted since) is still counted, not lost.
            item_counts[choice_id] = item_counts.get(choice_id, 0) + 1

    totals = [ZERO] * n
    for row in scores:
        totals = [t + x for t, x in zip(totals, row, strict=True)]

    return [_item_stats(item, scores[i], totals, counts[i]) for i, item in enumerate(items)]


def _item_stats(
    item: ItemInfo, x: list[Decimal], totals: list[Decimal], counts: dict[int, int]
) -> ItemStats:
    n = len(x)
    max_points = Decimal(item.max_points)
    total = sum(x, ZERO)
    facility = sd = None
    flags: list[str] = []
    xf = [float(v) for v in x]
    if n and max_points > 0:
        facility = float(100 * total / (n * max_points))
        # Compared exactly in Decimal: 20 % must not be flagged because 100 * 0.2 is 20.000...04.
        if 100 * total < TOO_HARD_BELOW * n * max_points:
            flags.append("too_hard")
        elif 100 * total > TOO_EASY_ABOVE * n * max_points:
            flags.append("too_easy")
        if n >= 2:
            sd = 100 * _sample_sd(xf) / float(max_points)

    discrimination = None
    if n >= 2:
        rest = [t - v for t, v in zip(totals, x, strict=True)]
        if min(x) != max(x) and min(rest) != max(rest):
            discrimination = 100 * _correlation(xf, [float(v) for v in rest])
            # Rounded before comparing so float noise does not flip the flag at exactly 20.
            if round(discrimination, 9) < POOR_DISCRIMINATION_BELOW:
                flags.append("poor_discrimination")

    return ItemStats(
        question_id=item.question_id,
        attempts=n,
        facility=facility,
        sd=sd,
        discrimination=discrimination,
        choice_counts=counts,
        flags=tuple(flags),
    )


def _sample_sd(values: list[float]) -> float:
    mean = math.fsum(values) / len(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _correlation(xs: list[float], ys: list[float]) -> float:
    """Pearson's r; the caller has checked that neither list is constant."""
    n = len(xs)
    mx = math.fsum(xs) / n
    my = math.fsum(ys) / n
    dx = [v - mx for v in xs]
    dy = [v - my for v in ys]
    sxy = math.fsum(a * b for a, b in zip(dx, dy, strict=True))
    sxx = math.fsum(a * a for a in dx)
    syy = math.fsum(b * b for b in dy)
    r = sxy / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))  # rounding can step just past ±1


def summary(values: Iterable[Decimal | float | int]) -> Summary:
    """Mean, median and sample SD of the attempt totals (or any scores); None where undefined."""
    data = sorted(float(v) for v in values)
    n = len(data)
    if not n:
        return Summary(None, None, None)
    mid = n // 2
    median = data[mid] if n % 2 else (data[mid - 1] + data[mid]) / 2
    return Summary(math.fsum(data) / n, median, _sample_sd(data) if n >= 2 else None)


class WrongAnswer(NamedTuple):
    text: str  # as the first student to give it typed it
    count: int


def common_wrong_answers(
    typed: Iterable[tuple[int, str, bool]], limit: int = 5
) -> dict[int, list[WrongAnswer]]:
    """Per question, the wrong typed answers given most often, most first.

    `typed` holds (question id, the text typed, whether it was right); the same answer however
    written (width, case, spaces: `grading.normalize_text`) is counted once; at most `limit`
    per question, ties going to the answer given first.
    """
    from .grading import normalize_text

    counts: dict[int, Counter[str]] = {}
    shown: dict[tuple[int, str], str] = {}
    for question_id, text, right in typed:
        folded = normalize_text(text)
        if right or not folded:
            continue
        shown.setdefault((question_id, folded), text.strip())
        counts.setdefault(question_id, Counter())[folded] += 1
    return {
        question_id: [
            WrongAnswer(shown[(question_id, folded)], n) for folded, n in counter.most_common(limit)
        ]
        for question_id, counter in counts.items()
    }
