"""Quality checks on drafts. Each check names a defect; drafting keeps only drafts with none,
and `evaluate_drafts` counts them on what was kept."""

from __future__ import annotations

import re
from decimal import Decimal

from ..grading import normalize_text
from .facts import CURRENCIES, DATE, NUMBER, extract_numeric_facts
from .text import split_sentences

# Names that are one thing written two ways: never offered side by side.
ALIASES = [
    {"米国", "アメリカ", "米", "アメリカ合衆国", "合衆国"},
    {"英国", "イギリス", "英"},
    {"韓国", "大韓民国", "韓"},
    {"北朝鮮", "朝鮮民主主義人民共和国"},
    {"中国", "中華人民共和国", "中"},
    {"日本", "日本国", "日"},
    {"ロシア", "露", "ロシア連邦"},
    {"ドイツ", "独"},
    {"フランス", "仏"},
]

OPINION = re.compile(
    r"(?:てもらいたい|でもらいたい|てほしい|でほしい|べきだ|べきである|べきでは|なければ(?:ならない)?[。!?]?$|"
    r"ねばならない|と思う|と考える|ではないか|だろうか|たい[。!?]?$|ましょう)"
)
# Verbs that attribute a quote to its speaker: 「…」と述べた, 「…」との見方を示した.
_SAYING = (
    r"話し|話す|述べ|語っ|語る|言っ|主張|強調|説明|明らかに|発表|報じ|指摘|訴え|呼びかけ|答え|"
    r"明かし|コメント|分析|表明|発言|振り返っ|喜び|意気込み|みて|見て|の見方を示し|の認識を示し|"
    r"の考えを示し|書き込み|投稿"
)
_ATTRIBUTION = re.compile(rf"と(?:{_SAYING})|によると|によりますと|は[^「」]{{0,20}}「")
# A sentence states something when it ends in a verb, an adjective or a copula (した, だ, ない,
# 見込み, 方針) or says what something is (年俸は4億円。): a line with neither is a scene.
_PREDICATE = re.compile(
    r"(?:た|だ|る|い|す|う|ず|ぬ|ん|見込み|方針|予定|考え|意向|構え|見通し|模様|計画|状態|状況|"
    r"見方|とみられる|という|とした|もの|こと|ため|予想|目標|声|話|中|へ|も|まま|ほど|など)[」』)）]*[。!?]?$"
    r"|[、,]"
    # a news sentence closing on the noun of its deed: すばる望遠鏡で10日に撮影。
    r"|[でにを][^。]{0,20}(?:撮影|投下|発表|公表|開始|実施|確認|発見|成功|到着|完了|開業|開通|"
    r"着工|合意|署名|決定|発売|公開|受賞|出場|就任|辞任|死去)。$"
)
_URLISH = re.compile(r"https?://|www\.|\.(?:jp|com|net|org)\b")


def same_thing(a: str, b: str) -> bool:
    """Equal, aliases, or one a shortened form of the other (岸田 / 岸田文雄)."""
    fa, fb = normalize_text(a), normalize_text(b)
    if fa == fb or _four_digit_year(fa) == _four_digit_year(fb):
        return True  # 26年度 is 2026年度 in a news story
    groups = ({normalize_text(x) for x in g} for g in ALIASES)
    if any(fa in group and fb in group for group in groups):
        return True
    shorter, longer = sorted((fa, fb), key=len)
    if len(shorter) < 2 or shorter.isdigit() or re.search(r"\d", shorter):
        return False
    if longer.startswith(shorter) or longer.endswith(shorter):
        return True  # 岸田 / 岸田文雄, 川村 / FW川村
    # 厚労省 / 厚生労働省: an abbreviation keeps the first and last characters, in order.
    return shorter[0] == longer[0] and shorter[-1] == longer[-1] and _in_order(shorter, longer)


def _four_digit_year(text: str) -> str:
    """A year of two digits written out in four: 26年度 -> 2026年度, 25年3月 -> 2025年3月."""
    return re.sub(r"^(\d{2})(?=年)", r"20\1", text)


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


def mentions(stem: str, option: str) -> bool:
    """Whether the stem already gives away the option, itself or under an alias."""
    fs, fo = normalize_text(stem), normalize_text(option)
    if fo and fo[0].isdigit():  # 8千人 is not said by 3万8千人, nor 500万円 by 1,500万円
        return bool(re.search(rf"(?<![\d,.兆億万千]){re.escape(fo)}", fs))
    if fo and fo in fs:
        return True
    for group in ALIASES:
        folded = {normalize_text(x) for x in group}
        if fo in folded and any(len(alias) >= 2 and alias in fs for alias in folded - {fo}):
            return True
    return False


def sentence_defect(sentence: str) -> str | None:
    """Why a sentence makes a poor question source, or None."""
    # A quote attributed to its speaker is reported speech, not the writer's opinion.
    reported = re.sub(rf"「[^」]*」(?=と(?:{_SAYING}))", "「」", sentence)
    # A quote opened by its speaker (森田氏は「…」) is reported speech too.
    reported = re.sub(r"(?<=は)「[^」]*」", "「」", reported)
    if OPINION.search(reported):
        return "opinion_sentence"
    if "《" in sentence or "》" in sentence:
        return "unattributed_quote"
    quoted = sum(len(q) for q in re.findall(r"「[^」]*」", sentence))
    if quoted > 0.6 * len(sentence) and not _ATTRIBUTION.search(sentence):
        return "unattributed_quote"
    if not re.search(r"[。!?]$", sentence) and len(sentence) < 15:
        return "fragment"
    if re.match(r"^[・▽◆◇■□●○▼\-*]|^[①-⑳]", sentence):
        return "list_item"  # ▽翻訳部門 …: a line of a list reads as no sentence
    if re.fullmatch(r"[(（][^()（）]*[)）]。?", sentence):
        return "fragment"  # (セ・リーグ、A6―3B、20日、神宮): a box score or a note in brackets
    if not re.search(_PREDICATE, sentence) and not re.search(r"[はが]", sentence):
        return "fragment"  # 1点を追う六回1死一塁。: a scene, nothing stated (年俸は4億円。 is)
    return None


def broken(text: str) -> bool:
    """A span cut through a bracket or a quote (EV), 「アーク) is no answer and no option."""
    pairs = ("()", "（）", "「」", "『』", "【】", "[]")
    return any(text.count(a) != text.count(b) for a, b in pairs)


def option_defects(stem: str, answer: str, distractors: list[str], groups: list[str]) -> list[str]:
    """Defects of a multiple-choice draft: `groups` holds each option's kind/granularity."""
    defects = []
    options = [answer, *distractors]
    if any(mentions(stem, option) for option in options):
        defects.append("option_in_stem")
    if any(same_thing(a, b) for i, a in enumerate(options) for b in options[i + 1 :]):
        defects.append("duplicate_option")
    if len(set(groups)) > 1:
        defects.append("mixed_kind_or_granularity")
    if any(_URLISH.search(option) for option in options):
        defects.append("url_option")
    return defects


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)(?:%|パーセント)")
_YEAR = re.compile(r"(\d{4})年")
_DATELINE_IN_STEM = re.compile(
    r"^\s*(?:【[^】]*[=＝][^】]*】|\[[^\]]*(?:ロイター|共同|時事|AFP|AP|Reuters)[^\]]*\])"
    r"|[。」]\s*(?:\((?:共同|時事|ロイター|AFP[^)]*)\)|[=＝](?:共同|時事))\s*$"
    r"|(?:参照元|引用元|出典)\s*[:：]"
)


def sense_defects(answer: str, options: list[str]) -> list[str]:
    """An option outside what the quantity can be: a rate or share over 100% where the answer is
    one (147%), a year far from the answer's, a count at or below zero."""
    defects = []
    rate = _PERCENT.search(answer)
    if rate and float(rate.group(1)) <= 100:
        for option in options:
            m = _PERCENT.search(option)
            if m and not 0 < float(m.group(1)) <= 100:
                defects.append("option_out_of_sense")
                break
    year = _YEAR.search(answer)
    if year:
        for option in options:
            m = _YEAR.search(option)
            if m and abs(int(m.group(1)) - int(year.group(1))) > 10:
                defects.append("option_out_of_sense")
                break
    for option in options:
        lead = re.match(r"(-?)(\d+(?:\.\d+)?)", option)
        if lead and (lead.group(1) or float(lead.group(2)) <= 0):
            defects.append("option_out_of_sense")
    return sorted(set(defects))


def has_dateline_or_credit(stem: str) -> bool:
    return bool(_DATELINE_IN_STEM.search(stem))


# What turns one figure of a stem into another: 約3倍, 倍増, 半減; N年ぶり, N年前.
_TIMES = re.compile(r"(\d+(?:\.\d+)?)倍(?!増)|(倍増|倍に)|(半減|半分)")
_YEARS_SINCE = re.compile(r"(?<![\d,.万])(\d+)年(?:ぶり|前)")
_YEAR_GIVEN = re.compile(r"(\d{4})年(?!度?[\d,]|間)")
_SHARE = re.compile(r"(?:率|割合|全体の)(?:は|が|で)?約?$")


def given_away_by_arithmetic(stem: str, fact, published=None) -> bool:
    """The stem's own figures compute its answer: 10.1%から2.3ポイント上昇 gives 12.4%;
    1988年以来 in a 2025 story gives 37年ぶり; 約3倍の1,300億円 gives about 420億円; 49機が
    成功し、成功率は98% gives 50機; shares of 30% and 3% leave 67%. A student then needs no
    article, so the draft is no question (reviewers junk it)."""
    answer = fact.value
    if fact.kind == DATE:
        year, month = fact.when[:2]
        if year is None or month is not None or published is None:
            return False
        return any(abs(published.year - int(n) - year) <= 1 for n in _YEARS_SINCE.findall(stem))
    if not answer:
        return False
    if fact.granularity == "ordinal:N年ぶり":
        return published is not None and any(
            abs(published.year - int(y) - answer) <= 1 for y in _YEAR_GIVEN.findall(stem)
        )
    others = [f for f in extract_numeric_facts(stem, split_sentences(stem)) if f.value]
    same = [f.value for f in others if f.granularity == fact.granularity]
    if fact.granularity.startswith("ordinal:") and "次" in stem and any(
        answer - 1 == other for other in same
    ):
        return True  # 3号機に続き、次の【　　】は: one more than the last
    after = stem.split("【", 1)[-1].split("】", 1)[-1]
    if same and re.match(r"(?:を)?(?:超え|超す|上回|下回|突破|割り込|割れ)", after):
        return True  # 5兆1,860億円と、節目の【　　】を上回った: a round figure below it
    near = _near(answer)
    if any(near(a + b) or near(abs(a - b)) for i, a in enumerate(same) for b in same[i + 1 :]):
        return True
    # A change in the answer's unit: 前年度の1,046名から53名減の【　　】 gives 993名.
    changes = [
        Decimal(number.replace(",", ""))
        for number, unit in re.findall(r"(\d[\d,]*(?:\.\d+)?)([^\d、。【]{1,4}?)(?:増|減)", stem)
        if unit == fact.granularity
    ]
    if any(near(a + c) or near(a - c) for a in same for c in changes):
        return True
    if fact.granularity in ("%", "倍"):  # 2.9倍から0.2ポイント下回った gives 2.7倍
        points = [f.value for f in others if f.granularity == "ポイント"]
        if any(near(a + p) or near(a - p) for a in same for p in points):
            return True
        if fact.granularity == "%" and same and near(100 - sum(same)):
            return True
    if fact.granularity == "ポイント":
        shares = [f.value for f in others if f.granularity == "%"]
        if any(near(abs(a - b)) for i, a in enumerate(shares) for b in shares[i + 1 :]):
            return True
    if fact.granularity in ("%", "倍"):  # 50機中49機 gives 98%; 1,300億円 and 420億円 give 3倍
        scale, slack = (100, 0.01) if fact.granularity == "%" else (1, 0.15)
        by_unit: dict[str, list] = {}
        for f in others:
            by_unit.setdefault(f.granularity, []).append(f.value)
        if any(
            _near(answer, slack)(a / b * scale)
            for unit, values in by_unit.items()
            if unit not in ("%", "倍", "ポイント")
            for a in values
            for b in values
            if a < b or fact.granularity == "倍"
        ):
            return True
    factors = [
        Decimal(times) if times else Decimal(2) if double else Decimal("0.5")
        for times, double, _half in _TIMES.findall(stem)
    ]
    rough = _near(answer, 0.15)
    if any(rough(a * k) or rough(a / k) for a in same for k in factors):
        return True
    rates = [f for f in others if f.granularity == "%" and _SHARE.search(stem[: f.start])]
    return any(
        _near(answer, 0.03)(a / (r.value / 100)) or _near(answer, 0.03)(a * r.value / 100)
        for a in same
        for r in rates
    )


# What a story compares its news with: 前年度の1,046名から, 前年同期の… (drafting's baseline).
BASELINE_WORDS = r"(?:前年同期|前年度|前年|前回|前期|昨年度|昨年|前月|前週|前日)"

# Parts of a stem that can go without breaking it, where they compute its answer: a change
# before its verb (2.3ポイント上昇 -> 上昇), a multiple (約3倍の), a starting year (2022年以来),
# a bracketed aside ((回収率65.5%)).
_COMPUTING_PARTS = [
    # The figure compared with: 前年度の1,046名から53名減の【　　】 -> 前年度から…
    re.compile(rf"(?P<keep>{BASELINE_WORDS})の約?(?:{NUMBER})[^\d、。【]{{1,4}}?(?=から)"),
    re.compile(
        rf"約?(?:{NUMBER})(?:ポイント|%|倍|{CURRENCIES}|人|件|社|台)"
        r"(?=上昇|低下|増|減|上回|下回|伸び|改善|悪化|高|安)"
    ),
    re.compile(r"(?:[^、。はがをに]{1,6}の)?約?[\d.]+倍の"),
    re.compile(r"(?:\d{4}|(?:令和|平成|昭和)\d{1,2})年度?(?:以来|から)、?"),
    re.compile(r"[(（][^()（）]*\d[^()（）]*[)）]"),
    # The parts counted before their total: 7人が重傷、30人が軽傷を負い、計【　　】が -> 計【　　】
    re.compile(
        rf"(?:約?(?:{NUMBER})(?:人|件|棟|戸|台|隻|機|社)(?:が|は)[^、。【]{{1,12}}、)+(?=計)"
    ),
]


def without_arithmetic(stem: str, fact, published=None) -> str | None:
    """The stem, or the stem without the part that computes its answer, or None where no such
    part can go."""
    if not given_away_by_arithmetic(stem, fact, published):
        return stem
    for part in _COMPUTING_PARTS:
        shorter = part.sub(lambda m: m.groupdict().get("keep") or "", stem)
        if (
            shorter != stem
            and "【" in shorter
            and not given_away_by_arithmetic(shorter, fact, published)
        ):
            return shorter
    return None


def _near(answer, tolerance: float = 0.005):
    """Equal to the answer as the article rounds it."""
    slack = max(abs(answer) * Decimal(str(tolerance)), Decimal("0.05"))
    return lambda value: abs(value - answer) <= slack
