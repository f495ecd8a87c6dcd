"""Drafts measured against hand-made fact lists: recall, defects, and how many are kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizzes.generation.drafting import BLANK, Draft
from quizzes.generation.evaluation import draft_defects, evaluate
from quizzes.generation.facts import MONEY, Fact

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLES = [
    "000_36388165747385be.txt",
    "eval/statistics_population.txt",
    "eval/sport_marathon.txt",
]


def fact_list(article: str) -> list[dict]:
    path = SEEDS / article.replace(".txt", ".facts.json")
    return json.loads(path.read_text(encoding="utf-8"))["facts"]


@pytest.mark.parametrize("article", ARTICLES)
def test_the_article_is_drafted_with_high_recall_and_no_defects(drafted, article):
    evaluation = evaluate(drafted(article).kept, fact_list(article))
    assert evaluation.recall >= 0.85, evaluation.missed
    assert sum(evaluation.defects.values()) == 0, evaluation.defects
    assert evaluation.kept >= 20


def test_as_dict_reports_the_figures_of_the_seed(drafted):
    figures = evaluate(drafted(ARTICLES[0]).kept, fact_list(ARTICLES[0])).as_dict()
    assert figures["facts"] == figures["found"] + len(figures["missed"])
    assert figures["defect_total"] == 0
    assert figures["kept_drafts"] >= 20


# planted defects

SENTENCE = "世界で盗まれた暗号資産38億ドルのうち、北朝鮮によるものが16億5,050万ドルに上る。"
FACT = Fact(MONEY, "16億5,050万ドル", "16億5,050万ドル", 0, 12, 0, "ドル")


def single(choices: list[str], stem: str | None = None) -> Draft:
    stem = stem or SENTENCE.replace("16億5,050万ドル", BLANK)
    return Draft(
        "single",
        f"次の文の{BLANK}に入るものを選びなさい。\n{stem}",
        "16億5,050万ドル",
        choices,
        MONEY,
        SENTENCE,
        f"記事には「{SENTENCE}」とある。",
        0.9,
        FACT,
    )


def test_a_clean_hand_made_draft_has_no_defect():
    draft = single(["16億5,050万ドル", "8億2,525万ドル", "33億100万ドル", "24億7,575万ドル"])
    assert draft_defects(draft) == []
    assert not evaluate([draft], [{"answers": ["16億5,050万ドル"]}]).defects


def test_an_answer_offered_twice_is_counted_as_a_duplicate_option():
    draft = single(["16億5,050万ドル", "16億5,050万ドル", "33億100万ドル", "8億2,525万ドル"])
    evaluation = evaluate([draft], [{"answers": ["16億5,050万ドル"]}])
    assert evaluation.defects["duplicate_option"] == 1
    assert evaluation.recall == 1.0


def test_an_option_already_in_the_stem_is_counted():
    draft = single(["16億5,050万ドル", "38億ドル", "33億100万ドル", "8億2,525万ドル"])
    evaluation = evaluate([draft], [])
    assert evaluation.defects == {"option_in_stem": 1}


def test_a_draft_from_an_opinion_sentence_is_counted():
    draft = single(["16億5,050万ドル", "8億2,525万ドル", "33億100万ドル", "24億7,575万ドル"])
    draft.source_sentence = "北朝鮮の16億5,050万ドルの窃取を止めるべきだ。"
    assert evaluate([draft], []).defects == {"opinion_sentence": 1}


def test_two_drafts_of_one_fact_and_kind_are_counted_as_a_duplicate_draft():
    options = ["16億5,050万ドル", "8億2,525万ドル", "33億100万ドル", "24億7,575万ドル"]
    evaluation = evaluate([single(options), single(list(reversed(options)))], [])
    assert evaluation.defects == {"duplicate_draft": 1, "same_fact_twice_in_first_15": 1}


def test_a_missed_fact_lowers_recall_and_is_listed():
    draft = single(["16億5,050万ドル", "8億2,525万ドル", "33億100万ドル", "24億7,575万ドル"])
    facts = [{"answers": ["16億5050万ドル", "16億5,050万ドル"]}, {"answers": ["38億ドル"]}]
    evaluation = evaluate([draft], facts)
    assert evaluation.recall == 0.5
    assert evaluation.missed == ["38億ドル"]


def test_words_left_outside_the_blank_still_match_the_fact_list():
    from quizzes.generation.evaluation import _key

    assert _key("154円台後半") == _key("154円")
    assert _key("秒速約14キロ") == _key("14キロ")
    assert _key("5万人近く") == _key("5万人")  # 【　　】近く増えた
    assert _key("31・5%") == _key("31.5%")  # a decimal point written as a middle dot
