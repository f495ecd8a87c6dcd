"""The phrase of a sentence a stem can do without, read off GiNZA's dependency parse.

A news lead says who, when, how much and by how many votes in one sentence. Where the rules in
`clashes` find no part they know how to leave out, the parse still knows which words hang on
which: a modifier (7対2の賛成多数で -> 賛成多数で), an adverbial (誘導目標を0.25%引き上げ ->
誘導目標を引き上げ), a clause that only describes a noun (18、19日に開いた会合で -> 会合で). Such a
phrase can go and the sentence still stands. A subject, an object, the words the blank hangs on
and anything in quotes never go.

The parser is loaded with the model but left out of the entity pipeline; it runs here only, on
the few stems two shown drafts would otherwise share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..grading import BLANK
from .text import in_quotes

# Dependents a clause can lose (Universal Dependencies, as GiNZA labels them); a clause (acl,
# advcl) goes only with the one phrase it holds.
_OPTIONAL = {"obl", "nmod", "advmod", "nummod", "amod", "appos"}
# Dependents that say nothing of their own: a verb left with only these has lost its content.
_FUNCTION = {"aux", "cop", "mark", "case", "punct", "fixed"}
# A subject, an object, a clause's complement: a phrase that holds one is never left out.
_CORE = {"nsubj", "obj", "iobj", "csubj", "ccomp", "xcomp", "dislocated", "ROOT", "root"}
_COMPOUND_PARTICLE = {
    "かけ", "わた", "つい", "よっ", "よる", "より", "とっ", "対し", "対す", "関し", "関す", "向け",
    "おい", "伴い", "伴う", "基づ", "沿っ",
}
# The parts of speech a phrase ends with.
_ENDS = ("ADP", "AUX", "PUNCT", "SCONJ", "PART", "VERB")
# Nouns that mean nothing without what describes them.
_FORMAL = {"なか", "中", "ところ", "ため", "こと", "もの", "よう", "うち", "際", "前", "後", "時",
           "上", "ほか", "間", "内", "ほど", "たび", "まま", "通り", "とおり",
           # and nouns that say nothing without what they are of: …の影響で
           "影響", "結果", "一環", "以降", "以来", "理由", "原因", "対象", "中心"}


_QUOTING = re.compile(
    r"(?:する|なる|予想|予測|見込む|見込み|みる|見る|言う|いう|述べる|発表|説明|推定|推計|判断|"
    r"考える|思う|伝える|報じる|話す|強調|指摘|主張|明らか|試算|算出|集計)$"
)


def dependency_parser(nlp=None) -> Callable | None:
    """A function that parses one sentence for its dependencies, or None when no parser is
    loaded (the regular-expression path, a test's stand-in model)."""
    from .names import load_nlp

    model = nlp if hasattr(nlp, "get_pipe") else load_nlp()
    if "parser" not in getattr(model, "component_names", ()):
        return None

    @lru_cache(maxsize=512)
    def parse(text: str):
        doc = model.make_doc(text)
        for name in ("tok2vec", "parser"):
            doc = model.get_pipe(name)(doc)
        return doc

    return parse


def without(stem: str, said: str, answer: str, parse: Callable | None) -> str | None:
    """The stem with the phrase that holds `said` left out, where the parse shows the sentence
    can lose it; None where it cannot. `answer` is the article's words the blank stands for."""
    at = stem.find(BLANK)
    if parse is None or at < 0 or not said or said in answer:
        return None
    filled = stem[:at] + answer + stem[at + len(BLANK) :]
    keep = (at, at + len(answer))
    doc = parse(filled)
    spans: list[tuple[int, int]] = []
    for found in re.finditer(re.escape(said), filled):
        a, b = found.span()
        if a < keep[1] and keep[0] < b or in_quotes(filled, a):
            return None
        span = _optional_phrase(doc, a, b, keep)
        if span is None:
            return None
        spans.append(span)
    if not spans:
        return None
    if re.match(r"[約\d]", answer) and any(b == keep[0] for _, b in spans):
        return None  # the words right before a figure say what it is of: 東北で【　　】
    for a, b in sorted(_merged(spans), reverse=True):
        if _NEEDS_ITS_FIGURE.match(filled, b):
            return None  # 約8年ぶりの【高値水準】: the noun says nothing without it
        if _RELATIVE_END.search(filled, 0, a) or (
            filled[a - 1 : a] == "、" and _BARE_VERB.match(filled, b)
        ):
            # セを連覇した【ヤクルトに】5―4で勝ち: the clause that described it is left
            # describing nothing; 2敗1分けで【…の日本一に】輝いた: the verb, saying nothing.
            return None
        if filled[b : b + 1] == "、" and (a == 0 or filled[a - 1] in "、。"):
            b += 1  # a phrase that opened a clause takes its comma along
        filled = filled[:a] + filled[b:]
        if b <= keep[0]:
            keep = (keep[0] - (b - a), keep[1] - (b - a))
    cut = filled[: keep[0]] + BLANK + filled[keep[1] :]
    return re.sub(r"^、|(?<=[、。])、", "", cut)


# A noun that says nothing without the figure before it: 約30年ぶりの高さ, 7年ぶりの高値水準.
NEEDS_ITS_FIGURE = (
    r"[^、。]{0,2}(?:高さ|低さ|水準|規模|大きさ|多さ|少なさ|長さ|速さ|ペース|距離|差|間(?![\u4e00-\u9fff])"
    # a target: 15万台の販売を目指す -> 販売を目指す says nothing of it
    r"|(?:販売|生産|出荷|受注|輸出|調達|採用|雇用|来場|集客)を(?:目指|見込|計画|目標))"
)
_NEEDS_ITS_FIGURE = re.compile(NEEDS_ITS_FIGURE)
# A verb's plain form right before the phrase: the phrase is the noun its clause describes.
_RELATIVE_END = re.compile(r"(?:した|った|んだ|いた|れた|する|される|ている|ていた)$")
# A sentence's last verb with nothing before it but a comma: 、輝いた。
_BARE_VERB = re.compile(r"[\u4e00-\u9fff]?[\u3041-\u3093]{1,5}。?$")


def _optional_phrase(doc, a: int, b: int, keep: tuple[int, int]) -> tuple[int, int] | None:
    """The characters of the smallest phrase that holds [a, b) and can go, never one that holds
    the blank, a subject or an object."""
    inside = [t for t in doc if t.idx < b and t.idx + len(t) > a]
    if not inside:
        return None
    node = next((t for t in inside if t.head not in inside or t.head.i == t.i), inside[-1])
    while not (_label(node) in _OPTIONAL and _can_go(node, keep)):
        if _label(node) in _CORE or node.head.i == node.i:
            return None  # 1人が重傷を負った: a subject takes its clause along, and that is too much
        node = node.head
    head = node.head
    if head.pos_ not in ("VERB", "ADJ"):
        return _extent(node)
    if any(c.i != node.i and _label(c) not in _FUNCTION for c in head.children):
        # A clause that describes a noun keeps all it says, or goes whole
        return None if _label(head) == "acl" else _extent(node)
    # A verb left with nothing of its own goes with it, clause and all: 18日に開いた会合 -> 会合,
    # 1時間余りにわたって開かれた -> 開かれた; where it cannot, the phrase stays.
    if _label(head) in ("acl", "advcl") and _can_go(head, keep):
        return _extent(head)
    return None


def _label(token) -> str:
    return token.dep_.removesuffix("_bunsetu")


def _extent(token) -> tuple[int, int]:
    last = token.right_edge
    return token.left_edge.idx, last.idx + len(last)


def _can_go(node, keep: tuple[int, int]) -> bool:
    doc = node.doc
    lo, hi = _extent(node)
    if lo < keep[1] and keep[0] < hi:
        return False  # the phrase holds the blank
    phrase = doc.text[lo:hi]
    words = range(node.left_edge.i, node.right_edge.i + 1)
    after = doc[node.right_edge.i + 1] if node.right_edge.i + 1 < len(doc) else None
    before = doc[node.left_edge.i - 1] if node.left_edge.i else None
    return not (
        phrase.count("「") != phrase.count("」")
        or phrase.count("(") != phrase.count(")")
        or any(_label(doc[i]) in _CORE for i in words)
        # Nothing outside leans on it: 所属していた前年 keeps 前年
        or any(t.head.i in words and t.i not in words and t.dep_ != "punct" for t in doc)
        # 0.75%程度とする: what something is made into is no adverbial, nor what is said,
        # forecast or thought (北陸で120ミリと予想される, 過去最多と発表した)
        or (_case(node) == "と" and _QUOTING.match(node.head.lemma_) is not None)
        # A noun that means nothing without what describes it: 続くなか, 600メートルほどのところ
        or (_label(node) in ("acl", "nmod") and node.head.lemma_ in _FORMAL)
        # A predicate of its own: 今年1月以来で、 (after 利上げは)
        or any(_label(c) == "cop" for c in node.children)
        or (before is not None and before.text in ("は", "が", "も") and phrase.endswith("、"))
        # What says where a thing came from or went to: 3か所からの報告 is no 報告
        or len([c for c in node.children if _label(c) == "case"]) > 1
        # What a comparison or a start leans on: 前年度より2万件増の -> 前年度より is left
        or (before is not None and before.text in ("より", "から", "比"))
        # What a compound particle takes: 6月2日にかけて, 2時間にわたって
        or doc.text[hi : hi + 2] in _COMPOUND_PARTICLE
        # One end of a range: 東北から九州まで
        or (_case(node) == "から" and "まで" in doc.text[hi : hi + 12])
        # It ends where a phrase ends, never inside a word: 山梨県内 is no 山梨県 + 内
        or not (
            doc[node.right_edge.i].pos_ in _ENDS
            or (after is not None and after.pos_ in ("VERB", "PUNCT", "ADP"))
        )
        # and starts where one starts: 欧州最終予選の… keeps 欧州's noun
        or not (before is None or before.pos_ in _ENDS or before.pos_ == "ADV")
    )


def _case(node) -> str:
    return next((c.text for c in node.children if _label(c) == "case"), "")


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
