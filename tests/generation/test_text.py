"""Normalisation and sentence splitting of Japanese news text."""

from __future__ import annotations

from datetime import date

import pytest

from quizzes.generation import quality
from quizzes.generation.drafting import draft_article
from quizzes.generation.text import headline_of, normalize, split_sentences


def texts(raw: str, **kwargs) -> list[str]:
    return [s.text for s in split_sentences(normalize(raw), **kwargs)]


# normalize


def test_full_width_digits_and_letters_become_ascii():
    assert normalize("２０１２年４月、ＤｅＦｉ（分散型金融）") == "2012年4月、DeFi(分散型金融)"


def test_windows_and_old_mac_line_ends_become_one_kind():
    assert normalize("一行目\r\n二行目\r三行目") == "一行目\n二行目\n三行目"


def test_a_byte_order_mark_is_dropped():
    assert normalize("\ufeff本文。") == "本文。"


# split_sentences: lines, paragraphs, sentence ends


def test_each_line_is_split_on_sentence_ends_and_a_line_without_one_is_a_sentence():
    raw = "第一文。第二文！第三文？\n行末に句点のない行\n\n次の段落の文。"
    assert texts(raw) == ["第一文。", "第二文!", "第三文?", "行末に句点のない行", "次の段落の文。"]


def test_a_first_line_that_reads_as_a_headline_is_not_a_sentence():
    raw = "見出しの行\n第一文。第二文！\n\n次の段落の文。"
    assert texts(raw) == ["第一文。", "第二文!", "次の段落の文。"]
    # Parts set apart by a space, closing on a question mark: still a headline
    raw = "県大会の行方 最終戦に3校の可能性 北高の連覇、南高の逆転の条件は？\n決勝は8日だ。"
    assert texts(raw, title=headline_of(raw)) == ["決勝は8日だ。"]
    # An exclamation inside it, running on to no sentence end: still a headline
    raw = "北高、悲願の初V!主将の一振りで決着…県高校野球\n北高が延長戦を制した。"
    assert texts(raw, title=headline_of(raw)) == ["北高が延長戦を制した。"]


def test_a_blank_line_starts_a_new_paragraph():
    sentences = split_sentences(normalize("一つ目。二つ目。\n\n三つ目。\n四つ目。"))
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


def test_a_quote_in_brackets_is_not_split_at_its_own_sentence_ends():
    raw = "彼は「行く。必ず行く！」と言った。次(注。補足)も。『本。』と《談話。続き。》終わり。"
    assert texts(raw) == [
        "彼は「行く。必ず行く!」と言った。",
        "次(注。補足)も。",
        "『本。』と《談話。続き。》終わり。",
    ]


def test_full_width_round_brackets_protect_their_content_too():
    assert texts("会社(東京都。本社)が発表した。") == ["会社(東京都。本社)が発表した。"]


# boilerplate lines


@pytest.mark.parametrize(
    "line",
    [
        "takase.hatenablog.jp",
        "https://www.example.jp/sports/marathon/20241012.html",
        "・・・・・",
        "NHK「国際報道」4月26日より",
        "(共同)",
        "（共同）",
        "写真:ゴールする山田選手(横浜市中区で)",
        "北朝鮮のハッキング能力は超一流だと警戒されている(国際報道より)",
    ],
)
def test_url_separator_credit_and_caption_lines_are_dropped(line):
    raw = f"前の文。\n{line}\n後の文。"
    assert texts(raw) == ["前の文。", "後の文。"]


def test_a_sentence_that_mentions_a_source_in_brackets_is_kept():
    raw = "北朝鮮は暗号資産を盗んだ(国連の報告による)とされる。"
    assert texts(raw) == ["北朝鮮は暗号資産を盗んだ(国連の報告による)とされる。"]


def test_the_title_line_is_dropped_whether_given_or_not(seed_text):
    title = "北朝鮮:サイバー攻撃で核ミサイル開発の資金調達"
    assert title not in texts(seed_text, title=title)
    assert title not in texts(seed_text)  # a headline above a body is no sentence either
    assert title in texts(title)  # a text of its headline alone keeps it


def test_the_title_is_recognised_in_full_width_form_too():
    assert texts("ＮＨＫの特集\n\n本文。", title="ＮＨＫの特集") == ["本文。"]


# the seed article


def test_the_seed_loses_its_urls_separators_credits_and_captions(seed_text):
    sentences = texts(seed_text, title="北朝鮮:サイバー攻撃で核ミサイル開発の資金調達")
    assert not any("hatenablog" in s or "・・・" in s for s in sentences)
    assert "NHK「国際報道」4月26日より" not in sentences
    assert not any(s.endswith("(国際報道より)") for s in sentences)
    assert "テレビのニュース番組で仕事をしている友人が石垣島に急遽出張になった。" in sentences


def test_the_seeds_quoted_statement_stays_one_sentence(seed_text):
    sentences = texts(seed_text)
    quoted = [s for s in sentences if s.startswith("もっとも、朝鮮中央通信によると、《談話")]
    assert len(quoted) == 1
    assert "日本の対応次第だと主張した。》" in quoted[0]


# offsets


@pytest.mark.parametrize(
    "raw",
    [
        "\ufeff  字下げした文。二つ目！\r\n\r\n　全角の字下げ。「引用。」の文\n",
        "見出し\n\n 本文の一文。本文の二文。\ntakase.hatenablog.jp\n(共同)\n最後。",
    ],
)
def test_offsets_point_at_each_sentence_in_the_normalised_text(raw):
    text = normalize(raw)
    sentences = split_sentences(text)
    assert sentences
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_offsets_point_at_every_sentence_of_the_seed(seed_text):
    text = normalize(seed_text)
    sentences = split_sentences(text, title="北朝鮮:サイバー攻撃で核ミサイル開発の資金調達")
    assert len(sentences) > 30
    for s in sentences:
        assert text[s.start : s.end] == s.text


# the forms of real news: datelines, credits, captions, one-paragraph stories


@pytest.mark.parametrize(
    "raw",
    [
        "【ベルリン＝共同】ドイツ連邦議会は４日、新しい予算案を可決した。",
        "[フランクフルト 4日 ロイター] - ドイツ連邦議会は4日、新しい予算案を可決した。",
        "(ブルームバーグ): ドイツ連邦議会は4日、新しい予算案を可決した。",
        "【速報】ドイツ連邦議会は4日、新しい予算案を可決した。",
        "ベルリン(CNN) ドイツ連邦議会は4日、新しい予算案を可決した。",
        "ベルリン（ロイター） - ドイツ連邦議会は4日、新しい予算案を可決した。",
    ],
)
def test_a_dateline_is_removed_and_the_paragraph_it_opens_is_kept(raw):
    assert texts(raw) == ["ドイツ連邦議会は4日、新しい予算案を可決した。"]


@pytest.mark.parametrize(
    "credit", ["（共同）", "(AFP=時事)", "＝時事", "参照元：北海通信", "出典: 気象庁"]
)
def test_a_trailing_credit_is_removed_and_its_sentence_is_kept(credit):
    raw = f"港の岸壁が長さ約２００メートルにわたり崩れた。復旧には半年かかる見込み。{credit}"
    assert texts(raw) == [
        "港の岸壁が長さ約200メートルにわたり崩れた。",
        "復旧には半年かかる見込み。",
    ]


def test_a_source_in_brackets_is_part_of_the_story_not_a_credit():
    raw = "盗まれた額は12億ドルに上る。(分析会社ブロックスキャン3月調べ)"
    assert texts(raw) == ["盗まれた額は12億ドルに上る。", "(分析会社ブロックスキャン3月調べ)"]


def test_a_one_paragraph_story_with_a_dateline_and_a_credit_is_split_into_sentences():
    raw = (
        "【シドニー＝共同】オーストラリア東部で６日、大規模な山火事が発生し、"
        "約３万ヘクタールが焼けた。州政府は非常事態を宣言した。（共同）"
    )
    # The commands take a text's first line for its title: a paragraph is never a title.
    assert texts(raw, title=normalize(raw)) == [
        "オーストラリア東部で6日、大規模な山火事が発生し、約3万ヘクタールが焼けた。",
        "州政府は非常事態を宣言した。",
    ]


@pytest.mark.parametrize(
    "caption",
    [
        "【写真】完成した新しい駅舎",
        "【動画】打ち上げの瞬間",
        "記者会見する山川社長＝12日、東京都千代田区",
        # Where, or when and whose, after an equals sign at the line's end, a full stop or not
        "決勝点を挙げて喜ぶ北浜高の選手たち＝県営球場",
        "二回裏北浜高2死一塁、主将が中前に安打を放つ。捕手森＝県営球場",
        "式典で手を振る市長ら＝2026年5月3日、ロイター",
        "受賞が決まり、笑顔を見せる作家の山川さん＝15日午後、東京都千代田区",
        # …and a credit in brackets after the place, an equals sign in it
        "握手する両首相。後方に通訳の姿があった＝3日、首相官邸(代表撮影=共同)",
    ],
)
def test_captions_are_not_sentences(caption):
    raw = f"新駅の工事が終わった。\n{caption}\n開業は来月の予定だ。"
    assert texts(raw) == ["新駅の工事が終わった。", "開業は来月の予定だ。"]


def test_a_story_that_closes_on_its_credit_after_an_equals_sign_is_kept():
    raw = "新駅の工事が終わった。\n開業は来月の予定だと市が発表した＝共同\n円相場は1ドル＝155円"
    assert len(texts(raw)) == 3


def test_a_middle_dot_between_digits_is_a_decimal_point_and_offsets_do_not_move():
    raw = "雨量は１０４・５ミリに達した。ルシア・ベルトラン氏"
    assert normalize(raw) == "雨量は104.5ミリに達した。ルシア・ベルトラン氏"
    assert len(normalize(raw)) == len(raw)


def test_a_dot_after_a_name_with_a_number_is_no_decimal_point():
    # G7・5か国: the Group of Seven and five countries, never 7.5 countries.
    assert normalize("Ｇ７・５か国を回る") == "G7・5か国を回る"
    assert normalize("F15・2機が") == "F15・2機が"


def test_a_one_paragraph_story_is_titled_by_its_first_sentence_without_its_dateline():
    from quizzes.generation.text import title_for

    raw = "【ローマ＝共同】イタリア中部で５日、地震があった。けが人はいない。（共同）"
    assert title_for(raw) == "イタリア中部で5日、地震があった。"
    assert title_for("見出しの行\n本文の文。") == "見出しの行"


def test_a_sentence_that_runs_on_over_list_lines_is_one_sentence_again():
    # Broadcast news enumerates inside a sentence, one ▽ item to a line.
    raw = (
        "正午までの24時間の雪の量は\n▽高山で58センチと平年の2倍に達したほか\n"
        "▽白川で41センチを観測しました。\n気象庁は警戒を呼びかけています。"
    )
    text = normalize(raw)
    assert len(text) == len(raw)  # offsets into the text do not move
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[0].startswith("正午までの24時間の雪の量は ▽高山で58センチ")
    assert sentences[0].endswith("41センチを観測しました。") and len(sentences) == 2


def test_a_sentence_made_of_list_lines_is_one_sentence_with_no_list_mark(nlp):
    # Its first item opens the sentence and ends in a comma: ▽A社は…を、 / ▽B社も…計画です。
    raw = (
        "各社の計画は出そろった。\n▽北星電機は4月から新しい翻訳サービス「ことのは」を、\n"
        "▽港南通信も夏には、同じ種類のサービス「よみびと」をそれぞれ学校向けに売り出す計画です。"
    )
    text = normalize(raw)
    assert len(text) == len(raw)
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[1].startswith("北星電機は4月から") and sentences[1].endswith("計画です。")
    assert quality.sentence_defect(sentences[1]) is None  # a sentence, not a line of a list
    result = draft_article(raw, published=date(2026, 1, 9), nlp=nlp)
    assert result.kept and all("▽" not in d.prompt for d in result.kept)
    assert any("を、港南通信も" in d.prompt for d in result.kept)


def test_a_list_a_sentence_introduces_stays_lines():
    raw = "主な事業は次の通り。\n▽橋の補修\n▽駅前の整備。\n予算は5億円。"
    assert normalize(raw) == raw
    raw = "主な事業\n▽橋の補修 3億円\n▽駅前の整備 2億円"  # no line a sentence ends
    assert normalize(raw) == raw


def test_a_wire_storys_end_mark_ends_it_with_the_captions_run_on_after_it():
    text = (
        "東高、12年ぶり優勝\n東高が12年ぶりに優勝した。 (了) 【東西通信】 〔写真説明〕優勝を喜ぶ"
        "東高の選手=3日、市民球場"
    )
    sentences = split_sentences(normalize(text), title="東高、12年ぶり優勝")
    assert [s.text for s in sentences] == ["東高が12年ぶりに優勝した。"]
