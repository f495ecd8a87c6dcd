"""Unit tests for quizzes.grading: plain data in, verdicts out (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizzes.grading import (
    CORRECT,
    INCORRECT,
    AnswerKey,
    Kind,
    Outcome,
    Response,
    Verdict,
    grade,
    normalize_text,
    parse_number,
)


def picks(*ids: int) -> Response:
    return Response(choice_ids=frozenset(ids))


def typed(text: str) -> Response:
    return Response(text=text)


def multiple_key(*correct: int) -> AnswerKey:
    return AnswerKey(kind=Kind.MULTIPLE, correct_choice_ids=frozenset(correct))


def numeric_key(answer: str, tolerance: str = "0", unit: str = "") -> AnswerKey:
    return AnswerKey(
        kind=Kind.NUMERIC,
        numeric_answer=Decimal(answer),
        tolerance=Decimal(tolerance),
        unit=unit,
    )


def text_key(*accepted: str) -> AnswerKey:
    return AnswerKey(kind=Kind.TEXT, accepted_answers=accepted)


# --- single choice and true/false ------------------------------------------------------------

# 「日本銀行の本店がある都市は？」 choices: 1 東京, 2 大阪, 3 名古屋
SINGLE_TOKYO = AnswerKey(kind=Kind.SINGLE, correct_choice_ids=frozenset({1}))
# 「富士山は日本一高い山である。」 choices: 10 正しい, 11 誤り
TRUE_FALSE_TRUE = AnswerKey(kind=Kind.TRUE_FALSE, correct_choice_ids=frozenset({10}))


def test_single_choice_student_picks_tokyo_and_is_correct():
    verdict = grade(SINGLE_TOKYO, picks(1))
    assert verdict == CORRECT
    assert verdict.outcome is Outcome.CORRECT


def test_single_choice_student_picks_osaka_and_is_incorrect():
    verdict = grade(SINGLE_TOKYO, picks(2))
    assert verdict == INCORRECT
    assert verdict.outcome is Outcome.INCORRECT


def test_single_choice_sending_two_choices_including_the_right_one_is_incorrect():
    assert grade(SINGLE_TOKYO, picks(1, 2)).outcome is Outcome.INCORRECT


def test_single_choice_sending_nothing_is_incorrect():
    assert grade(SINGLE_TOKYO, picks()).outcome is Outcome.INCORRECT


def test_true_false_student_answers_tadashii_and_is_correct():
    assert grade(TRUE_FALSE_TRUE, picks(10)).outcome is Outcome.CORRECT


def test_true_false_student_answers_ayamari_and_is_incorrect():
    assert grade(TRUE_FALSE_TRUE, picks(11)).outcome is Outcome.INCORRECT


def test_true_false_sending_both_answers_is_incorrect():
    assert grade(TRUE_FALSE_TRUE, picks(10, 11)).outcome is Outcome.INCORRECT


def test_kind_knows_which_question_kinds_use_choices():
    assert Kind.SINGLE.uses_choices
    assert Kind.MULTIPLE.uses_choices
    assert Kind.TRUE_FALSE.uses_choices
    assert not Kind.NUMERIC.uses_choices
    assert not Kind.TEXT.uses_choices


# --- multiple answers (partial credit) -------------------------------------------------------

# 「次のうち政令指定都市をすべて選べ」 choices: 1 札幌 2 仙台 3 横浜 4 奈良 5 那覇; correct 1, 2, 3
DESIGNATED_CITIES = multiple_key(1, 2, 3)


def test_multiple_picking_all_the_designated_cities_earns_full_credit():
    verdict = grade(DESIGNATED_CITIES, picks(1, 2, 3))
    assert verdict.credit == 1
    assert verdict.outcome is Outcome.CORRECT


def test_multiple_picking_two_of_three_designated_cities_earns_two_thirds():
    verdict = grade(DESIGNATED_CITIES, picks(1, 2))
    assert verdict.credit == Decimal("0.6667")
    assert verdict.outcome is Outcome.PARTIAL


def test_multiple_picking_one_of_three_designated_cities_earns_one_third():
    verdict = grade(DESIGNATED_CITIES, picks(3))
    assert verdict.credit == Decimal("0.3333")
    assert verdict.outcome is Outcome.PARTIAL


def test_multiple_picking_nara_by_mistake_takes_one_share_away():
    # 札幌, 仙台, 横浜 right (3/3) minus 奈良 wrong (1/3) = 2/3
    assert grade(DESIGNATED_CITIES, picks(1, 2, 3, 4)).credit == Decimal("0.6667")
    # 札幌, 仙台 right (2/3) minus 奈良 wrong (1/3) = 1/3
    assert grade(DESIGNATED_CITIES, picks(1, 2, 4)).credit == Decimal("0.3333")


def test_multiple_one_right_and_one_wrong_pick_cancel_out_to_nothing():
    verdict = grade(DESIGNATED_CITIES, picks(1, 4))
    assert verdict.credit == 0
    assert verdict.outcome is Outcome.INCORRECT


def test_multiple_more_wrong_than_right_picks_never_drop_below_zero():
    verdict = grade(DESIGNATED_CITIES, picks(1, 4, 5))
    assert verdict.credit == 0
    assert verdict.outcome is Outcome.INCORRECT


def test_multiple_only_wrong_picks_earn_nothing():
    assert grade(DESIGNATED_CITIES, picks(4, 5)).credit == 0


def test_multiple_picking_nothing_earns_nothing():
    assert grade(DESIGNATED_CITIES, picks()).outcome is Outcome.INCORRECT


def test_multiple_picking_every_option_when_half_are_correct_earns_nothing():
    # 「次のうち県庁所在地をすべて選べ」 1 盛岡 2 松江 3 郡山 4 浜松; correct 1, 2
    prefectural_capitals = multiple_key(1, 2)
    verdict = grade(prefectural_capitals, picks(1, 2, 3, 4))
    assert verdict.credit == 0
    assert verdict.outcome is Outcome.INCORRECT


def test_multiple_picking_every_option_when_every_option_is_correct_earns_full_credit():
    assert grade(multiple_key(1, 2, 3), picks(1, 2, 3)).outcome is Outcome.CORRECT


def test_multiple_question_with_an_empty_key_is_never_correct():
    empty = multiple_key()
    assert grade(empty, picks()).outcome is Outcome.INCORRECT
    assert grade(empty, picks(1, 2)).outcome is Outcome.INCORRECT


# --- parsing typed numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("16億5,050万", "", "1650500000"),
        ("１６億５０５０万ドル", "ドル", "1650500000"),
        ("1,650,500,000", "", "1650500000"),
        ("38億", "", "3800000000"),
        ("3.5万", "", "35000"),
        ("\u221212", "", "-12"),
        ("+7", "", "7"),
        (" 4 ", "", "4"),
        ("4団体", "団体", "4"),
        ("1兆2000億", "", "1200000000000"),
        ("1億2", "", "100000002"),
        ("0.25", "", "0.25"),
        ("4億2千万", "", "420000000"),
        ("3万8千人", "人", "38000"),
        ("8千", "", "8000"),
    ],
)
def test_numeric_reads_japanese_ways_of_writing_a_number(text, unit, expected):
    assert parse_number(text, unit=unit) == Decimal(expected)


def test_numeric_accepts_full_width_digits_and_oku_man():
    assert parse_number("１６億５０５０万") == Decimal("1650500000")


def test_numeric_accepts_the_unit_with_full_width_spacing_around_it():
    assert parse_number("１６億５０５０万　ドル", unit="ドル") == Decimal("1650500000")


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        "   ",
        "1,2,3",
        "5万3億",
        "億",
        "1..2",
        "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１",
        "-",
        "万5",
        "1万x",
        "1e5",
    ],
)
def test_numeric_refuses_text_that_is_not_a_number(text):
    assert parse_number(text) is None


def test_numeric_refuses_a_bare_unit_without_a_number():
    assert parse_number("ドル", unit="ドル") is None


def test_numeric_refuses_a_different_unit_than_the_question_asks_for():
    assert parse_number("4人", unit="団体") is None


def test_numeric_accepts_exactly_forty_characters_but_not_forty_one():
    forty = "1" + "0" * 39
    assert parse_number(forty) == Decimal(10) ** 39
    assert parse_number(forty + "0") is None


# --- grading numeric answers -----------------------------------------------------------------

# 「買収額はおよそ何ドルか」 16億5050万ドル, give or take 5000万ドル
ACQUISITION = numeric_key("1650500000", tolerance="50000000", unit="ドル")


def test_numeric_exact_answer_in_oku_and_man_is_correct():
    assert grade(ACQUISITION, typed("16億5,050万ドル")).outcome is Outcome.CORRECT


def test_numeric_answer_in_full_width_digits_is_graded_correct():
    assert grade(ACQUISITION, typed("１６億５０５０万ドル")).outcome is Outcome.CORRECT


def test_numeric_answer_exactly_at_the_upper_tolerance_is_correct():
    assert grade(ACQUISITION, typed("17億50万")).outcome is Outcome.CORRECT


def test_numeric_answer_exactly_at_the_lower_tolerance_is_correct():
    assert grade(ACQUISITION, typed("16億50万ドル")).outcome is Outcome.CORRECT


def test_numeric_answer_one_dollar_above_the_tolerance_is_incorrect():
    assert grade(ACQUISITION, typed("1,700,500,001")).outcome is Outcome.INCORRECT


def test_numeric_answer_one_dollar_below_the_tolerance_is_incorrect():
    assert grade(ACQUISITION, typed("1,600,499,999")).outcome is Outcome.INCORRECT


def test_numeric_decimal_tolerance_boundary_is_exact():
    # 「気温は何度上がったか」 3.5 ± 0.1
    key = numeric_key("3.5", tolerance="0.1")
    assert grade(key, typed("3.6")).outcome is Outcome.CORRECT
    assert grade(key, typed("３．４")).outcome is Outcome.CORRECT
    assert grade(key, typed("3.61")).outcome is Outcome.INCORRECT
    assert grade(key, typed("3.39")).outcome is Outcome.INCORRECT


def test_numeric_without_tolerance_needs_the_exact_number():
    key = numeric_key("4", unit="団体")
    assert grade(key, typed("４団体")).outcome is Outcome.CORRECT
    assert grade(key, typed("5団体")).outcome is Outcome.INCORRECT


def test_numeric_negative_answer_typed_with_a_true_minus_sign_is_correct():
    assert grade(numeric_key("-12"), typed("\u221212")).outcome is Outcome.CORRECT


def test_numeric_unreadable_answer_is_incorrect():
    assert grade(ACQUISITION, typed("たくさん")).outcome is Outcome.INCORRECT


def test_numeric_question_without_an_answer_is_never_correct():
    key = AnswerKey(kind=Kind.NUMERIC, numeric_answer=None)
    assert grade(key, typed("0")).outcome is Outcome.INCORRECT


# --- text answers ----------------------------------------------------------------------------

# 「買収した企業の名前は？」
LAZARUS = text_key("Lazarus", "Lazarus Group", "ラザルス")


def test_text_full_width_latin_letters_match_after_nfkc():
    assert grade(LAZARUS, typed("Ｌａｚａｒｕｓ")).outcome is Outcome.CORRECT


def test_text_in_hiragana_or_katakana_is_one_word_and_another_word_is_not():
    key = text_key("カンラン石")
    assert grade(key, typed("かんらん石")).outcome is Outcome.CORRECT
    assert grade(key, typed("ｶﾝﾗﾝ石")).outcome is Outcome.CORRECT  # half-width, after NFKC
    assert grade(key, typed("かんらん岩")).outcome is Outcome.INCORRECT
    assert grade(text_key("ほたて"), typed("ホタテ")).outcome is Outcome.CORRECT


def test_a_role_asked_as_a_word_is_never_right_without_its_title():
    from quizzes.grading import name_variants

    assert "選考" not in name_variants("選考委員長", "other")
    assert "岸田" in name_variants("岸田首相", "person")


def test_text_case_does_not_matter():
    assert grade(LAZARUS, typed("LAZARUS")).outcome is Outcome.CORRECT
    assert grade(LAZARUS, typed("lazarus group")).outcome is Outcome.CORRECT


def test_text_outer_and_inner_whitespace_including_ideographic_space_is_ignored():
    assert grade(LAZARUS, typed("\u3000 Lazarus\u3000Group \t")).outcome is Outcome.CORRECT
    assert grade(LAZARUS, typed("ラザ\u3000ルス")).outcome is Outcome.CORRECT
    assert grade(LAZARUS, typed("LazarusGroup")).outcome is Outcome.CORRECT


def test_text_any_of_several_accepted_answers_is_correct():
    for answer in ("Lazarus", "Lazarus Group", "ラザルス"):
        assert grade(LAZARUS, typed(answer)).outcome is Outcome.CORRECT


def test_text_half_width_katakana_matches_after_nfkc():
    assert grade(LAZARUS, typed("ﾗｻﾞﾙｽ")).outcome is Outcome.CORRECT


def test_text_a_different_answer_is_incorrect():
    assert grade(LAZARUS, typed("北朝鮮")).outcome is Outcome.INCORRECT
    assert grade(LAZARUS, typed("Lazaru")).outcome is Outcome.INCORRECT


def test_text_empty_answer_is_never_correct_even_if_an_accepted_answer_is_blank():
    key = text_key("日本銀行", "", "\u3000 ")
    assert grade(key, typed("")).outcome is Outcome.INCORRECT
    assert grade(key, typed("\u3000\u3000")).outcome is Outcome.INCORRECT
    assert grade(key, typed("日本銀行")).outcome is Outcome.CORRECT


def test_normalize_text_folds_width_case_and_all_whitespace():
    assert normalize_text("\u3000Ｄｅ　Ｆｉ ") == "defi"
    assert normalize_text("De Fi") == normalize_text("defi") == normalize_text("ＤｅＦｉ")


# --- verdicts ------------------------------------------------------------------------------


def test_verdict_outcome_follows_credit():
    assert Verdict(Decimal(1)).outcome is Outcome.CORRECT
    assert Verdict(Decimal("0.5")).outcome is Outcome.PARTIAL
    assert Verdict(Decimal("0.0001")).outcome is Outcome.PARTIAL
    assert Verdict(Decimal(0)).outcome is Outcome.INCORRECT


def test_verdict_points_for_one_third_credit_of_two_points_rounds_to_0_67():
    verdict = grade(DESIGNATED_CITIES, picks(3))
    assert verdict.points(2) == Decimal("0.67")
    assert Verdict(Decimal(1) / Decimal(3)).points(2) == Decimal("0.67")


def test_verdict_points_for_two_thirds_credit_of_one_point_rounds_half_up():
    assert grade(DESIGNATED_CITIES, picks(1, 2)).points(1) == Decimal("0.67")
    assert Verdict(Decimal("0.125")).points(1) == Decimal("0.13")


def test_verdict_points_for_full_and_no_credit():
    assert CORRECT.points(2) == Decimal("2.00")
    assert INCORRECT.points(Decimal("2.5")) == Decimal("0.00")


def test_verdict_points_accepts_decimal_possible_points():
    assert Verdict(Decimal("0.5")).points(Decimal("1.5")) == Decimal("0.75")


def with_options(correct: set[int], options: set[int]) -> AnswerKey:
    return AnswerKey(
        kind=Kind.MULTIPLE, correct_choice_ids=frozenset(correct), choice_ids=frozenset(options)
    )


def test_multiple_picking_every_option_earns_nothing_when_some_are_wrong():
    key = with_options({1, 2, 3}, {1, 2, 3, 4})  # 米国人・英国人・スペイン人 against フランス人
    assert grade(key, Response(choice_ids=frozenset({1, 2, 3, 4}))).credit == 0


def test_multiple_a_wrong_pick_costs_a_share_of_the_wrong_options():
    key = with_options({1, 2}, {1, 2, 3, 4})
    verdict = grade(key, Response(choice_ids=frozenset({1, 2, 3})))
    assert verdict.credit == Decimal("0.5")
    assert verdict.outcome is Outcome.PARTIAL
