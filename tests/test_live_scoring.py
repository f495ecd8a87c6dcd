"""The podium and the distribution: pure code, no database."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from quizzes.live_scoring import (
    LiveAnswer,
    Window,
    distribution,
    podium_points,
    standings,
)

T0 = datetime(2026, 12, 3, 9, 0, 0)


def test_a_right_answer_earns_1000_at_once_and_500_at_the_last_second():
    assert podium_points(Decimal(1), elapsed=0, seconds=20, speed_bonus=True) == 1000
    assert podium_points(Decimal(1), elapsed=10, seconds=20, speed_bonus=True) == 750
    assert podium_points(Decimal(1), elapsed=20, seconds=20, speed_bonus=True) == 500
    assert podium_points(Decimal(1), elapsed=25, seconds=20, speed_bonus=True) == 500


def test_without_the_speed_bonus_every_right_answer_earns_the_same():
    assert podium_points(Decimal(1), elapsed=19, seconds=20, speed_bonus=False) == 1000


def test_partial_credit_and_question_points_scale_the_podium_points():
    assert podium_points(Decimal("0.5"), elapsed=0, seconds=20, speed_bonus=True) == 500
    assert podium_points(Decimal(2), elapsed=0, seconds=20, speed_bonus=False) == 2000
    assert podium_points(Decimal(0), elapsed=0, seconds=20, speed_bonus=True) == 0


def answer(student: int, question: int, points: int, after: float) -> LiveAnswer:
    return LiveAnswer(student, question, Decimal(points), T0 + timedelta(seconds=after))


def test_standings_rank_by_points_and_share_a_rank_on_a_tie():
    names = {1: "aoi", 2: "ren", 3: "sora", 4: "yui"}
    windows = {10: Window(T0, T0 + timedelta(seconds=20))}
    answers = [answer(1, 10, 1, 0), answer(2, 10, 1, 10), answer(3, 10, 1, 10), answer(4, 10, 0, 1)]
    ranked = standings(names, windows, answers, speed_bonus=True)
    assert [(s.name, s.points, s.rank) for s in ranked] == [
        ("aoi", 1000, 1), ("ren", 750, 2), ("sora", 750, 2), ("yui", 0, 4),
    ]  # fmt: skip


def test_only_answers_given_while_the_question_was_open_count_on_the_podium():
    names = {1: "aoi"}
    windows = {10: Window(T0, T0 + timedelta(seconds=20))}
    earlier = answer(1, 10, 1, -3600)  # given self-paced before the session
    assert standings(names, windows, [earlier], speed_bonus=True)[0].points == 0
    unknown = answer(1, 99, 1, 1)  # a question the session did not ask
    assert standings(names, windows, [unknown], speed_bonus=True)[0].points == 0


def test_the_distribution_counts_options_and_verdicts():
    options = [(1, "8,000万人", False), (2, "1億2,000万人", True), (3, "2億人", False)]
    responses = [({"choices": [2]}, "correct"), ({"choices": [2]}, "correct"),
                 ({"choices": [3]}, "incorrect"), ({"text": "x"}, "partial")]  # fmt: skip
    result = distribution(options, responses)
    assert [(o.text, o.count, o.is_correct) for o in result.options] == [
        ("8,000万人", 0, False), ("1億2,000万人", 2, True), ("2億人", 1, False),
    ]  # fmt: skip
    assert (result.correct, result.partial, result.incorrect, result.answered) == (2, 1, 1, 4)
