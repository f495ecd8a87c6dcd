"""Normalisation and sentence splitting of Japanese news text."""

from __future__ import annotations

import pytest

from quizzes.generation.text import normalize, split_sentences


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
    raw = "見出しの行\n第一文。第二文！第三文？\n\n次の段落の文。"
    assert texts(raw) == ["見出しの行", "第一文。", "第二文!", "第三文?", "次の段落の文。"]


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


def test_the_title_line_is_dropped_when_given_and_kept_otherwise(seed_text):
    title = "北朝鮮:サイバー攻撃で核ミサイル開発の資金調達"
    assert title not in texts(seed_text, title=title)
    assert title in texts(seed_text)


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
