"""Key concepts (issue 11): the compound nouns a story is about that are no names are asked, as
multiple choice among the story's other compound nouns. Our own stories, in the forms of real
local and political news."""

from __future__ import annotations

import random
from datetime import date

import pytest

from quizzes.generation.concepts import CONCEPT, TERM, VERBAL, kinship, noun_runs, same_kind
from quizzes.generation.distractors import distractors
from quizzes.generation.drafting import BLANK, _importance, draft_article
from quizzes.generation.facts import OTHER, Fact
from quizzes.generation.text import split_sentences

LUNCH = """北浜市、学校給食に地元産の有機野菜
北浜市は5日、市立の小中学校で出す学校給食に、地元の農家が育てた有機野菜を来年度から使うと発表した。
有機野菜の調達には、市の農業振興基金から約3,000万円を充てる。
市によると、学校給食の食材費は物価高で膨らんでおり、市は栄養教諭と協議して献立を見直す。
農家側は生産計画を立て、収穫時期に合わせて納入する。
市長は記者会見で「子どもたちに安心な食材を届けたい」と述べた。
"""


@pytest.fixture(scope="module")
def lunch(nlp):
    return draft_article(LUNCH, published=date(2026, 6, 5), nlp=nlp)


RATES = """中銀、政策金利を据え置き
中央銀行は20日まで開いた会合で、政策金利を0.5%に据え置くことを決めた。
市場では長期金利が上昇を続けており、中銀は国債の買い入れを続ける。
大手銀行は預金金利を引き上げたが、住宅ローン金利の上昇は家計の負担になっている。
総裁は会見で、政策金利の先行きについて「物価の動きを見極める」と述べた。
長期金利の上昇は企業の資金調達にも影響している。
"""


@pytest.fixture(scope="module")
def rates(nlp):
    return draft_article(RATES, published=date(2026, 1, 21), nlp=nlp)


def concept_drafts(result):
    return [d for d in result.kept if d.fact.granularity == CONCEPT]


def test_a_compound_noun_the_story_says_twice_is_asked(lunch):
    drafts = {d.answer: d for d in concept_drafts(lunch)}
    assert {"学校給食", "有機野菜"} <= set(drafts)
    for draft in drafts.values():
        # No other thing of its kind in the story: typed, never chosen among 栄養教諭 and 食材費
        assert draft.kind == "text"
        assert draft.answer in draft.accepted_answers


def test_a_concept_is_chosen_among_the_storys_things_of_its_kind(rates):
    (draft,) = [d for d in concept_drafts(rates) if d.answer == "政策金利"]
    assert draft.kind == "single"
    assert sorted(draft.choices) == sorted(["政策金利", "長期金利", "預金金利", "住宅ローン金利"])


def test_an_option_the_story_says_the_same_of_is_no_option(rates):
    # 長期金利が上昇 is asked; 住宅ローン金利の上昇 is said too: it would be right as well.
    drafts = [d for d in concept_drafts(rates) if d.answer == "長期金利" and "上昇" in d.prompt]
    assert drafts
    assert all("住宅ローン金利" not in d.choices for d in drafts)


def test_a_concept_is_never_swapped_into_a_true_or_false_statement(lunch, rates):
    asked = {d.kind for r in (lunch, rates) for d in r.kept + r.rejected
             if d.fact.granularity == CONCEPT}  # fmt: skip
    assert "true_false" not in asked


def test_words_of_the_telling_people_and_times_are_never_asked(lunch):
    assert not {d.answer for d in lunch.kept} & {"記者会見", "農家側", "来年度", "市長"}
    assert "記者会見" not in {f.text for f in lunch.extraction.terms}


def test_a_concept_said_once_is_asked_but_weighs_less_than_one_said_twice(lunch):
    weight = {d.answer: _importance(d.signals) for d in lunch.kept}
    assert {"栄養教諭", "生産計画"} <= set(weight)
    assert max(weight["栄養教諭"], weight["生産計画"]) < min(weight["学校給食"], weight["有機野菜"])
    assert "食材費" not in weight  # what a thing costs: a word of any story, an option only


def test_a_word_of_any_story_is_an_option_but_never_the_answer(nlp):
    text = (
        "南岬町、観光案内所を新設へ\n南岬町は8日、駅前の商業施設に観光案内所を新設すると発表した。"
        "観光案内所には外国語を話せる職員を置き、商業施設の運営会社と協力して土産物も扱う。"
        "町は地域振興計画に沿って、宿泊施設の予約窓口も設ける。"
    )
    result = draft_article(text, published=date(2026, 9, 8), nlp=nlp)
    answers = {d.answer for d in concept_drafts(result)}
    assert "観光案内所" in answers
    assert "商業施設" not in answers  # said twice, yet a word of any story


def test_the_tellings_framing_words_are_never_the_answer(nlp):
    text = (
        "不眠の相談、年代別では40代が最多\n年代別では40代が最も多く、50代が続いた。"
        "目撃現場の近くには小学校がある。年代別の集計は毎年公表している。受賞者は次の通り(敬称略)。"
    )
    result = draft_article(text, published=date(2026, 9, 8), nlp=nlp)
    answers = {d.answer for d in concept_drafts(result)}
    assert not answers & {"年代別", "目撃現場", "敬称略"}


def test_things_of_one_kind_end_on_the_same_word():
    assert same_kind("長期金利", "政策金利")
    assert same_kind("閣議決定", "正式決定")
    assert not same_kind("性犯罪", "強盗強姦罪")  # one offence, named twice
    assert not same_kind("参議院本会議", "商業施設")
    ranked = sorted(["研究予算", "通信設備", "気象衛星"], key=lambda o: kinship("観測衛星", o))
    assert ranked[0] == "気象衛星"


def test_the_rest_of_a_numbers_phrase_is_no_compound_noun(nlp):
    sentences = split_sentences(
        "3回裏1死三塁から、主将が先制の適時打を放った。新発10年物国債の利回りが上がった。"
    )
    runs = noun_runs(sentences, list(nlp.pipe([s.text for s in sentences])))
    texts = {f.text for f in runs}
    assert "適時打" in texts
    assert not any(t.endswith("三塁") or t.startswith("死") for t in texts)
    assert not any(t.endswith("国債") for t in texts)  # 10年物国債: no 物国債
    assert all(f.granularity == TERM for f in runs)


def test_a_verbal_noun_before_suru_is_offered_among_verbal_nouns():
    def term(text, source, sentence=1):
        return Fact(OTHER, text, text, 0, len(text), sentence, TERM, source=source)

    fact = Fact(OTHER, "閣議決定", "閣議決定", 0, 4, 0, CONCEPT, source=VERBAL)
    pool = {(OTHER, TERM): [term("正式決定", VERBAL), term("最終決定", VERBAL),
                            term("方針決定", VERBAL), term("政府決定", "concept")]}  # fmt: skip
    stem = f"政府は衆議院の解散を{BLANK}した。"
    options = distractors(fact, stem, pool, random.Random(1))
    assert sorted(options) == ["方針決定", "最終決定", "正式決定"]
    # Before a noun, any thing of its kind reads
    options = distractors(fact, f"政府は{BLANK}の内容を公表した。", pool, random.Random(1))
    assert "政府決定" in options


def test_a_term_in_quotes_is_never_offered_the_storys_unrelated_words(nlp):
    text = (
        "北浜地裁、証人尋問に「遠隔中継方式」\n"
        "北浜地裁で開かれた裁判員裁判で、被害者の証人尋問が「遠隔中継方式」で行われた。\n"
        "「遠隔中継方式」は、証人が別室からモニターを通じて証言する仕組みで、被害者の心理的負担を減らす"
        "狙いがある。\n裁判長は判決理由の中で市民感覚の大切さに触れた。\n"
        "判決の後、裁判員は記者の取材に応じ、写真撮影には応じなかった。\n"
    )
    result = draft_article(text, published=date(2026, 2, 4), nlp=nlp)
    drafts = [d for d in result.kept if d.answer == "遠隔中継方式"]
    assert drafts
    terms = {f.text for f in result.extraction.terms}
    assert all(not set(d.choices) & terms for d in drafts)


def test_a_stem_that_says_half_of_the_concept_does_not_ask_it(nlp):
    text = (
        "政府、補正予算案を閣議決定\n"
        "政府は14日午前、臨時閣議を開き、総額5兆円の補正予算案を閣議決定した。\n"
        "閣議決定を受け、首相は記者団に「物価高から暮らしを守る」と述べた。\n"
        "補正予算案は今月召集の臨時国会に提出され、月内の成立を目指す。\n"
    )
    result = draft_article(text, published=date(2026, 5, 14), nlp=nlp)
    asked = [d for d in result.kept + result.rejected if d.answer == "閣議決定"]
    assert asked  # from the sentence that does not say 臨時閣議
    assert all("臨時閣議" not in d.prompt for d in asked)


def test_no_stem_is_cut_around_a_concept():
    from quizzes.generation.clashes import _without
    from quizzes.generation.drafting import Draft

    def draft(stem, answer, granularity, kind=OTHER):  # a draft as drafting makes it
        fact = Fact(kind, answer, answer, 0, len(answer), 0, granularity)
        return Draft("text", f"次の文の{BLANK}に入る語句を答えなさい。\n{stem}", answer, [], kind,
                     stem, "", 1.0, fact)  # fmt: skip

    # A stem of a concept keeps its sentence whole, and so does a stem that says a concept.
    concept = draft(f"北浜市は3日、{BLANK}を導入すると発表した。", "電子入札制度", CONCEPT)
    day = draft(f"北浜市は{BLANK}、電子入札制度を導入すると発表した。", "3日", "d", kind="date")
    assert _without(concept, day) is None
    assert _without(day, concept) is None
    # Between two other facts, the day is cut as before
    city = draft(f"{BLANK}は3日、電子入札制度を導入すると発表した。", "北浜市", "City")
    assert _without(city, day) is not None
