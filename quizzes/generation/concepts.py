"""Key concepts: the compound nouns a story is about that are no names (静止軌道, 政策金利,
温室効果ガス観測衛星, 認証制度). A teacher asks about them as often as about a name or a number.

A concept is a run of nouns in GiNZA's tokens (a prefix may open it, a suffix close it, 重要 of
重要鉱物 lead it), of kanji, katakana or Latin letters, three characters at least, that no name
or number already covers: never a person or a time, a pointer, the rest of a number's phrase or
of a word that opens in kana, nor words in quotes. One word alone is a concept only when it is
no everyday loanword (熱中症, ステーブルコイン; not ロケット or データ). A word of any story
(可能性, 民間企業, 商業施設) is never asked, only offered. The drafting ranks a concept the story
says twice (its headline counts) above one it says once, and both below the names and numbers
of the lead. The story's compound nouns are also where a concept's options come from: those
that end on the same word (`same_kind`), things of the same story, plausible to a student who
did not read it, and wrong by the article.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .facts import OTHER, Fact
from .text import Sentence, in_quotes

# TERM is a pool key of its own: "Term" is the granularity of a term the article puts in 「」.
CONCEPT, TERM = "Concept", "Concept:option"
VERBAL = "concept:verbal"  # the source of a compound noun that takes する: 閣議決定, 勝利宣言

_WORD = re.compile(r"[\u4e00-\u9fff々\u30a1-\u30faーA-Za-z・]+")
_KATAKANA = re.compile(r"[\u30a1-\u30faー・]+")
# Who (関係者, 会社員, 知事), when (前年同期, 年末) or a pointer (同社, 今回): no thing at all.
_NOT_A_THING = re.compile(
    r"(?:者|人|員|氏|さん|様|ら|側|方|際|的|上|下|外|世紀|年|月|日|時|期|間|頃|ごろ|後|前|中|内|以降|以上|以下|"
    r"未満|程度|次第|水準|両国|受賞|知事|首相|大統領|大臣|長官|議員|代表|社長|会長|"
    r"(?<!発)生|官|男性|女性|男児|女児|少年|少女|児|客|被告"  # 男性高校生, 警察官: someone
    r"|[国公私都道府県市町村]立)$"  # 国公私立: who runs it
    r"|^(?:同|本|当|今|各|両|前|元|現|昨|来|翌|全|他|諸|計|約|第|毎)|最"  # 過去最多, 最大規模
)
# A word of any story (可能性, 報告書, 民間企業, 商業施設): fine among the options, never the
# answer.
_VAGUE = re.compile(
    r"(?:性|等|分|目|全体|関係|予定|方針|結果|状況|問題|影響|対応|会見|報告書|文書|"
    r"声|話|件|点|数|額|率|量|費|値|幅|高|版|面|部|課|係|局|規模|企業|施設|団体|地域|当局|全国|"
    r"国内|海外|各地|別|現場|略)$"  # 年代別, 目撃現場, 敬称略: the telling's words (round 32)
)
# Words of the story's telling, not of its news: neither an answer nor an option.
_NO_OPTION = {"記者会見", "共同通信", "時事通信", "日本時間", "現地時間", "改正法", "新法"}
_KANA_OR_KANJI = re.compile(r"[\u4e00-\u9fff々\u30a1-\u30fa]")


def noun_runs(sentences: list[Sentence], docs) -> list[Fact]:
    """Every compound noun of the sentences, by GiNZA's tokens, as a `TERM` fact."""
    runs = []
    for index, (sentence, doc) in enumerate(zip(sentences, docs, strict=True)):
        for a, b, verbal in _noun_runs(doc):
            if in_quotes(sentence.text, a):
                continue  # someone's words, or a label the article quotes: not its own
            text = sentence.text[a:b]
            runs.append(Fact(OTHER, text, text, sentence.start + a, sentence.start + b, index,
                             TERM, source=VERBAL if verbal else "concept"))  # fmt: skip
    return runs


def key_concepts(runs: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    """The concept facts (each mention) among the compound nouns, which no name or number
    holds, and the others (`TERM`, one per spelling): the words of any story are options only."""
    runs = [
        f
        for f in runs
        if _KANA_OR_KANJI.search(f.text)
        and not _NOT_A_THING.search(f.text)
        and f.text not in _NO_OPTION
    ]
    concepts = [replace(f, granularity=CONCEPT) for f in runs if not _VAGUE.search(f.text)]
    asked = {f.text for f in concepts}
    terms = list({f.text: f for f in runs if f.text not in asked}.values())
    return concepts, terms


def _noun_runs(doc):
    """(start, end, verbal) of each run of nouns in a sentence's tokens: the shape of a compound
    noun, at least two tokens, or one long word. A verbal noun (閣議決定, 勝利宣言) takes する."""
    run: list = []
    before = None
    for token in [*doc, None]:
        if token is not None and _joins(token, bool(run)):
            run.append(token)
            continue
        while run and not _may_end(run[-1]):
            run.pop()  # 重要な: an adjectival word leads a compound, never ends one
        text = "".join(t.text for t in run)
        # 1死三塁, 3回裏, 10年物国債: the rest of a number's phrase, no compound of its own;
        # いじめ防止対策推進法: the rest of a word that opens in kana
        counted = before is not None and (
            _number(before) or (before.i > 0 and _number(before.doc[before.i - 1]))
            or (before.tag_.startswith("名詞") and not _WORD.fullmatch(before.text))
        )  # fmt: skip
        if run and 3 <= len(text) <= 14 and _shape(run, text) and not counted:
            a, b = run[0].idx, run[-1].idx + len(run[-1].text)
            yield a, b, "サ変可能" in run[-1].tag_
        run, before = [], token


def _number(token) -> bool:
    return token.tag_.startswith("名詞-数詞") or token.text[-1:].isdigit()


def _joins(token, inside: bool) -> bool:
    tag = token.tag_
    if not _WORD.fullmatch(token.text):
        return False
    if tag.startswith("名詞"):
        return not any(part in tag for part in ("数詞", "代名詞", "助動詞語幹"))
    if tag.startswith("接頭辞"):
        return not inside
    if tag.startswith(("接尾辞-名詞的", "形状詞")):
        return inside or tag.startswith("形状詞")
    return False


def _may_end(token) -> bool:
    return not token.tag_.startswith(("接頭辞", "形状詞"))


def _shape(run, text: str) -> bool:
    if all("固有名詞" in t.tag_ for t in run):
        return False  # a name GiNZA did not label: the name finders' to take or leave
    if len(run) == 1:
        return len(text) >= 7 if _KATAKANA.fullmatch(text) else True  # 熱中症, not データ
    return True


def kinship(answer: str, option: str) -> tuple[int, int]:
    """How alike two concepts are, most alike first when sorted: the longer the ending they
    share (観測衛星 and 気象衛星 are both satellites), the closer their lengths."""
    shared = 0
    while shared < min(len(answer), len(option)) and answer[-1 - shared] == option[-1 - shared]:
        shared += 1
    return -shared, abs(len(answer) - len(option))


def same_kind(answer: str, option: str) -> bool:
    """Things of one kind end on the same word of two characters or more: 長期金利 and
    政策金利, 閣議決定 and 正式決定 (never 性犯罪 and 強盗強姦罪, two names of one offence)."""
    return -kinship(answer, option)[0] >= 2 and option != answer
