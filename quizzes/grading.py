"""Grading as pure code: an answer key and what the student submitted in, a verdict out.

No ORM here, so every rule is tested on plain data and reused by views, admin and imports.

Typed names: where the teacher allows it (a box on the question), a short-text answer may be
any natural variant of an accepted name (`name_variants`): without a title or 株式会社, a place
without 都/府/県/市/町/村/区, an organisation by its common short form, a person by family name
alone. Only the key is shortened, never turned into another name: 大阪市 is not 大阪府.

Multiple-answer rule (partial credit, as Moodle's multiple-answer questions): each correct option
picked earns 1/k of the points (k = number of correct options), each wrong option picked takes
1/w away (w = number of wrong options), and the credit never drops below zero. Picking every
option therefore earns nothing, unless every option is correct.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from .generation.lexicon import PREFECTURES

# The words every part of the product writes and reads the same way.
BLANK = "【　　】"  # the gap in a fill-in-the-blank stem
TRUE_TEXT, FALSE_TEXT = "正しい", "誤り"  # the two options of a true/false question
MULTIPLIERS = {"兆": Decimal(10) ** 12, "億": Decimal(10) ** 8, "万": Decimal(10) ** 4}


class Kind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    NUMERIC = "numeric"
    TEXT = "text"

    @property
    def uses_choices(self) -> bool:
        return self in {Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE}

    @property
    def takes_many(self) -> bool:
        return self is Kind.MULTIPLE

    @property
    def takes_number(self) -> bool:
        return self is Kind.NUMERIC

    @property
    def takes_words(self) -> bool:
        return self is Kind.TEXT


class Outcome(StrEnum):
    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"


@dataclass(frozen=True)
class AnswerKey:
    kind: Kind
    correct_choice_ids: frozenset[int] = frozenset()
    choice_ids: frozenset[int] = frozenset()  # every option, right and wrong
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal(0)
    unit: str = ""
    accepted_answers: tuple[str, ...] = ()
    name_variants: bool = False  # short text: accept the natural variants of each name
    name_kind: str = ""  # "person", "place", "organisation" or "" when not known


@dataclass(frozen=True)
class Response:
    choice_ids: frozenset[int] = field(default_factory=frozenset)
    text: str = ""


@dataclass(frozen=True)
class Verdict:
    credit: Decimal  # share of the question's points earned, 0 to 1

    @property
    def outcome(self) -> Outcome:
        if self.credit >= 1:
            return Outcome.CORRECT
        if self.credit > 0:
            return Outcome.PARTIAL
        return Outcome.INCORRECT

    def points(self, possible: Decimal | int) -> Decimal:
        return (Decimal(possible) * self.credit).quantize(Decimal("0.01"), ROUND_HALF_UP)


CORRECT = Verdict(Decimal(1))
INCORRECT = Verdict(Decimal(0))


def grade(key: AnswerKey, response: Response) -> Verdict:
    if key.kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        right = key.correct_choice_ids and response.choice_ids == key.correct_choice_ids
        return CORRECT if right else INCORRECT
    if key.kind == Kind.MULTIPLE:
        wrong_options = len(key.choice_ids - key.correct_choice_ids)
        return _grade_multiple(key.correct_choice_ids, response.choice_ids, wrong_options)
    if key.kind == Kind.NUMERIC:
        value = parse_number(response.text, unit=key.unit)
        if value is None or key.numeric_answer is None:
            return INCORRECT
        return CORRECT if abs(value - key.numeric_answer) <= key.tolerance else INCORRECT
    if key.kind == Kind.TEXT:
        return CORRECT if text_matches(key, response.text) else INCORRECT
    raise ValueError(f"unknown question kind {key.kind!r}")


def _grade_multiple(correct: frozenset[int], picked: frozenset[int], wrong_options: int) -> Verdict:
    if not correct:
        return INCORRECT
    right = len(picked & correct)
    wrong = len(picked - correct)
    # Without the list of options, a wrong pick costs as much as a right one earns.
    penalty = Decimal(wrong) / (wrong_options or len(correct)) if wrong else Decimal(0)
    credit = max(Decimal(0), Decimal(right) / len(correct) - penalty)
    return Verdict(credit.quantize(Decimal("0.0001"), ROUND_HALF_UP))


def text_matches(key: AnswerKey, text: str) -> bool:
    """Whether a typed answer is one of the key's accepted answers (or, where the key allows
    it, a natural variant of one)."""
    given = normalize_text(text)
    if not given:
        return False
    # One word in either syllabary too: かんらん石 for カンラン石, ホタテ for ほたて; with or
    # without the dot between the parts of a foreign name (マーカスベル), a small kana written
    # large (ウイング for ウィング, キヤノン for キャノン), a long word's last long vowel left out
    # (スーパーコンピュータ).
    if _loose(given) in {_loose(normalize_text(a)) for a in key.accepted_answers}:
        return True
    return key.name_variants and any(
        name_matches(text, answer, key.name_kind) for answer in key.accepted_answers
    )


def _loose(text: str) -> str:
    # and a long vowel that ends a word of four kana or more, or not (コンピュータ for
    # コンピューター; never ソニ for ソニー)
    kana = _hiragana(text).replace("・", "").translate(_SMALL_VOWELS)
    return re.sub(r"(?<=[ぁ-ゖー]{3})ー(?![ぁ-ゖ])", "", kana)


_SMALL_VOWELS = str.maketrans("ぁぃぅぇぉゃゅょゎ", "あいうえおやゆよわ")


def _hiragana(text: str) -> str:
    """Katakana written in hiragana (ァ-ヶ -> ぁ-ゖ); ー and every other character as they are."""
    return text.translate(_TO_HIRAGANA)


_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}

PERSON, PLACE, ORGANISATION, OTHER = "person", "place", "organisation", "other"

TITLES = re.compile(
    r"(?:氏|さん|様|さま|君|くん|ちゃん|首相|大統領|総理大臣|総理|大臣|長官|知事|市長|町長|村長|"
    r"区長|議員|議長|社長|会長|代表|監督|選手|教授|准教授|容疑者|被告|裁判長|委員長|総裁)$"
)
_COMPANY = r"(?:株式会社|有限会社|\(株\)|\(有\))"
COMPANY_FORM = re.compile(rf"^{_COMPANY}|{_COMPANY}$")
# 鹿児島県 as 鹿児島, 横浜市 as 横浜; never 北海道 as 北海, 京都 as 京 or 港区 as 港.
MUNICIPAL_MARK = re.compile(r"(?<=..)(?:都|府|県|市|町|村|区)$")
_MAY_BE_A_PLACE = {PLACE, ORGANISATION, ""}  # 鹿児島県 is a place, and its government
_GLOSS = re.compile(r"\([^()]*\)")  # 東倉里(トンチャンリ): the reading in brackets
# One thing, written in full or in its common short form.
SHORT_FORMS = (
    frozenset({"国際連合", "国連"}),
    frozenset({"新型コロナウイルス感染症", "新型コロナウイルス", "新型コロナ"}),
    frozenset({"日本放送協会", "NHK"}),
    frozenset({"日本銀行", "日銀"}),
    frozenset({"自由民主党", "自民党", "自民"}),
    frozenset({"立憲民主党", "立憲", "立民"}),
    frozenset({"東京証券取引所", "東証"}),
    frozenset({"経済産業省", "経産省"}),
    frozenset({"厚生労働省", "厚労省"}),
    frozenset({"文部科学省", "文科省"}),
    frozenset({"国土交通省", "国交省"}),
    frozenset({"農林水産省", "農水省"}),
    frozenset({"東京大学", "東大"}),
    frozenset({"京都大学", "京大"}),
    frozenset({"国際通貨基金", "IMF"}),
    frozenset({"世界保健機関", "WHO"}),
    frozenset({"北大西洋条約機構", "NATO"}),
    frozenset({"国際原子力機関", "IAEA"}),
    frozenset({"米国", "アメリカ", "アメリカ合衆国"}),
    frozenset({"英国", "イギリス"}),
    frozenset({"韓国", "大韓民国"}),
    frozenset({"北朝鮮", "朝鮮民主主義人民共和国"}),
    frozenset({"中国", "中華人民共和国"}),
    frozenset({"ロシア", "ロシア連邦"}),
    frozenset({"国連安全保障理事会", "国連安保理", "安保理", "安全保障理事会"}),
    frozenset({"陸上自衛隊", "陸自"}),
    frozenset({"海上自衛隊", "海自"}),
    frozenset({"航空自衛隊", "空自"}),
    frozenset({"日本共産党", "共産党", "共産"}),
    frozenset({"公明党", "公明"}),
    frozenset({"日本維新の会", "維新の会", "維新"}),
    frozenset({"国民民主党", "国民民主"}),
    frozenset({"社会民主党", "社民党", "社民"}),
    frozenset({"日本航空", "日航", "JAL"}),
    frozenset({"全日本空輸", "全日空", "ANA"}),
    frozenset({"宇宙航空研究開発機構", "JAXA"}),
    frozenset({"日本経済団体連合会", "経団連"}),
    frozenset({"国際オリンピック委員会", "IOC"}),
    frozenset({"日本オリンピック委員会", "JOC"}),
    frozenset({"世界貿易機関", "WTO"}),
    frozenset({"経済協力開発機構", "OECD"}),
    frozenset({"東南アジア諸国連合", "ASEAN"}),
    frozenset({"欧州連合", "EU", "ヨーロッパ連合"}),
    frozenset({"理化学研究所", "理研"}),
    frozenset({"石油輸出国機構", "OPEC"}),
    frozenset({"国連教育科学文化機関", "ユネスコ", "UNESCO"}),
    frozenset({"国連児童基金", "ユニセフ", "UNICEF"}),
    frozenset({"連邦準備制度理事会", "米連邦準備制度理事会", "FRB"}),
    frozenset({"欧州中央銀行", "ECB"}),
    frozenset({"国際刑事裁判所", "ICC"}),
    frozenset({"国際司法裁判所", "ICJ"}),
    frozenset({"国際協力機構", "JICA"}),
    frozenset({"原子力規制委員会", "規制委"}),
    frozenset({"公正取引委員会", "公取委"}),
    frozenset({"最高裁判所", "最高裁"}),
    frozenset({"東日本旅客鉄道", "JR東日本"}),
    frozenset({"西日本旅客鉄道", "JR西日本"}),
    frozenset({"東海旅客鉄道", "JR東海"}),
    frozenset({"日本電信電話", "NTT"}),
    frozenset({"東京電力", "東電"}),
    frozenset({"関西電力", "関電"}),
    frozenset({"海上保安庁", "海保"}),
)
# The long and the short form of a kind of body, after its place: 長岡警察署 and 長岡署, 東京地方
# 裁判所 and 東京地裁, 県教育委員会 and 県教委. (A 税務署 or 消防署 is no 警察署.)
BODY_FORMS = (
    ("地方裁判所", "地裁"),
    ("高等裁判所", "高裁"),
    ("家庭裁判所", "家裁"),
    ("簡易裁判所", "簡裁"),
    ("地方検察庁", "地検"),
    ("高等検察庁", "高検"),
    ("警察本部", "警"),
    ("警察", "警"),
    ("警察署", "署"),
    ("教育委員会", "教委"),
    ("選挙管理委員会", "選管"),
    ("労働組合", "労組"),
    ("海上保安部", "海保"),
    ("高等学校", "高校"),
    ("中学校", "中"),
    ("小学校", "小"),
    ("重工業", "重工"),
)
# A venue is known by its place's name too: 甲子園球場 as 甲子園, 種子島宇宙センター as 種子島.
_VENUE = re.compile(r"(?<=[\u4e00-\u9fff々]{2})(?:球場|宇宙センター|空港)$")
# A designated city's ward stands alone: 北九州市小倉南区 as 小倉南区.
_WARD = re.compile(r"^[\u4e00-\u9fff々]{2,4}市(?=[\u4e00-\u9fff々]{1,4}区$)")
_NOT_POLICE = re.compile(r"(?:税務|消防|監督|[^\u4e00-\u9fff々])署$|^.?署$")


def name_variants(name: str, kind: str = "", *, open_splits: bool = True) -> list[str]:
    """The name as given, then the spellings a teacher would accept for it.

    岸田文雄首相 without the title; 東洋精機株式会社 without 株式会社; 東倉里(トンチャンリ)
    without its reading; 国際連合 as 国連 and back; a place's or organisation's 鹿児島県 as
    鹿児島 (a person's 中村 stays whole); and only when it is known to be a person's, the family
    name alone: 岸田 of 岸田文雄, the part before the space of 岸田 文雄, the last of
    ジョセフ・キプロノ or Fumio Kishida, and where a name of three or five kanji may split
    either way, each likely split (with `open_splits` off, as a teacher is shown them: only a
    split that stands alone, never two guesses). No variant is shorter than two characters.
    """
    name = unicodedata.normalize("NFKC", name).strip()
    variants = [name]

    def add(option: str) -> None:
        option = option.strip()
        if len(option) >= 2 and option not in variants:
            variants.append(option)

    add(_GLOSS.sub("", name))
    # A role asked as a word keeps its title: 選考委員長 is never right as 選考.
    bare = COMPANY_FORM.sub("", name).strip() if kind == OTHER else _bare(name)
    add(bare)
    if kind != PERSON and re.search(r"[\u30a0-\u30ff]・[\u30a0-\u30ff]", bare):
        add(bare.replace("・", ""))  # ホクト・セトウチ as ホクトセトウチ
    if kind in _MAY_BE_A_PLACE and not bare.endswith("政府"):  # タイ政府 is never タイ政
        add(MUNICIPAL_MARK.sub("", bare))
        # 大阪府東大阪市 is also right as 東大阪市, and that as 東大阪.
        city = _PREFECTURE_FIRST.sub("", bare)  # never 東都大学 -> 大学: a prefecture's name
        add(city)
        add(MUNICIPAL_MARK.sub("", city))
        add(ward := _WARD.sub("", city))  # 北九州市小倉南区 as 小倉南区, and as 小倉南
        add(MUNICIPAL_MARK.sub("", ward))
    if kind in _MAY_BE_A_PLACE:
        # JR高山線 as 高山線, 飛騨地方 as 飛騨, 北陵大学大学院 as 北陵大学.
        add(re.sub(r"^JR(?=.{2,}線$)", "", bare))  # a line, never the company JR四国
        add(re.sub(r"(?<=.{2})地方$", "", bare))
        add(re.sub(r"(?<=大学)大学院$", "", bare))
        add(re.sub(r"(?<=.{2})大学$", "大", bare))  # 東北大学 as 東北大
        add(re.sub(r"(?<=.{2})大$", "大学", bare))  # and 東北大 as 東北大学
        # 米エネルギー省 as エネルギー省 (never 中部電力 as 部電力)
        add(re.sub(r"^[米英仏独中韓露](?=[\u30a0-\u30ff]{3}|国務省|国防総省)", "", bare))
        add(_VENUE.sub("", bare))
    if kind == ORGANISATION:
        add(re.sub(r"(?<=.{2})政府$", "", bare))  # タイ政府: タイ
        add(re.sub(r"^[\u4e00-\u9fff]{2,6}省(?=[\u4e00-\u9fff]{2,6}庁$)", "", bare))  # 総務省消防庁
    if re.fullmatch(r"[\u30a0-\u30ffA-Za-z]{2,}[\u4e00-\u9fff々]{1,4}店", bare) and not re.search(
        r"(?:百貨|商|書|支|本|売|飲食|販売|代理|専門)店$", bare
    ):
        add(bare[:-1])  # a chain's shop, イオン北千里店, as イオン北千里
    if kind == OTHER and (named := re.fullmatch(r"([\u30a0-\u30ff]{3,})病", bare)):
        add(named[1])  # a disease named after a person: アルツハイマー病 as アルツハイマー
    for group in SHORT_FORMS:
        if bare in group:
            for form in sorted(group):
                add(form)
    if kind != PERSON:
        for long, short in BODY_FORMS:
            if bare.endswith(long):
                if len(bare) > len(long):
                    add(bare[: -len(long)] + short)
            elif bare.endswith(short) and len(bare) > len(short) + (len(short) == 1):
                # 石浜中 as 石浜中学校, never 日中 as 日中学校
                if short == "署" and _NOT_POLICE.search(bare):
                    continue
                if short == "警" and not re.search(r"[都道府県]警$", bare):
                    continue  # 県警 and 府警, never 市警
                add(bare[: -len(short)] + long)
    if kind == PERSON:
        families = _family_names(bare)
        # Shown to a teacher only where one split is likely (大垣 of 大垣翔), never a pair of
        # guesses one of which is surely wrong (篠原由 beside 篠原 of 篠原由美子).
        for family in families if open_splits or len(families) == 1 else []:
            add(family)
    return variants


# Common family names of three kanji: 長谷川誠 is 長谷川, not 長谷.
THREE_KANJI_FAMILY_NAMES = frozenset(
    [
        "長谷川", "佐々木", "小野寺", "五十嵐", "大久保", "小笠原", "長谷部",
        "久保田", "宇都宮", "佐久間", "阿久津", "宮之原", "東海林", "小早川",
        "日比野", "大和田", "加賀谷", "野々村", "小野田", "小山田", "大河原",
        "小田切", "宇佐美", "伊集院", "曽我部", "波多野", "大河内", "小宮山",
        "早乙女", "二階堂", "西園寺", "御手洗", "我孫子", "三田村", "小松崎",
        "大須賀", "小野塚", "仲宗根", "与那嶺", "喜屋武",
    ]
)
# A prefecture's name before a place in it (大阪府東大阪市), never before its own body (県立).
_PREFECTURE_FIRST = re.compile(rf"^(?:{'|'.join(PREFECTURES)})(?=.{{2}})(?!立)")


def family_name(name: str) -> str:
    """A person's family name, where the name's shape says which part it is, else "": 岸田 of
    岸田文雄首相, キプロノ of ジョセフ・キプロノ; none of 大垣翔, which may split either way."""
    name = _bare(unicodedata.normalize("NFKC", name).strip())
    parts = name.split()
    if len(parts) == 2:  # first in Japanese and Chinese script, last in Latin letters
        return parts[1] if parts[0].isascii() else parts[0]
    if "・" in name:
        return name.rsplit("・", 1)[-1]  # ジョセフ・キプロノ: キプロノ
    if re.fullmatch(r"[\u3400-\u9fff\uf900-\ufaff々]{4,5}", name):  # 磯﨑憲一 (﨑 is U+FA11)
        if name[:3] in THREE_KANJI_FAMILY_NAMES:
            return name[:3]  # 長谷川誠: 長谷川, never 長谷
        return name[:2] if len(name) == 4 else ""  # 岸田文雄: 岸田; 宮之原浩一: which?
    return ""


_OPEN_SPLIT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]{3}(?:[\u3400-\u9fff\uf900-\ufaff々]{2})?")


# Korean and Chinese family names of one kanji that begin no Japanese name of three.
_ONE_KANJI_FOREIGN_FAMILY = frozenset("文習朴李尹張陳劉趙崔鄭姜胡楊蔡許鄧")  # never 金 (金子)


def _family_names(name: str) -> list[str]:
    """What a student may type for a person's family name: `family_name`, or where the shape
    leaves it open, each likely split. A name of three kanji is most often two and one (大垣翔:
    大垣), one of five three and two or two and three (宇佐見健太: 宇佐見 or 宇佐). A wrong split
    is never a name anyone types, and no variant is shorter than two characters."""
    if family := family_name(name):
        return [family]
    if name in THREE_KANJI_FAMILY_NAMES or not _OPEN_SPLIT.fullmatch(name):
        return []
    if len(name) == 3 and name[0] in _ONE_KANJI_FOREIGN_FAMILY:
        return []  # 文在寅, 習近平: a Korean or Chinese family name of one kanji, never 文在
    return [name[:2]] if len(name) == 3 else [name[:3], name[:2]]


def name_matches(given: str, accepted: str, kind: str = "") -> bool:
    """Whether a typed name is the accepted name or one of its natural variants."""
    forms = {normalize_text(variant) for variant in name_variants(accepted, kind)}
    typed = _bare(unicodedata.normalize("NFKC", given).strip())
    if normalize_text(given) in forms or normalize_text(typed) in forms:
        return True
    key = _bare(unicodedata.normalize("NFKC", accepted))
    if kind == PERSON and _full_name_of(normalize_text(typed), normalize_text(key)):
        return True
    # 鹿児島県 typed where the key is 鹿児島: the student added a mark the key leaves out.
    # Never a mark swapped for another: 大阪市 is not the 大阪府 of a key.
    if kind in _MAY_BE_A_PLACE and not MUNICIPAL_MARK.search(key):
        return normalize_text(MUNICIPAL_MARK.sub("", typed)) in forms
    return False


def _full_name_of(typed: str, family: str) -> bool:
    """岸田文雄 typed where the key is the family name the article gives (岸田), and ジョルジャ・
    メローニ where it is メローニ: she named the person in full, which is no other answer."""
    kanji = r"\u3400-\u9fff\uf900-\ufaff々"  # 﨑 of 磯﨑 is U+FA11
    if re.fullmatch(rf"[{kanji}]{{1,3}}", family):  # never 中村区 for 中村
        given = rf"[{kanji}]{{0,2}}[^\W\d_区市町村県都府道駅署党社家庁省局課部]"
        return bool(re.fullmatch(rf"{re.escape(family)}{given}", typed)) and not re.search(
            rf"[^{kanji}]", typed
        )
    if re.fullmatch(r"[\u30a1-\u30faー]{2,}", family):
        return bool(re.fullmatch(rf"[\u30a1-\u30faー]{{2,}}・{re.escape(family)}", typed))
    return False


def _bare(name: str) -> str:
    """Without a title after it or a company form around it: 岸田首相, 株式会社東洋精機."""
    return COMPANY_FORM.sub("", TITLES.sub("", name.strip())).strip()


def normalize_text(text: str) -> str:
    """NFKC, no white space at all, case-folded: ＤｅＦｉ, defi and "De Fi" are one answer."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(folded.split())


_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:,\d{3})*|\d*)(?:\.\d+)?")
_KANJI_NUMBER = re.compile(r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+)(?P<unit>[兆億万])")


def parse_number(text: str, unit: str = "") -> Decimal | None:
    """Read a typed number: full-width digits, thousands commas, 兆/億/万/千 and the question's
    unit.

    "16億5,050万", "１６億５０５０万ドル" and "1,650,500,000" all read as 1650500000. Returns None
    for anything that is not a number, so the caller can tell the student so.
    """
    s = "".join(unicodedata.normalize("NFKC", text).split())
    s = s.replace("\u2212", "-")  # the minus sign NFKC leaves alone
    unit = "".join(unicodedata.normalize("NFKC", unit).split())
    if unit and s.endswith(unit) and len(s) > len(unit):
        s = s[: -len(unit)]
    if not s or len(s) > 40:
        return None
    sign = Decimal(1)
    if s[0] in "+-":
        sign = Decimal(-1) if s[0] == "-" else Decimal(1)
        s = s[1:]
    # 2千万, 3万8千: news writes thousands as 千 after a digit
    s = re.sub(r"(\d+)千(?=\d|$|[兆億万])", lambda m: f"{int(m[1]) * 1000}", s)
    if any(mark in s for mark in MULTIPLIERS):
        return _parse_kanji_number(s, sign)
    if not s or not _PLAIN_NUMBER.fullmatch(s) or not any(ch.isdigit() for ch in s):
        return None
    try:
        return sign * Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def _parse_kanji_number(s: str, sign: Decimal) -> Decimal | None:
    total = Decimal(0)
    position = 0
    last_multiplier = None
    for match in _KANJI_NUMBER.finditer(s):
        if match.start() != position:
            return None
        multiplier = MULTIPLIERS[match["unit"]]
        if last_multiplier is not None and multiplier >= last_multiplier:
            return None  # 5万3億 is not a number
        total += Decimal(match["num"].replace(",", "")) * multiplier
        last_multiplier = multiplier
        position = match.end()
    rest = s[position:]
    if rest:
        if not re.fullmatch(r"\d+(?:,\d{3})*", rest) or last_multiplier is None:
            return None
        total += Decimal(rest.replace(",", ""))
    if last_multiplier is None:
        return None
    return sign * total
