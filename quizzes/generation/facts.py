"""Facts found by regular expressions: dates, money and quantities, taken as whole spans.

16億5,050万ドル is one amount, 4団体と1個人 one quantity, 2012年4月 one date. A date written
relative to its context (同年12月, 16年2月, a bare 29日) is resolved to a full date where the
text or the publication date allows, and never given a month it does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .text import Sentence

DATE, MONEY, QUANTITY = "date", "money", "quantity"
PERSON, PLACE, ORGANISATION, OTHER = "person", "place", "organisation", "other"
KINDS = (DATE, MONEY, QUANTITY, PERSON, PLACE, ORGANISATION, OTHER)


@dataclass(frozen=True)
class Fact:
    kind: str
    text: str  # the span exactly as the article writes it
    answer: str  # what a student should answer: the span, or its resolved form (2012年12月)
    start: int  # offsets into the normalised article text
    end: int
    sentence: int  # index into the article's sentences
    granularity: str = ""  # date: ymd/ym/y/md/d; money: the currency; quantity: the counter;
    #                        names: the named-entity class (Country, Island, Company …)
    value: Decimal | None = None  # money and quantities
    when: tuple[int | None, int | None, int | None] = (None, None, None)  # dates: y, m, d
    source: str = "regex"
    extra: dict = field(default_factory=dict, compare=False, hash=False)


_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUMBER = rf"(?:(?:{_DIGITS})[兆億万])+(?:{_DIGITS})?|{_DIGITS}"
CURRENCIES = "米ドル|ドル|円|ユーロ|人民元|元|ウォン|ポンド|ルーブル|ルピー"
COUNTERS = (
    "個人|団体|人|件|組|キロメートル|キロ|メートル|センチ|ミリ|トン|グラム|リットル|校|社|"
    "カ国|か国|ヵ国|ヶ国|回|位|秒|時間|日間|週間|か月|カ月|ヶ月|年間|歳|票|議席|台|機|隻|発|"
    "基|枚|冊|頭|匹|羽|店舗|施設|世帯|戸|棟|軒|%|倍|点|勝|敗|安打|本塁打|周|km|kg"
)
_MONEY = re.compile(rf"(?<![\d,.])(?:約)?(?P<num>{NUMBER})(?P<unit>{CURRENCIES})")
_ONE_QUANTITY = rf"(?:{NUMBER})(?:{COUNTERS})"
_QUANTITY = re.compile(
    rf"(?<![\d,.])(?P<all>(?P<num>{NUMBER})(?P<unit>{COUNTERS})(?:と{_ONE_QUANTITY})*)"
    rf"(?!前|後|ぶり|以内|目)"
)
_DURATION = re.compile(r"(?<![\d,.])\d+時間\d+分(?:\d+秒)?|(?<![\d,.])\d+分\d+秒")
_NOT_A_DATE_AFTER = r"(?!前|後|間|ぶり|目|連続|以上|未満|分|余り|足らず|程度|\d)"
_DATE = re.compile(
    rf"(?<![\d,.])(?:(?P<same>同年)|(?P<rel>昨年|今年|来年)|(?P<year>\d{{4}}|\d{{2}})年)?"
    rf"(?:(?P<month>\d{{1,2}})月)?(?:(?P<day>\d{{1,2}})日)?{_NOT_A_DATE_AFTER}"
)
_RELATIVE_YEAR = {"昨年": -1, "今年": 0, "来年": 1}


def extract_numeric_facts(
    text: str, sentences: list[Sentence], published: date | None = None
) -> list[Fact]:
    facts: list[Fact] = []
    context_year: int | None = None
    for index, sentence in enumerate(sentences):
        s = sentence.text
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int, taken=taken) -> bool:
            return all(b <= x or a >= y for x, y in taken)

        for match in _MONEY.finditer(s):
            a, b = match.span()
            if s.startswith("約", a):
                a += 1
            taken.append((a, b))
            facts.append(
                _numeric(MONEY, s[a:b], sentence, index, a, b, match["num"], match["unit"])
            )
        for match in _DURATION.finditer(s):
            a, b = match.span()
            if free(a, b):
                taken.append((a, b))
                facts.append(
                    Fact(QUANTITY, s[a:b], s[a:b], *_abs(sentence, a, b), index, "duration")
                )
        for match in _QUANTITY.finditer(s):
            a, b = match.span("all")
            if not free(a, b) or _is_date_like(s, a, b):
                continue
            taken.append((a, b))
            facts.append(
                _numeric(QUANTITY, s[a:b], sentence, index, a, b, match["num"], match["unit"])
            )
        for match in _DATE.finditer(s):
            if not (match["month"] or match["day"] or match["year"] or match["rel"]):
                continue
            a, b = match.span()
            if not free(a, b):
                continue
            fact = _date(match, sentence, index, published, context_year)
            if fact is None:
                continue
            taken.append((a, b))
            facts.append(fact)
            if fact.when[0] is not None:
                context_year = fact.when[0]
    facts.sort(key=lambda f: f.start)
    return facts


def _abs(sentence: Sentence, a: int, b: int) -> tuple[int, int]:
    return sentence.start + a, sentence.start + b


def _numeric(kind, span, sentence, index, a, b, number, unit) -> Fact:
    from quizzes.grading import parse_number  # pure, no ORM

    start, end = _abs(sentence, a, b)
    return Fact(kind, span, span, start, end, index, unit, value=parse_number(number))


def _is_date_like(s: str, a: int, b: int) -> bool:
    # "2014年" is a date, not a quantity of 年; 年 is not a counter here anyway, but 月 and 日
    # can follow numbers that the quantity pattern would otherwise read as 月間/日間.
    return s[b : b + 1] in {"年", "月"}


def _year(raw: str, published: date | None) -> int:
    year = int(raw)
    if len(raw) == 2:
        this_century = (published or date.today()).year // 100 * 100
        year += this_century
        if year > (published or date.today()).year + 1:
            year -= 100
    return year


def _date(match, sentence, index, published, context_year) -> Fact | None:
    s = sentence.text
    a, b = match.span()
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is None and day is not None and (match["year"] or match["same"]):
        return None  # 2012年3日 is not a way to write a date
    year: int | None = None
    if match["rel"]:
        if published is None and month is None:
            return None  # a bare 昨年 with no publication date says no year at all
        year = published.year + _RELATIVE_YEAR[match["rel"]] if published else None
    elif match["same"]:
        if context_year is None:
            return None
        year = context_year
    elif match["year"]:
        if len(match["year"]) == 2 and month is None and not _year_context(s, b):
            return None  # 16年 alone is more often a duration than 2016
        year = _year(match["year"], published)
    span = s[a:b]
    granularity = "".join(
        part
        for part, value in (("y", year or match["rel"]), ("m", month), ("d", day))
        if value is not None
    )
    if granularity == "m":
        return None  # a month alone (2月) rarely stands for a checkable date
    if year is None and published is not None:
        year, month = _resolve_from(published, month, day)
    answer = span
    if year is not None and (match["same"] or match["rel"] or len(match["year"] or "") == 2):
        answer = f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    start, end = _abs(sentence, a, b)
    return Fact(DATE, span, answer, start, end, index, granularity, when=(year, month, day))


def _year_context(s: str, end: int) -> bool:
    return bool(re.match(r"(?:に|には|の|、|は|から|まで|度|以降|以来)", s[end:]))


def _resolve_from(published: date, month: int | None, day: int | None):
    """The date nearest to the publication date that fits what the text gives."""
    if day is None:
        if month is None:
            return None, None
        return (published.year if month <= published.month + 1 else published.year - 1), month
    if month is not None:
        candidates = [
            (year, month) for year in (published.year - 1, published.year, published.year + 1)
        ]
    else:
        this_month = published.replace(day=1)
        previous = (this_month - timedelta(days=1)).replace(day=1)
        following = (this_month + timedelta(days=32)).replace(day=1)
        candidates = [(d.year, d.month) for d in (previous, this_month, following)]
    best = None
    for year, m in candidates:
        try:
            when = date(year, m, day)
        except ValueError:
            continue
        distance = abs((when - published).days)
        if best is None or distance < best[0]:
            best = (distance, year, m)
    if best is None or best[0] > 200:
        return None, month
    return best[1], best[2]
