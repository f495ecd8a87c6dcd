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


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), one kind of line end, no BOM."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets into the normalised text
    end: int
    paragraph: int

    def __str__(self) -> str:
        return self.text


def is_boilerplate_line(line: str) -> bool:
    """URL lines, separators, captions and credits: nothing to quiz on."""
    s = line.strip()
    if not s:
        return True
    if _URL_LINE.match(s) or _RULE_LINE.match(s) or _CREDIT_LINE.search(s):
        return True
    # A line with no sentence end that closes on a parenthesised source is a photo caption.
    return not any(ch in s for ch in SENTENCE_END) and bool(_CAPTION_SUFFIX.search(s))


def split_sentences(text: str, *, title: str = "") -> list[Sentence]:
    """Paragraphs and lines first, then 。！？ outside brackets; boilerplate lines dropped.

    `text` must already be normalised: the offsets point into it.
    """
    sentences: list[Sentence] = []
    paragraph = 0
    offset = 0
    title = normalize(title).strip()
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            paragraph += 1
            continue
        if (title and line.strip() == title) or is_boilerplate_line(line):
            continue
        for start, end in _split_line(line):
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
