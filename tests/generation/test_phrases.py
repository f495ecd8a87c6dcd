"""A stem loses the phrase another shown draft asks about, where the dependency parse shows the
sentence can do without it (issue 11): our own sentences, in the forms news leads take."""

from __future__ import annotations

from datetime import date

import pytest

from quizzes.generation.clashes import _own_clause, clash_free, stem_of
from quizzes.generation.drafting import BLANK, draft_article
from quizzes.generation.phrases import dependency_parser, without


@pytest.fixture(scope="module")
def parse(nlp):
    return dependency_parser(nlp)


@pytest.mark.parametrize(
    ("stem", "said", "answer", "expected"),
    [
        # A vote count before the majority it qualifies
        (
            f"県議会は{BLANK}、新しい条例案を9対3の賛成多数で可決した。",
            "9対3",
            "12日",
            f"県議会は{BLANK}、新しい条例案を賛成多数で可決した。",
        ),
        # A clause that only describes the meeting goes whole, never its verb alone
        (
            f"理事会は14、15日に開いた定例会合で、会費を{BLANK}に引き上げることを決めた。",
            "14、15日",
            "月額500円",
            f"理事会は定例会合で、会費を{BLANK}に引き上げることを決めた。",
        ),
        # A range goes whole, with what it ranges over, never one end of it
        (f"{BLANK}で東北から九州までの全地区で前年を上回った。", "東北", "3年連続",
         f"{BLANK}で前年を上回った。"),
        # Where a person was travelling, before her name and title
        (f"訪欧中の{BLANK}首相はパリで大統領と会談した。", "訪欧", "山科",
         f"{BLANK}首相はパリで大統領と会談した。"),
        # A place inside the phrase that says where
        (f"{BLANK}の男は同日午前、横浜市内の自宅で逮捕された。", "横浜市", "42歳",
         f"{BLANK}の男は同日午前、自宅で逮捕された。"),
    ],
)
def test_an_optional_phrase_goes(parse, stem, said, answer, expected):
    assert without(stem, said, answer, parse) == expected


@pytest.mark.parametrize(
    ("stem", "said", "answer"),
    [
        # A subject takes its clause along: too much goes
        (f"商店街で客{BLANK}が襲われ、1人が重傷を負った事件で、警察は男を逮捕した。", "1人", "2人"),
        # A noun that means nothing without what describes it
        (f"現場から歩くと大体600メートルほどのところに{BLANK}の自宅があった。", "600メートル",
         "容疑者"),  # fmt: skip
        # What an effect is of
        (f"市内外から家族連れなどが訪れ、大雨の影響で{BLANK}の開催となった夏の恒例行事を楽しんだ。",
         "大雨", "3年ぶり"),  # fmt: skip
        # What a compound particle takes
        (f"{BLANK}は6月2日にかけて、大雨になる恐れがあると予測した。", "6月2日", "気象台"),
        # Words in quotes are someone's own
        (f"{BLANK}会長は「売上高は30億円を超えた」と話した。", "30億円", "北村"),
        # Where a thing came from says which thing it is
        (f"市内の32の施設のうち、山間部の3か所からの報告は含まれませんが、市は{BLANK}で前の週より"
         "増えました。", "3か所", "12.5人"),  # fmt: skip
        # What a comparison leans on
        (f"{BLANK}、特別支援学校における不登校の件数は、前年度より2万410件増(6.1%増)の35万1,200件。",
         "2万410件", "小中高校"),  # fmt: skip
        # What is forecast or said is the verb's own: 多い所で、予想されている says nothing
        (f"あすまでの{BLANK}の雪の量は、多い所で、北陸で40センチと予想されている。", "40センチ",
         "24時間"),  # fmt: skip
        (f"{BLANK}は、今年の入場者を延べ12万人と発表した。", "12万人", "博覧会"),
        # What a figure is of stays right before it
        (f"雨の量は、多い所で、北海道と北陸で{BLANK}となっている。", "北陸", "80ミリ"),
        # The phrase that holds the blank never goes
        (f"市は{BLANK}の予算で新庁舎を建てる。", "新庁舎", "40億円"),
        # The noun a clause describes: the clause would describe nothing
        (f"リーグを制した北浜クラブが、春に優勝した西町FCに{BLANK}で勝った。", "西町FC", "3―1"),
        # What the sentence's last verb says: 、輝いた alone says nothing
        (f"東高は{BLANK}で西高を破り、12年ぶり3度目(前身時代の1度を含む)の優勝に輝いた。",
         "12年ぶり", "4―2"),  # fmt: skip
    ],
)
def test_a_phrase_the_sentence_needs_stays(parse, stem, said, answer):
    assert without(stem, said, answer, parse) is None


def test_no_parser_no_cut():
    assert without(f"県議会は{BLANK}、条例案を9対3で可決した。", "9対3", "12日", None) is None


LEAD = (
    "鉄道会社の北辰電鉄は8日、来年4月から運賃を平均12%値上げすると国に届け出た。"
    "値上げは1989年以来で、初乗り運賃は170円から190円になる。"
    "同社によると、燃料費の高騰で今年度の鉄道事業は赤字となる見通しだ。"
)


def test_the_facts_of_one_lead_sentence_are_all_shown_first(nlp):
    result = draft_article(LEAD, published=date(2025, 10, 9), nlp=nlp)
    shown = result.kept[: clash_free(result.kept)]
    answers = {d.fact.text for d in shown}
    assert {"8日", "12%"} <= answers, [stem_of(d) for d in shown]
    # and none gives another's answer away
    for draft in shown:
        for other in shown:
            if other is not draft:
                assert other.fact.text not in stem_of(draft)


# Named things of a kind a teacher asks about, found by their kind's ending (issue 11).
@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("厚生労働省は、パーキンソン病の進行を抑える新薬を承認した。", "パーキンソン病"),
        ("北浜半島地震の影響で、県内の観光客は3割減った。", "北浜半島地震"),
        ("外相は、日豪外相会談で安全保障の協力を確認した。", "日豪外相会談"),
        ("改正水道事業法が成立し、料金の見直しが進む。", "改正水道事業法"),
    ],
)
def test_a_named_law_disease_disaster_or_summit_is_asked(nlp, sentence, name):
    result = draft_article(sentence + "関係者が明らかにした。", published=date(2025, 5, 1), nlp=nlp)
    assert any(d.fact.text == name for d in result.kept), [d.fact.text for d in result.kept]


@pytest.mark.parametrize(
    "sentence",
    [
        "同法は来年4月に施行される。",  # 同法 points back: no name
        "政府はいじめ防止対策推進法に基づいて調べた。",  # the name starts in kana: never half of it
        "委員会は「大規模地震」への備えを求めた。",  # someone's words
        "両社は基本協定を結んだ。",  # what it is, not a name
    ],
)
def test_a_word_that_only_ends_like_a_named_thing_is_not_asked(nlp, sentence):
    result = draft_article(sentence, published=date(2025, 5, 1), nlp=nlp)
    assert not any(
        d.fact.text.endswith(("法", "地震")) and d.fact.kind == "other" for d in result.kept
    )


def test_a_disease_named_after_a_person_is_right_without_病():
    from quizzes.grading import name_variants

    assert "パーキンソン" in name_variants("パーキンソン病", "other")
    assert name_variants("糖尿病", "other") == ["糖尿病"]


def test_a_governor_named_before_her_title_is_asked(nlp):
    # 総裁 (a central bank's, a party's) says she is a person as 社長 does
    raw = "中央銀行の村雨孝総裁は15日の会見で、金融緩和を続ける考えを示した。"
    result = draft_article(raw, published=date(2025, 6, 1), nlp=nlp)
    assert [d.fact.text for d in result.kept if d.fact.kind == "person"] == ["村雨孝"]


def _cloze(sentence: str, answer: str, kind: str, score: float):
    from quizzes.generation.drafting import Draft
    from quizzes.generation.facts import Fact

    fact = Fact(kind, answer, answer, 0, len(answer), 0)
    stem = sentence.replace(answer, BLANK, 1)
    return Draft("text", f"次の文の{BLANK}に入る語を書きなさい。\n{stem}", answer, [], kind,
                 sentence, "", score, fact)  # fmt: skip


@pytest.mark.parametrize(("first_score", "moved"), [(0.6, True), (0.9, False)])
def test_a_fact_that_alone_keeps_two_others_back_moves_below_them_if_they_weigh_more(
    first_score, moved
):
    from quizzes.generation.clashes import shown_first

    # The quoted words cannot lose a figure, so the first fact's stem shows both figures, each
    # asked from a sentence of its own.
    lead = "組合長は「今年の漁獲量は8200トン、売り上げは14億円だった」と話した。"
    first = _cloze(lead, "組合長", "other", first_score)
    tonnes = [_cloze("今年の漁獲量は8200トンで、前年を上回った。", "8200トン", "quantity", 0.5)]
    sales = [_cloze("売り上げは14億円で、過去最高だった。", "14億円", "money", 0.3)]
    kept, _ = shown_first([[first], tonnes, sales])
    shown = kept[: clash_free(kept)]
    if moved:
        assert [d.answer for d in shown] == ["8200トン", "14億円"]
        assert kept[-1].answer == "組合長"  # still kept, one click away
    else:  # never a minor pair for a main fact
        assert [d.answer for d in shown] == ["組合長"]


def test_a_cut_that_leaves_two_particles_meeting_is_no_cut(parse):
    from quizzes.generation.clashes import _own_clause, _without, stem_of
    from quizzes.generation.drafting import Draft
    from quizzes.generation.facts import DATE, OTHER, PERSON, QUANTITY, Fact

    def draft(stem, answer, kind):
        fact = Fact(kind, answer, answer, 0, len(answer), 0, "")
        return Draft("text", f"問\n{stem}", answer, [], kind, stem, "", 1.0, fact)

    late = draft(f"受験生3人が午前9時半からの試験に遅れ、{BLANK}で受験した。", "別室", OTHER)
    assert _without(late, draft("", "午前9時半", DATE), parse) is None  # never 3人がの試験
    # ではも: the day went from 町内では先月にも; 北にで: the distance went from 北に約2キロの
    again = draft(f"町内では先月にも、{BLANK}がイノシシにかまれた。", "60代の女性", OTHER)
    assert _without(again, draft("", "先月", DATE), parse) is None
    north = draft(f"港から北に約2キロの海岸で、{BLANK}が流木を見つけた。", "釣り客", OTHER)
    assert _without(north, draft("", "2キロ", QUANTITY), parse) is None
    # A player's name never goes to leave her position (ホークス投手が says nothing of who:
    # reviewers junk it); a title that says who stays (北村健一市長が -> 市長が)
    pitcher = draft(f"ホークス北村健一投手(28)が、{BLANK}となる10勝目を挙げた。", "3年連続", OTHER)
    assert _without(pitcher, draft("", "北村健一", PERSON), parse) is None
    mayor = draft(f"北村健一市長(58)が、{BLANK}となる予算案を発表した。", "過去最大", OTHER)
    assert _without(mayor, draft("", "北村健一", PERSON), parse).prompt.endswith(
        f"市長が、{BLANK}となる予算案を発表した。"
    )
    # The week a count was taken over goes as a whole (先月28日から今月4日までの1週間に)
    week = draft(f"県によると、先月28日から今月4日までの1週間に報告された患者数は{BLANK}だった。",
                 "2.41人", QUANTITY)  # fmt: skip
    assert _without(week, draft("", "28日", DATE), parse).prompt.endswith(
        f"県によると、報告された患者数は{BLANK}だった。"
    )
    # A figure a noun needs stays: 約20年ぶりの高さ (never 金利は高さとなる)
    high = draft(f"利上げは{BLANK}以来で、長期金利は約20年ぶりの高さとなる。", "2月", DATE)
    assert _without(high, draft("", "20年ぶり", QUANTITY), parse) is None or "高さ" not in (
        _without(high, draft("", "20年ぶり", QUANTITY), parse).prompt
    )
    low = draft(f"株価は伸び悩んだが、{BLANK}以来、約8年ぶりの高値水準で終えた。", "3月", DATE)
    cut = _without(low, draft("", "8年ぶり", QUANTITY), parse)
    assert cut is None or "、高値水準" not in cut.prompt
    # A streak or a serial before the hit: 38打席ぶりとなる9号2ラン -> 9号2ラン, 2ラン
    hit = draft(f"ホークス{BLANK}投手が、38打席ぶりとなる9号2ランを放った。", "北村健一", PERSON)
    assert _without(hit, draft("", "9号", QUANTITY), parse).prompt.endswith(
        f"ホークス{BLANK}投手が、38打席ぶりとなる2ランを放った。"
    )
    assert _without(hit, draft("", "38打席ぶり", QUANTITY), parse).prompt.endswith(
        f"ホークス{BLANK}投手が、9号2ランを放った。"
    )
    # A name never goes leaving its さん behind
    prize = draft(f"選考会が{BLANK}に開かれ、山川花子(やまかわ・はなこ)さん(31)の「港の灯」と"
                  "北村一郎さん(45)の「遠い雪」が選ばれた。", "15日", DATE)  # fmt: skip
    cut = _without(prize, draft("", "山川花子", PERSON), parse)
    assert cut is None or "、さん" not in cut.prompt, cut.prompt
    # A charge listed beside the blank goes alone; a day before the list never takes its place
    both = draft(f"県警は{BLANK}と住居侵入の疑いで男を逮捕した。", "強盗致傷", OTHER)
    assert _without(both, draft("", "住居侵入", OTHER), parse).prompt.endswith(
        f"県警は{BLANK}の疑いで男を逮捕した。"
    )
    day = draft(f"県警は{BLANK}、強盗致傷と住居侵入の疑いで男を逮捕した。", "10月18日", DATE)
    cut = _without(day, draft("", "強盗致傷", OTHER), parse)
    assert cut is None or f"{BLANK}と" not in cut.prompt, cut.prompt  # never 県警は【　　】と住居…
    # A place's で after a verb closes no figure's clause (…会合で、 -> never …会合だ。)
    held = draft(f"市は{BLANK}に開いた審議会で、手数料を10%引き上げ、1500円とすることを5対2の"
                 "賛成多数で決めた。", "10日", DATE)  # fmt: skip
    assert _own_clause(stem_of(held), "5対2") is None  # never 市は【　　】に開いた審議会だ。
    rose = draft(f"{BLANK}に寄せられた苦情は約1,200件に上り、前年を上回った。", "今年度", DATE)
    assert _without(rose, draft("", "1,200件", QUANTITY), parse) is None  # never 苦情は上り


# A lead of two clauses: the blank's own clause made a sentence, where the other fact is in the
# other clause and no phrase of it can go.
@pytest.mark.parametrize(
    ("stem", "said", "expected"),
    [
        (f"県大会の決勝が{BLANK}、市民球場で行われ、北高が南高を破り、優勝した。", "北高",
         f"県大会の決勝が{BLANK}、市民球場で行われた。"),  # fmt: skip
        (f"同社は{BLANK}に新工場の建設を発表して、川村社長が会見した。", "川村",
         f"同社は{BLANK}に新工場の建設を発表した。"),  # fmt: skip
        # A later clause with its own subject stands alone, a comma after the subject too
        (f"総会が8日に開かれ、{BLANK}が新しい会長に選ばれた。", "8日",
         f"{BLANK}が新しい会長に選ばれた。"),  # fmt: skip
        (f"決勝が8日に行われ、北浜クラブが、{BLANK}に3―1で勝った。", "8日",
         f"北浜クラブが、{BLANK}に3―1で勝った。"),  # fmt: skip
        # A figure's own clause: 総額は…で、
        (f"市の予算は総額1200億円で、子育て世帯を支える新しい事業に{BLANK}を充てる。", "1200億円",
         f"子育て世帯を支える新しい事業に{BLANK}を充てる。"),  # fmt: skip
        (f"市の予算は総額{BLANK}で、子育て世帯を支える新しい事業に300億円を充てる。", "300億円",
         f"市の予算は総額{BLANK}だ。"),  # fmt: skip
        (f"報告された患者数は812人で、1医療機関当たり{BLANK}となり、基準を超えた。", "812人",
         f"患者数は1医療機関当たり{BLANK}となり、基準を超えた。"),  # fmt: skip
        # ため、 says why: no verb of a clause (never 引き分けたためた。)
        (f"2位の南高が{BLANK}に引き分けたため、北高の優勝が決まった。", "北高",
         None),  # fmt: skip
        # What something became ends a clause too
        (f"出願倍率が前年度から{BLANK}下がって2.1倍となり、過去最低だったことが8日分かった。",
         "8日", f"出願倍率が前年度から{BLANK}下がって2.1倍となった。"),  # fmt: skip
        (f"出願倍率は{BLANK}となり、過去最低だったことが8日分かった。", "8日",
         f"出願倍率は{BLANK}となった。"),  # fmt: skip
        (f"出願倍率は2.1倍となり、過去最低だったことが{BLANK}分かった。", "2.1倍",
         f"過去最低だったことが{BLANK}分かった。"),  # fmt: skip
    ],
)
def test_the_blanks_own_clause_is_made_a_sentence(stem, said, expected):
    assert _own_clause(stem, said) == expected


@pytest.mark.parametrize(
    ("stem", "said"),
    [
        # A particle's て is no clause's end, nor 少し
        (f"{BLANK}から3月にかけて、北高の生徒が清掃を続けた。", "北高"),
        (f"来年の開業に向け、{BLANK}が工事を進める。", "来年"),
        (f"{BLANK}の判決を受けて、北高の生徒が声明を出した。", "北高"),
        (f"売り上げは{BLANK}増えて少し、北高が伸びた。", "北高"),
        # A later clause without a subject of its own says nothing alone, nor after a
        # conjunction's が
        (f"総会が8日に開かれ、新しい会長に{BLANK}を選んだ。", "8日"),
        (f"総会は8日に開く予定だったが、{BLANK}に延期された。", "8日"),
        # A sentence that tells what is forecast keeps its first clause's tense: none
        (f"台風は{BLANK}ごろ県の北へ抜けて、夕方には日本海へ進む見込み。", "日本海"),
        # What the blank is for is said later, by a pointer to it
        (f"第5回{BLANK}と海風賞の選考会が開かれ、同賞に北村さんが選ばれた。", "北村"),
    ],
)
def test_no_clause_is_made_a_sentence_where_it_would_lose_its_point(stem, said):
    assert _own_clause(stem, said) is None


def shown_first(text: str, published: date, nlp) -> dict[str, str]:
    """The first drafts shown, answer to stem; none gives another's answer away."""
    result = draft_article(text, published=published, nlp=nlp)
    shown = result.kept[: clash_free(result.kept)]
    for draft in shown:
        for other in shown:
            if other is not draft:
                assert other.fact.text not in stem_of(draft), (other.answer, stem_of(draft))
    return {d.answer: stem_of(d) for d in shown}


def test_the_day_and_the_winner_of_one_lead_are_both_shown_first(nlp):
    text = (
        "桜ケ丘学園が初優勝\n県高校サッカー大会の決勝が3日、市民競技場で行われ、桜ケ丘学園が南高を"
        "2―1で破り、初優勝を果たした。桜ケ丘学園は後半に勝ち越した。"
    )
    stems = shown_first(text, date(2025, 11, 4), nlp)
    assert {"11月3日", "桜ケ丘学園", "市民競技場"} <= set(stems), stems


def test_a_short_stems_lead_in_loses_another_shown_fact_rather_than_the_stem_going(nlp):
    text = (
        "市民ホールが完成\n緑川市の市民ホールが完成し、1日に開館した。初日は大勢の市民が訪れ、"
        "森下幸一市長があいさつをした。総工費は約42億円。"
    )
    stems = shown_first(text, date(2026, 4, 2), nlp)
    assert {"森下幸一", "42億円"} <= set(stems), stems
    assert "森下" not in stems["42億円"] and "市長があいさつをした。総工費は" in stems["42億円"]


def test_two_drafts_cut_down_to_one_stem_are_never_shown_together():
    from types import SimpleNamespace

    from quizzes.generation.clashes import _told_apart

    def draft(stem):
        return SimpleNamespace(prompt=f"次の文の【　　】に入るものを選びなさい。\n{stem}")

    alike = [draft(f"予想雨量は、近畿{BLANK}だ。"), draft(f"予想雨量は、近畿{BLANK}だ。")]
    assert not _told_apart(alike)
    assert _told_apart([alike[0], draft(f"予想雨量は、東海{BLANK}だ。")])
