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
REGION = "Domestic_Region"  # a place's granularity: a region of a country (中国 of 中国地方)


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


_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# 4億2千万, 3万8千, 2千: thousands written 千 after a digit are part of the number.
NUMBER = rf"(?:(?:{_DIGITS})千?[兆億万])+(?:{_DIGITS}千?)?|\d{{1,3}}千(?![\d兆億万])|{_DIGITS}"
CURRENCIES = "米ドル|ドル|円|ユーロ|人民元|元|ウォン|ポンド|ルーブル|ルピー"
# 本 and 名 count only where no word runs on (never 本社, 名簿), bar a word of how many (100名以上).
_NO_KANJI_AFTER = r"(?:(?![\u4e00-\u9fff])|(?=以上|超|余り|近く|減|増))"
COUNTERS = (
    "個人|団体|人|件|組|キロメートル|キロ|メートル|センチ|ミリ|トン|グラム|リットル|校|社|"
    "(?:カ国|か国|ヵ国|ヶ国)(?:・地域)?|回|位|秒|時間|日間|週間|か月|カ月|ヶ月|年間|歳|票|議席|台|機|隻|発|"
    "基|枚|冊|頭|匹|羽|店舗|施設|世帯|戸|棟|軒|%|倍|点|勝|敗|安打|本塁打|周年|周|km|kg|ポイント|度|"
    "ヘクトパスカル|ヘクタール|平方キロ|平方メートル|キロワット|か所|カ所|箇所|便|代|病院|品目|種類|割|"
    "回線|株|部|作品|会場|ヵ月|ヵ所|打点|立方メートル|奪三振|失点|四球|盗塁|分野|"
    f"本{_NO_KANJI_AFTER}|名{_NO_KANJI_AFTER}"
)
# Not 1ドル=145円: the unit of an exchange rate is no amount, with its = (_MONEY) or without
# it (1ドル154円台, 1ユーロ160円台: _PER_UNIT).
_PER_UNIT = re.compile(r"1(?:ドル|ユーロ|ポンド|元|ウォン|フラン)=?\d")
_MONEY = re.compile(
    rf"(?<![\d,.])(?:約)?(?P<num>{NUMBER})(?P<unit>{CURRENCIES})(?:\d{{1,2}}銭)?(?![=＝])"
)
# 4団体と1個人 is one count; 66%と1.8ポイント are two figures.
_ONE_QUANTITY = rf"(?:{NUMBER})(?:個人|団体|人|社|件|組|校|機関)"
_QUANTITY = re.compile(
    rf"(?<![\d,.])(?P<all>(?P<num>{NUMBER})(?P<unit>{COUNTERS})"
    rf"(?:(?<=個人|団体|.人|.社|.件|.組|.校|機関)と{_ONE_QUANTITY})*)"
    rf"(?!前|後|ぶり|以内|目|連続)"
    # Never the first character of a longer word: 380万回線 is lines, not 380万回; 2台車 no car.
    rf"(?<!回(?=[線路転答収復避帰覧]))(?<!台(?=[車帳風]))(?<!点(?=[検灯呼]))(?<!株(?=[主価式]))"
)
# A length, a weight, an area: 約1メートルのクマ is a measure, 1回の充電で a unit.
_MEASURE = (
    r"キロメートル|キロ|メートル|センチ|ミリ|トン|グラム|リットル|km|kg|ヘクタール|平方キロ|"
    r"平方メートル|立方メートル"
)
_ONE_EACH = re.compile(r"(?<![\d,.])1(?:人|台|枚|個|本|冊|回|世帯)$")  # 1人1台: one each
# 3、4か月後 and 10~15人: a range is one fact; its two ends are not two.
_RANGE = re.compile(
    rf"(?<![\d,.])(?P<all>(?P<low>{_DIGITS})[、~〜\-–](?P<num>{_DIGITS})(?P<unit>{COUNTERS}))"
)
# Serial numbers and ordinals: 第3回, 47号機, 台風12号, 5か国目, 3年連続, 2年ぶり, 4連覇.
_ORDINAL = re.compile(
    r"(?<![\d,.])(?P<all>第(?P<n1>\d+)(?:回|期|号|次|弾|位|戦|節|世代|陣)"
    r"|(?:台風)?(?P<n2>\d+)号機?"
    r"|(?P<n3>\d+)(?:か国|カ国|ヵ国|ヶ国|回|人|度|番|件|年|社|校|本|例|作|期|勝|点|戦|冠|球場|試合|打席)目"
    r"|(?P<n4>\d+)(?:年|か月|カ月|ヶ月|日|週|回|試合|季|大会|シーズン|機|期|営業日|場所|四半期)"
    r"(?:連続|(?=続けて|続き))"
    r"|(?P<n5>\d+)(?:年|か月|カ月|ヶ月|日|週間|季|営業日|大会|試合|打席)ぶり"
    r"|(?P<n6>\d+)(?:連覇|連勝|連敗|選(?!手|挙|出|考|択|定|抜)|冠))"
)
# When a goal came in a football match: 後半21分, 前半45分, 延長後半3分.
_GAME_MINUTE = re.compile(r"(?<![\d,.])(?:延長)?(?:前半|後半)\d{1,2}分(?!\d)")
# An inning of a baseball game, as the wire services write it, in kanji: 七回, 九回裏, 延長十回.
_INNING = re.compile(
    r"(?<![一二三四五六七八九十])(?P<inning>(?:十[一二]?|[一二三四五六七八九])回(?:表|裏)?)"
    r"(?=[表裏、にのでを]|まで)"
)
_BASEBALL = re.compile(r"安打|本塁打|打点|失点|投手|適時打|犠飛|併殺|三振|登板|イニング|先発")
# A count written with no counter, of the noun after it: 全国約650の会場, 国内48の医療機関.
_BARE_COUNT = re.compile(
    r"(?:約|およそ|計|全国|国内|世界|県内|市内|都内|府内|道内|全|延べ|合わせて)"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{2,})(?=の[\u4e00-\u9fff\u30a0-\u30ffー]{2,})"
)
# A vote or a score (7対2, 6-3), a prison term (懲役9年6月), a seismic intensity (震度6弱), a
# magnitude (マグニチュード6.1): each a quantity of its own kind, its distractors of its form.
_SCORE = re.compile(
    r"(?<![\d,.])\d{1,3}対\d{1,3}(?!\d)|(?<![\d,.年月])\d{1,2}[―−\-–]\d{1,2}(?![\d月日期])"
)
_TERM = re.compile(
    r"(?:懲役|禁錮|禁固)\d+年(?:\d+(?:か月|カ月|月))?|(?:懲役|禁錮|禁固)\d+(?:か月|カ月)"
)
# A record of wins and losses (12勝3敗, 8勝5敗2分): one fact, whose options keep its games.
_RECORD = re.compile(r"(?<![\d,.])\d{1,3}勝\d{1,3}敗(?:\d{1,2}(?:分け?|休))?")
_INTENSITY = re.compile(r"震度\d(?:強|弱)?")
_MAGNITUDE = re.compile(
    r"(?:マグニチュード|M)\d(?:\.\d)?(?!\d)|(?<=マグニチュードは)\d(?:\.\d)?(?![\d.])"
)
_DURATION = re.compile(r"(?<![\d,.])\d+時間(?:\d+分(?:\d+秒)?|半)|(?<![\d,.])\d+分\d+秒")
# How long after (or before) something another came: 約3時間後に鎮火, 打ち上げの約17分後,
# 12時間前に発表 (never 午後, nor 3日後 or 2年前, said of the story's own calendar).
_INTERVAL = re.compile(r"(?<![\d,.時])(?P<num>\d{1,3})(?P<unit>時間|分|秒)(?:後|前)(?![半])")
# A length in two units, one figure: 積雪が1メートル12センチ, 3キロ200メートル (never 12センチ
# alone).
_LENGTH = re.compile(
    r"(?<![\d,.])\d+(?:メートル\d{1,2}センチ|キロ(?:メートル)?\d{1,3}メートル)(?!\d)"
)
# 午前0時20分, 午後3時ごろ, 15時30分: a clock time (ごろ stays out of the answer).
_TIME = re.compile(r"(?<![\d,.])(?:午前|午後)?\d{1,2}時(?:\d{1,2}分|半)?(?!間)")
# Fiscal periods and years: 2019年4―9月期, 20年3月期通期, 2024年度, 24年度上期.
_PERIOD = re.compile(
    r"(?<![\d,.])(?P<year>\d{4}|\d{2})年"
    r"(?:(?P<from>\d{1,2})[―ー〜~\-–](?P<to>\d{1,2})月期|(?P<end>\d{1,2})月期(?:通期)?"
    r"|度(?:上期|下期|上半期|下半期)?)"
)
# Era years: 令和6年, 平成元年度, 令和7年4月1日.
_ERA = re.compile(
    r"(?P<era>令和|平成|昭和)(?P<n>\d{1,2}|元)年(?P<fy>度)?"
    r"(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?)?(?!代)"
)
ERA_START = {"令和": 2018, "平成": 1988, "昭和": 1925}
_NOT_A_DATE_AFTER = r"(?!前|後|間|ぶり|目|連続|以上|未満|分|余り|足らず|程度|期|度|代|\d)"
# A bare day is a date only where the text uses it as one: 5日、 / 5日に / 5日の会見 / 5日午後.
# 1日の乗降客数, 2日延期, 3日に1回, 14日ごと are lengths of time, and a wrong key.
_BARE_DAY_AS_DATE = re.compile(
    r"(?:、|に(?!\d+回|\d+度|1回)|は|から|まで|だ|です|夜|朝|午前|午後|未明|深夜|夕|昼|付|以降|以来|現在|時点"
    r"|(?:の|に)?(?:会見|記者会見|発表|閣議|会合|本会議|試合|決勝|初日|夜|朝|午前|午後|未明|時点|終値"
    r"|投開票|開票|告示|公示)"  # 市長選は14日投開票され
    r"|に(?:開|行|始|発|公|迎|控|予定|判明|発覚|死去|逮捕|投開票|投票|着陸|打ち上|上陸)"
    # the day's session of a market: 15日の東京株式市場で, 14日のニューヨーク外国為替市場
    r"|の(?:東京|ニューヨーク|ロンドン|上海|香港|欧州|外国為替|国内|株式)[^、。]{0,6}"
    r"(?:市場|取引|相場))"
)
_DATE = re.compile(
    # (never 第1日 of an event: its first day, no date)
    rf"(?<![\d,.第])(?:(?P<same>同年)|(?P<rel>昨年|今年|来年|去年|ことし)|(?P<year>\d{{4}}|\d{{2}})年)?"
    rf"(?:(?P<samemonth>同月)|(?P<relmonth>来月|先月|今月)|(?P<month>\d{{1,2}})月)?"
    rf"(?:(?P<day>\d{{1,2}})日|(?P<part>上旬|中旬|下旬|末|初め))?{_NOT_A_DATE_AFTER}"
)
_RELATIVE_YEAR = {"昨年": -1, "今年": 0, "来年": 1, "去年": -1, "ことし": 0}  # broadcasters' too
# A span of months is one fact, kept as written: 8月下旬から9月ごろ, 来年1月から3月にかけて.
_PART = r"(?:上旬|中旬|下旬|初め|末)?"
_MONTH_RANGE = re.compile(
    rf"(?<![\d,.])(?P<all>(?:(?:\d{{4}}|\d{{2}})年|来年|今年|昨年)?\d{{1,2}}月{_PART}"
    rf"から\d{{1,2}}月{_PART})(?=ごろ|頃|にかけて|まで|の)"
)
# Two days of one event: 来月18、19両日, 1月17、18の両日.
_DAY_PAIR = re.compile(
    r"(?<![\d,.])(?P<all>(?:\d{1,2}月|来月|今月|同月)?(?P<first>\d{1,2})[、~〜](?P<second>\d{1,2})"
    r"(?:日?の?両日|日(?=[にのでから、]|まで)))"
)


@dataclass
class _Context:
    """The nearest explicit date before the current point of the text: what 同年 and 同月 mean."""

    year: int | None = None
    month: int | None = None
    # Bare days already read, by day: 15日 said again is the same day, whatever its tense.
    days: dict[int, tuple[int | None, int]] = field(default_factory=dict)

    def saw(self, year: int | None, month: int | None) -> None:
        if year is not None:
            self.year = year
            self.month = month
        elif month is not None and self.year is not None:
            self.month = month


def extract_numeric_facts(
    text: str, sentences: list[Sentence], published: date | None = None
) -> list[Fact]:
    facts: list[Fact] = []
    context = _Context()
    baseball = bool(_BASEBALL.search(text))  # 七回 is an inning only in a game's story
    for index, sentence in enumerate(sentences):
        s = sentence.text
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int, taken=taken) -> bool:
            return all(b <= x or a >= y for x, y in taken)

        def keep(fact: Fact | None, a: int, b: int, taken=taken) -> None:
            taken.append((a, b))  # a span read and refused is not read again as something else
            if fact is not None:
                facts.append(fact)

        found: list[tuple[int, int, Fact]] = []
        for match in _MONEY.finditer(s):
            a, b = match.span()
            if s.startswith("約", a):
                a += 1
            if _PER_UNIT.match(s, a, b + 2):
                keep(None, a, b)  # 1ドル=154円, 1ドル154円台: the unit a rate is given for
                continue
            keep(_numeric(MONEY, s[a:b], sentence, index, a, b, match["num"], match["unit"]), a, b)
        for match in _ERA.finditer(s):
            a, b = match.span()
            fact = _era(match, sentence, index)
            keep(fact, a, b)
            found.append((a, b, fact))
        for match in _PERIOD.finditer(s):
            a, b = match.span()
            if free(a, b):
                fact = _period(match, sentence, index, published)
                keep(fact, a, b)
                found.append((a, b, fact))
        for match in _ORDINAL.finditer(s):
            a, b = match.span("all")
            if free(a, b):
                number = next(match[g] for g in ("n1", "n2", "n3", "n4", "n5", "n6") if match[g])
                shape = re.sub(r"\d+", "N", s[a:b])
                keep(_numeric(QUANTITY, s[a:b], sentence, index, a, b, number, shape), a, b)
                facts[-1] = _with(facts[-1], granularity=f"ordinal:{shape}")
        for pattern, granularity in (
            (_TERM, "term"), (_INTENSITY, "intensity"), (_MAGNITUDE, "magnitude"),
            (_SCORE, "score"), (_RECORD, "record"),
        ):  # fmt: skip
            for match in pattern.finditer(s):
                a, b = match.span()
                if free(a, b):
                    keep(Fact(QUANTITY, s[a:b], s[a:b], *_abs(sentence, a, b), index, granularity),
                         a, b)  # fmt: skip
        for pattern, granularity in ((_DURATION, "duration"), (_LENGTH, "length")):
            for match in pattern.finditer(s):
                a, b = match.span()
                if free(a, b):
                    keep(Fact(QUANTITY, s[a:b], s[a:b], *_abs(sentence, a, b), index, granularity),
                         a, b)  # fmt: skip
        for match in _GAME_MINUTE.finditer(s):
            a, b = match.span()
            if free(a, b):
                keep(Fact(QUANTITY, s[a:b], s[a:b], *_abs(sentence, a, b), index, "game_minute"),
                     a, b)  # fmt: skip
        if baseball:
            for match in _INNING.finditer(s):
                a, b = match.span("inning")
                if free(a, b):
                    keep(Fact(QUANTITY, s[a:b], s[a:b], *_abs(sentence, a, b), index, "inning"),
                         a, b)  # fmt: skip
        for match in _TIME.finditer(s):
            a, b = match.span()
            if free(a, b):
                keep(Fact(DATE, s[a:b], s[a:b], *_abs(sentence, a, b), index, "time"), a, b)
        for match in _RANGE.finditer(s):
            a, b = match.span("all")
            if free(a, b) and not _is_date_like(s, a, b):
                fact = _numeric(QUANTITY, s[a:b], sentence, index, a, b, match["num"], "")
                keep(_with(fact, granularity=f"range:{match['unit']}"), a, b)
        for match in _INTERVAL.finditer(s):
            a, b = match.span()
            if free(a, b):
                unit = f"interval:{match['unit']}"
                keep(_numeric(QUANTITY, s[a:b], sentence, index, a, b, match["num"], unit), a, b)
        for match in _QUANTITY.finditer(s):
            a, b = match.span("all")
            if not free(a, b) or _is_date_like(s, a, b):
                continue
            measured = re.fullmatch(_MEASURE, match["unit"]) or s[:a].endswith("約")
            if match["num"] == "1" and not measured and re.match(
                r"の|\d|に|当たり|あたり|につき|で(?:最|過去)", s[b:]
            ) or _ONE_EACH.search(s, 0, a):
                # 1回の充電で, 1人1台, 1時間に, 1年間で最も多い: a unit of measure, not a count
                keep(None, a, b)
                continue
            fact = _numeric(QUANTITY, s[a:b], sentence, index, a, b, match["num"], match["unit"])
            keep(fact, a, b)
        for match in _BARE_COUNT.finditer(s):
            a, b = match.span("num")
            if free(a, b) and not re.fullmatch(r"(?:19|20)\d\d", match["num"]):
                keep(_numeric(QUANTITY, s[a:b], sentence, index, a, b, match["num"], ""), a, b)
        for pattern, granularity in ((_MONTH_RANGE, "months"), (_DAY_PAIR, "days")):
            for match in pattern.finditer(s):
                a, b = match.span("all")
                if free(a, b):
                    answer = s[a:b]
                    relative = answer[:2] in _RELATIVE_YEAR and granularity == "months"
                    if relative and published is None:
                        keep(None, a, b)  # 来年1月から2月: which year, with no date to read it by?
                        continue
                    if relative:  # 来年1月から2月 asks for 2026年1月から2月
                        answer = f"{published.year + _RELATIVE_YEAR[answer[:2]]}年{answer[2:]}"
                    if granularity == "days" and published and not re.match(r"\d{1,2}月", answer):
                        # 18、19日 (or 来月18、19日) gets the month it means: 12月18、19日
                        # on the side its clause's tense says, like a single day's (4~10日に
                        # 報告された is past)
                        tense = _tense(s[b:])
                        _y, month = _resolve_from(published, None, int(match["first"]), tense)
                        if answer.startswith(("来月", "今月")):
                            ahead = answer.startswith("来月")
                            month = (published.month % 12) + 1 if ahead else published.month
                        if month is None or answer.startswith("同月"):
                            keep(None, a, b)
                            continue
                        answer = f"{month}月" + re.sub(r"^(?:来月|今月)", "", answer)
                    keep(Fact(DATE, s[a:b], answer, *_abs(sentence, a, b), index, granularity),
                         a, b)  # fmt: skip
        anchors = sorted((a, fact) for a, _b, fact in found if fact is not None)
        for match in _DATE.finditer(s):
            if not any(match[g] for g in ("month", "day", "year", "rel", "same", "samemonth",
                                          "relmonth")):  # fmt: skip
                continue
            a, b = match.span()
            if a == b or not free(a, b):
                continue
            while anchors and anchors[0][0] < a:  # an era year or period earlier in the sentence
                context.saw(*anchors.pop(0)[1].when[:2])
            fact = _date(match, sentence, index, published, context)
            keep(fact, a, b)
            if fact is not None:
                context.saw(*_written(match, fact))
        for _a, fact in anchors:
            context.saw(*fact.when[:2])
    facts.sort(key=lambda f: f.start)
    return facts


def _written(match, fact: Fact) -> tuple[int | None, int | None]:
    """The year and month a later 同年 or 同月 refers to, from a date the text gives. A bare 18日
    (a day only, read against the publication date) gives neither: after 2022年、…18日, 同年 is
    still 2022. A date that writes its month (9月2日) gives its month and the year it is read in:
    after 昨年3月 … 9月2日, 同月27日 is 9月27日 of this year."""
    if match["month"] or match["samemonth"] or match["relmonth"]:
        return fact.when[0], fact.when[1]
    if match["year"] or match["rel"] or match["same"]:
        return fact.when[0], None
    return None, None


def _with(fact: Fact, **changes) -> Fact:
    from dataclasses import replace

    return replace(fact, **changes)


def _era(match, sentence, index) -> Fact:
    s = sentence.text
    a, b = match.span()
    n = 1 if match["n"] == "元" else int(match["n"])
    year = ERA_START[match["era"]] + n
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    granularity = "era" + ("md" if day else "m" if month else "")
    return Fact(DATE, s[a:b], s[a:b], *_abs(sentence, a, b), index, granularity,
                value=Decimal(n), when=(year, month, day))  # fmt: skip


def _period(match, sentence, index, published) -> Fact:
    s = sentence.text
    a, b = match.span()
    year = _year(match["year"], published)
    shape = re.sub(r"\d+", "N", s[a:b])
    return Fact(DATE, s[a:b], s[a:b], *_abs(sentence, a, b), index, f"period:{shape}",
                value=Decimal(year), when=(year, None, None))  # fmt: skip


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


def _date(match, sentence, index, published, context: _Context) -> Fact | None:
    """A date fact whose answer is the full date a student can check, or None when the text
    does not say which date it is with certainty (同年 with no year before it, a bare 3日 with
    neither a month before it nor a publication date)."""
    s = sentence.text
    a, b = match.span()
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if match["samemonth"]:
        if context.year is None or context.month is None:
            return None
        month = context.month
    part = match["part"] or ""
    if match["relmonth"]:
        if published is None or day is None:
            return None  # 来月 alone is no date to check; 来月12日 is, from the publication date
        shift = {"来月": 1, "先月": -1, "今月": 0}[match["relmonth"]]
        total = published.year * 12 + published.month - 1 + shift
        year, month = divmod(total, 12)
        month += 1
        answer = f"{month}月{day}日"
        start, end = _abs(sentence, *match.span())
        return Fact(DATE, s[a:b], answer, start, end, index, "md", when=(year, month, day))
    if part and month is None:
        return None  # 上旬 of which month?
    if month is None and day is not None and (match["year"] or match["same"]):
        return None  # 2012年3日 is not a way to write a date
    year: int | None = None
    if match["rel"]:
        if published is None:
            return None  # 昨年 says which year only from the publication date
        if month is None:
            # A bare 今年 or 昨年 is no fact worth asking (the question would be what year it
            # is now), but it tells what a 同年 after it means.
            context.saw(published.year + _RELATIVE_YEAR[match["rel"]], None)
            return None
        year = published.year + _RELATIVE_YEAR[match["rel"]]
    elif match["same"] or match["samemonth"]:
        if context.year is None:
            return None
        year = context.year
    elif match["year"]:
        if len(match["year"]) == 2 and month is None and not _year_context(s, b):
            return None  # 16年 alone is more often a duration than 2016
        year = _year(match["year"], published)
    span = s[a:b]
    if year is None and month is not None and day is None and not part:
        return None  # a month alone (2月) rarely stands for a checkable date; 8月下旬 does
    relative_day = year is None and month is None and day is not None
    if relative_day and (s[a - 1 : a] == "約" or not _BARE_DAY_AS_DATE.match(s, b)):
        return None  # 約14日, 2日延期: a length of time, not a day of the month
    if year is None:
        if published is None:
            if relative_day:
                if context.month is None:
                    return None  # 29日 with no month anywhere before it: which month?
                year, month = context.year, context.month
            # else 5月3日 as written: the text says which day, if not which year
        elif relative_day and context.month and (opened := _SPAN_OPENED.search(s, 0, a)):
            # 2025年10月22日から23日まで: the day that closes a span is in its opening month
            # (or the next: 12月28日から3日まで)
            year, month = context.year, context.month
            if day < int(opened["day"]):
                year, month = (year + 1, 1) if month == 12 and year else (year, month % 12 + 1)
        elif relative_day and day in context.days:
            year, month = context.days[day]  # 15日午前3時に上陸…15日夕方には…進む見込み: one day
        else:
            tense = _tense(s[b:]) if relative_day else None
            year, month = _resolve_from(published, month, day, tense)
            if month is None:
                return None
    if relative_day and month is not None:
        context.days.setdefault(day, (year, month))
    answer = span
    if match["same"] or match["rel"] or match["samemonth"] or len(match["year"] or "") == 2:
        answer = f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else part)
    elif relative_day:
        answer = f"{month}月{day}日"  # 3日 asks for 12月3日: a day keeps its month
    # The granularity is the answer's: what its distractors must look like.
    granularity = "".join(part for part, mark in (("y", "年"), ("m", "月"), ("d", "日"))
                          if mark in answer)  # fmt: skip
    start, end = _abs(sentence, a, b)
    return Fact(DATE, span, answer, start, end, index, granularity, when=(year, month, day))


# A date right before a bare day, opening a span or a list with it: 10月22日から(23日),
# 10月22日、(23日).
_SPAN_OPENED = re.compile(r"\d{1,2}月(?P<day>\d{1,2})日(?:ごろ|頃)?(?:から|~|〜|、|と|や|及び)$")


def _year_context(s: str, end: int) -> bool:
    return bool(re.match(r"(?:に|には|の|、|は|から|まで|度|以降|以来)", s[end:]))


# Whether the clause a bare day opens tells of what is to come or of what happened, by what it
# says first: 22日に発表される予定 (a day ahead), 25日に逮捕された (a day past).
_AHEAD = re.compile(r"(?:予定|見込み|見通し|方針|計画|予想)(?:だ|です|で|と|$)|目指す$")
_PAST = re.compile(r"(?:た|だった)(?=[。、」]|$)")


# A sentence that ends on a verb in its plain present states what is to come (22日に発表する),
# where the day sits in that last clause (not 5日に開幕し、10日まで続く) and it is no state
# (ている, ています: 29日は…観測されています is what has been going on).
_WILL = re.compile(
    r"^[^、]{0,30}?(?<!てい)(?<!てあ)(?<![てで]いま)(?<!てありま)(?<!ておりま)[るすくぐむぶぬつう]$"
)


# What happened, reported: 6日夜には軍が発砲したとの情報もある, …したとみられる. The clause
# ends on a present verb, but the day is past.
_REPORTED_PAST = re.compile(
    r"た(?:との|と|という|ことが|ことを|ものの|ため|が)|(?:ある|いる|いう|みられる)$"
)


def _tense(after: str) -> str | None:
    clause = after.split("。", 1)[0]
    if _WILL.match(clause) and not _REPORTED_PAST.search(clause):
        return "ahead"
    clause = clause[:30]
    ahead, past = _AHEAD.search(clause), _PAST.search(clause)
    if ahead and (past is None or ahead.start() < past.start()):
        return "ahead"
    return "past" if past else None


def _resolve_from(
    published: date, month: int | None, day: int | None, tense: str | None = None
):
    """The date nearest to the publication date that fits what the text gives: for a bare
    day, on the side its clause's tense says (a day ahead for 22日に発表される予定)."""
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
        if (tense == "ahead" and when < published) or (tense == "past" and when > published):
            continue
        distance = abs((when - published).days)
        if best is None or distance < best[0]:
            best = (distance, year, m)
    if best is None or best[0] > 200:
        return None, month
    return best[1], best[2]
