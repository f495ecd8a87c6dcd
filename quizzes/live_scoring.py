"""Pure: a live session's podium and a question's distribution of answers. No ORM.

Podium points are a game on top of the grade, never part of it: the attempt's score stays the
sum of its answers' points, as for any attempt. A right answer earns 1,000 points per point of
the question; with the speed bonus, an answer given at the last moment earns half of that, one
given at once all of it, linearly in between (as Kahoot counts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

POINTS_PER_POINT = 1000
PODIUM_SIZE = 5


def podium_points(points: Decimal, *, elapsed: float, seconds: float, speed_bonus: bool) -> int:
    """What one answer earns on the podium: its grade points, weighted by speed if asked."""
    if points <= 0:
        return 0
    weight = 1.0
    if speed_bonus and seconds > 0:
        weight = 1 - min(max(elapsed, 0.0), seconds) / (2 * seconds)
    return round(float(points) * POINTS_PER_POINT * weight)


@dataclass(frozen=True)
class LiveAnswer:
    student_id: int
    question_id: int
    points: Decimal
    answered_at: datetime


@dataclass(frozen=True)
class Window:
    """When a question of the session took answers."""

    opened_at: datetime
    closes_at: datetime

    @property
    def seconds(self) -> float:
        return (self.closes_at - self.opened_at).total_seconds()


@dataclass(frozen=True)
class Standing:
    student_id: int
    name: str
    points: int
    rank: int

    def as_dict(self) -> dict:
        return {"student": self.student_id, "name": self.name, "points": self.points,
                "rank": self.rank}  # fmt: skip


def standings(
    names: dict[int, str],
    windows: dict[int, Window],
    answers: Iterable[LiveAnswer],
    *,
    speed_bonus: bool,
) -> list[Standing]:
    """Every participant (`names`: id -> name) with her points, best first; equal points share
    a rank (1, 2, 2, 4). Only answers given while their question was open in this session
    count: an answer given earlier, outside the session, has no speed to score."""
    totals: Counter[int] = Counter(dict.fromkeys(names, 0))
    for answer in answers:
        window = windows.get(answer.question_id)
        if window is None or answer.student_id not in names:
            continue
        if not window.opened_at <= answer.answered_at <= window.closes_at:
            continue
        elapsed = (answer.answered_at - window.opened_at).total_seconds()
        totals[answer.student_id] += podium_points(
            answer.points, elapsed=elapsed, seconds=window.seconds, speed_bonus=speed_bonus
        )
    ordered = sorted(totals.items(), key=lambda item: (-item[1], names[item[0]], item[0]))
    result: list[Standing] = []
    for index, (student, points) in enumerate(ordered):
        rank = result[-1].rank if result and result[-1].points == points else index + 1
        result.append(Standing(student, names[student], points, rank))
    return result


@dataclass(frozen=True)
class OptionCount:
    text: str
    count: int
    is_correct: bool


@dataclass(frozen=True)
class Distribution:
    """How the class answered one question: per option (choice questions) and per verdict."""

    options: list[OptionCount]
    correct: int
    partial: int
    incorrect: int

    @property
    def answered(self) -> int:
        return self.correct + self.partial + self.incorrect


def distribution(
    options: list[tuple[int, str, bool]], responses: Iterable[tuple[dict, str]]
) -> Distribution:
    """`options`: (id, text, is correct) in the order shown; `responses`: each answer's stored
    response and outcome ("correct", "partial", "incorrect")."""
    picked: Counter[int] = Counter()
    outcomes: Counter[str] = Counter()
    for response, outcome in responses:
        outcomes[outcome] += 1
        picked.update(set(response.get("choices", [])))
    return Distribution(
        options=[OptionCount(text, picked[pk], right) for pk, text, right in options],
        correct=outcomes["correct"],
        partial=outcomes["partial"],
        incorrect=outcomes["incorrect"],
    )
