"""Item analysis on plain data, checked against hand calculation and the statistics module."""

from __future__ import annotations

import math
import statistics
from decimal import Decimal

import pytest

from quizzes.stats import ItemInfo, Response, item_statistics, summary

D = Decimal

# Four first attempts on three items, q3 worth 2 points; attempt 4 left q2 unanswered.
#            q1  q2  q3   total
# attempt 1   1   1   2    4
# attempt 2   1   0   1    2
# attempt 3   0   1   0    1
# attempt 4   0   -   2    2
ITEMS = [ItemInfo(1, D(1)), ItemInfo(2, D(1)), ItemInfo(3, D(2))]
ATTEMPTS = [101, 102, 103, 104]
SCORES = {
    101: {1: D(1), 2: D(1), 3: D(2)},
    102: {1: D(1), 2: D(0), 3: D(1)},
    103: {1: D(0), 2: D(1), 3: D(0)},
    104: {1: D(0), 3: D(2)},
}
RESPONSES = [
    Response(attempt, question, points)
    for attempt, row in SCORES.items()
    for question, points in row.items()
]


def by_question(stats):
    return {s.question_id: s for s in stats}


def test_small_case_matches_hand_calculation():
    stats = by_question(item_statistics(ITEMS, ATTEMPTS, RESPONSES))

    # q1: x = 1,1,0,0; rest = 3,1,1,2 -> r = 0.5 / sqrt(1 * 2.75)
    assert stats[1].attempts == 4
    assert stats[1].facility == pytest.approx(50, abs=1e-6)
    assert stats[1].sd == pytest.approx(100 * math.sqrt(1 / 3), abs=1e-6)
    assert stats[1].discrimination == pytest.approx(100 * 0.5 / math.sqrt(2.75), abs=1e-6)
    assert stats[1].flags == ()

    # q2: x = 1,0,1,0 (unanswered = 0); rest = 3,2,0,2 -> r = -0.5 / sqrt(1 * 4.75)
    assert stats[2].facility == pytest.approx(50, abs=1e-6)
    assert stats[2].discrimination == pytest.approx(-100 * 0.5 / math.sqrt(4.75), abs=1e-6)
    assert stats[2].flags == ("poor_discrimination",)

    # q3, worth 2: x = 2,1,0,2 -> mean 1.25 of 2; squared deviations sum to 2.75;
    # rest = 2,1,1,0 -> covariance exactly 0
    assert stats[3].facility == pytest.approx(62.5, abs=1e-6)
    assert stats[3].sd == pytest.approx(100 * math.sqrt(2.75 / 3) / 2, abs=1e-6)
    assert stats[3].discrimination == pytest.approx(0, abs=1e-6)
    assert stats[3].flags == ("poor_discrimination",)


def test_small_case_matches_statistics_module():
    stats = item_statistics(ITEMS, ATTEMPTS, RESPONSES)
    totals = [sum(SCORES[a].values()) for a in ATTEMPTS]
    for item, result in zip(ITEMS, stats, strict=True):
        x = [float(SCORES[a].get(item.question_id, 0)) for a in ATTEMPTS]
        rest = [float(t) - v for t, v in zip(totals, x, strict=True)]
        top = float(item.max_points)
        assert result.facility == pytest.approx(100 * statistics.mean(x) / top, abs=1e-6)
        assert result.sd == pytest.approx(100 * statistics.stdev(x) / top, abs=1e-6)
        expected_d = 100 * statistics.correlation(x, rest)
        assert result.discrimination == pytest.approx(expected_d, abs=1e-6)


def test_results_follow_the_order_of_items():
    stats = item_statistics(list(reversed(ITEMS)), ATTEMPTS, RESPONSES)
    assert [s.question_id for s in stats] == [3, 2, 1]


def test_unanswered_counts_as_zero():
    # Attempt 2 answered nothing at all: it still counts, with 0 on every item.
    items = [ItemInfo(1, D(1)), ItemInfo(2, D(1))]
    responses = [Response(1, 1, D(1)), Response(1, 2, D(1))]
    stats = item_statistics(items, [1, 2], responses)
    assert [s.attempts for s in stats] == [2, 2]
    assert [s.facility for s in stats] == [pytest.approx(50), pytest.approx(50)]
    assert stats[0].discrimination == pytest.approx(100)


def test_question_worth_two_points_is_scaled_by_its_maximum():
    items = [ItemInfo(1, D(2)), ItemInfo(2, D(1))]
    responses = [
        Response(1, 1, D(2)),
        Response(1, 2, D(1)),
        Response(2, 1, D("0.5")),
        Response(3, 1, D(1)),
        Response(3, 2, D(1)),
    ]
    stats = item_statistics(items, [1, 2, 3], responses)
    x = [2, 0.5, 1]
    assert stats[0].facility == pytest.approx(100 * (3.5 / 3) / 2, abs=1e-6)
    assert stats[0].sd == pytest.approx(100 * statistics.stdev(x) / 2, abs=1e-6)
    assert stats[0].discrimination == pytest.approx(
        100 * statistics.correlation(x, [1, 0, 1]), abs=1e-6
    )


def test_one_attempt_has_facility_but_no_spread_or_discrimination():
    items = [ItemInfo(1, D(1)), ItemInfo(2, D(1))]
    stats = item_statistics(items, [1], [Response(1, 1, D(1))])
    assert stats[0].facility == pytest.approx(100)
    assert stats[0].sd is None
    assert stats[0].discrimination is None
    assert stats[1].facility == pytest.approx(0)
    assert "poor_discrimination" not in stats[0].flags


def test_no_attempts_gives_nothing_defined():
    [result] = item_statistics([ItemInfo(1, D(1), (5, 6))], [], [])
    assert result.attempts == 0
    assert (result.facility, result.sd, result.discrimination) == (None, None, None)
    assert result.choice_counts == {5: 0, 6: 0}
    assert result.flags == ()


def test_everyone_same_score_on_the_item_has_no_discrimination():
    # Decimal("0.1") three times: float sums would leave a tiny spread and a meaningless r.
    items = [ItemInfo(1, D(1)), ItemInfo(2, D(1))]
    responses = [Response(a, 1, D("0.1")) for a in (1, 2, 3)]
    responses += [Response(1, 2, D(1)), Response(2, 2, D(0))]
    stats = item_statistics(items, [1, 2, 3], responses)
    assert stats[0].discrimination is None
    assert stats[0].sd == pytest.approx(0, abs=1e-9)
    assert "poor_discrimination" not in stats[0].flags


def test_constant_rest_of_quiz_has_no_discrimination():
    # A single-item quiz: the rest is always 0, so there is nothing to correlate with.
    stats = item_statistics([ItemInfo(1, D(1))], [1, 2], [Response(1, 1, D(1))])
    assert stats[0].discrimination is None


def test_zero_point_item_has_no_facility():
    stats = item_statistics([ItemInfo(1, D(0))], [1, 2], [Response(1, 1, D(0))])
    assert stats[0].facility is None
    assert stats[0].sd is None
    assert stats[0].flags == ()


def test_choice_counts_include_never_picked_choices():
    items = [ItemInfo(1, D(1), (10, 11, 12, 13)), ItemInfo(2, D(1), (20, 21))]
    responses = [
        Response(1, 1, D(1), (10,)),
        Response(2, 1, D(0), (11,)),
        Response(3, 1, D(1), (10,)),
        Response(1, 2, D("0.5"), (20, 21)),  # multiple answer: both picks count
        Response(2, 2, D(0), (99,)),  # an option deleted since: still counted
    ]
    stats = item_statistics(items, [1, 2, 3], responses)
    assert stats[0].choice_counts == {10: 2, 11: 1, 12: 0, 13: 0}
    assert stats[1].choice_counts == {20: 1, 21: 1, 99: 1}


def facility_flags(scores, max_points):
    attempts = list(range(len(scores)))
    responses = [Response(a, 1, points) for a, points in zip(attempts, scores, strict=True)]
    [result] = item_statistics([ItemInfo(1, max_points)], attempts, responses)
    return result.facility, result.flags


@pytest.mark.parametrize(
    ("scores", "max_points", "facility", "flags"),
    [
        ([D(1), D(0), D(0), D(0), D(0)], D(1), 20, ()),  # exactly 20: not flagged
        ([D("0.99"), D(0), D(0), D(0), D(0)], D(1), 19.8, ("too_hard",)),
        ([D(3)] + [D(0)] * 4, D(3), 20, ()),  # 20 via a division that floats get wrong
        ([D("0.6")] * 5, D(3), 20, ()),
        ([D(1)] * 9 + [D(0)], D(1), 90, ()),  # exactly 90: not flagged
        ([D(1)] * 9 + [D("0.01")], D(1), 90.1, ("too_easy",)),
        ([D(0)] * 4, D(1), 0, ("too_hard",)),
        ([D(1)] * 4, D(1), 100, ("too_easy",)),
    ],
)
def test_facility_flags_at_the_boundaries(scores, max_points, facility, flags):
    got_facility, got_flags = facility_flags(scores, max_points)
    assert got_facility == pytest.approx(facility, abs=1e-9)
    assert got_flags == flags


def test_good_discrimination_is_not_flagged():
    items = [ItemInfo(q, D(1)) for q in (1, 2, 3)]
    # Strong students get everything, weak ones nothing: every item discriminates perfectly.
    responses = [Response(a, q, D(1)) for a in (1, 2) for q in (1, 2, 3)]
    stats = item_statistics(items, [1, 2, 3, 4], responses)
    for result in stats:
        assert result.discrimination == pytest.approx(100)
        assert result.flags == ()


def test_responses_outside_the_population_are_ignored():
    items = [ItemInfo(1, D(1))]
    responses = [Response(1, 1, D(1)), Response(999, 1, D(1)), Response(1, 42, D(1))]
    [result] = item_statistics(items, [1, 2], responses)
    assert result.facility == pytest.approx(50)


def test_two_responses_of_one_attempt_to_one_question_are_refused():
    with pytest.raises(ValueError, match="twice"):
        item_statistics([ItemInfo(1, D(1))], [1], [Response(1, 1, D(1)), Response(1, 1, D(0))])


def test_duplicate_attempt_ids_are_refused():
    with pytest.raises(ValueError, match="twice"):
        item_statistics([ItemInfo(1, D(1))], [1, 1], [])


def test_summary():
    mean, median, sd = summary([D(1), D(2), D(3), D(10)])
    assert mean == pytest.approx(4)
    assert median == pytest.approx(2.5)
    assert sd == pytest.approx(statistics.stdev([1, 2, 3, 10]))
    assert summary([D(5), D(1), D(3)]).median == pytest.approx(3)
    assert summary([7]) == (7.0, 7.0, None)
    assert summary([]) == (None, None, None)
