"""GIFT's escapes and the scanning that respects them, shared by reading and writing GIFT."""

from __future__ import annotations

import re

# `\\`, `\>`, `\%`, `\[` and `\/` are ours, so any text survives a round trip: `->` would read as
# matching, a leading `%` as a weight, `[html]` as a format marker and `//` as a comment.
_ESCAPABLE = frozenset("~=#{}:\\>%[/")
_ESCAPE = re.compile(r"\\(.)", re.S)
_SPECIAL = re.compile(r"[\\~=#{}:\n]")


def unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw

    def one(m: re.Match[str]) -> str:
        c = m.group(1)
        if c == "n":
            return "\n"
        return c if c in _ESCAPABLE else m.group(0)

    return _ESCAPE.sub(one, raw)


def escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPECIAL.sub(lambda m: "\\n" if m.group(0) == "\n" else "\\" + m.group(0), text)
    text = text.replace("->", "-\\>")
    if text.startswith(("%", "[", "/")):
        text = "\\" + text
    return text


def find(raw: str, targets: str, start: int = 0) -> int:
    """Index of the first unescaped character of `targets` at or after `start`, or -1."""
    i, n = start, len(raw)
    while i < n:
        c = raw[i]
        if c == "\\":
            i += 2
            continue
        if c in targets:
            return i
        i += 1
    return -1


def find_sequence(raw: str, seq: str, start: int = 0) -> int:
    """Index of the first unescaped `seq` at or after `start`, or -1."""
    i, n = start, len(raw)
    while i < n:
        if raw[i] == "\\":
            i += 2
            continue
        if raw.startswith(seq, i):
            return i
        i += 1
    return -1


def split(raw: str, sep: str) -> list[str]:
    """`raw` cut at each unescaped `sep`, escapes left in place."""
    parts, start = [], 0
    while (i := find(raw, sep, start)) >= 0:
        parts.append(raw[start:i])
        start = i + 1
    parts.append(raw[start:])
    return parts
