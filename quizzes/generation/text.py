"""Normalisation and sentence splitting for Japanese (and plain English) news text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OPENING = "「『（(《〈【［["
CLOSING = "」』）)》〉】］]"
SENTENCE_END = "。！？!?"

_URL_LINE = re.compile(r"^(?:https?://\S+|(?:[\w-]+\.)+(?:jp|com|net|org|io|info|co)(?:/\S*)?)$")
_RULE_LINE = re.compile(r"^[\W_・･…ー―-]+$")  # ・・・・・, ----, ＊＊＊
_CREDIT_LINE = re.compile(
    r"(?:より|から|提供|撮影|取材・文|文・写真|写真・文)[)）]?$|^(?:写真|画像|図|表|出典|取材・文|文)\s*[:：]"
    r"|^[(（][^()（）]{1,20}[)）]$"
)
_CAPTION_SUFFIX = re.compile(r"[(（][^()（）]*(?:より|で|提供|撮影)[)）]$")
# A caption says where and when the picture was taken after an equals sign: …=5日、東京都内.
_CAPTION_PLACE = re.compile(r"=(?:\d{1,2}日|\d{1,2}月\d{1,2}日)、")
# …喜ぶ選手たち=甲子園, …大統領選挙人ら=2016年12月19日、AP: a line that closes on where (and
# when, and whose) the picture is, after an equals sign, is a caption, a sentence end or not.
# Never a story's closing credit (…と発表した=共同): that line is the story.
_CAPTION_END = re.compile(
    r"^.{0,150}=(?:(?!(?:共同|時事|ロイター|AFP|AP|ブルームバーグ|新華社|聯合|EPA|UPI)(?:通信)?$)"
    r"[^\d\s=、。()（）「」]{1,12}"
    r"|(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:午前|午後|朝|昼|夕|夜|未明)?、[^、。=()（）]{1,20})"
    r"(?:[(（][^()（）]{1,20}[)）])?$"  # …=7日、ワシントンのホワイトハウス(ロイター=共同)
)
_CAPTION_LABEL = re.compile(
    r"^[【\[〔(](?:写真|動画|画像|図|表|映像|グラフ)[^】\]〕)]{0,10}[】\]〕)]"
)

# A dateline opens a story and is not part of its first sentence: 【ロンドン=共同】,
# [東京 1日 ロイター] -, (CNN) -, 東京(CNN) , 【NQNニューヨーク=記者名】. Labels such as 【速報】 go
# too.
_AGENCIES = (
    r"共同|時事|ロイター|Reuters|AFP|AP|ブルームバーグ|Bloomberg|CNN|BBC|新華社|聯合|NNA|NQN"
)
_DATELINE = re.compile(
    r"^\s*(?:"
    r"【[^】]{1,30}】"
    rf"|〔[^〕]{{1,30}}〕"
    rf"|\[[^\]]{{1,40}}\]"
    rf"|\((?:{_AGENCIES})[^()]{{0,30}}\)"
    # 東京(CNN) , ニューヨーク(ロイター) -: the place, then the agency in brackets
    rf"|[\u4e00-\u9fff\u30a1-\u30faー・]{{1,15}}[(（](?:{_AGENCIES})[^()（）]{{0,30}}[)）](?=\s|[-–—―])"
    r")\s*[-–—―:]?\s*"
)
# A credit closes a story: (共同), (AFP=時事), =時事, 参照元: 通信社名, 出典: ….
_CREDIT_TAIL = re.compile(
    r"(?<=[。!?」』)])\s*(?:"
    r"\((?![^()]*(?:調べ|による|より))[^()]{1,15}\)"
    r"|[=][^。=「」]{1,20}"
    r"|(?:参照元|引用元|出典|ソース|情報源|写真|提供|取材・文|文・写真|文|関連記事)\s*[:][^。]{1,80}"
    r")\s*$"
)
# Where a wire story ends within its line: its end mark, or the captions run on after it.
_STORY_END = re.compile(
    r"(?<=[。!?」』)])\s*(?:[(（]了[)）]|〔(?:写真|画像)(?:説明)?〕|【(?:写真|画像)(?:説明)?】)"
)
_HEADLINE_MAX = 80
DOT_DECIMAL = re.compile(r"(?<![A-Za-z]\d)(?<![A-Za-z]\d\d)(?<=\d)・(?=\d)")  # never G7・5か国


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), one kind of line end, no BOM."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFKC", text)
    # Vertical-style news writes a decimal point as a middle dot (104・5ミリ): one character for
    # one, so offsets do not move.
    return _inline_lists(DOT_DECIMAL.sub(".", text))


def _inline_lists(text: str) -> str:
    """A sentence that runs on over ▽ lines is one line again (broadcast news: 48時間の雨量は
    / ▽新島で421ミリと…ほか / ▽箱根町で390ミリに迫っています。): each line end inside it
    becomes a space, one character for one. A list a sentence introduces (…次の通り。) and a
    list of lines that are no sentence stay lines."""
    lines = text.split("\n")
    joined: set[int] = set()  # the lines whose end is a space now
    opened: set[int] = set()  # the ▽ lines that open a sentence: their ▽ is a space now
    for i, line in enumerate(lines[:-1]):
        if not line.strip() or line.rstrip()[-1] in "。!?:」":
            continue
        if line.startswith("▽"):
            # ▽NTTは3月から…を、 / ▽NECも春には…提供する計画です。: the list is the sentence.
            if i in joined or not line.rstrip().endswith("、"):
                continue
            opened.add(i)
        block = i + 1
        while block < len(lines) and lines[block].startswith("▽"):
            if lines[block].rstrip().endswith("。"):
                joined.update(range(i, block))
                break
            block += 1
    opened = {i for i in opened if i in joined}
    if not joined:
        return text
    return "".join(
        (" " + line[1:] if n in opened else line)
        + (" " if n in joined else "\n" if n < len(lines) - 1 else "")
        for n, line in enumerate(lines)
    )


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets into the normalised text
    end: int
    paragraph: int

    def __str__(self) -> str:
        return self.text


def in_quotes(text: str, at: int) -> bool:
    """Whether `at` sits inside a 「」 opened before it and not yet closed."""
    return text.count("「", 0, at) > text.count("」", 0, at)


def is_boilerplate_line(line: str) -> bool:
    """URL lines, separators, captions and credits: nothing to quiz on."""
    s = line.strip()
    if not s:
        return True
    if _URL_LINE.match(s) or _RULE_LINE.match(s) or _CREDIT_LINE.search(s):
        return True
    if _CAPTION_LABEL.match(s) or _CAPTION_END.search(s):
        return True  # 【写真】…, 【動画】…, …=甲子園
    if re.match(r"^(?:参照元|引用元|出典|ソース|情報源|関連記事|関連リンク)\s*[:]", s):
        return True
    # A line with no sentence end that closes on a parenthesised source, or names where and
    # when a picture was taken, is a photo caption.
    return not any(ch in s for ch in SENTENCE_END) and bool(
        _CAPTION_SUFFIX.search(s) or _CAPTION_PLACE.search(s)
    )


def is_headline(line: str) -> bool:
    """A short line that ends without a sentence end: a headline, not a sentence."""
    s = line.strip()
    # 3クラブに可能性の大混戦 神戸、広島、町田の逆転Vの条件は?: a headline of parts set apart by
    # spaces may close on a question or an exclamation mark.
    asks = bool(re.search(r"[ 　]", s)) and s[-1:] in "!?" and not any(ch in s[:-1] for ch in "!?")
    # 日大明誠、初V!途中出場の子安が決勝弾: an exclamation inside a line that runs on to no
    # sentence end is a headline's, never a sentence's.
    cries = bool(re.search(r"[!?](?=[^\s!?])", s)) and s[-1:] not in "!?」』)"
    ends = asks or cries or not any(ch in s for ch in "!?")
    return 0 < len(s) <= _HEADLINE_MAX and "。" not in s and ends


def headline_of(text: str) -> str:
    """The article's first line when it is a headline, else an empty string."""
    first = next((line.strip() for line in normalize(text).splitlines() if line.strip()), "")
    return first if is_headline(first) else ""


def title_for(text: str, limit: int = 60) -> str:
    """A title for an article given without one: its headline, or else the opening of its first
    sentence (a one-paragraph story is not its own title), dateline removed."""
    if headline := headline_of(text):
        return headline
    first = next((line.strip() for line in normalize(text).splitlines() if line.strip()), "")
    start, end = body_span(first)
    sentence = first[start:end]
    spans = _split_line(sentence)
    if spans:
        sentence = sentence[spans[0][0] : spans[0][1]].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def body_span(line: str) -> tuple[int, int]:
    """The part of a line that is story: without a leading dateline or a trailing credit."""
    start, end = 0, len(line)
    # Only a bracket that opens the line and is followed by story text is a dateline.
    if (match := _DATELINE.match(line)) and line[match.end() :].strip():
        start = match.end()
    elif re.match(r"\s*[◆◇■□]\S[^。]{20,}。", line):
        start = line.index(line.strip()[0]) + 1  # ◆大相撲秋場所千秋楽(28日)…した。: a lead, marked
    if match := _STORY_END.search(line, start):
        end = match.start()  # (了) 【時事通信社】 〔写真説明〕…: the story ended before them
    if match := _CREDIT_TAIL.search(line, start, end):
        end = match.start()
    return start, end


def split_sentences(text: str, *, title: str = "") -> list[Sentence]:
    """Paragraphs and lines first, then 。！？ outside brackets; boilerplate lines dropped.

    `text` must already be normalised: the offsets point into it.
    """
    sentences: list[Sentence] = []
    paragraph = 0
    offset = 0
    title = normalize(title).strip()
    first = True
    lines = text.split("\n")
    several = sum(1 for line in lines if line.strip()) > 1
    for line in lines:
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            paragraph += 1
            continue
        # The headline is not a sentence to quiz on: the title repeated, or a first line that
        # reads as a headline above a body. A one-paragraph story is never taken for its title.
        headline = is_headline(line) and (line.strip() == title or (first and several))
        first = False
        ended = _STORY_END.search(line)  # a story's captions run on after its end mark
        if headline or is_boilerplate_line(line[: ended.start()] if ended else line):
            continue
        story_start, story_end = body_span(line)
        for start, end in _split_line(line[story_start:story_end]):
            start, end = start + story_start, end + story_start
            raw = line[start:end]
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            begin = line_start + start + lead
            sentences.append(Sentence(stripped, begin, begin + len(stripped), paragraph))
    return sentences


def _split_line(line: str) -> list[tuple[int, int]]:
    spans = []
    depth = 0
    start = 0
    i = 0
    while i < len(line):
        ch = line[i]
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING and depth:
            depth -= 1
        elif ch in SENTENCE_END and depth == 0:
            end = i + 1
            while end < len(line) and line[end] in SENTENCE_END + CLOSING:
                end += 1
            spans.append((start, end))
            start = end
            i = end
            continue
        i += 1
    if start < len(line):
        spans.append((start, len(line)))
    return spans
