"""Question drafts from facts: cloze multiple choice, true/false, typed numbers and short text.

Every draft keeps its fact and source sentence and explains itself by quoting the sentence. The
checks of `quality` run on every draft; only drafts without a defect are kept, best first.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from . import quality
from .facts import (
    DATE,
    MONEY,
    NUMBER,
    ORGANISATION,
    OTHER,
    PERSON,
    PLACE,
    QUANTITY,
    Fact,
    extract_numeric_facts,
)
from .text import Sentence, normalize, split_sentences

BLANK = "【　　】"
TRUE, FALSE = "正しい", "誤り"

_KIND_WEIGHT = {MONEY: 0.9, QUANTITY: 0.85, DATE: 0.8, PERSON: 0.75, ORGANISATION: 0.75,
                PLACE: 0.7, OTHER: 0.6}  # fmt: skip
_DRAFT_WEIGHT = {"single": 1.0, "numeric": 0.95, "text": 0.85, "true_false": 0.7}
_NUMBER = re.compile(NUMBER)
_MULTIPLIER = {"兆": Decimal(10) ** 12, "億": Decimal(10) ** 8, "万": Decimal(10) ** 4}
_FACTORS = [Decimal(f) for f in ("0.5", "0.6", "0.75", "1.25", "1.5", "2", "2.5", "3", "4")]


@dataclass
class Draft:
    kind: str  # single | true_false | numeric | text: the Question kinds
    prompt: str
    answer: str
    choices: list[str]
    fact_kind: str
    source_sentence: str
    explanation: str
    score: float
    fact: Fact = field(repr=False)
    numeric_answer: Decimal | None = None
    unit: str = ""
    accepted_answers: list[str] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "prompt": self.prompt,
            "answer": self.answer,
            "choices": self.choices if self.kind in ("single", "true_false") else [],
            "fact_kind": self.fact_kind,
            "source_sentence": self.source_sentence,
            "explanation": self.explanation,
            "score": round(self.score, 3),
        }


@dataclass
class Extraction:
    text: str  # normalised: fact offsets point into it
    sentences: list[Sentence]
    facts: list[Fact]


@dataclass
class DraftResult:
    extraction: Extraction
    kept: list[Draft]
    rejected: list[Draft]


def extract(
    raw_text: str, *, title: str = "", published: date | None = None, nlp=None, names: bool = True
) -> Extraction:
    text = normalize(raw_text)
    sentences = split_sentences(text, title=title)
    facts = extract_numeric_facts(text, sentences, published)
    if names:
        from .names import extract_names

        facts += extract_names(text, sentences, nlp=nlp)
    facts.sort(key=lambda f: (f.start, -f.end))
    return Extraction(text, sentences, facts)


def draft_article(
    raw_text: str, *, title: str = "", published: date | None = None, nlp=None, names: bool = True
) -> DraftResult:
    extraction = extract(raw_text, title=title, published=published, nlp=nlp, names=names)
    return draft_from(extraction)


def draft_from(extraction: Extraction) -> DraftResult:
    sentences = extraction.sentences
    groups = _group_facts(extraction)
    pool = _pools(groups)
    candidates: list[Draft] = []
    for position, (key, mentions) in enumerate(groups.items()):
        candidates += _drafts_for(key, mentions, sentences, pool, position)
    kept: dict[tuple[str, str], Draft] = {}
    prompts: set[str] = set()
    rejected: list[Draft] = []
    for draft in sorted(candidates, key=lambda d: -d.score):
        slot = (quality.fold(draft.fact.answer), draft.kind)
        if draft.defects or slot in kept or draft.prompt in prompts:
            rejected.append(draft)
        else:
            kept[slot] = draft
            prompts.add(draft.prompt)
    return DraftResult(extraction, sorted(kept.values(), key=lambda d: -d.score), rejected)


def _group_facts(extraction: Extraction) -> dict[tuple[str, str], list[Fact]]:
    """One entry per distinct fact, with all its mentions; the article's subject left out."""
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in extraction.facts:
        groups[(fact.kind, quality.fold(fact.answer))].append(fact)
    names = [key for key in groups if key[0] not in (DATE, MONEY, QUANTITY)]
    for short in names:
        full = next(
            (k for k in names if k != short and k[0] == short[0] and k[1].startswith(short[1])),
            None,
        )
        if full is not None:  # 岸田 after 岸田文雄: the same person, not a second fact
            groups[full] += groups.pop(short)
    subject_threshold = max(4, round(0.2 * len(extraction.sentences)))
    return {
        key: mentions
        for key, mentions in groups.items()
        if key[0] in (DATE, MONEY, QUANTITY)
        or len({m.sentence for m in mentions}) < subject_threshold
    }


def _pools(groups) -> dict[tuple[str, str], list[Fact]]:
    """Facts by kind and granularity: where same-kind distractors come from."""
    pool: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for mentions in groups.values():
        first = mentions[0]
        pool[(first.kind, first.granularity)].append(first)
    return pool


def _drafts_for(key, mentions: list[Fact], sentences: list[Sentence], pool, position: int):
    for fact in mentions:
        sentence = sentences[fact.sentence]
        if quality.sentence_defect(sentence.text):
            continue
        a, b = fact.start - sentence.start, fact.end - sentence.start
        stem = sentence.text[:a] + BLANK + sentence.text[b:]
        if quality.mentions(stem, fact.text) or quality.mentions(stem, fact.answer):
            continue  # the sentence says it twice: the blank would give nothing away
        return list(_make_drafts(fact, sentence.text, stem, pool, position))
    return []


def _make_drafts(fact: Fact, sentence: str, stem: str, pool, position: int):
    rng = random.Random(f"{fact.kind}:{fact.answer}")
    distractors = _distractors(fact, stem, pool, rng)
    base = _KIND_WEIGHT[fact.kind] - _sentence_penalty(sentence)
    quote = f"記事には「{sentence}」とある。"
    if len(distractors) >= 3:
        options = [fact.answer, *distractors[:3]]
        rng.shuffle(options)
        defects = quality.option_defects(stem, fact.answer, distractors[:3], [fact.granularity] * 4)
        yield Draft(
            "single",
            f"次の文の{BLANK}に入るものを選びなさい。\n{stem}",
            fact.answer,
            options,
            fact.kind,
            sentence,
            quote,
            base * _DRAFT_WEIGHT["single"],
            fact,
            defects=defects,
        )
    elif fact.kind not in (MONEY, QUANTITY, DATE):
        yield Draft(
            "text",
            f"次の文の{BLANK}に入る語句を答えなさい。\n{stem}",
            fact.answer,
            [],
            fact.kind,
            sentence,
            quote,
            base * _DRAFT_WEIGHT["text"],
            fact,
            accepted_answers=_spellings(fact.answer),
            defects=[d for d in ("option_in_stem",) if quality.mentions(stem, fact.answer)],
        )
    if fact.kind in (MONEY, QUANTITY) and fact.value is not None and "と" not in fact.text:
        yield Draft(
            "numeric",
            f"次の文の{BLANK}に入る数を答えなさい（単位: {fact.granularity}）。\n{stem}",
            fact.answer,
            [],
            fact.kind,
            sentence,
            quote,
            base * _DRAFT_WEIGHT["numeric"],
            fact,
            numeric_answer=fact.value,
            unit=fact.granularity,
        )
    if distractors:
        intact = position % 2 == 0
        statement = sentence if intact else stem.replace(BLANK, distractors[0], 1)
        answer = TRUE if intact else FALSE
        why = (
            quote
            if intact
            else f"記事では「{fact.text}」であり、「{distractors[0]}」ではない。{quote}"
        )
        yield Draft(
            "true_false",
            f"次の文は記事の内容と合っているか。\n{statement}",
            answer,
            [TRUE, FALSE],
            fact.kind,
            sentence,
            why,
            base * _DRAFT_WEIGHT["true_false"],
            fact,
        )


def _sentence_penalty(sentence: str) -> float:
    length = len(sentence)
    return 0.2 if length < 15 else 0.1 if length > 120 else 0.0


def _spellings(answer: str) -> list[str]:
    """西海(ソへ)衛星発射場 is also right as 西海衛星発射場, or as its reading ソヘ."""
    spellings = [answer]
    without = re.sub(r"\([^()]*\)", "", answer)
    if without and without != answer:
        spellings.append(without)
    return spellings


def _distractors(fact: Fact, stem: str, pool, rng: random.Random) -> list[str]:
    chosen: list[str] = []

    def offer(option: str) -> None:
        if (
            option
            and not quality.mentions(stem, option)
            and not any(quality.same_thing(option, c) for c in [fact.answer, fact.text, *chosen])
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
    rng.shuffle(same)
    for other in same:
        offer(other.answer)
    if fact.kind in (DATE, MONEY, QUANTITY):
        for option in _numeric_neighbours(fact, rng):
            offer(option)
    return chosen[len(said_here) :][:3]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "N", text)


def _comparable(fact: Fact, other: Fact) -> bool:
    """Numbers offered side by side look alike: 3万2,000人 against 3万5,000人, not against 4人."""
    if fact.kind not in (DATE, MONEY, QUANTITY):
        return True
    if _shape(fact.answer) != _shape(other.answer):
        return False
    if fact.value and other.value:
        ratio = other.value / fact.value
        return Decimal("0.1") <= ratio <= 10
    return True


def _numeric_neighbours(fact: Fact, rng: random.Random, count: int = 8) -> list[str]:
    """Same format, other numbers: 38億ドル -> 19億ドル; 2012年4月 -> 2010年4月; 29日 -> 17日."""
    span = fact.answer
    out: list[str] = []
    for _ in range(count * 4):
        option = _mutate(span, fact, rng)
        if option and option != span and option not in out:
            out.append(option)
        if len(out) >= count:
            break
    return out


def _mutate(span: str, fact: Fact, rng: random.Random) -> str | None:
    numbers = list(_NUMBER.finditer(span))
    if not numbers:
        return None
    if fact.kind == DATE:
        target = numbers[-1] if fact.granularity in ("ymd", "md", "d") else numbers[0]
        unit = span[target.end() : target.end() + 1]
        value = int(target.group())
        if unit == "年":
            new = value + rng.choice([-5, -4, -3, -2, -1, 1, 2, 3])
            if new > date.today().year + 1:
                new = value - rng.randint(1, 6)
        elif unit == "月":
            new = rng.choice([m for m in range(1, 13) if m != value])
        else:
            new = rng.choice([d for d in range(1, 29) if d != value])
        return span[: target.start()] + str(new) + span[target.end() :]
    factor = rng.choice(_FACTORS)
    pieces, last = [], 0
    for match in numbers:
        pieces.append(span[last : match.start()])
        pieces.append(_scaled(match.group(), factor))
        last = match.end()
    pieces.append(span[last:])
    return "".join(pieces)


def _scaled(number: str, factor: Decimal) -> str:
    """The number times factor, written the way the original was (億/万, commas, decimals)."""
    units = [mark for mark in _MULTIPLIER if mark in number]
    if units:
        return _scaled_kanji(number, units, factor)
    decimals = len(number.split(".")[1]) if "." in number else 0
    value = Decimal(number.replace(",", "")) * factor
    value = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if value <= 0:
        value = Decimal(1).scaleb(-decimals)
    text = f"{value:,f}" if "," in number else f"{value:f}"
    return text


def _scaled_kanji(number: str, units: list[str], factor: Decimal) -> str:
    from quizzes.grading import parse_number

    value = (parse_number(number) or Decimal(0)) * factor
    plain_tail = not number.endswith(units[-1])
    step = Decimal(1) if plain_tail else _MULTIPLIER[units[-1]]
    value = max(step, (value / step).quantize(Decimal(1), ROUND_HALF_UP) * step)
    parts = []
    for mark in units:
        amount, value = divmod(value, _MULTIPLIER[mark])
        if amount:
            parts.append(f"{int(amount):,}{mark}" if "," in number else f"{int(amount)}{mark}")
    if plain_tail and value:
        parts.append(f"{int(value):,}" if "," in number else f"{int(value)}")
    return "".join(parts) or "0"
