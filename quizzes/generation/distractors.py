"""Distractors for a fact: other facts of the same kind, unit and granularity from the article
first, then numbers near the answer (never a plain multiple of it, never outside the quantity's
sense) or names of the same kind from the small general lexicons.
"""

from __future__ import annotations

import math
import random
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .. import grading
from . import lexicon, quality
from .concepts import CONCEPT, TERM, VERBAL, kinship, same_kind
from .facts import (
    DATE,
    ERA_START,
    MONEY,
    NUMBER,
    ORGANISATION,
    PERSON,
    PLACE,
    QUANTITY,
    REGION,
    Fact,
)

_NUMBER = re.compile(NUMBER)
# Not the simple multiples (x1.5, x2, x3) whose pattern points at the answer.
# Near enough to be plausible (no 206 km/h pitch), far enough to be clearly wrong by the article.
_FACTORS = [Decimal(f) for f in ("0.6", "0.7", "0.8", "0.85", "1.2", "1.3", "1.4", "1.6")]
# A market price (1ドル=154円, an index at 5万1238円) moves by a few percent, never by half.
_MARKET = re.compile(
    r"[=＝]|円台|為替|円相場|日経平均|株価|終値|始値|平均株価|ダウ|相場|取引を終え"
    r"|(?:株式|債券|ニューヨーク|東京|ロンドン)市場"
)
_MARKET_FACTORS = [
    Decimal(f) for f in ("0.93", "0.95", "0.96", "0.98", "1.02", "1.04", "1.05", "1.07")
]


def distractors(fact: Fact, stem: str, pool, rng: random.Random, published=None) -> list[str]:
    chosen: list[str] = []
    bounds = _bounds(stem, fact) if fact.kind in (MONEY, QUANTITY) else None
    # A market price's options lie a few percent apart, as its moves do; other amounts' 6%.
    blank = re.escape(grading.BLANK)
    market = (fact.kind == MONEY and bool(_MARKET.search(stem))) or bool(
        re.search(rf"(?:身長|体重|球速|最速|飛距離は(?:推定)?約?){blank}", stem)
        or re.search(rf"{blank}の(?:直球|速球|ストレート)", stem)
    )  # a price moves by a few percent; a man is never 263センチ tall, nor a pitch 191キロ
    closest = Decimal("0.02") if market else Decimal("0.06")
    span = _span_end(stem, published) if fact.kind == DATE and published else None
    # A place inside the country the stem names (ベトナム南部の【　　】): never another country.
    before_blank = stem.split(grading.BLANK)[0]
    inside_a_country = fact.kind == PLACE and bool(_INSIDE_A_COUNTRY.search(before_blank))

    def offer(option: str) -> None:
        if (
            option
            and not quality.broken(option)
            and not quality.mentions(stem, option)
            and not any(quality.same_thing(option, c) for c in [fact.answer, fact.text, *chosen])
            and not quality.sense_defects(fact.answer, [option])
            and (fact.kind != DATE or _same_side(fact, option, published))
            and (span is None or _inside_span(option, span, published))
            and _within(option, bounds)
            and not _too_close(fact, option, chosen[len(said_here) :], closest)
            and not (inside_a_country and option in lexicon.COUNTRIES)
        ):
            chosen.append(option)

    # What the sentence itself says is no distractor, however written (16年2月 / 2016年2月).
    said_here = [f.answer for group in pool.values() for f in group if f.sentence == fact.sentence]
    chosen.extend(said_here)

    same = [
        f
        for f in pool.get((fact.kind, fact.granularity), [])
        if f.sentence != fact.sentence and _comparable(fact, f)
    ]
    if fact.kind == PERSON:  # too few of her exact kind: people no word sets apart from her
        same += [
            f
            for (kind, tags), group in pool.items()
            if kind == PERSON and tags != fact.granularity and _alike(fact.granularity, tags)
            for f in group
            if f.sentence != fact.sentence
        ]
    if fact.kind == ORGANISATION:  # a party among parties, a university among universities
        same = [f for f in same if _body(f.answer) == _body(fact.answer)]
    rng.shuffle(same)
    if fact.granularity == CONCEPT:
        # Other concepts and compound nouns of the story of the same kind, by the word they end
        # on: a rate among rates (長期金利, 政策金利), a satellite among satellites. Any other
        # word of the story is no option (商業施設 for 参議院本会議): reviewers junk them.
        terms = [f for f in pool.get((fact.kind, TERM), []) if f.sentence != fact.sentence]
        rng.shuffle(terms)
        # 【　　】した: a verbal noun for a verbal noun (閣議決定, never 政治姿勢).
        verbal = fact.source == VERBAL and re.match(r"[しすさせ]", stem.split(grading.BLANK)[-1])
        same = sorted(
            [
                f
                for f in same + terms
                if not _nested(f.answer, fact.answer)
                and (f.source == VERBAL or not verbal)
                and same_kind(fact.answer, f.answer)
            ],
            key=lambda f: kinship(fact.answer, f.answer),
        )
    for other in same:
        option = _as_region(other.answer, fact) if fact.granularity == REGION else other.answer
        offer(_as_municipality(option, fact.answer) if fact.kind == PLACE else option)
    if fact.kind in (DATE, MONEY, QUANTITY):
        for option in _numeric_neighbours(fact, rng, published, 16 if market else 8, market):
            offer(option)
    else:
        name = fact.answer.removesuffix("地方")  # 中国地方 among 四国地方 and 近畿地方
        region = fact.granularity == REGION and name in lexicon.REGIONS
        peers = [o for o in lexicon.peers(name, fact.kind, region) if lexicon.existed(o, published)]
        for option in peers[:8]:
            offer(option + fact.answer[len(name) :])
    return chosen[len(said_here) :][:3]


# A threshold after a figure: the true value lies above it (を超えた, 以上) or below it (に満たず).
_ABOVE = r"(?:を|も)?(?:超え|超す|超し|上回|突破)|以上(?!の|に)|超(?![\u4e00-\u9fff])"
_BELOW = r"に満た|未満(?!の)|(?:を|も)?下回|以下(?!の|に)"
_ABOVE_AFTER, _BELOW_AFTER = re.compile(_ABOVE), re.compile(_BELOW)
THRESHOLD_AFTER = re.compile(f"{_ABOVE}|{_BELOW}")
_INSIDE_A_COUNTRY = re.compile(
    rf"(?:{lexicon.COUNTRY_NAMES})"
    r"(?:北|南|東|西|中|北東|北西|南東|南西)部?の$"
)


def _as_municipality(option: str, answer: str) -> str:
    """A town among towns, written as the answer is: 室戸市 beside 安芸市 (never 高知県安芸市,
    whose prefecture the stem gives) and never beside 徳島 (a prefecture, from 高知、徳島両県)."""
    if not re.search(r"[市町村区]$", answer):
        return option
    prefecture = next((p for p in lexicon.PREFECTURES if option.startswith(p)), "")
    if prefecture and not answer.startswith(prefecture) and len(option) > len(prefecture) + 1:
        option = option[len(prefecture) :]
    return option if re.search(r"[市町村区]$", option) else ""


def _as_region(option: str, fact: Fact) -> str:
    """A region written the way the answer is: 東海地方 among 近畿地方, 東海 among 近畿."""
    bare = option.removesuffix("地方")
    return bare + "地方" if fact.answer.endswith("地方") and bare in lexicon.REGIONS else bare


# What the stem says of the blank's figure beside another of its unit: 【　　】と、初めて1兆円を
# 超えた; 【　　】で、前回の10.1%から上昇した; 【　　】から2,050億円に引き下げた; 2,400億円から
# 【　　】に引き上げた; 【　　】で、半数を上回った. An option on the wrong side is ruled out by
# the stem itself.
_UP = r"上回|超え|超す|突破|上昇|増|伸び|拡大|改善|引き上げ|上方修正|上が|増や"
_DOWN = r"下回|割り込|割れ|切っ|低下|減|下落|縮小|悪化|引き下げ|下方修正|下が|減ら"
_AFTER_BLANK = re.compile(
    rf"^(?P<link>から|[とで]?、?)(?:[^。「」]{{0,16}}?)(?:初めて|節目の|大台の|目標の|目標とする)?約?"
    rf"(?:(?P<num>{NUMBER})(?P<unit>[^\d\s、。をにか]{{0,3}}?)|(?P<half>過?半数))"
    rf"(?P<how>を|から|に|へ)?(?:(?P<up>{_UP})|(?P<down>{_DOWN}))"
)
_BEFORE_BLANK = re.compile(
    rf"約?(?P<num>{NUMBER})(?P<unit>[^\d\s、。をにか]{{0,3}}?)から(?:約)?$"
)
_SINCE = re.compile(rf"^から(?:[^。、]{{0,4}}?)(?:(?P<up>{_UP})|(?P<down>{_DOWN}))")
_FIGURE = re.compile(rf"(?P<num>{NUMBER})(?P<unit>%|ポイント|[兆億万]?円|ドル|人|件|倍)")
_VERB_AFTER = re.compile(rf"^(?:に|へ|まで)(?:[^。]{{0,4}}?)(?:(?P<up>{_UP})|(?P<down>{_DOWN}))")


def _bounds(stem: str, fact: Fact) -> tuple[Decimal | None, Decimal | None] | None:
    """The side of a figure the stem puts the answer on, as (above, below), or None."""
    blank = stem.find(grading.BLANK)
    if blank < 0 or fact.value is None:
        return None
    before, after = stem[:blank], stem[blank + len(grading.BLANK) :]
    # The answer a threshold the figure passed: …が【1万回】を超えた is true of 8,000回 too, so
    # its options lie beyond it (1万2,000回); …は【5%】に満たず is true of 8%, so below it.
    if _ABOVE_AFTER.match(after):
        return (fact.value, None)
    if _BELOW_AFTER.match(after):
        return (None, fact.value)
    # A range's other end: 2万~【　　】 lies above 2万, 【　　】~3万円 below 3万円.
    low = re.search(rf"(?P<num>{NUMBER})[^\d\s、。~～〜]{{0,3}}[~～〜]約?$", before)
    high = re.match(rf"[~～〜]約?(?P<num>{NUMBER})", after)
    if low or high:
        limit = _value_of((low or high)["num"])
        if limit is not None and fact.value is not None and "万" in fact.answer and (
            "万" not in (low or high)["num"]
        ):
            limit *= 10000  # 2~【3万円】: the lower end in the upper's unit
        if limit is not None:
            return (limit, None) if low else (None, limit)
    found = _AFTER_BLANK.match(after)
    compared = found and ((found["how"] or "を") in ("を", "から") or found["link"] == "から")
    if found and (found["half"] or compared):
        if found["half"]:
            if fact.granularity != "%":
                return None
            limit = Decimal(50)
        else:
            limit = _value_of(found["num"])
            if limit is None or not fact.answer.endswith(found["unit"] or fact.answer[-1:]):
                return None
        # 【　　】から2,050億円に引き下げた: she was above; 【　　】で10.1%を上回った: above too
        above = bool(found["up"]) != (found["link"] == "から")
        return (limit, None) if above else (None, limit)
    earlier, verb = _BEFORE_BLANK.search(before), _VERB_AFTER.match(after)
    if earlier and verb:  # 2,400億円から【　　】に引き上げた: above 2,400億円
        limit = _value_of(earlier["num"])
        if limit is None or not fact.answer.endswith(earlier["unit"] or fact.answer[-1:]):
            return None
        return (limit, None) if verb["up"] else (None, limit)
    since = _SINCE.match(after)
    said = [m for m in _FIGURE.finditer(before) if fact.answer.endswith(m["unit"])]
    if since and said:  # 12.4%で、前回調査の【　　】から上昇した: below 12.4%
        limit = _value_of(said[-1]["num"])
        return None if limit is None else (None, limit) if since["up"] else (limit, None)
    return None


def _value_of(text: str) -> Decimal | None:
    found = _NUMBER.search(text)
    return grading.parse_number(found.group()) if found else None


# Quantities with steps of their own: ages, a storm's pressure, tenths, scores.
_STEPPED = {
    "歳", "代", "ヘクトパスカル", "割", "score", "record", "term", "intensity", "magnitude",
    "duration", "game_minute", "inning", "length",
}


def _too_close(fact: Fact, option: str, chosen: list[str], closest=Decimal("0.06")) -> bool:
    """An amount within 6% (`closest`) of the answer or of another option (21キロ beside 約20キロ,
    41.7% beside 41.69%): either nearly right, or two options a student cannot tell apart."""
    if fact.kind not in (MONEY, QUANTITY) or fact.value is None or fact.granularity in _STEPPED:
        return False
    if ":" in fact.granularity:  # 第38回, 3、4か月, 44か月連続: counted in steps of one
        return False
    value = _value_of(option)
    if value is None:
        return False
    others = [fact.value, *filter(None, map(_value_of, chosen))]
    return any(abs(value - o) < closest * max(abs(value), abs(o)) for o in others)


def _within(option: str, bounds) -> bool:
    if bounds is None:
        return True
    value, (above, below) = _value_of(option), bounds
    return value is None or (above is None or value > above) and (below is None or value < below)


# What kind of body a name's ending says it is. Bodies of one kind only stand side by side.
_BODIES = [
    ("party", re.compile(r"党$")),
    ("university", re.compile(r"大学(?:院)?$")),
    ("court", re.compile(r"(?:裁判所|地裁|高裁|最高裁)$")),
    ("police", re.compile(r"(?:警察|警察署|府警|県警|道警|警視庁)$")),
    ("government", re.compile(r"(?:省|庁|政府|内閣府|官邸|委員会)$")),
    ("school", re.compile(r"(?:小学校|中学校|高校|高等学校)$")),
    ("hospital", re.compile(r"病院$")),
    ("fund", re.compile(r"(?:基金|財団)$")),
]


def _body(name: str) -> str:
    return next((kind for kind, ending in _BODIES if ending.search(name)), "")


_PERSON_TAGS = {"role": ("player", "coach"), "section": ("men", "women")}


def _alike(these: str, those: str) -> bool:
    """Whether another person (tags like Person:player:women:kana) may stand beside her: the same
    script, a coach only among coaches, and her role and section (men, women) where she has
    one."""
    a, b = set(these.split(":")), set(those.split(":"))
    if ("kana" in a) != ("kana" in b) or ("coach" in a) != ("coach" in b):
        return False
    return all(
        not (a & set(values)) or a & set(values) == b & set(values)
        for values in _PERSON_TAGS.values()
    )


# The other end of a span the blank opens or closes, with its year written: 【　　】から24年9月
# にかけて, 2022年4月から【　　】まで. An option past the other end is ruled out by the stem.
_SPAN_AFTER = re.compile(r"(?:ごろ|頃)?から(?P<end>\d{2,4}年(?:\d{1,2}月)?(?:\d{1,2}日)?)")
_SPAN_BEFORE = re.compile(r"(?P<start>\d{2,4}年(?:\d{1,2}月)?(?:\d{1,2}日)?)(?:ごろ|頃)?から$")


def _span_end(stem: str, published: date) -> tuple[str, tuple[date, date]] | None:
    at = stem.find(grading.BLANK)
    if at < 0:
        return None
    if (found := _SPAN_AFTER.match(stem, at + len(grading.BLANK))) and (
        end := date_interval(found["end"], published)
    ):
        return "start", end
    if (found := _SPAN_BEFORE.search(stem[:at])) and (
        start := date_interval(found["start"], published)
    ):
        return "end", start
    return None


def _inside_span(option: str, span: tuple[str, tuple[date, date]], published: date) -> bool:
    side, other = span
    mine = date_interval(option, published)
    if mine is None:
        return True
    return mine[0] < other[0] if side == "start" else mine[1] > other[1]


def _same_side(fact: Fact, option: str, published) -> bool:
    """A date offered beside a past event lies in the past too, and beside a plan in the future:
    a student who knows the publication date must not rule options out by it. A fiscal period
    still running (a forecast for 26年3月期) is offered beside periods not yet closed."""
    if published is None:
        return True
    answer, other = date_interval(fact.answer, published), date_interval(option, published)
    if answer is None or other is None:
        return True
    if answer[1] < published:  # past: no option wholly ahead
        return other[0] <= published
    if answer[0] > published or re.search(r"年度|期", fact.answer):
        return other[1] >= published  # a plan, or a period running now: none already closed
    return True


_WHEN = re.compile(
    r"(?:(?P<era>令和|平成|昭和)(?P<n>\d{1,2}|元)|(?P<year>\d{4}|\d{2}))年"
    r"(?:(?P<fy>度)|(?:(?P<from>\d{1,2})[―ー〜~\-–])?(?P<month>\d{1,2})月(?P<term>期)?"
    r"(?:(?P<day>\d{1,2})日)?)?"
    r"|(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?"
)


def date_interval(text: str, published: date) -> tuple[date, date] | None:
    """The first and last day a written date covers: 2025年度 is April 2025 to March 2026;
    26年3月期 the twelve months to March 2026; 2023年3月 the month; 10月5日 that day."""
    found = _WHEN.search(text)
    if not found:
        return None
    if found["m"]:
        year, month, day = published.year, int(found["m"]), found["d"]
    else:
        if found["era"]:
            n = 1 if found["n"] == "元" else int(found["n"])
            year = ERA_START[found["era"]] + n
        else:
            year = int(found["year"])
            year += 2000 if year < 100 else 0
        if found["fy"]:
            return date(year, 4, 1), date(year + 1, 3, 31)
        if not found["month"]:
            return date(year, 1, 1), date(year, 12, 31)
        month, day = int(found["month"]), found["day"]
        if found["term"]:  # ending in that month: the months from `from`, or a year of them
            last = _month_end(year, month)
            if found["from"]:
                first_month = int(found["from"])
                return date(year, first_month, 1), last
            return date(year - 1 if month < 12 else year, month % 12 + 1, 1), last
    if not 1 <= month <= 12:
        return None
    if day:
        try:
            return (date(year, month, int(day)),) * 2
        except ValueError:
            return None
    return date(year, month, 1), _month_end(year, month)


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _shape(text: str) -> str:
    """3.0% and 1.8% alike, 2.010% not: an option with more decimals stands out."""
    return re.sub(r"\d+", "N", re.sub(r"(?<=\.)\d+", lambda m: "d" * len(m[0]), text))


def _nested(a: str, b: str) -> bool:
    """温室効果ガス inside 温室効果ガス観測衛星: one holds the other, and reads as half right."""
    return a in b or b in a


def _comparable(fact: Fact, other: Fact) -> bool:
    """Numbers offered side by side look alike: 3万2,000人 against 3万5,000人, not against 4人."""
    if fact.kind not in (DATE, MONEY, QUANTITY):
        return True
    if _shape(fact.answer) != _shape(other.answer):
        return False
    if fact.granularity == "record":  # 11勝4敗 beside 10勝5敗, never 6勝9敗 nor 12勝2敗
        return _record_side(fact.answer) == _record_side(other.answer) and _games(
            fact.answer
        ) == _games(other.answer)
    if fact.value and other.value:
        # Another figure of the article in the answer's role: within a factor of 2.5 (3人 of
        # staff never against the 20人 of children; a 60% turnout never against a 19.8% share).
        ratio = other.value / fact.value
        return Decimal("0.4") <= ratio <= Decimal("2.5")
    return True


def _numeric_neighbours(
    fact: Fact, rng: random.Random, published=None, count: int = 8, narrow: bool = False
):
    """Same format, other numbers, within the quantity's sense: 38億ドル -> 27億ドル;
    2012年4月 -> 2010年4月; 12月3日 -> 12月17日; 第3回 -> 第4回; 98% never -> 147%."""
    span = fact.answer
    out: list[str] = []
    for _ in range(count * 6):
        option = _mutate(span, fact, rng, published, narrow)
        if (
            option
            and option != span
            and option not in out
            and (fact.kind != DATE or _same_side(fact, option, published))
            and not _NO_TIMES.search(option)
            and _digits(option) <= max(4, _digits(span))  # never 70005096円 for 1億7280円
        ):
            out.append(option)
        if len(out) >= count:
            break
    if len(out) < 4 and fact.kind in (MONEY, QUANTITY) and len(_NUMBER.findall(span)) == 1:
        # A one-figure amount (2兆円) has few scaled neighbours: count up and down instead
        # (never one end of a range: 50~100ミリ -> 51~100ミリ).
        lead = re.search(r"\d+(?![\d,.])", span)
        for step in (1, -1, 2, 3, -2) if lead else ():
            value = int(lead.group()) + step
            option = span[: lead.start()] + str(value) + span[lead.end() :]
            if value > 0 and option not in out and not _NO_TIMES.search(option):
                out.append(option)
    return out


def _digits(text: str) -> int:
    """The longest run of digits written: 4 in 1億7280円, 8 in 70005096円."""
    return max((len(n) for n in re.findall(r"\d+", text.replace(",", ""))), default=0)


# 1倍 or 0倍: no change at all, never an option for 2倍.
_NO_TIMES = re.compile(r"(?<![\d.])[01]倍")


def _latest_year(fact: Fact, published) -> int:
    """No distractor lies further ahead than the story could: the later of its own date and the
    publication year (+1 for plans)."""
    now = published.year if published else date.today().year
    year = fact.when[0] or 0
    return max(now + 1, year + 2 if year > now else year)  # a plan may lie a year or two ahead


def _mutate(
    span: str, fact: Fact, rng: random.Random, published=None, narrow: bool = False
) -> str | None:
    if fact.granularity == "inning":
        return _other_inning(span, rng)
    numbers = list(_NUMBER.finditer(span))
    if not numbers:
        return None
    g = fact.granularity
    if fact.kind == DATE:
        if g == "time":
            return _other_time(span, rng)
        if g in ("months", "days"):  # 8月下旬から9月 -> 10月下旬から11月; 18、19両日 -> 21、22両日
            step = rng.choice([-3, -2, -1, 1, 2, 3])
            moved = [m for m in numbers if span[m.end() : m.end() + 1] != "月"]
            if g == "months":
                moved = [m for m in numbers if span[m.end() : m.end() + 1] == "月"]
            top = 12 if g == "months" else 28
            if not moved or not all(1 <= int(m.group()) + step <= top for m in moved):
                return None
            pieces, last = [], 0
            for m in moved:
                pieces += [span[last : m.start()], str(int(m.group()) + step)]
                last = m.end()
            return "".join(pieces) + span[last:]
        if g.startswith("period:") or g.startswith("era"):
            target = numbers[0]  # the year: 2024年4―9月期 -> 2023年4―9月期, 令和6年 -> 令和5年
            value = int(target.group())
            new = value + rng.choice([-3, -2, -1, 1, 2])
            if new < 1 or (g.startswith("period:") and len(target.group()) == 4
                           and new > _latest_year(fact, published)):  # fmt: skip
                return None
            written = "元" if g.startswith("era") and new == 1 else str(new)  # 令和元年, never 1年
            return span[: target.start()] + written + span[target.end() :]
        target = numbers[-1] if g in ("ymd", "md", "d") else numbers[0]
        if g == "ym" and len(numbers) > 1 and rng.random() < 0.5:
            target = numbers[1]  # 2026年3月 -> 2026年5月 as well as 2024年3月
        unit = span[target.end() : target.end() + 1]
        value = int(target.group())
        if unit == "年":
            new = value + rng.choice([-4, -3, -2, -1, 1, 2, 3])
            if new > _latest_year(fact, published):
                new = value - rng.randint(1, 5)
        elif unit == "月":  # a month near it: snow in February, never in September
            new = rng.choice([m for m in range(max(1, value - 3), min(12, value + 3) + 1)
                              if m != value])  # fmt: skip
        else:  # a day near the answer's, in the same month: plausible, yet another day
            new = rng.choice([d for d in range(max(1, value - 9), min(28, value + 9) + 1)
                              if d != value])  # fmt: skip
        return span[: target.start()] + str(new) + span[target.end() :]
    if g.startswith(("ordinal:", "range:")) or g == "term":
        return _shifted(span, numbers, rng)
    if g in _OTHER_MUTATIONS:
        return _OTHER_MUTATIONS[g](span, numbers, rng)
    if g in ("割", "ヘクトパスカル", "代") and not numbers[0].group().isdigit():
        return None  # 6.5割, 960.5ヘクトパスカル: no whole number to move
    if g == "歳" and not numbers[0].group().isdigit():  # 81.09歳, a life expectancy: by tenths
        whole, _, tenths = numbers[0].group().partition(".")
        moved = Decimal(numbers[0].group()) + Decimal(rng.choice([-15, -10, -5, 5, 10, 15])) / 10
        value = f"{moved:.{len(tenths)}f}" if tenths.isdigit() and whole.isdigit() else None
        return span[: numbers[0].start()] + value + span[numbers[0].end() :] if value else None
    if g == "割":  # 6割 -> 4割, 8割: tenths of a whole, never 10割 or more
        value = int(numbers[0].group()) + rng.choice([-3, -2, -1, 1, 2, 3])
        return span[: numbers[0].start()] + str(value) + span[numbers[0].end() :] if (
            1 <= value <= 9 and "." not in numbers[0].group()
        ) else None
    if g == "ヘクトパスカル":  # a storm's pressure: 960 -> 945, 975; never 576 or 1536
        value = int(numbers[0].group()) + rng.choice([-25, -15, -10, 10, 15, 25])
        return f"{value}ヘクトパスカル" if 870 <= value <= 1013 else None
    if g == "歳":  # 72歳 -> 65歳, 79歳: an age moves by years, never 39 or 91 beside 65
        age = int(numbers[0].group())  # a round age (65歳以上) moves by fives: never 63歳
        steps = [-15, -10, -5, 5, 10, 15] if age % 5 == 0 else [-10, -7, -5, -3, 3, 5, 7, 10]
        value = age + rng.choice(steps)
        return f"{value}歳" + span[numbers[0].end() + 1 :] if value > 0 else None
    if g == "代":  # 40代 -> 30代, 60代: ages in tens
        value = int(numbers[0].group()) + 10 * rng.choice([-2, -1, 1, 2])
        return f"{value}代" if 10 <= value <= 90 else None
    factor = rng.choice(_MARKET_FACTORS if narrow else _FACTORS)
    if "千" in span:  # 4億2千万円 -> 5億1千万円: written the way the answer is
        return _scaled_thousands(span, factor)
    pieces, last = [], 0
    for match in numbers:
        pieces.append(span[last : match.start()])
        if span[match.end() : match.end() + 1] == "銭":  # 158円47銭: the sen, any sen
            pieces.append(str(rng.randrange(10, 100)))
        else:
            pieces.append(_scaled(match.group(), factor))
        last = match.end()
    pieces.append(span[last:])
    return "".join(pieces)


_THOUSANDS = re.compile(r"(?:(?P<top>\d+)(?P<big>[兆億万]))?(?P<low>\d)千(?P<unit>[兆億万]?)")


def _scaled_thousands(span: str, factor: Decimal) -> str | None:
    """4億2千万 x 1.3 -> 5億5千万: a number in the answer's own shape (N億N千万, N万N千 or N千),
    its thousands digit never 0 (then None)."""
    found = _THOUSANDS.search(span)
    if not found:
        return None
    step = Decimal(1000) * grading.MULTIPLIERS.get(found["unit"], Decimal(1))
    big = grading.MULTIPLIERS.get(found["big"] or "", None)
    value = Decimal(int(found["top"] or 0)) * (big or 0) + int(found["low"]) * step
    count = int((value * factor / step).quantize(Decimal(1), ROUND_HALF_UP))
    if big is None:
        written = f"{count}千{found['unit']}" if 1 <= count <= 9 else None
    else:
        top, low = divmod(count, int(big / step))
        written = f"{top}{found['big']}{low}千{found['unit']}" if top and 1 <= low <= 9 else None
    return None if written is None else span[: found.start()] + written + span[found.end() :]


def _shifted(span: str, numbers, rng: random.Random) -> str | None:
    """Small whole steps for counts in order: 第3回 -> 第5回, 3、4か月 -> 5、6か月; never 1年連続
    or 1度目, which nobody writes."""
    step = rng.choice([-2, -1, 1, 2, 3]) * _grain(numbers)
    least = 2 if re.search(r"連続|ぶり|目$|連覇|連勝|連敗|選$|冠$", span) else 1
    most = 9 if span.endswith("割") else None  # 3~4割 -> 5~6割, never 10~11割
    pieces, last = [], 0
    for match in numbers:
        value = int(float(match.group().replace(",", ""))) + step
        if value < least or (most and value > most):
            return None
        pieces += [span[last : match.start()], str(value)]
        last = match.end()
    return "".join(pieces) + span[last:]


def _grain(numbers) -> int:
    """The step a range of round figures moves by: 100~200ミリ -> 200~300ミリ, 50~100ミリ ->
    100~150ミリ (never 103~203ミリ, which nobody forecasts); 3~5メートル by ones."""
    values = [float(m.group().replace(",", "")) for m in numbers]
    if len(values) < 2 or not all(v.is_integer() and v > 0 for v in values):
        return 1
    common = math.gcd(*(int(v) for v in values))
    return common if common >= 10 else 1


def _other_score(span: str, numbers, rng: random.Random) -> str | None:
    """7対2 -> 6対3 (a vote keeps its total); 6-3 -> 5-2 (a score moves both ways)."""
    a, b = (int(m.group()) for m in numbers[:2])
    if "対" in span:
        step = rng.choice([-2, -1, 1, 2])
        a, b = a + step, b - step
    else:
        a, b = a + rng.choice([-2, -1, 0, 1, 2]), b + rng.choice([-1, 0, 1, 2])
        if a == b:
            return None  # a tie is no winning score
    if a < 0 or b < 0:
        return None
    first, second = numbers[0], numbers[1]
    return (
        f"{span[: first.start()]}{a}{span[first.end() : second.start()]}{b}{span[second.end() :]}"
    )


def _other_intensity(span: str, numbers, rng: random.Random) -> str | None:
    """震度6弱 -> 5強, 6強, 7: the Japanese scale's own steps."""
    scale = ["1", "2", "3", "4", "5弱", "5強", "6弱", "6強", "7"]
    level = span.removeprefix("震度")
    if level not in scale:
        return None
    at = scale.index(level) + rng.choice([-2, -1, 1, 2])
    return f"震度{scale[at]}" if 0 <= at < len(scale) else None


def _other_magnitude(span: str, numbers, rng: random.Random) -> str | None:
    value = Decimal(numbers[-1].group()) + Decimal(rng.choice([-8, -5, -3, 3, 5, 8])) / 10
    if not 1 <= value < 10:
        return None
    return span[: numbers[-1].start()] + f"{value:.1f}"


def _games(record: str) -> int:
    return sum(map(int, re.findall(r"\d+", record)))


def _record_side(record: str) -> int:
    """1 for a record with more wins than losses, -1 for fewer, 0 for as many."""
    wins, losses = map(int, re.findall(r"\d+", record)[:2])
    return (wins > losses) - (wins < losses)


def _other_record(span: str, numbers, rng: random.Random) -> str | None:
    """12勝3敗 -> 11勝4敗, 14勝1敗: as many bouts or games, won and lost otherwise, and still
    more won than lost where the answer won more (勝ち越し, a title), fewer where it won fewer."""
    wins, losses = int(numbers[0].group()), int(numbers[1].group())
    step = rng.choice([-3, -2, -1, 1, 2, 3])
    if wins + step < 0 or losses - step < 0:
        return None
    option = f"{wins + step}勝{losses - step}{span[numbers[1].end() :]}"
    return option if _record_side(option) == _record_side(span) else None


_KANJI_DIGITS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def _other_inning(span: str, rng: random.Random) -> str | None:
    """七回 -> 五回, 八回; 九回裏 -> 八回裏: another inning of a game, written as the answer."""
    found = re.fullmatch(r"(十[一二]?|[一二三四五六七八九])回(表|裏)?", span)
    if not found:
        return None
    inning = _KANJI_DIGITS.index(found[1]) + 1 + rng.choice([-3, -2, -1, 1, 2])
    last = 12 if _KANJI_DIGITS.index(found[1]) >= 9 else 9
    return f"{_KANJI_DIGITS[inning - 1]}回{found[2] or ''}" if 1 <= inning <= last else None


def _other_minute(span: str, numbers, rng: random.Random) -> str | None:
    """後半21分 -> 後半9分, 後半34分: another minute of the same half."""
    minute = int(numbers[-1].group()) + rng.choice([-15, -11, -7, -4, 4, 7, 11, 15])
    top = 15 if span.startswith("延長") else 45
    return f"{span[: numbers[-1].start()]}{minute}分" if 1 <= minute <= top else None


def _other_duration(span: str, numbers, rng: random.Random) -> str | None:
    """1時間50分 -> 1時間30分, 2時間10分 (never 1時間70分); 2時間5分32秒 -> 2時間7分14秒: a
    length of time moved by minutes (or by seconds, where it has them), written as the answer."""
    found = re.fullmatch(r"(?:(\d+)時間)?(?:(\d+)分|(半))?(?:(\d+)秒)?", span)
    if not found:
        return None
    hours, minutes, half, secs = found.groups()
    total = (int(hours or 0) * 60 + int(minutes or 0) + (30 if half else 0)) * 60 + int(secs or 0)
    if secs is not None:
        step = rng.choice([-1, 1]) * rng.randint(40, 300)
    else:
        grain = 10 if int(minutes or 0) % 10 == 0 else 5
        step = rng.choice([-3, -2, -1, 1, 2, 3]) * grain * 60
    total += step
    if total <= 0:
        return None
    h, rest = divmod(total, 3600)
    m, sec = divmod(rest, 60)
    if secs is not None:
        return f"{h}時間{m}分{sec}秒" if hours else (f"{m}分{sec}秒" if h == 0 else None)
    if hours is None:
        return None if h else f"{m}分"
    if half and m in (0, 30):
        return f"{h}時間半" if m == 30 else f"{h}時間"
    return f"{h}時間{m}分" if m else f"{h}時間"


def _other_length(span: str, numbers, rng: random.Random) -> str | None:
    """1メートル12センチ -> 1メートル32センチ, 92センチ; 3キロ200メートル -> 2キロ800メートル: a
    length in two units moved by a few of the smaller, written as the answer is."""
    big, small = (int(n.group()) for n in numbers[:2])
    if "センチ" in span:
        per, grain, names = 100, 10, ("メートル", "センチ")
    else:
        per, grain = 1000, 100 if small % 100 == 0 else 10
        names = (span[len(numbers[0].group()) : numbers[1].start()], "メートル")
    total = big * per + small + rng.choice([-4, -3, -2, -1, 1, 2, 3, 4]) * grain
    if total <= 0:
        return None
    top, rest = divmod(total, per)
    return f"{top}{names[0]}{rest}{names[1]}" if top and rest else (
        f"{top}{names[0]}" if top else f"{rest}{names[1]}"
    )


_OTHER_MUTATIONS = {
    "duration": _other_duration,
    "length": _other_length,
    "game_minute": _other_minute,
    "record": _other_record,
    "score": _other_score,
    "intensity": _other_intensity,
    "magnitude": _other_magnitude,
}


def _other_time(span: str, rng: random.Random) -> str | None:
    match = re.search(r"(\d{1,2})時(?:(\d{1,2})分)?", span)
    if not match:
        return None
    hour = int(match[1]) + rng.choice([-3, -2, -1, 1, 2, 4])
    limit = 12 if span.startswith(("午前", "午後")) else 24
    if not 0 <= hour < limit:
        return None
    minutes = ""
    if match[2] is not None:
        minute = (int(match[2]) + rng.choice([0, 10, 20, 30, 40])) % 60
        minutes = f"{minute}分" if minute else ""  # 午前8時, never 午前8時0分
    return span[: match.start()] + f"{hour}時{minutes}" + span[match.end() :]


def _scaled(number: str, factor: Decimal) -> str:
    """The number times factor, written the way the original was (億/万, commas, decimals)."""
    units = [mark for mark in grading.MULTIPLIERS if mark in number]
    if units:
        return _scaled_kanji(number, units, factor)
    decimals = len(number.split(".")[1]) if "." in number else 0
    value = Decimal(number.replace(",", "")) * factor
    value = _round_like(value, Decimal(number.replace(",", "")), decimals)
    text = f"{value:,f}" if "," in number else f"{value:f}"
    return text


def _round_like(value: Decimal, original: Decimal, decimals: int) -> Decimal:
    """As many significant figures as the original had: 38 -> 49, not 57.0 or 76."""
    quantum = Decimal(1).scaleb(-decimals)
    if decimals == 0 and original >= 10:
        zeros = len(str(int(original))) - len(str(int(original)).rstrip("0"))
        quantum = Decimal(10) ** zeros
    value = (value / quantum).quantize(Decimal(1), ROUND_HALF_UP) * quantum
    return max(value, quantum)


def _scaled_kanji(number: str, units: list[str], factor: Decimal) -> str:
    from quizzes.grading import parse_number

    original = parse_number(number) or Decimal(0)
    value = original * factor
    plain_tail = not number.endswith(units[-1])
    step = Decimal(1) if plain_tail else grading.MULTIPLIERS[units[-1]]
    # As round as the answer: 約8,700万円 beside 7,400万円, never 7,395万円.
    digits = str(int(original)).rstrip("0") if original >= 1 else ""
    if digits and value >= 1:
        places = len(str(int(value))) - max(len(digits), 2)
        step = max(step, Decimal(10) ** max(places, 0))
    value = max(step, (value / step).quantize(Decimal(1), ROUND_HALF_UP) * step)
    # Written from the largest unit the value needs: 3兆, never 30000億.
    marks = [
        m for m in grading.MULTIPLIERS if grading.MULTIPLIERS[m] >= grading.MULTIPLIERS[units[-1]]
    ]
    parts = []
    for mark in marks:
        amount, value = divmod(value, grading.MULTIPLIERS[mark])
        if amount:
            parts.append(f"{int(amount):,}{mark}" if "," in number else f"{int(amount)}{mark}")
    if plain_tail and value:
        parts.append(f"{int(value):,}" if "," in number else f"{int(value)}")
    return "".join(parts) or "0"
