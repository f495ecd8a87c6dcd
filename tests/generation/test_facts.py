"""Dates, money and quantities found by regular expressions, as whole spans."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from quizzes.generation.facts import DATE, MONEY, QUANTITY, extract_numeric_facts
from quizzes.generation.text import normalize, split_sentences

SEED_TITLE = "北朝鮮:サイバー攻撃で核ミサイル開発の資金調達"


def facts_in(raw: str, published: date | None = None, title: str = ""):
    text = normalize(raw)
    return extract_numeric_facts(text, split_sentences(text, title=title), published)


def spans(raw: str, published: date | None = None) -> list[str]:
    return [f.text for f in facts_in(raw, published)]


def only(raw: str, published: date | None = None):
    (fact,) = facts_in(raw, published)
    return fact


@pytest.fixture(scope="module")
def seed_facts(seed_text):
    return facts_in(seed_text, title=SEED_TITLE)


# whole spans


def test_an_amount_in_oku_and_man_with_a_comma_is_one_money_fact():
    fact = only("北朝鮮ハッカーによるものが16億5,050万ドルに上る。")
    assert (fact.kind, fact.text, fact.granularity) == (MONEY, "16億5,050万ドル", "ドル")


def test_the_money_value_is_parsed_to_a_decimal():
    assert only("16億5,050万ドルに上る。").value == Decimal(1650500000)
    assert only("暗号資産38億ドルのうち").value == Decimal(3800000000)


def test_full_width_digits_are_read_after_normalisation():
    assert only("１６億５，０５０万ドルに上る。").text == "16億5,050万ドル"


def test_about_is_left_out_of_the_money_span():
    assert spans("経済効果は約86億円に上る見込み。") == ["86億円"]


def test_two_counts_joined_by_to_are_one_quantity():
    fact = only("北朝鮮の4団体と1個人に制裁を科した。")
    assert (fact.kind, fact.text) == (QUANTITY, "4団体と1個人")


def test_a_race_time_in_hours_minutes_and_seconds_is_one_quantity():
    fact = only("男子は2時間5分32秒で初優勝した。")
    assert (fact.kind, fact.text, fact.granularity) == (QUANTITY, "2時間5分32秒", "duration")


def test_a_year_and_month_is_one_date():
    fact = only("北朝鮮は2012年4月に発射した。")
    assert (fact.kind, fact.text, fact.answer, fact.granularity) == (
        DATE,
        "2012年4月",
        "2012年4月",
        "ym",
    )
    assert fact.when == (2012, 4, None)


def test_the_seed_yields_its_amounts_quantities_and_dates_whole(seed_facts):
    found = {f.text for f in seed_facts}
    assert {"16億5,050万ドル", "38億ドル", "4団体と1個人", "3団体と7個人", "2012年4月"} <= found
    assert not {"16億", "5,050万ドル", "4団体", "1個人", "2012年"} & found


# dates written relative to their context


def test_same_year_takes_the_year_written_before_it():
    facts = facts_in("北朝鮮は2012年4月、同年12月、16年2月に発射した。")
    assert [(f.text, f.answer) for f in facts] == [
        ("2012年4月", "2012年4月"),
        ("同年12月", "2012年12月"),
        ("16年2月", "2016年2月"),
    ]
    assert facts[1].when == (2012, 12, None)


def test_same_year_takes_a_year_from_an_earlier_sentence():
    facts = facts_in("2023年の前回大会は2位。同年12月には右足を疲労骨折した。")
    assert [f.answer for f in facts if f.kind == DATE] == ["2023年", "2023年12月"]


def test_same_year_with_no_year_before_it_is_skipped():
    assert facts_in("同年12月に発射した。") == []


def test_same_year_after_a_bare_last_year_takes_that_year():
    facts = facts_in("昨年、大会があった。同年5月に再開した。", date(2025, 3, 1))
    assert [f.answer for f in facts] == ["2024年", "2024年5月"]


def test_a_two_digit_year_with_a_month_is_this_centurys():
    fact = only("16年2月に発射した。", date(2023, 5, 30))
    assert (fact.answer, fact.when) == ("2016年2月", (2016, 2, None))


def test_a_two_digit_year_before_niwa_is_a_year_not_a_duration():
    fact = only("北朝鮮は19年には専門家を招いた。")
    assert (fact.text, fact.answer, fact.when) == ("19年", "2019年", (2019, None, None))


def test_a_count_of_days_before_something_is_not_a_date():
    assert spans("その2日前の27日、岸田首相は話した。") == ["27日"]


def test_a_day_followed_by_from_then_on_is_still_a_date():
    fact = only("北朝鮮が31日以降に発射する。")
    assert (fact.kind, fact.text, fact.when) == (DATE, "31日", (None, None, 31))


def test_a_bare_day_is_placed_in_the_month_of_publication():
    fact = only("朝鮮中央通信は29日、談話を報じた。", date(2023, 5, 30))
    assert fact.answer == "29日"
    assert fact.when == (2023, 5, 29)


def test_a_bare_day_just_after_the_end_of_the_month_rolls_into_the_next():
    assert only("1日に発表する。", date(2023, 5, 30)).when == (2023, 6, 1)


def test_a_bare_day_just_before_publication_is_placed_in_the_previous_month():
    # 2023-04-30 is 2 days before publication; 2023-05-30 is 28 days after it.
    assert only("通信社は30日、談話を報じた。", date(2023, 5, 2)).when == (2023, 4, 30)


def test_a_bare_day_without_a_publication_date_stays_day_only():
    fact = only("朝鮮中央通信は29日、談話を報じた。", None)
    assert (fact.answer, fact.when, fact.granularity) == ("29日", (None, None, 29), "d")


def test_last_year_with_a_month_is_resolved_from_the_publication_date():
    fact = only("同行は昨年10月、融資枠を設けた。", date(2025, 3, 1))
    assert (fact.text, fact.answer, fact.when) == ("昨年10月", "2024年10月", (2024, 10, None))


def test_last_year_without_a_publication_date_is_kept_as_written():
    fact = only("同行は昨年10月、融資枠を設けた。")
    assert (fact.answer, fact.when) == ("昨年10月", (None, 10, None))


def test_a_month_alone_is_not_a_date():
    assert facts_in("2月に調べた。") == []


def test_counts_before_ago_since_or_ordinal_are_not_quantities():
    assert facts_in("3か月前に発表した。10年ぶりに優勝。5人目の受賞者。") == []


def test_the_seeds_relative_dates_are_resolved(seed_facts):
    answers = {f.text: f.answer for f in seed_facts if f.kind == DATE}
    assert answers["同年12月"] == "2012年12月"
    assert answers["16年2月"] == "2016年2月"
    assert answers["19年"] == "2019年"
    assert answers["31日"] == "31日"
    assert "2日" not in answers


# offsets


def test_offsets_point_into_the_text():
    raw = " 第一文は2012年4月。\n\n 　約86億円と4団体と1個人、2時間5分32秒。"
    text = normalize(raw)
    facts = extract_numeric_facts(text, split_sentences(text))
    assert len(facts) == 4
    for fact in facts:
        assert text[fact.start : fact.end] == fact.text


def test_offsets_point_into_the_seed(seed_text, seed_facts):
    text = normalize(seed_text)
    assert len(seed_facts) > 15
    for fact in seed_facts:
        assert text[fact.start : fact.end] == fact.text
