"""Quality checks on drafts. Each check names a defect; drafting keeps only drafts with none,
and `evaluate_drafts` counts them on what was kept."""

from __future__ import annotations

import re

from ..grading import normalize_text

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
_ATTRIBUTION = re.compile(rf"と(?:{_SAYING})|によると|は[^「」]{{0,20}}「")
# A sentence states something when it ends in a verb, an adjective or a copula (した, だ, ない,
# 見込み, 方針) or says what something is (年俸は4億円。): a line with neither is a scene.
_PREDICATE = re.compile(
    r"(?:た|だ|る|い|す|う|ず|ぬ|ん|見込み|方針|予定|考え|意向|構え|見通し|模様|計画|状態|状況|"
    r"見方|とみられる|という|とした|もの|こと|ため|予想|目標|声|話|中|へ|も|まま|ほど|など)[」』)）]*[。!?]?$"
    r"|[、,]"
)
_URLISH = re.compile(r"https?://|www\.|\.(?:jp|com|net|org)\b")


def same_thing(a: str, b: str) -> bool:
    """Equal, aliases, or one a shortened form of the other (岸田 / 岸田文雄)."""
    fa, fb = normalize_text(a), normalize_text(b)
    if fa == fb:
        return True
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


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


def mentions(stem: str, option: str) -> bool:
    """Whether the stem already gives away the option, itself or under an alias."""
    fs, fo = normalize_text(stem), normalize_text(option)
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
