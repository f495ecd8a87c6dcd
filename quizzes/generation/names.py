"""Names of people, places and organisations: GiNZA's entities, corrected, plus a few patterns
for what it is known to miss (a name glossed with its reading, a term glossed in brackets, a
name in an apposition or in quotes before 集団/グループ).

GiNZA (spaCy) is imported and loaded lazily, once per process, by `load_nlp()`: only the drafting
path calls it, so a process that serves quiz pages never imports spaCy.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from . import concepts, lexicon
from .facts import ORGANISATION, OTHER, PERSON, PLACE, REGION, Fact
from .text import Sentence, in_quotes

MODEL = "ja_ginza"
# The bunsetu components are not needed. The dependency parser is loaded but left out of the
# entity pipeline: `phrases` runs it on the few stems it shortens.
UNUSED_COMPONENTS = ["compound_splitter", "bunsetu_recognizer", "morphologizer"]

_PLACE_LABELS = {
    "Country", "Province", "City", "County", "GPE_Other", "Island", "Continental_Region",
    "Domestic_Region", "Region_Other", "Geological_Region_Other", "Mountain", "River", "Lake",
    "Sea", "Bay", "Facility_Other", "Airport", "Station", "Port", "Road", "Bridge", "Park",
    "Sports_Facility", "Theater", "Tower", "Line_Other", "Railroad", "Spa", "Location_Other",
}  # fmt: skip
_ORGANISATION_LABELS = {
    "Company", "Company_Group", "Corporation_Other", "Organization_Other", "Government",
    "Political_Party", "Political_Organization_Other", "International_Organization",
    "Public_Institution", "Military", "Sports_Organization_Other", "Pro_Sports_Organization",
    "Sports_Team", "Show_Organization", "School", "Research_Institute", "Cabinet", "Market",
    "Broadcasting_Station", "Newspaper",
}  # fmt: skip
_ORGANISATION_SUFFIX = re.compile(
    r"(?:省|庁|通信|通信社|銀行|新聞|新聞社|放送|局|委員会|協会|機構|機関|大学|研究所|財団|組合|"
    r"党|軍|株式会社|社|グループ|連盟|連合|裁判所|議会|政府|書房|出版|書店|学園|病院)$"
)
# Endings no place has: a body by any label.
_BODY_SUFFIX = re.compile(r"(?:省|庁|委員会|協会|機構|機関|財団|連盟|銀行|大学|研究所|裁判所)$")
_FACILITY_SUFFIX = re.compile(
    r"(?:発射場|基地|空港|港|駅|球場|競技場|スタジアム|アリーナ|発電所|センター)$"
)
# 朝日両国 and 日朝 are pairs of countries, スペイン人 a nationality: none is one name.
# Counts (57社, 計64社) and events (湾岸マラソン) are not names either.
_NOT_A_NAME = re.compile(
    r"両国$|両[県国市町村]$|^[日米中韓朝露英仏独欧印豪]{2,3}$|^[\d\W]+$|^(?:同|当|本|前|元|現)$|^[計約第]?\d"
    r"|^(?:電気|燃料電池|水素|自動運転|ハイブリッド)(?:自動)?車$"  # a kind of car
    # 同社, 同国政府, 同署地域課: pointers
    r"|^同[\u4e00-\u9fff]{1,2}$|^同(?:国|社|省|庁|市|県|町|村|党|署|府|局|校|大|行)"
    r"|(?:マラソン|大会|選手権|杯|祭り?|会議|集会|サミット|五輪|オリンピック|賞)$"
    r"|^(?:未明|早朝|深夜|午前|午後|夕方|正午|夜間|日中|明け方)$"  # times of day, never places
    # A campus, a market, a session or a meeting, and a minister's title are no organisation.
    r"|(?:キャンパス|市場|国会|会合|閣議|閣議後|会見)$|^[^・]{1,6}(?:相|大臣|長官)$"
    r"|(?:大手|最大手|中堅)$"  # 電機大手: what a company is, not its name
    # JR各社, 小中学校計31校, 予報課: several bodies, a count of them, or a bare department.
    r"|各|計\d|\d(?:校|社|人|か所|機関)$|^[^・]{1,3}(?:課|係|室|班)$"
    # Building one (新庁舎建設), a kind of food (生鮮食品), winning one (単独受賞): no names.
    r"|(?:庁舎|校舎|施設|道路|工場|ダム|橋|住宅|病院|センター)建設$"
    r"|(?:生鮮|加工|冷凍|健康|機能性)食品$|受賞$|^(?:県警|府警|道警)$"  # which prefecture's?
    r"|比$"  # 前営業日比: a comparison, never a name
    r"|(?:与党|野党|政党|党派)$"  # 連立与党, 最大野党: what a party is, not its name
    r"|^[都道府県]知事$"  # an office
    r"|^(?:円|ドル|ユーロ)(?:安|高)$"  # a currency's move
    r"|^(?:昨|今|来|前|同|翌)(?:季|期|年|年度|シーズン)$"  # 昨季: a season, never a team
    r"|^[\u4e00-\u9fff]{1,2}員$"  # 署員, 職員, 社員: people of a body, never the body
    r"|^(?:対策|災害対策|捜査|特別捜査|合同捜査)本部$"  # set up for a case: no name
    r"|(?:ロケット|衛星|探査機|号機)$"  # H2Aロケット: a machine, never a body or a place
    r"|^(?:国公私|国公|公私|国|公|私|都|道|府|県|市|町|村)立$"  # 国公私立の小中学校: who runs them
)
# A player after her position: FWマテウス・ロシャ, DF佐伯拓真 (the position is no part of it).
_PLAYER = re.compile(
    r"(?:FW|MF|DF|GK)(?P<name>[\u30a1-\u30faー]{2,}・[\u30a1-\u30faー]{2,}"
    r"|[\u4e00-\u9fff々]{3,4}(?=が|は|の|に|を|と|も|、))"
)
# A person after her rank or title and a dot, with her age: 関脇・霧乃峰(26), 主将・岡田(22).
_TITLED_PERSON = re.compile(
    r"(?:(?<=[\u4e00-\u9fff]{2})|(?<=同))・"
    r"(?P<name>[\u4e00-\u9fff々\u30a1-\u30fa][\u4e00-\u9fff々\u30a1-\u30faのノ]{1,4})(?=[(（]\d{1,3}[)）])"
)
# A foreign leader in katakana before her title (トランプ米大統領, トランプ氏, ネタニヤフ首相):
# a person whether or not the model knows the name (トランプ is also the word for cards).
_KATAKANA_TITLED = re.compile(
    r"(?<![\u30a1-\u30faー・])(?P<name>[\u30a1-\u30fa][\u30a1-\u30faー]+(?:・[\u30a1-\u30faー]{2,})*)"
    r"(?=(?:[米英仏独中露韓伊加豪印朝]|ロシア|ウクライナ|イスラエル)?"
    r"(?:副?大統領|首相|国務長官|国防長官|外相|事務総長|国王|首席|氏)(?![\u4e00-\u9fff]))"
)
# A foreign leader in kanji after her country (韓国の文在寅大統領, 中国の習近平国家主席).
_KANJI_LEADER = re.compile(
    rf"(?:{lexicon.COUNTRY_NAMES})の"
    r"(?!次期|歴代|国家|現職|女性|新|前|元|現)(?P<name>[\u4e00-\u9fff]{2,4}?)"  # never 次期大統領
    r"(?=(?:前|元|現)?(?:大統領|首相|国家主席|主席|総書記|国務院総理|外相)(?![\u4e00-\u9fff]))"
)
_ROLE_WORD = re.compile(r"(?:教授|講師|長|官|員|者|士|師|手|相|役)$")  # 東大教授(60): no name
# A foreign name written in katakana with a middle dot is a person's: メセレト・アベベ.
_FOREIGN_PERSON = re.compile(r"^[\u30a0-\u30ffー]{2,}・[\u30a0-\u30ffー]{2,}$")
# ホライズン・アセットマネジメント, リバートン・モーターズ: a company, whatever GiNZA says.
_KATAKANA_COMPANY = re.compile(
    r"(?:モーターズ|マネジメント|ホールディングス|グループ|テクノロジーズ|パートナーズ|"
    r"コーポレーション|インターナショナル|ジャパン|システムズ|キャピタル|ファンド|エナジー|"
    r"ファーマ|ラボ|スタジオ|リサーチ|セキュリティーズ|ストア|マート|インダストリーズ)$"
)

_READING_GLOSS = re.compile(
    r"(?P<name>[\u4e00-\u9fff々]{2,})\((?P<reading>[\u30a0-\u30ff]+)\)(?![\u4e00-\u9fff])"
)
_TERM_GLOSS = re.compile(
    r"(?<![A-Za-z])(?P<term>[A-Za-z][A-Za-z0-9.\-]{1,15})\((?P<gloss>[^()]{2,20})\)"
)
_APPOSITION = re.compile(
    r"(?:会社|企業|団体|機関|組織)(?P<name>[\u30a0-\u30ffー]{3,}|[A-Z][A-Za-z&.\-]{2,})"
)
_NAME_CHARS = r"[\u4e00-\u9fff\uf900-\ufaff々\u30a0-\u30ffーA-Za-z]"
# A reading in brackets stays part of the name: 西海(ソへ)衛星発射場.
_NAME_PIECE = rf"(?:{_NAME_CHARS}|\([\u3040-\u30ffー]+\))"
# Names by their endings, where GiNZA misses them: 東亜通信, 東都大学, 屋久島, 臨海スタジアム,
# ミナト精工, 国立天文台, 雪沢市.
_ORG_ENDINGS = (
    "学院|学園|通信社|通信|大学|銀行|新聞社|新聞|放送|株式会社|省|庁|財団|基金|機構|協会|研究所|天文台|"
    "学会|病院|小学校|中学校|高校|高等学校|証券|電子|精工|電機|電気|工業|製作所|化学|製薬|"
    "自動車|重工|商事|物産|建設|不動産|ホールディングス|食品|鉄道|航空|電力|地裁|高裁|家裁|地検|高検|"
    "地方裁判所|高等裁判所|地方検察庁|党"
)
_FACILITY_ENDINGS = "スタジアム|競技場|球場|アリーナ|空港|発射場|クレーター|宇宙センター"
_PLACE_ENDINGS = "市|町|村|州|郡"
_BEFORE = rf"(?<!{_NAME_CHARS})"
# A name may run straight into a person's title: 東都大学教授, 雪沢市長.
_ROLE = (
    "特別栄誉教授|名誉教授|准教授|教授|学長|総長|院長|所長|理事長|会長|社長|市長|町長|村長|知事|"
    "議長|課長|部長|局長|室長|主任|研究員|チーフ|エコノミスト|アナリスト|代表|副|前|元"
)
_AFTER = rf"(?:(?={_ROLE})|(?!{_NAME_CHARS}))"
_SUFFIX_NAMES = [
    (
        re.compile(rf"{_BEFORE}(?P<name>{_NAME_PIECE}{{2,12}}?(?:{_ORG_ENDINGS})){_AFTER}"),
        ORGANISATION,
        "Organization_Other",
    ),
    (
        re.compile(
            rf"{_BEFORE}(?P<name>[\u4e00-\u9fff々\u30a0-\u30ffー]{{1,6}}島)(?![\u4e00-\u9fff々])"
        ),
        PLACE,
        "Island",
    ),
    (
        re.compile(rf"{_BEFORE}(?P<name>{_NAME_PIECE}{{2,12}}?(?:{_FACILITY_ENDINGS})){_AFTER}"),
        PLACE,
        "Facility",
    ),
    (
        # 高山市, 美濃川市, (米)アリゾナ州: a kanji or katakana stem and a municipal or state
        # ending.
        re.compile(
            rf"(?:(?:(?<=[県都府道])|(?<![\u4e00-\u9fff々\u30a0-\u30ffー]))(?P<name>[\u4e00-\u9fff々]{{1,4}}"
            rf"(?:{_PLACE_ENDINGS}))|(?<![\u30a0-\u30ffー])(?P<kana>[\u30a1-\u30faー]{{2,8}}"
            rf"(?:{_PLACE_ENDINGS})))"
            r"(?:(?=付近|周辺|内|沖|[北南東西]部|中心部|全域|役所|議会)|(?![\u4e00-\u9fff々]))"
        ),
        PLACE,
        "City",
    ),
]
# Prizes and cups by their ending: ローゼンタール国際化学賞, 山河文学賞, フランス杯 (not 最優秀賞).
_AWARD = re.compile(
    rf"{_BEFORE}(?P<name>(?!最|特別|優秀|新人|功労|奨励|審査員|大賞)"
    rf"[\u4e00-\u9fff々\u30a0-\u30ffーA-Za-z]{{2,14}}?(?:賞|杯|カップ)){_AFTER}"
)
# What a suspect is held for or a defendant charged with: 殺人未遂の疑い, 詐欺などの罪,
# 業務上過失致死罪に問われ, 窃盗未遂と器物損壊の疑い (both). Only words that end as offences do.
_OFFENCE = (
    r"(?:殺人|未遂|致死|致傷|傷害|暴行|脅迫|恐喝|強盗|窃盗|侵入|損壊|放火|詐欺|横領|背任|"
    r"贈賄|収賄|偽造|妨害|監禁|違反|遺棄|誘拐|略取)"
)
_CHARGE = re.compile(
    rf"(?<![一-鿿々])(?!同)(?P<name>[一-鿿々]{{0,10}}{_OFFENCE})"  # never 同未遂: a pointer
    rf"(?=(?:など)?の(?:疑い|罪|容疑)|罪(?:に問|で|が|と|の)|容疑で"
    rf"|と[一-鿿々]{{2,14}}(?:など)?の(?:疑い|罪))"
)
# A work's title in 『』, and a name that is all a 「」 holds (新型車「ネオドライブ」): names.
_WORK_TITLE = re.compile(r"『(?P<name>[^』]{2,25})』")
_QUOTED_NAME = re.compile(
    r"「(?P<name>[\u30a1-\u30faーA-Za-z][\u30a0-\u30ffーA-Za-z0-9・ ]{1,19})」"
    r"|(?:長編|短編|小説|作品|映画|番組|アルバム|著書|絵本|詩集|歌集|新作|新曲|さんの|氏の)"
    r"「(?P<work>[^「」、。!?]{2,20})」(?![とっ])"
)
# A name in 「」 right after the noun that says what it is (apposition, not a quote: a quote
# follows a particle or a comma, and ends in a verb or an adjective, in hiragana).
_NAMED_THING = re.compile(
    r"(?P<what>[\u4e00-\u9fff\u30a1-\u30faー]{1,2})「(?P<name>[^「」、。!?！？]{1,19}"
    r"[\u4e00-\u9fff々\u30a0-\u30ffーA-Za-z0-9０-９]|[\u3041-\u3096ー]{2,8})」(?![とっ])"
)  # 探査機「あまね」, 特急「こだま」: a name in kana alone, short
# A body of space or a craft named right after what it is, with no brackets: 小惑星りゅうぐう,
# 探査機はやぶさ2, 彗星アトラス.
_SPACE_THING = re.compile(
    r"(?P<what>小惑星|探査機|彗星|準惑星|衛星|宇宙船)"
    r"(?!から|など|では|での|によ|とし|にも|まで|への|データ|画像|写真|カメラ|センサー|ミッション|"
    r"プロジェクト|チーム|システム|ロケット|計画)"  # 衛星からの画像, 衛星データ: no name
    r"(?P<name>[\u30a1-\u30faー]{2,10}(?:[0-9]{1,2}号?)?|[\u3041-\u3096]{3,8}[0-9]{0,2})"
    r"(?=[はがをにでのと、。]|$)"
)
# An agreement, a law or a plan named in 「」 by its ending: 「円滑化協定」, 「こども基本法」.
_QUOTED_INSTRUMENT = re.compile(
    r"「(?P<name>[^「」、。!?！？]{1,16}(?P<what>協定|条約|法|法案|宣言|計画|構想|制度|合意|憲章|戦略))」"
)
# A term the article puts in 「」 as a label (「重大事態」と認定された, 「線状降水帯」が発生):
# a noun of kanji or katakana (百日せき too), between particles, never someone's words.
_QUOTED_TERM = re.compile(
    r"(?:^|(?<=[\u3041-\u3096、]))「(?P<name>[\u4e00-\u9fff\u30a0-\u30ffーA-Za-z0-9・]{2,10}"
    r"|[\u4e00-\u9fff]{1,6}[\u3041-\u3096]{0,2}[^\W\dいるたうくすつぬむだよね])」"
    r"(?=[のをがはにで]|と(?!(?:話|述|語|言|強調|説明|指摘|訴|明か|答|呼びかけ|し|して)))"
)
# A named thing of a kind a teacher asks about, by the ending the kind's names share, unquoted:
# a law (いじめ防止対策推進法), a disease (アルツハイマー病), an earthquake or a storm
# (北浜半島地震), a summit (日豪首脳会談), an election (衆院選). Its options are things of the
# same kind.
_CONCEPT_KINDS = {
    "Law": "法|法案|条例|条約|協定",
    "Disease": "病|症|ウイルス",
    "Disaster": "地震|豪雨|噴火",
    "Meeting": "首脳会談|外相会談|首脳会議|サミット",
    "Election": "衆院選|参院選|知事選|市長選|町長選|村長選|総裁選|代表選|総選挙|大統領選",
}
_NAMED_CONCEPT = re.compile(
    r"(?:^|(?<=[、。「(（はがをにでのともへや]))(?P<name>(?![同本当今前各全両旧現])"
    r"[\u4e00-\u9fff々\u30a0-\u30ffーA-Za-z・]{1,16}?(?:"
    + "|".join(f"(?P<{kind}>{endings})" for kind, endings in _CONCEPT_KINDS.items())
    + r"))(?![\u4e00-\u9fff々\u30a0-\u30ffー])"
)
# Generic words that end like names: 中央銀行 is no bank's name, 離島 no island's.
_GENERIC_STEM = re.compile(
    r"^(?:中央|地方|各|国立|私立|公立|県立|市立|大手|地元|民間|外資|同|本|当|全|離|列|半|本|無人|小|諸|"
    r"関係|所管|監督|主要|都市|地銀|信託|商業|投資|近隣|周辺|他|両|同じ|一部|市|町|村|都|被災|"
    r"沿岸|山間|政令|中核|姉妹|友好|半導体|総合|大|新|旧|地域|地元の|付属|附属|大型|小型|国内|海外)"
    rf"(?:{_ORG_ENDINGS}|島|{_FACILITY_ENDINGS}|{_PLACE_ENDINGS})$"
)
_BARE_ENDING = re.compile(r"(?:小中|中高)?(?:小学校|中学校|高校|高等学校|学校|病院)")
_QUOTED_GROUP = re.compile(
    r"「(?P<name>[^」]{2,20})」(?:など|という|と呼ばれる)?の?[\u30a0-\u30ff]*(?:集団|グループ|組織|団体|チーム|部隊)"
)


@lru_cache(maxsize=1)
def load_nlp():
    import spacy  # heavy: imported here, on first use, by the drafting path only

    return spacy.load(MODEL, exclude=UNUSED_COMPONENTS, disable=["parser"])


def classify(text: str, label: str) -> tuple[str, str] | None:
    """Our kind and granularity for a GiNZA entity, corrected where GiNZA is known to go wrong."""
    if _NOT_A_NAME.search(text) or (label in _PLACE_LABELS and text.endswith("人")):
        return None
    if (_ORGANISATION_SUFFIX.search(text) and label not in _PLACE_LABELS) or _BODY_SUFFIX.search(
        text
    ):  # 世界保健機関 is no city, whatever GiNZA says
        return ORGANISATION, "Government" if re.search(r"[省庁]$", text) else "Organization_Other"
    if _FACILITY_SUFFIX.search(text):
        return PLACE, "Facility"
    if re.match(r"[\u30a0-\u30ffー・]+$", text) and _KATAKANA_COMPANY.search(text):
        return ORGANISATION, "Company"
    if label == "Person" and re.fullmatch(r"[\u30a0-\u30ffー]{2,4}", text):
        return None  # バール, カール: a short katakana word GiNZA guesses is a person rarely is
    if label == "Person" or (_FOREIGN_PERSON.match(text) and label not in _PLACE_LABELS):
        return PERSON, "Person"
    if label in _PLACE_LABELS:
        return PLACE, label
    if label in _ORGANISATION_LABELS:
        return ORGANISATION, label
    return None


def extract_names(text: str, sentences: list[Sentence], nlp=None) -> list[Fact]:
    """Name facts from every sentence; `nlp` defaults to the lazily loaded GiNZA model. A
    reading in brackets inside a name (飯豊(いいで)町, 梯川(かけはしがわ)) is read past: the
    name is 飯豊町, and its blank covers the reading too (which would give it away)."""
    return read_terms(text, sentences, [], nlp)[0]


def read_terms(
    text: str, sentences: list[Sentence], taken: list[Fact], nlp=None
) -> tuple[list[Fact], list[Fact], list[Fact]]:
    """The names, the key concepts (`concepts`) and the article's other compound nouns, from
    one pass of the model over the sentences. No concept overlaps a name or a fact in `taken`
    (the numbers)."""
    plain = [_without_readings(s) for s in sentences]
    read = [p for p, _ in plain]
    nlp = nlp if nlp is not None else load_nlp()
    docs = list(nlp.pipe([s.text for s in read], batch_size=64))
    names = [_with_readings(f, sentences[f.sentence], plain[f.sentence][1])
             for f in _names(text, read, docs)]  # fmt: skip
    spans = [(f.start, f.end) for f in [*taken, *names]]
    runs = []
    for f in concepts.noun_runs(read, docs):
        run = _with_readings(f, sentences[f.sentence], plain[f.sentence][1])
        if not any(run.start < y and x < run.end for x, y in spans):
            runs.append(run)
    return names, *concepts.key_concepts(runs)


_READING = re.compile(r"(?<=[\u4e00-\u9fff々])\([\u3041-\u3096ー]{1,12}\)")


def _without_readings(sentence: Sentence) -> tuple[Sentence, list[int]]:
    """The sentence without readings in brackets, and where each of its characters was."""
    kept = [True] * len(sentence.text)
    for m in _READING.finditer(sentence.text):
        kept[m.start() : m.end()] = [False] * (m.end() - m.start())
    where = [i for i, keep in enumerate(kept) if keep] + [len(sentence.text)]
    if len(where) == len(sentence.text) + 1:
        return sentence, where
    text = "".join(c for c, keep in zip(sentence.text, kept, strict=True) if keep)
    return dataclasses.replace(sentence, text=text), where


def _with_readings(fact: Fact, sentence: Sentence, where: list[int]) -> Fact:
    a, b = fact.start - sentence.start, fact.end - sentence.start
    a, b = where[a], where[b - 1] + 1
    if closing := _READING.match(sentence.text, b):
        b = closing.end()  # 佐渡島(さど): the reading that closes the name goes with it
    if (a, b) == (fact.start - sentence.start, fact.end - sentence.start):
        return fact
    return dataclasses.replace(
        fact, text=sentence.text[a:b], start=sentence.start + a, end=sentence.start + b
    )


def _names(text: str, sentences: list[Sentence], docs) -> list[Fact]:
    facts: list[Fact] = []
    for index, (sentence, doc) in enumerate(zip(sentences, docs, strict=True)):
        taken: list[tuple[int, int]] = []
        for a, b, kind, granularity, source in _pattern_names(sentence.text):
            if source == "titled":  # ハンガリー首相: a country the model knows is no person
                if any(
                    e.start_char <= a and b <= e.end_char
                    and (classify(e.text, e.label_) or ("",))[0] == PLACE
                    for e in doc.ents
                ):
                    continue
                source = "pattern"
            # GiNZA may see the whole name where the pattern stopped at hiragana:
            # みなと観光株式会社, not 観光株式会社.
            # Never back over a number (第38回 before 山河文学賞 is a fact of its own) nor over
            # the bracket a name in 「」 opens with (探査機「あまね」 is あまね).
            longer = [
                e.start_char
                for e in doc.ents
                if e.start_char < a and e.end_char == b and not re.search(r"\d", e.text)
                and "「" not in sentence.text[e.start_char : a] and kind != PERSON
                and not _SPACE_THING.match(sentence.text, e.start_char)  # 小惑星 + りゅうぐう
                and not re.match(r"同[県府都道州国市町村]", e.text)  # nor 同県 before 鬼北町
            ]  # a person found after her rank (関脇・霧乃峰) never takes it back
            a = min(longer, default=a)
            # 松永恵子東都医科大学: a person's name run into her university's is two names.
            person = [
                e.end_char
                for e in doc.ents
                if e.label_ == "Person" and e.start_char <= a < e.end_char < b - 2
                and kind != PERSON
            ]
            a = max(person, default=a)
            if any(not (b <= x or a >= y) for x, y in taken):
                continue
            taken.append((a, b))
            facts.append(_fact(sentence, index, a, b, kind, granularity, source))
        for ent in doc.ents:
            if all("サ変" in token.tag_ for token in ent):
                continue  # 追加利上げ, read as a government: an action (利上げする), no name
            a, b = ent.start_char, ent.end_char
            text = ent.text
            label = ent.label_
            if (player := _person_after_team(ent)) is not None:
                a, text, label = player.idx, ent.text[player.idx - a :], "Person"
            trimmed = re.sub(r"(?:系|傘下|側|ら)$", "", text)  # 九州みらい銀行系 -> 九州みらい銀行
            if label in ("Person", "Position_Vocation") and (name := _person_before_title(ent)):
                # 石破茂首相, トランプ米大統領, 岸田総理大臣: the person is the name, her title
                # stays outside the blank (and a typed answer needs no title).
                trimmed, label = name, "Person"
            elif label == "Person" and _only_a_title(ent):
                continue  # 兵庫県知事, read as a person: her office, never her name
            if label == "Person":  # 中野選手 is 中野: the title stays outside the blank
                trimmed = re.sub(r"(?<=..)(?:選手|投手|捕手|内野手|外野手|監督|コーチ)$", "",
                                 trimmed)  # fmt: skip
            b -= len(text) - len(trimmed)
            if re.search(r"[県市町村都府区]内$", trimmed):  # 高知県内 is 高知県
                trimmed, b = trimmed[:-1], b - 1
            # 首都ビエンチャン; FWマテウス・ロシャ (a player's position is no part of her name)
            lead = re.match(_LEADING_NOUN, trimmed)
            if lead:
                a += lead.end()
                trimmed = trimmed[lead.end() :]
            if not trimmed or any(not (b <= x or a >= y) for x, y in taken):
                continue
            found = classify(trimmed, label)
            if lead and re.match(r"(?:首都|州都|県都|省都)", lead.group()) and label == "Person":
                found = PLACE, "City"  # 首都ワシントン, read as a person: a capital is a city
            if found is None and label == "Person" and _titled(trimmed, sentence.text[b:]):
                found = PERSON, "Person"  # メローニ首相: a short katakana name with her title
            if found is None or _in_compound(sentence.text, b, found[0]):
                continue
            if found[0] == PERSON and lexicon.is_country(trimmed):
                found = PLACE, "Country"  # ハンガリー首相, read as a person: the country
            if found[0] == ORGANISATION and sentence.text[a - 1 : a] == "の" and (
                sentence.text[b : b + 1] == "「"
            ):
                continue  # …社の新型SUV「ストラーダ」: what kind of thing the name is, no body
            if (sentence.text[a - 1 : a] == "=" and sentence.text[b : b + 1] == "=") or (
                found[0] == PERSON
                and (len(trimmed) < 2 or re.fullmatch(rf"(?:{_SUMO}|{_CHAMBER})", trimmed))
            ):
                continue  # =立浪= (the stable after a wrestler's name), 龍 alone, 横綱, 衆院
            # A name that runs into one more kanji is half a word: 港南 of 港南高 is the school,
            # 花園ラグビー of 花園ラグビー場 the ground; 日本 of 日本人 only says what kind. (A bank
            # of 銀行系, a country of 日本側 or 米国産 stays a name.)
            unit = _NUMBERED_UNIT.match(sentence.text, b)
            if unit and found[0] == ORGANISATION:  # 県警捜査 + 1課: the unit is the name
                b += unit.end() - unit.start()
            ending = _ONE_KANJI_MORE.match(sentence.text, b)
            if ending and found[0] in (PLACE, ORGANISATION):
                if ending[1] in _NAME_MADE_WHOLE:
                    found, b = _NAME_MADE_WHOLE[ending[1]], b + 1
                elif ending[1] in "人語製風流式的版":
                    continue  # 日本人, 英語: the name only says what kind
            letters = re.match(r"(?:SG|FC|SC|BC|RC|HC|BB)(?![A-Za-z])", sentence.text[b:])
            if found[0] == PLACE and letters:  # 東京SG: a team named after its town
                found, b = (ORGANISATION, "Organization_Other"), b + letters.end()
            if found[0] == PLACE and _runs_on_from(sentence.text[:a], trimmed):
                continue  # 明誠 of 日大明誠 (a school): the end of a word, no place
            if found[0] == PERSON and re.match(r"[市町村](?:長選|議選|議会)", sentence.text[b:]):
                found, b = (PLACE, "City"), b + 1  # 新居浜市長選挙: the city, never a person
            elif found[0] == PERSON and (
                _INSTITUTION_AFTER.match(sentence.text, b)
                or trimmed + sentence.text[b : b + 1] in lexicon.PREFECTURES
            ):
                continue  # 静岡地裁, 大分県知事: the place of a court or an office, no person
            if found[0] == PERSON:
                a, b = _whole_name(doc, a, b)
                # 柳田貞 + 康村長: the kanji GiNZA put before the title are the end of her name
                rest = _NAME_END_BEFORE_TITLE.match(sentence.text, b)
                if rest and b - a + len(rest.group()) <= 5:
                    b += len(rest.group())
                if any(not (b <= x or a >= y) for x, y in taken):
                    continue
            taken.append((a, b))
            facts.append(_fact(sentence, index, a, b, *found, "ginza"))
    return facts


_ONE_KANJI_MORE = re.compile(r"([\u4e00-\u9fff々])(?![\u4e00-\u9fff々\u30a0-\u30ffー])")
_NUMBERED_UNIT = re.compile(r"\d{1,2}(?:課|係|班|部|隊)(?![\u4e00-\u9fff々])")
_NAME_MADE_WHOLE = {
    **dict.fromkeys("高校園院館党署警大社局団", (ORGANISATION, "Organization_Other")),
    **dict.fromkeys("場駅港線", (PLACE, "Facility")),
}


# A name's kanji, with the variants of family names outside the main block (磯﨑: 﨑 is U+FA11).
_KANJI_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]+")


def _whole_name(doc, a: int, b: int) -> tuple[int, int]:
    """A person's name as a whole where GiNZA took half of it: her given name after her family
    name (森本 of 森本知己所長), or a family name it did not know before her given name
    (九段 of 作家の九段奈緒さん, read as a number): the tokens tagged as names say so."""
    tokens = list(doc)
    at = {t.idx: n for n, t in enumerate(tokens)}
    ends = {t.idx + len(t.text): n for n, t in enumerate(tokens)}
    if b in at and ends.get(b) is not None:
        last, following = tokens[ends[b]], tokens[at[b]]
        if last.tag_.endswith("人名-姓") and following.tag_.endswith("人名-名"):
            b = following.idx + len(following.text)
    if a in at and tokens[at[a]].tag_.endswith("人名-名") and (a == 0 or a in ends):
        first = at[a]
        before = []
        for token in reversed(tokens[:first]):
            if not _KANJI_WORD.fullmatch(token.text) or token.tag_.startswith(
                ("名詞-固有名詞-地名", "名詞-固有名詞-組織")
            ):
                break
            before.insert(0, token)
        span = "".join(t.text for t in before)
        opening = first - len(before)
        boundary = opening == 0 or tokens[opening - 1].tag_.startswith(("助詞", "補助記号", "空白"))
        role = re.search(r"[長官員者師手相士家氏様部課局社党]$", span)  # 会長 陽子: no family name
        # ホークス + 北村 + 健一: a family name tagged as one needs no boundary before it
        surname = len(before) == 1 and before[0].tag_.endswith("人名-姓")
        if before and len(span) <= 3 and (boundary or surname) and not role:
            a = before[0].idx
    return a, b


def _person_after_team(ent):
    """The token a person's name starts at, where GiNZA ran her team into it (ドジャース +
    大谷翔平, read as a team): a family and a given name after a katakana name; else None."""
    tags = [t.tag_ for t in ent]
    if len(tags) < 3 or tags[-2:] != ["名詞-固有名詞-人名-姓", "名詞-固有名詞-人名-名"]:
        return None
    team = ent[: len(tags) - 2]
    if any(t.tag_.startswith("名詞-固有名詞-人名") for t in team) or not re.fullmatch(
        r"[\u30a1-\u30faー]{2,}", team.text
    ):
        return None
    return ent[len(tags) - 2]


def _person_before_title(ent) -> str | None:
    """The name an entity opens with, where the rest is her title: GiNZA reads 石破茂首相 as one
    position and 岸田総理大臣 as one person; its tokens say which part is the name."""
    name = []
    for token in ent:
        if not token.tag_.startswith("名詞-固有名詞-人名"):
            break
        name.append(token)
    if not name or len(name) == len(ent):
        return None
    rest = ent.text[name[-1].idx + len(name[-1].text) - ent.start_char :]
    if not re.fullmatch(rf"[米英仏独中露韓伊加豪印朝]?{_TITLE_AFTER_NAME}", rest):
        return None
    return ent.text[: len(ent.text) - len(rest)]


# 首都ビエンチャン, 訪問国イギリス, FWマテウス・ロシャ, 同県鬼北町: what the place or the player
# is, or which, no name.
_LEADING_NOUN = (
    r"(?:首都|州都|県都|省都|訪問国|訪問先|開催国|開催地|FW|MF|DF|GK|同[県府都道州国市]"
    r"|(?:横綱|大関|関脇|小結|前頭|平幕|十両)・?)(?=.{2})"  # 横綱・大の里: a wrestler's rank
)
# A wrestler right after his rank, with no dot: 関脇玉鷲が平幕遠藤を (never 関脇以下の).
_RANKED_WRESTLER = re.compile(
    r"(?:横綱|大関|関脇|小結|平幕|前頭)"
    r"(?!以下|以上|昇進|優勝|同士|経験|在位|陥落|復帰|候補|目前|返り咲)"
    r"(?P<name>[\u4e00-\u9fff々]{2,4}?)(?=[がをにはのと、](?!士))"
)
# A sumo wrestler's rank, and what no person's name is: 横綱, 新入幕.
_SUMO = r"横綱|大関|関脇|小結|前頭|平幕|十両|幕内|新入幕|入幕|力士|親方"


# The house a member sits in (宮之原浩一衆院議員): GiNZA may read it as a person.
_CHAMBER = r"[衆参](?:議)?院|[都道府県市区町村]議会?"


_INSTITUTION_AFTER = re.compile(
    r"地裁|高裁|家裁|簡裁|地検|高検|県警|府警|道警|[市町村区](?![長議民])|[市町村区](?:長選|議選|議会)"
    r"|大学|署|空港|駅"
)


_NAME_END_BEFORE_TITLE = re.compile(
    r"([^\W\d_副前元新現同総次部課県府都道市町村区本支分首会\u3040-\u30ff])"
    r"(?=村長|町長|市長|区長|社長|会長|議長|知事|理事長|委員長|組合長|校長|院長|所長|署長|局長|"
    r"裁判長|裁判官)"
    # Up to four before a form of address no department precedes (磯 + 﨑健一郎氏); one before an
    # office, which may (惣田浩 + 事業局長 stays)
    r"|([^\W\d_副前元新現同総次部課県府都道市町村区本支分首会\u3040-\u30ff]{1,4}?)"
    r"(?=選手|主将|投手|監督|さん|氏|容疑者|被告)"
)


def _titled(name: str, after: str) -> bool:
    return bool(re.fullmatch(r"[\u30a1-\u30faー]{2,4}", name)) and bool(
        re.match(rf"[米英仏独中露韓伊加豪印朝]?{_TITLE_AFTER_NAME}", after)
    )


def _only_a_title(ent) -> bool:
    """兵庫県知事, 米国大統領: an office of a place or a body, with no name in it."""
    return not any(t.tag_.startswith("名詞-固有名詞-人名") for t in ent) and bool(
        re.fullmatch(
            r".+[都道府県市町村区国省庁党社]"
            r"(?:知事|市長|町長|村長|区長|首相|大統領|大臣|長官|議長|委員長|総裁|社長|会長)",
            ent.text,
        )
    )


# The titles a name can run into: 首相, 米大統領, 官房長官, 外相, 知事, 容疑者...
_TITLE_AFTER_NAME = (
    r"(?:首相|大統領|副大統領|総理大臣|総理|大臣|副大臣|[^\d]{0,6}(?:長官|相|大臣)|[都道府県]?知事|市長|町長|村長|"
    r"区長|議員|議長|委員長|代表|総裁|党首|幹事長|社長|会長|氏|さん|容疑者|被告|選手|監督|"
    r"国王|王|主席|書記長|首席|外相|国務長官)"
)


def _runs_on_from(before: str, name: str) -> bool:
    """A kanji name right after a kanji that ends no prefecture, city, country or region (明誠
    of 日大明誠): the end of a longer word. 岐阜県高山市, 中国南部広東省, 地元福岡 are names."""
    return (
        bool(re.fullmatch(r"[\u4e00-\u9fff々]+", name))
        and bool(re.search(r"[\u4e00-\u9fff々]$", before))
        and before[-1] not in "都道府県市区町郡村国州省部元米英仏独中露韓朝豪加伊印"  # 南部広東省
    )


def _in_compound(s: str, end: int, kind: str) -> bool:
    """東京 in 東京株式市場, 日経 in 日経平均, 米国 in 米国市場: a place or organisation that
    only qualifies the noun after it is no name to ask about."""
    if kind not in (PLACE, ORGANISATION):
        return False
    return bool(re.match(r"[\u4e00-\u9fff々]{2}", s[end:])) and not re.match(
        r"(?:付近|周辺|沖|北部|南部|東部|西部|中部|全域|各地|市内|県内|都内|国内|政府|当局)",
        s[end:],
    )


def _fact(sentence, index, a, b, kind, granularity, source) -> Fact:
    span = sentence.text[a:b]
    return Fact(
        kind, span, span, sentence.start + a, sentence.start + b, index, granularity, source=source
    )


# 同県高山市 is 高山市; 早川真理子・東都大学 is 東都大学 (a person, then her university); 市民球場
# stays whole.
_LEADING_NOT_NAME = re.compile(
    r"^(?:元|前|現)(?=.{3})|^(?:市|県|都|府|町|村|国|私|区)立(?=.{3})"
    r"|^(?:同|当|本|各|全|両|他|旧|新)?(?:都|道|府|県|州|市)(?!民)(?=.{2})|^.*?・(?=[\u4e00-\u9fff])"
)
_NOT_A_PLACE_NAME = re.compile(r"^(?:各|同|当|本|全|両|他)|市町村|区市町村")


# The regions of Japan a forecast or a survey lists (関東甲信250ミリ、中国200ミリ), whole: never
# 甲信 of 関東甲信, never 中国 the country among them.
_REGION = re.compile(
    r"(?<![\u4e00-\u9fff々])(?P<name>(?:"
    + "|".join(sorted(lexicon.REGIONS, key=len, reverse=True))
    + r")(?:・(?:北部|南部|東部|西部))?(?:地方)?)(?=[\d、。・とでにはのがもへやを(「]|$)"
)


def _regions(s: str):
    """Regions, whole (関東甲信, never 関東 + 甲信): 中国 the country, or 北海道 the prefecture, is
    one only in a list of regions or as 中国地方; on its own it is left to the model."""
    found = list(_REGION.finditer(s))
    for m in found:
        others = {o["name"] for o in found if o["name"] != m["name"]}
        alone = m["name"] not in ("中国", "北海道", "沖縄")  # also a country or a prefecture
        if m["name"].endswith("地方") or alone or len(others) >= (2 if m["name"] == "中国" else 1):
            yield m.start("name"), m.end("name"), PLACE, REGION, "pattern"


def _pattern_names(s: str):
    for pattern, kind, granularity in _SUFFIX_NAMES:
        for m in pattern.finditer(s):
            group = "kana" if "kana" in pattern.groupindex and m.group("kana") else "name"
            start, name = m.start(group), m.group(group)
            lead = _LEADING_NOT_NAME.match(name)
            # ジョセフ・キプロノ: a foreign name keeps its middle dot; only a kanji name before
            # the dot (a person, then her affiliation) is cut off.
            if lead and (
                "・" not in lead.group(0) or re.fullmatch(r"[\u4e00-\u9fff々]+・", lead.group(0))
            ):
                start, name = start + lead.end(), name[lead.end() :]
            if (
                _GENERIC_STEM.match(name)
                or _BARE_ENDING.fullmatch(name)  # 市立 + 中学校: what kind, with no name
                or _NOT_A_PLACE_NAME.search(name)
                or _NOT_A_NAME.search(name)
                or len(name) < 3
            ):
                continue
            yield start, start + len(name), kind, granularity, "pattern"
    for m in _PLAYER.finditer(s):
        yield m.start("name"), m.end("name"), PERSON, "Person", "pattern"
    for m in _RANKED_WRESTLER.finditer(s):
        yield m.start("name"), m.end("name"), PERSON, "Person", "pattern"
    for m in _KANJI_LEADER.finditer(s):
        yield m.start("name"), m.end("name"), PERSON, "Person", "pattern"
    for m in _KATAKANA_TITLED.finditer(s):
        parts = m["name"].split("・")
        while parts and lexicon.is_country(parts[-1]):  # プーチン・ロシア大統領: the country is
            parts.pop()  # her title's
        name = "・".join(parts)
        if parts and len(parts[0]) >= 2 and not lexicon.is_country(name):  # ハンガリー首相
            yield m.start("name"), m.start("name") + len(name), PERSON, "Person", "titled"
    for m in _TITLED_PERSON.finditer(s):
        if not _ROLE_WORD.search(m["name"]):
            yield m.start("name"), m.end("name"), PERSON, "Person", "pattern"
    for m in _TERM_GLOSS.finditer(s):
        yield m.start("term"), m.end("term"), OTHER, "Term", "pattern"
    for m in _APPOSITION.finditer(s):
        yield m.start("name"), m.end("name"), ORGANISATION, "Organization_Other", "pattern"
    for m in _QUOTED_GROUP.finditer(s):
        yield m.start("name"), m.end("name"), ORGANISATION, "Organization_Other", "pattern"
    for m in _AWARD.finditer(s):
        start = m.start("name")
        if start and re.match(r"\d[回期代号届]", s[start - 1 : start + 1]):
            start += 1  # 第38回山河文学賞: the prize is 山河文学賞, its edition a fact of its own
        # Two prizes named together are two: 三島由紀夫賞・山本周五郎賞
        cuts = [start] + [c.end() for c in re.finditer(r"(?:賞|杯)・", s[: m.end("name")])
                          if c.start() >= start] + [m.end("name") + 1]  # fmt: skip
        for a, b in zip(cuts, cuts[1:], strict=False):
            if b - 1 - a >= 3 and not re.search(r"^同|受賞$", s[a : b - 1]):
                yield a, b - 1, OTHER, "Award", "pattern"  # never 同部門受賞
    for m in _CHARGE.finditer(s):
        yield m.start("name"), m.end("name"), OTHER, "Charge", "pattern"
    yield from _regions(s)
    for m in _WORK_TITLE.finditer(s):
        yield m.start("name"), m.end("name"), OTHER, "Work", "pattern"
    for m in _NAMED_THING.finditer(s):
        # 新駅「吉備川ひかりが丘駅」, 小惑星「2025 FK3」: a thing named after what it is, its
        # options only things of that kind (another 駅, another 協定).
        yield m.start("name"), m.end("name"), OTHER, f"Name:{m['what']}", "pattern"
    for m in _SPACE_THING.finditer(s):
        yield m.start("name"), m.end("name"), OTHER, f"Name:{m['what']}", "pattern"
    for m in _QUOTED_TERM.finditer(s):
        yield m.start("name"), m.end("name"), OTHER, "Term", "pattern"
    for m in _NAMED_CONCEPT.finditer(s):
        kind = next(k for k in _CONCEPT_KINDS if m.group(k))
        # 基本協定 or 関連法 is what it is, not its name: a law's name is longer
        if len(m["name"]) >= (5 if kind == "Law" else 4) and not in_quotes(s, m.start("name")):
            yield m.start("name"), m.end("name"), OTHER, f"Name:{kind}", "pattern"
    for m in _QUOTED_INSTRUMENT.finditer(s):
        yield m.start("name"), m.end("name"), OTHER, f"Name:{m['what']}", "pattern"
    for m in _QUOTED_NAME.finditer(s):
        group = "name" if m.group("name") else "work"
        yield (
            m.start(group),
            m.end(group),
            OTHER,
            "Product" if group == "name" else "Work",
            "pattern",
        )
    for m in _READING_GLOSS.finditer(s):
        before = s[: m.start()]
        if re.search(r"・$|(?:道|県|州|省|市|郡|島)の?$", before):
            yield m.start("name"), m.end("name"), PLACE, "GPE_Other", "pattern"
