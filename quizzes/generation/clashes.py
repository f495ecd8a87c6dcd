"""The drafts a teacher sees first: best first, and none giving another's answer away.

A news lead says who, when, where and how much in one sentence, and those are the facts a
teacher asks about first. A cloze of that sentence shows every fact but the one it asks, so two
questions from it would answer each other. Where the other fact sits in a part of the sentence
that can go without breaking it (a date adverbial 3日、, a modifier 総額5兆円の, a place 東京都内で,
a name before its title 岸田文雄首相 -> 首相), that part is left out of the stem; where a broader
word the sentence already holds can stand for it (高知県室戸市に -> 高知県に,
電子部品大手の北辰精機は -> 電子部品大手は, 台風12号 -> 台風), the stem keeps that word.
Both questions are then asked; otherwise the later fact is asked from another sentence or
moved below the first SHOWN_FIRST.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from ..grading import BLANK, SHORT_FORMS, name_variants
from . import lexicon, phrases
from .concepts import CONCEPT
from .facts import DATE, MONEY, ORGANISATION, OTHER, PERSON, PLACE, QUANTITY
from .quality import mentions
from .text import in_quotes

if TYPE_CHECKING:
    from .drafting import Draft

SHOWN_FIRST = 15  # the drafts a teacher sees first; the rest are one click away

_TIME_OF_DAY = (
    r"(?:午前|午後|朝|夜|未明|早朝|夕方|深夜|昼|日中)?(?:\d{1,2}時(?:\d{1,2}分|半)?(?:ごろ|頃)?)?"
)
_AMOUNT_BEFORE = r"(?:総額|約|計|およそ|合計|最大|最高|年間|平均|前年比|前年同期比)?"
_AMOUNT_AFTER = r"(?:余り|以上|超|近く|ほど|程度|規模|相当|分)?"
# Titles that name the role on their own: 首相は, 社長が (never さん or 氏 alone).
_NAMED_ROLE = (
    r"(?:首相|大統領|総理大臣|総理|大臣|長官|知事|市長|町長|村長|区長|議員|議長|社長|会長|"
    r"代表|監督|選手|教授|准教授|容疑者|被告|裁判長|委員長|総裁|課長|部長|局長|所長|院長|校長|"
    r"外野手|内野手|投手|捕手|主将|審議委員|委員|外相|"
    # (a title of more words whole: 官房副長官, never 官房副 taken as her given name)
    r"官房長官|官房副長官|副(?:大臣|知事|市長|町長|村長|社長|会長|総裁|議長|大統領|首相)|"
    r"国務長官|事務総長|事務次官|幹事長|政調会長|総務会長)"
)
_ROLE = rf"(?:{_NAMED_ROLE}|[^、。「」・]{{0,16}}(?:長|官|相))"
_PLAYER = r"(?:選手|外野手|内野手|投手|捕手|主将)"  # one of many: no role that says who
# Words that say what a person is, which can stand for her: 元市議, 現職, 無所属新人, 会社員.
_PERSON_NOUN = "|".join(  # a look behind: each of its words has its own width
    f"(?<={word})"
    for word in (
        *("新人", "現職", "元職", "前職", "議員", "会社員", "公務員", "職員", "社員", "役員"),
        *("教員", "主婦", "学生", "選手", "作家", "医師", "弁護士", "教諭", "教授"),
        *(f"{body}議" for body in "市県区町村都府道"),
    )
)
_NAMED = r"[\u4e00-\u9fff々\u30a1-\u30faー]{2,}(?:都|道|府|県|市|区|町|村|国|省|庁|社)"  # a name
_JOINED = r"(?:[とや・]|、(?:それに|および|及び|並びに))"  # 鴻巣市、それに宮代町: one list
_REGION_NAME = "|".join(sorted(map(re.escape, lexicon.REGIONS), key=len, reverse=True))
_PLACE_TAIL = r"(?:都内|市内|県内|府内|町内|村内|区内|内|沖|付近|周辺|近郊)?で、"


def stem_of(draft: Draft) -> str:
    return draft.prompt.split("\n", 1)[-1]


def asked(draft: Draft) -> set[str]:
    """What a draft asks the student to know: its fact, however the article writes it, and a
    person's family name (汐見さん in one stem gives away 汐見玲奈 in another)."""
    said = {draft.fact.answer, draft.fact.text}
    if draft.fact.kind == PERSON:
        said |= set(name_variants(draft.fact.answer, PERSON)[1:])
    for name in list(said):  # 厚生労働省 in one stem gives away 厚労省 in another
        said |= _SHORT_FORMS_OF.get(name, frozenset())
    return said


_SHORT_FORMS_OF = {name: forms for forms in SHORT_FORMS for name in forms}


def clash(a: Draft, b: Draft) -> bool:
    return (
        any(mentions(stem_of(a), x) for x in asked(b))
        or any(mentions(stem_of(b), x) for x in asked(a))
        or _nested_dates(asked(a), asked(b))
    )


_YEAR_OR_MONTH = re.compile(r"(?:\d{4}年(?:\d{1,2}月)?|(?:令和|平成|昭和)(?:\d{1,2}|元)年)度?")


def _nested_dates(these: set[str], those: set[str]) -> bool:
    """2024年 beside 2024年11月: whoever knows the month knows the year."""
    return any(
        x != y and _YEAR_OR_MONTH.fullmatch(x) and y.startswith(x)
        for a, b in ((these, those), (those, these))
        for x in a
        for y in b
    )


def clash_free(drafts, limit: int = SHOWN_FIRST, stem=stem_of, said=asked) -> int:
    """How many of the drafts, best first, a teacher sees first: up to `limit`, stopping before
    the first whose stem gives away an earlier one's answer or whose answer an earlier stem
    gives away. `stem` and `said` read a draft of any shape (a stored draft too)."""
    for n, draft in enumerate(drafts[:limit]):
        for earlier in drafts[:n]:
            if (
                any(mentions(stem(draft), x) for x in said(earlier))
                or any(mentions(stem(earlier), x) for x in said(draft))
                or _nested_dates(set(said(draft)), set(said(earlier)))
            ):
                return n
    return min(len(drafts), limit)


def shown_first(ranked: list[list[Draft]], parse=None) -> tuple[list[Draft], list[Draft]]:
    """Best first; among the first SHOWN_FIRST no stem gives away another's answer. Each entry
    of `ranked` holds one fact's drafts, from different sentences, best first. Returns the kept
    drafts in order and the unused ones. `parse` (phrases.dependency_parser) lets a stem lose a
    phrase no rule here knows.

    A fact that alone keeps others from being shown (the day of a lead whose stem must say its
    figures) moves below them where they weigh more together: the teacher sees more of the
    story first, never a minor pair for a main fact."""
    skipped: set[int] = set()
    shown, placed = _shown(ranked, parse, skipped)
    for index in list(placed):
        if len(shown) >= SHOWN_FIRST and ranked[index][0].signals.get("headline"):
            continue  # in a full list, never the one the headline names (the laureate, the
            # hitter): she is what the story is about
        trial, trial_placed = _shown(ranked, parse, skipped | {index})
        if _weight(ranked, trial_placed) > _weight(ranked, placed):
            skipped.add(index)
            shown, placed = trial, trial_placed
    later: list[Draft] = []
    unused: list[Draft] = []
    for index, drafts in enumerate(ranked):
        if index in placed:
            unused += [d for d in drafts if d is not placed[index]]
        else:
            later.append(drafts[0])
            unused += drafts[1:]
    # Keep the moved drafts in rank order, and their scores below the shown ones, so that
    # ordering by score (the review page, the JSON) keeps this order.
    floor = min((d.score for d in shown), default=1.0)
    for position, draft in enumerate(later):
        draft.score = min(draft.score, floor - 0.001 * (position + 1))
    return shown + later, unused


def _weight(ranked, placed: dict[int, Draft]) -> float:
    return sum(ranked[index][0].score for index in placed)


def _shown(ranked, parse, skipped: set[int]) -> tuple[list[Draft], dict[int, Draft]]:
    """The drafts shown first, placed best first, with the facts in `skipped` left out; and,
    per fact placed, its draft as placed."""
    shown: list[Draft] = []
    placed: dict[int, Draft] = {}
    for index, drafts in enumerate(ranked):
        if index in skipped or len(shown) >= SHOWN_FIRST:
            continue
        if any(drafts[0].signals.get(s) for s in ("commentator", "address", "announced")):
            # an analyst's name, a firm's address in brackets (北辰精機(京都市)), the day a
            # press release came out or a remark was made (…は4日、…と発表した, …と述べた: a
            # bare day): one click away, never first (reviewers junk them)
            continue
        draft = _place(drafts, shown, parse)
        if draft is not None:
            placed[index] = draft
    return shown, placed


def _place(drafts: list[Draft], shown: list[Draft], parse=None) -> Draft | None:
    """Add the first of `drafts` that fits beside the shown ones, as it is, else with the
    shown facts left out of its stem and its fact out of theirs; the draft placed, or None."""
    for draft in drafts:
        if not any(clash(draft, other) for other in shown) and _told_apart([*shown, draft]):
            shown.append(draft)
            return draft
    for draft in drafts:
        trial = list(shown)
        for i, other in enumerate(shown):
            if not clash(draft, other):
                continue
            draft = _without(draft, other, parse)
            trial[i] = _without(other, draft, parse) if draft is not None else None
            if draft is None or trial[i] is None:
                break
        else:
            if (
                not any(clash(draft, other) for other in trial)
                and all(not clash(a, b) for n, a in enumerate(trial) for b in trial[n + 1 :])
                and _told_apart([*trial, draft])
            ):
                shown[:] = trial + [draft]
                return draft
    return None


def _told_apart(drafts: list[Draft]) -> bool:
    """No two drafts ask one stem: cut down alike (a region's figure in two forecasts), each
    would have two defensible answers."""
    stems = [stem_of(d) for d in drafts]
    return len(set(stems)) == len(stems)


def _without(draft: Draft, other: Draft, parse=None) -> Draft | None:
    """The draft with `other`'s fact left out of its stem where the sentence can do without it;
    the draft itself if its stem does not mention it; None if it cannot be left out. A key
    concept is never cut, nor cut around: its compound noun is what the sentence is about, and
    its phrase taken out leaves pieces (甲子園球場で -> 球場で)."""
    stem = stem_of(draft)
    if CONCEPT in (draft.fact.granularity, other.fact.granularity) and any(
        mentions(stem, said) for said in asked(other)
    ):
        return None
    for said in sorted(asked(other), key=len, reverse=True):
        if not mentions(stem, said):
            continue
        if _listed_with_another(stem, said, other.fact.kind):
            # 高山市と飛騨市で計14人: one of a list never goes (飛騨市で計14人 is false), nor is
            # the other asked alone (【飛騨市】 would be half the answer); 震度5強や5弱 and
            # 北海道から沖縄県にかけて lose half their sense likewise
            return None
        end = stem.rfind("。", 0, max(stem.find("【"), 0)) + 1  # a sentence shown before its own
        if end and mentions(stem[:end], said):
            # The lead-in loses the part that says it where it can (田中市長があいさつした。
            # 事業費は約【　　】。 -> 市長が…); else it goes: its own sentence may stand alone.
            lead_in = _cut(stem[:end], said, other.fact.kind)
            if lead_in and said not in lead_in and not mentions(lead_in + stem[end:], said):
                stem = lead_in + stem[end:]
                continue
            stem = stem[end:]
            if not mentions(stem, said):
                continue
        if said not in stem:
            return None  # said under an alias: nothing to cut
        stem = (
            _cut(stem, said, other.fact.kind)
            or _own_clause(stem, said)
            or phrases.without(stem, said, draft.fact.text, parse)
        )
        if stem is None:
            return None
    if stem == stem_of(draft):
        return draft
    if "【" not in stem:
        return None  # 電機大手の東光電機(【　　】)は -> 電機大手は: the blank itself went
    if len(_BROKEN.findall(stem)) > len(_BROKEN.findall(stem_of(draft))):
        return None  # 3人が午前9時半からの -> 3人がの: the cut left two particles meeting
    if stem.count("=") % 2 > stem_of(draft).count("=") % 2:
        return None  # 村越祐民氏(44)=…、社民推薦=が -> 社民推薦=が: half an aside left
    if _dangling(stem) > _dangling(stem_of(draft)):
        return None  # 昨年11月に…同月末 -> 同月末: the pointer lost what it pointed at
    if any(mentions(stem, x) for x in asked(other)) or len(re.sub(r"【　+】", "", stem)) < 12:
        return None
    instruction = draft.prompt.split("\n", 1)[0]
    return dataclasses.replace(draft, prompt=f"{instruction}\n{stem}")


def _listed_with_another(stem: str, said: str, kind: str) -> bool:
    """Whether `said` is one of a list or a range in the stem: 高山市と飛騨市, 鴻巣市、それに宮代町,
    関東甲信と静岡県 (a place beside any name), 震度5強や5弱 (a figure beside a figure), 北海道から
    沖縄県にかけて."""
    name = re.escape(said)
    if kind in (PLACE, ORGANISATION, PERSON):
        other = rf"(?:{BLANK}|{_NAMED})"
        if kind == PLACE:  # 関東甲信 is a region's name with no ending
            other = rf"(?:{BLANK}|{_NAMED}|{_REGION_NAME})"
        if re.search(rf"{name}{_JOINED}{other}|{other}{_JOINED}{name}", stem):
            return True
    if kind in (MONEY, QUANTITY) and re.search(
        rf"{name}[とや](?:{BLANK}|[\d約])|(?:{BLANK}|\d[^\d、。]{{0,4}})[とや]{name}", stem
    ):
        return True
    return kind == PLACE and bool(
        re.search(rf"{name}から[^、。]{{1,12}}(?:にかけて|まで)|から{name}(?:にかけて|まで)", stem)
    )


# Where a clause ends in a verb whose past is plain to write: 行われ、 / 発表し、 / 受け、 (the
# stem of a verb of one row, or する) and any て、 (破って、 -> 破った). Never い、 or り、, whose
# past changes its sound (行い -> 行った), nor で、, which may be a particle.
_CLAUSE_END = re.compile(
    r"(?:(?<=[\u4e00-\u9fff])(?<!少)し|(?<=[\u4e00-\u9fffわかさまばたながら])れ|(?<=[\u4e00-\u9fff\u3041-\u3093])[けせべえ]|て"
    r"|(?<=[\u4e00-\u9fff\u3041-\u3093])(?<![たの])め)"  # never …たため、 (because)
    r"(?=、)"
)
_PARTICLE_TE = re.compile(
    r"(?:にかけ|につい|によっ|にわたっ|におい|に対し|に関し|に際し|とし|をめぐっ|にとっ|に向け|"
    r"に伴っ|に基づい|を通じ|に応じ|にあたっ|に当たっ|に先立っ|を除い|に加え|を含め|を巡っ|を受け|"
    r"を通し|に比べ|に続い|に従っ|に沿っ|を踏まえ|をもっ)て?$"
)
# A sentence that tells what happened: its first clause may be told in the past too (never one
# that tells what is forecast: 抜けて、朝鮮半島へ進む見込み).
_PAST = re.compile(r"(?:た|ました|でした|ている|ています)(?:という|ということです|そうだ)?。?$")
# Its subject, with a comma after a noun too (オリックスが、), never a conjunction (…したが、).
_OWN_SUBJECT = re.compile(
    r"^[^、。「」]{2,30}?(?:[がは](?![、。])|(?<=[\u4e00-\u9fff\u30a1-\u30faー])[がは](?=、))"
)


def _own_clause(stem: str, said: str) -> str | None:
    """The blank's own clause made a sentence, where `said` is in another clause of it: 決勝が
    【　　】、花園で行われ、桜坂学院が…を破り、初優勝した -> 決勝が【　　】、花園で行われた。 A
    later clause stands alone only where it has its own subject (桜坂学院が…)."""
    start = stem.rfind("。", 0, stem.find(BLANK)) + 1
    intro, sentence = stem[:start], stem[start:]
    blank = sentence.find(BLANK)
    places = [m.start() for m in re.finditer(re.escape(said), sentence)]
    ends = sorted([*_CLAUSE_END.finditer(sentence), *_BECAME.finditer(sentence)],
                  key=lambda m: m.end())  # fmt: skip
    for end in ends:
        cut = end.end()
        if _PARTICLE_TE.search(sentence, 0, cut):
            continue  # 3月にかけて、 / 開業に向け、: a particle, no clause
        if blank < cut and all(at >= cut for at in places) and _PAST.search(sentence):
            if _REPORTED.search(sentence):
                return None  # 委員会は【　　】、…水位が…となり、…と発表した: its topic reports
            if re.search(r"同[\u4e00-\u9fff]", sentence[cut:]):
                return None  # …開かれ、同賞に…が選ばれた: what the blank is for is said later
            verb = sentence[:cut]
            own = verb[:-1] + ("た" if verb.endswith("て") else verb[-1] + "た")
            if end.re is _BECAME:
                own = verb[:-1] + "った"  # 【　　】となり、 -> 【　　】となった。
            return f"{intro}{own}。"
        rest = sentence[cut + 1 :]
        if places and blank > cut and all(at < cut for at in places) and _OWN_SUBJECT.match(rest):
            if _POINTS_BACK.match(rest):
                return None  # …5度目で、そのうち勝利は: it points at the clause that went
            return intro + rest
    # A figure's clause of its own: 総額は1兆1257億円で、…事業に【　　】を充てる -> the rest.
    if (figure := _FIGURE_CLAUSE.match(sentence)) and places:
        rest = sentence[figure.end() :]
        if _POINTS_BACK.match(rest):
            return None
        if blank > figure.end() and all(at < figure.end() for at in places) and len(rest) > 12:
            # Its topic, where the figure's clause had one of its own: 患者数は + 1定点当たり…
            topic = re.search(r"[\u4e00-\u9fff\u30a1-\u30faー]{2,8}は(?=[^は]*$)",
                              sentence[: figure.end()])  # fmt: skip
            keep = topic[0] if topic and _OF_THE_TOPIC.search(rest) and not any(
                topic.start() <= at < topic.end() for at in places) else ""  # fmt: skip
            return intro + keep + rest
        if blank < figure.end() and all(at >= figure.end() for at in places):
            return f"{intro}{sentence[: figure.end() - 2]}だ。"  # 総額は【　　】で、… -> …だ。
    return None


# A clause that opens on a pointer (そのうち, この, 同社): it needs the clause before it.
_POINTS_BACK = re.compile(r"(?:その|この|それ|これ|同[\u4e00-\u9fff])")
# A sentence that tells what someone reported: its topic is the reporter, whose verb is last.
_REPORTED = re.compile(
    r"と(?:発表|公表|明らかにし|述べ|話し|報告|指摘|説明|強調|分析|発言|語っ|し)[^。、]{0,8}。?$"
)
# What a later clause says of the topic's figure: 1定点当たり11人となり、基準を超えた.
_OF_THE_TOPIC = re.compile(
    r"となり|となっ|を超え|を上回|を下回|に達し|に上っ|増え|減っ|増加し|減少し"
)
# (Never a place's で after a verb: 日銀は18、19日に開いた会合で、 is no figure's clause.)
_FIGURE_CLAUSE = re.compile(
    rf"[^、。「」]{{0,40}}?は[^、。「」はが]{{0,12}}(?:\d|{BLANK})[^、。「」はがにたる]{{0,12}}?で、"
)


# A clause that ends in what something became: 出願倍率が2.7倍となり、 / 最多になり、
_BECAME = re.compile(r"(?<=[とに]なり)(?=、)")


# Particles that never meet (がの, をが, にの, ではも), a particle after a comma, a stem opening
# on a particle, a direction without its distance: what a cut leaves when the phrase it took was not
# one the sentence could lose.
_BROKEN = re.compile(
    r"[がを](?=[のがをは])|は(?=[のがをも])|が(?=も)|に(?=[のがを])"
    r"|[、。](?=[がをはのに][^\u3041-\u3093])|^[、がをはのにでと]"
    r"|(?<=[東西南北])[にへ](?=[\u4e00-\u9fff]{1,6}[でのにを])"  # 北に約2キロの海岸で -> 北に海岸で
    r"|[がでは、](?=上[りるっ]|達[しす])"  # 全国で約2,600キロに上り -> 全国で上り
    r"|と、(?=(?:増え|減っ|伸び|上昇し|低下し|増加し|減少し)た)"  # 約48万台と、増えた
    r"|、(?=続[きくいけ])"  # 週3回以上、3か月以上続き -> 週3回以上、続き
    # a topic right before the verb of a clause that describes a noun: 国は2024年度に始めた
    # 事業を -> 国は始めた事業を (never 調整では被災した企業: では is no topic of a verb)
    r"|(?<![でにとへ])は(?=[^、。はがをに]{1,4}(?:た|する)[\u4e00-\u9fff\u30a1-\u30faー])"
    # さん(26)の with no name before it: 開かれ、さん(26)の「きことわ」
    r"|(?<![\u4e00-\u9fff々\u30a1-\u30faーA-Za-z】)）])(?:さん|氏)(?=[(（のはがを、])"
)


def _cut(stem: str, said: str, kind: str) -> str | None:
    """The stem without the part that says `said`, if that part is one the sentence can lose,
    or with it said in the broader word the sentence gives it. Never inside a quote: words in
    「」 are someone's own and stay as they were said."""
    for at in (m.start() for m in re.finditer(re.escape(said), stem)):
        if in_quotes(stem, at) and not _named_in_brackets(stem, at, said):
            return None
    return _broaden(stem, said, kind) or _drop(stem, said, kind)


def _named_in_brackets(text: str, at: int, said: str) -> bool:
    """A name all a 「」 holds, right after the noun it names (新駅「…」): no one's words."""
    whole = text[at - 1 : at] == "「" and text[at + len(said) : at + len(said) + 1] == "」"
    named = bool(re.match(r"[\u4e00-\u9fff\u30a1-\u30faー]", text[at - 2 : at - 1])) or text[
        :at
    ].endswith(("さんの「", "氏の「"))  # 田村さんの「灯の町」: her work's title
    # …「あかり」を軌道に, after 探査機「あかり」: the name again, no one's words
    again = bool(re.search(rf"[\u4e00-\u9fff\u30a1-\u30faー]「{re.escape(said)}」", text[:at]))
    return whole and (named or again)


# The broader word a stem can keep for a name it must not say. A place inside its prefecture or
# region keeps the prefecture; a company after its description keeps the description; a
# numbered storm or rocket keeps its common noun.
_PREFECTURE = r"(?P<keep>[\u4e00-\u9fff]{1,3}[都道府県])(?<!首都)(?<!州都)"  # never 米首都
# 岐阜県 of 岐阜県美濃川市 (and 米首都, 州都 before their city), or nothing
_IN_PREFECTURE = r"(?:[\u4e00-\u9fff]{1,3}[都道府県])?"
_REGION = (
    r"(?P<keep>[^、。「」はがをにでと]{1,10}"
    r"(?:北部|南部|東部|西部|中部|北東部|北西部|南東部|南西部|沿岸|郊外))の"
)
_DESCRIBED = (
    r"(?P<keep>[^、。「」はがをにでと]{1,14}(?:大手|メーカー|会社|企業|銀行|団体|チェーン|"
    r"スタートアップ|新興企業))(?:の|、)"
)
# The common noun an organisation's name ends in, which can stand for it in a stem.
_HEAD = re.compile(
    r"(?:府警|県警|道警|研究所|天文台|財団|協会|大学|銀行|病院|地裁|高裁|裁判所)$"
)
_ORDINAL = re.compile(r"(?:連覇|連勝|連敗|連続|回目|度目|人目|番目|代目|年目|位|号|期)$")
_RATE_VERB = r"(?:上昇|低下|増加|減少|上回|下回|増え|減っ|減少|伸び|拡大|縮小)"
_HELD = r"(?:行われ|開かれ|開催され|開幕し|始まっ)"
_DONE_ON_A_DAY = (
    r"(?:投開票|投票|開票|告示|公示|発表|公表|明らかにし|記者会見|会見|開いた|開かれ|行った|"
    r"行われ|決定|決め)"
)
# A venue whose name ends in its common noun: 神宮球場 -> 球場.
_VENUE = r"球場|スタジアム|競技場|体育館|アリーナ|ホール|会館|空港|宇宙センター|港|駅|公園"




def _state_body(name: str) -> str | None:
    """The word a stem can say for a ministry or an agency of the state (国土交通省: 国), or for
    the Tokyo police (警視庁: 警察)."""
    if name == "警視庁":
        return "警察"
    if not re.fullmatch(r"[\u4e00-\u9fff\u30a1-\u30faー]{1,12}(?:省|庁)", name):
        return None
    # Another country's ministry is its government's: 米商務省 -> 米政府, 中国外務省 -> 中国政府
    foreign = re.match(rf"(?:{lexicon.COUNTRY_NAMES}|[米英仏独中韓露豪印伊加朝])(?=.{{2}})", name)
    return f"{foreign.group()}政府" if foreign else "国"


_SERIAL = re.compile(r"^(?P<noun>[^\d０-９]{2,}?)(?:第)?[\d０-９]+号機?$")
# A rate that qualifies an amount: 前年同期比4.2%増の6,318億円 -> 6,318億円.
_RATE_BEFORE = r"(?:前[^、。比]{0,5}比|前年度から|前年から|前回から|同)?"
_RATE_AFTER = rf"(?:増|減|上昇|低下|高|安)の(?=[\d０-９約]|{BLANK})"


def _broaden(stem: str, said: str, kind: str) -> str | None:
    name = re.escape(said)
    if kind == PLACE:
        patterns = [
            rf"{_PREFECTURE}の?{name}(?:付近|周辺|近郊|市内|町内|村内)?(?=[にでへのを]|から)",
            rf"{_REGION}{name}(?=[にでへのを])",
        ]
    elif kind == ORGANISATION:
        patterns = [rf"{_DESCRIBED}{name}(?:[(（][^()（）]{{1,20}}[)）])?(?=[はがのもにと])"]
    else:
        patterns = []
    for pattern in patterns:
        found = re.search(pattern, stem)
        if found:
            return stem[: found.start()] + found["keep"] + stem[found.end() :]
    subject = rf"(?:^|(?<=[、。])){name}(?=[はがも])"  # the sentence's subject
    if kind == ORGANISATION and (word := _state_body(said)) and (found := re.search(subject, stem)):
        return stem[: found.start()] + word + stem[found.end() :]  # 国土交通省は -> 国は
    if kind == PLACE:
        venue = re.search(rf"(?:{_VENUE})$", said)  # 神宮球場で -> 球場で
        found = venue and re.search(rf"(?<![と・]){name}(?=で|に|から|へ)", stem)
        if found and len(said) > len(venue.group()) + 1:
            return stem[: found.start()] + venue.group() + stem[found.end() :]
        found = re.search(rf"(?<![と・]){name}(?=(?:{_VENUE})(?:で|に|から|へ))", stem)
        if found and len(said) > 1:  # 神宮 of 神宮球場で -> 球場で
            return stem[: found.start()] + stem[found.end() :]
        # A city, a town or a prefecture as the subject: 岐阜県美濃川市は -> 市は
        found = re.search(rf"(?:^|(?<=[、。])){_IN_PREFECTURE}{name}(?=は)", stem)
        if found and re.search(r"^.{2,}[市町村県区]$", said):
            return stem[: found.start()] + said[-1] + stem[found.end() :]
    if kind == ORGANISATION:  # 大阪府警は -> 警察は, 大学入試センターは -> センターは
        head = _HEAD.search(said)
        gloss = r"(?:[(（][A-Za-z・]{2,12}[)）])?"
        # Never one of two named together: 文部科学省と国立教育政策研究所は -> …と研究所は
        found = head and re.search(rf"(?<![と・]){name}{gloss}(?=[はがのもに])", stem)
        if found and len(said) > len(head.group()) + 1:
            word = "警察" if head.group().endswith("警") else head.group()
            return stem[: found.start()] + word + stem[found.end() :]
    # A thing named in 「」 after the noun that says what it is: 新駅「…駅」 -> 新駅,
    # 投資会社「…」 -> 投資会社, 長編「…」 -> 長編.
    found = re.search(rf"(?<=さんの|[^\u3040-\u309f]氏の)「{name}」", stem)
    if found:  # 田村さんの「灯の町」が選ばれた -> 田村さんの作品が選ばれた
        return stem[: found.start()] + "作品" + stem[found.end() :]
    found = re.search(rf"(?P<noun>[\u4e00-\u9fff\u30a1-\u30faー]{{1,6}})「{name}」", stem)
    if found:  # and said again later, by that noun: 月探査機「…」…「…」を軌道に -> 月探査機を
        rest = stem[found.end() :].replace(f"「{said}」", found["noun"][-6:])
        return stem[: found.start() + len(found["noun"])] + rest
    serial = _SERIAL.match(said)
    if serial and said in stem:
        return stem.replace(said, serial["noun"])
    # A court's sentence, with what was sought beside it: …懲役4年6月(求刑6年)を言い渡した ->
    # …判決を言い渡した
    sought = r"(?:[(（]求刑[^()（）]{1,16}[)）])?"
    found = re.search(rf"(?<![\u4e00-\u9fff]){name}{sought}(?=を言い渡)", stem)
    if found and re.match(r"(?:懲役|禁錮|禁固|罰金|拘留)", said):
        return stem[: found.start()] + "判決" + stem[found.end() :]
    if kind == MONEY:  # 女性から5850万円をだまし取った -> 女性から現金をだまし取った
        # After a particle or a comma, never inside a range (500~1200万円) or after 現金.
        after_particle = r"(?:^|(?<=[\u3040-\u309f、]))"
        found = re.search(rf"{after_particle}(?:約|計|総額)?{name}(?=を{_HANDED})", stem)
        if found:
            return stem[: found.start()] + "現金" + stem[found.end() :]
    return None


# What is done with money handed over, taken or sent: the amount can be 現金 in a stem.
_HANDED = r"(?:だまし取|騙し取|詐取|盗|奪|振り込|受け取|横領|着服|送金|送|渡|引き出)"


def _dangling(stem: str) -> int:
    """How many pointers (同年, 同月末, 同年度, 同5年) have no year or month before them."""
    count = 0
    for pointer in re.finditer(r"同(?:\d{1,2})?(年度|年|月|期)", stem):
        before = stem[: pointer.start()]
        level = pointer.group(1)
        said = re.search(r"\d{1,4}年|(?:令和|平成|昭和)(?:\d{1,2}|元)年|(?:昨|今|来)年", before)
        if level == "月":
            said = re.search(r"\d{1,2}月|(?:先|今|来)月", before)
        count += not said
    return count


def _points_back_to(stem: str, said: str) -> bool:
    """Whether a pointer after the date (同日, 同月, 同年度, 翌日) may stand for it."""
    after = stem[stem.find(said) + len(said) :]
    levels = {
        "日": bool(re.search(r"\d日", said)),
        "月": "月" in said,
        "年": "年" in said,
    }
    for pointer in re.findall(r"(?:同|翌|前)(年度|年|月|日|期)", after):
        level = {"年度": "年", "期": "年"}.get(pointer, pointer)
        if levels[level]:
            return True
    return False


_WINDOW = r"(?:\d+(?:週間|日間|か月間?|カ月間?|年間))"


def _drop(stem: str, said: str, kind: str) -> str | None:
    name = re.escape(said)
    if kind == DATE and _points_back_to(stem, said):
        return None  # 令和8年度に…同年度予算: the pointer would be left with nothing to point at
    # Only a part that stands on its own: after a clause's start or a particle, never inside a
    # list (60代と70代の男性) or a compound.
    start = r"(?:^|(?<=[、はがもでにをて]))"
    if kind == DATE:
        if not re.match(r"(?:来|今|昨|先|同)(?:年|月)", said):  # 来年1月17、18両日に実施する
            name = rf"(?:来年|今年|昨年|来月|今月|先月)?{name}"
        aside = r"(?:[(（][^()（）]{1,16}[)）])?"  # 16日午後(日本時間17日未明)、
        # A span of time as a whole: 昨年10月17日ごろから11月7日の間、 -> nothing.
        span = r"[^、。「」はが]{1,20}?から"
        patterns = [
            rf"{start}{name}{_TIME_OF_DAY}{aside}(?:、|に、|には、?|に(?=[^\dは])(?!かけ))",
            rf"{start}{name}{_TIME_OF_DAY}の",
            rf"{start}{name}{_TIME_OF_DAY}(?:ごろ|頃)?から[^、。「」]{{1,20}}?(?:まで)?の間(?:に)?、",
            rf"{start}{span}{name}{_TIME_OF_DAY}(?:ごろ|頃)?(?:まで)?の間(?:に)?、",
            # A week a count was taken over, as a whole: 先月29日から今月5日までの1週間に ->
            # nothing (報告された患者数は…).
            rf"{start}{name}(?:ごろ|頃)?から[^、。「」]{{1,20}}?までの{_WINDOW}に?、?",
            rf"{start}{span}{name}までの{_WINDOW}に?、?",
            # When a count was taken or by when, the day a topic, a day things started from:
            # 4日夜時点で、 / 4日朝までに / 4日は石川県で… / 3日から記録的な大雨に
            rf"{start}{name}{_TIME_OF_DAY}(?:現在|時点)(?:で|の)?、?",
            rf"{start}{name}{_TIME_OF_DAY}までに、?",
            rf"(?:^|(?<=、)){name}は、?(?=[^、。]{{4}})",
            rf"{start}{name}{_TIME_OF_DAY}(?:ごろ|頃)?から(?![^、。]{{0,12}}まで)、?",
            # The day right before what was done on it: 町長選は8日投開票され -> 町長選は投開票
            # され, 北辰精機が6日発表した -> 北辰精機が発表した
            rf"{start}{name}{_TIME_OF_DAY}(?={_DONE_ON_A_DAY})",
        ]
    elif kind in (MONEY, QUANTITY):
        # (never a noun that needs its figure: 約30年ぶりの高さ -> 高さ says nothing)
        noun = (
            r"(?=[\u4e00-\u9fff\u30a0-\u30ff])"
            rf"(?!{phrases.NEEDS_ITS_FIGURE})"
        )
        patterns = [
            # 総額は3200億円で、被災した企業を支える事業に…: the topic goes with its figure where
            # a clause that describes a noun follows (never 総額は被災した企業…)
            rf"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{1,6}}は{_AMOUNT_BEFORE}{name}{_AMOUNT_AFTER}で、"
            rf"(?=[^、。はがをに]{{1,4}}(?:た|する)[\u4e00-\u9fff\u30a1-\u30faー][^。はが]*{BLANK})",
            # 患者数は653人で、1定点当たり…: the topic's first figure, the topic kept
            rf"(?<=は){_AMOUNT_BEFORE}{name}{_AMOUNT_AFTER}で、(?=[^。はが]*{BLANK})",
            # …懲役7年(求刑懲役9年)の判決: the figure with the aside that qualifies it.
            rf"{start}{_AMOUNT_BEFORE}{name}{_AMOUNT_AFTER}(?:[(（][^()（）]{{1,16}}[)）])?の{noun}",
            rf"{start}{_RATE_BEFORE}{name}{_RATE_AFTER}",
            # A win-loss record before the win: 13勝2敗で初優勝した -> 初優勝した
            rf"(?<=[、はがもでにをて]){name}で、?(?=[^、。]{{0,6}}(?:優勝|制し|制覇|勝ち越))",
            # What a count settled at: 志願者数が49万人で確定した -> 志願者数が確定した
            rf"(?<=[がは]){_AMOUNT_BEFORE}{name}{_AMOUNT_AFTER}で(?=確定|決定|決着|合意|妥結)",
            # An aside in brackets: 教員採用試験(採用予定371人程度)の -> 教員採用試験の
            rf"(?<=[\u4e00-\u9fff\u30a0-\u30ffー])[(（][^()（）、。]{{0,10}}{name}[^()（）、。]{{0,6}}[)）]",
        ]
        if kind == QUANTITY and said.endswith("%"):
            # A rate before its verb: 前年同月比3.0%上昇し -> 上昇し
            patterns.append(rf"{start}{_RATE_BEFORE}約?{name}(?={_RATE_VERB})")
        if kind == QUANTITY and re.fullmatch(r"第\d+(?:回|期|次)", said):
            # 第38回山河文学賞: an edition of a prize or an event, never 第1回投票 (which round)
            patterns.append(rf"{name}(?=[^、。「」]{{1,12}}?(?:賞|祭|展|大会|選手権|杯|会議))")
        # A count or a sum after its noun can go: 壁画約40点が見つかった -> 壁画が見つかった,
        # 現金約1200万円を -> 現金を (never after 計, 年間 or 最大, which would be left dangling).
        # What a figure was raised to: 10%の関税を、15%に引き上げる -> 10%の関税を引き上げる;
        # and what it was, after a clause describing it: 対象とした10%の関税 -> 対象とした関税
        patterns.append(rf"、?{name}に(?=(?:引き上げ|引き下げ|増や|減ら|拡大|縮小|増額|減額))")
        patterns.append(rf"(?<=[しっ]た|する|れた){name}の{noun}")
        if re.search(r"(?:ぶり|連続)$", said):  # 46打席ぶりとなる14号 -> 14号
            patterns.append(rf"{start}{name}(?:となる|の)(?=[\d\u4e00-\u9fff\u30a0-\u30ff])")
        if re.fullmatch(r"\d+号", said):  # 今季14号2ランを放った -> 今季2ランを放った
            patterns.append(rf"{name}(?=ソロ|2ラン|3ラン|満塁|本塁打|ホームラン|アーチ)")
        if re.fullmatch(r"\d{1,3}(?:代|歳)", said):  # 市内の60代女性 -> 市内の女性: her age goes
            patterns.append(rf"(?<![と、・]){name}の?(?=男性|女性|男児|女児|男|女)(?!\d)")
        if re.fullmatch(r"\d{1,3}人", said):  # 4人は3月、…連れ去り: the subject they were before
            patterns.append(rf"^{name}(?:は|が)、?(?=[^。]{{6}})")
        if not _ORDINAL.search(said):  # 大会2連覇を, 史上3人目の: one word with its noun
            patterns.append(rf"(?<=[\u4e00-\u9fff\u30a0-\u30ff])(?<![計額間均大約率算・律各毎])"
                            rf"(?:約|およそ)?{name}(?=[がをはも])")  # never 得票率51%を -> 得票率を
    elif kind == PERSON:
        # Right before a role (岸田文雄首相) or an affiliation after a dot. A family name in
        # kanji takes its given name along (長谷川 of 長谷川誠裁判長 -> 裁判長, never 誠裁判長;
        # a katakana one never: ルビオ米国務長官 keeps 米国務長官); an age may sit between the
        # role and its particle (容疑者(34)を); never one of two named together (…審議委員と).
        then = (
            r"(?:[(（]\d{1,3}[)）])?"
            r"(?:は|が|も|の|に|ら|を|と(?=会|面会|会談|協議|電話|意見|[\u3041-\u3096]))"
        )
        rest = r"[\u4e00-\u9fff々]{0,3}?" if re.fullmatch(r"[\u4e00-\u9fff々]+", said) else ""
        then_role = rf"(?={_NAMED_ROLE}{then})"
        patterns = [
            # (never a player's: 外野手が…DeNA戦で says nothing of who; reviewers junk it)
            rf"(?<!と){name}{rest}(?!{_PLAYER}){then_role}",
            # 田村悠里さんの「灯の町」 -> 「灯の町」
            rf"(?:^|(?<=[\u3040-\u309f、]))(?<!と){name}(?:さん|氏)の(?=「)",
            rf"{name}{rest}・(?=[^、。「」・]{{0,20}}{_ROLE}{then})",
            # A wrestler after his rank: 関脇玉鷲が -> 関脇が
            rf"(?<=横綱|大関|関脇|小結|平幕|前頭)・?{name}(?=[がをにはのと])",
            # After what she is, the word that describes a person: 元市議の川村直樹氏(52)が ->
            # 元市議が, 現職の森本和夫氏ら -> 現職ら (never 同社の…氏は -> 同社は: a body says)
            rf"(?:{_PERSON_NOUN})の{name}(?:氏|さん)"
            rf"(?=(?:[(（]\d{{1,3}}[)）])?(?:=[^=。「」]{{1,40}}=)?[がはもらを])",  # =…推薦=が
        ]
    elif kind in (PLACE, ORGANISATION):
        # 岐阜県 of 岐阜県美濃川市 goes with the name (and so does 米首都 of 米首都ワシントン)
        prefecture = _IN_PREFECTURE
        patterns = [
            rf"{start}{name}(?:によると|によれば)、",
            rf"{start}{prefecture}{name}{_PLACE_TAIL}",
            rf"{start}{prefecture}{name}(?:付近|沖|周辺|近海|上空)(?:に|で|へ)、?",
            # Where a building is: ワシントンの国務省で -> 国務省で
            rf"{start}{prefecture}{name}の(?=[\u4e00-\u9fff\u30a1-\u30faー]{{0,10}}"
            r"(?:省|庁|本社|本部|官邸|公邸|大使館|市役所|県庁|庁舎|ホワイトハウス|宮殿)(?:で|に|を|へ))",
            # Where an event was held: 大会が3日、横浜市で行われた -> 大会が3日行われた
            rf"、{prefecture}{name}(?:市内|都内|県内)?で(?={_HELD})",
            # Whom a person plays or works for, before her name and age: 米大リーグ、マリナーズの
            # 長野遼平(27)が -> 米大リーグ、長野遼平(27)が
            rf"(?:^|(?<=[、。])){name}の(?=[\u4e00-\u9fff々\u30a1-\u30faー・]{{2,10}}"
            r"[(（]\d{1,3}[)）](?:が|は|も|ら))",
            # An aside in brackets: 山河文化振興財団(東京都千代田区)は -> 山河文化振興財団は
            rf"(?<=[\u4e00-\u9fff\u30a0-\u30ffー」A-Za-z])[(（][^()（）「」【]{{0,8}}?{name}"
            rf"[^()（）「」【]{{0,12}}[)）]",
        ]
    elif kind == OTHER:
        # What he is held for, with the other charges said beside it: 男を窃盗と住居侵入の疑いで
        # 逮捕した -> 男を逮捕した; the whole list, never 監禁と窃盗、【詐欺の容疑で】 alone.
        charges = r"[\u4e00-\u9fff々]{2,14}"
        listed = r"(?:など)?の(?:疑い|容疑|罪)"
        patterns = [
            # …listed beside the blank, only it goes: 【　　】と住居侵入の疑いで -> 【　　】の疑いで
            # (never after a comma: 【　　】、強盗致傷と… is a day before the list, no charge)
            rf"(?<={BLANK})[とや・]{name}(?=(?:[とや、・]{charges})*{listed})",
            rf"(?<![\u4e00-\u9fff々]){name}[とや・](?=(?:{charges}[とや、・])*{BLANK}{listed})",
            # (never after whom it was against: 中学生に対する殺人未遂の疑いで -> に対する逮捕)
            rf"(?<![\u4e00-\u9fff々])(?<!対する)(?<!への)(?:{charges}[とや、・])*{name}"
            rf"(?:[とや、・]{charges})*(?:など)?の(?:(?:疑い|容疑)で、?|(?=罪に問われ))",
        ]
    else:
        return None
    for pattern in patterns:
        found = re.search(pattern, stem)
        if found:
            cut = stem[: found.start()] + stem[found.end() :]
            if kind == PERSON:  # 灰谷千晶監督(34)の -> 監督の: an age says nothing without her
                rest = re.sub(rf"^({_ROLE}?)[(（]\d{{1,3}}[)）]", r"\1", cut[found.start() :])
                cut = cut[: found.start()] + rest
            return re.sub(r"^、|(?<=[、。])、", "", cut)
    return None
