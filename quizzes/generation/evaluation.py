"""How good the drafts are: recall of a hand-made fact list, and the defects left in them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .. import grading
from . import quality
from .clashes import clash_free, stem_of
from .drafting import BLANK, Draft, asks_listed_item
from .text import DOT_DECIMAL


@dataclass
class Evaluation:
    recall: float
    found: list[str]
    missed: list[str]
    kept: int
    defects: Counter
    recall_first: float = 0.0  # within the first SHOWN_FIRST drafts, those a teacher sees first

    def as_dict(self) -> dict:
        return {
            "recall": round(self.recall, 3),
            "recall_first_15": round(self.recall_first, 3),
            "facts": len(self.found) + len(self.missed),
            "found": len(self.found),
            "missed": self.missed,
            "kept_drafts": self.kept,
            "defects": dict(self.defects),
            "defect_total": sum(self.defects.values()),
        }


def draft_defects(draft: Draft) -> list[str]:
    """Every automated check, run afresh on a draft as it stands."""
    defects = []
    reason = quality.sentence_defect(draft.source_sentence)
    if reason and not (reason in ("list_item", "fragment") and asks_listed_item(draft)):
        defects.append(reason)
    stem = stem_of(draft)
    if quality.has_dateline_or_credit(stem):
        defects.append("dateline_or_credit_in_stem")
    if draft.kind == "single":
        distractors = [c for c in draft.choices if c != draft.answer]
        groups = [draft.fact.granularity] * len(draft.choices)
        defects += quality.option_defects(stem, draft.answer, distractors, groups)
        defects += quality.sense_defects(draft.answer, distractors)
        if len(set(map(grading.normalize_text, draft.choices))) != len(draft.choices):
            defects.append("duplicate_option")
    if draft.kind == "numeric" and not _unit_matches(draft):
        defects.append("numeric_unit_mismatch")
    elif (
        draft.kind in ("text", "numeric") and BLANK in stem and quality.mentions(stem, draft.answer)
    ):
        defects.append("option_in_stem")
    return sorted(set(defects))


def _unit_matches(draft: Draft) -> bool:
    """A typed number's unit is the one its answer is written in: 38億円 is no answer in 円."""
    from quizzes.grading import parse_number  # pure, no ORM

    answer = draft.fact.answer
    return (
        bool(draft.unit)
        and answer.endswith(draft.unit)
        and (parse_number(answer, unit=draft.unit) == draft.numeric_answer)
    )


# What stays outside a blank (約【　　】, 【　　】後, 比【　　】増, 秒速約【　　】,
# 【　　】台後半); a fact list may write it in.
_HEDGES = re.compile(
    r"^(?:(?:秒速|時速|分速)?約|秒速|時速|分速|およそ|ほぼ|最大で?|最高|最低)"
    r"|(?:後|前|ごろ|頃|程度|以上|余り|近く|超|増|減|上昇|低下|台(?:前半|後半|半ば)?)$"
)


def _key(text: str) -> str:
    # A fact list writes 27・5% as the article does; the drafts read it 27.5% (text.normalize).
    return _HEDGES.sub("", DOT_DECIMAL.sub(".", grading.normalize_text(text)))


def _recall(kept: list[Draft], facts: list[dict]) -> tuple[list[str], list[str]]:
    # A draft asks about a listed fact when its key is one of the fact's spellings, or, for a
    # resolved date (同年12月 keyed 2012年12月), when the article's own words are.
    answers = {_key(d.fact.text) for d in kept} | {_key(d.fact.answer) for d in kept}
    found, missed = [], []
    for fact in facts:
        spellings = fact["answers"]
        (found if any(_key(s) in answers for s in spellings) else missed).append(spellings[0])
    return found, missed


def evaluate(kept: list[Draft], facts: list[dict]) -> Evaluation:
    found, missed = _recall(kept, facts)
    first = kept[: clash_free(kept)]  # what the teacher sees first: up to SHOWN_FIRST
    found_first, _ = _recall(first, facts)
    defects: Counter = Counter()
    for draft in kept:
        defects.update(draft_defects(draft))
    keys = Counter((grading.normalize_text(d.fact.answer), d.kind) for d in kept)
    defects["duplicate_draft"] = sum(n - 1 for n in keys.values())
    shown = Counter(grading.normalize_text(d.fact.answer) for d in first)
    defects["same_fact_twice_in_first_15"] = sum(n - 1 for n in shown.values())
    defects = Counter({k: v for k, v in defects.items() if v})
    recall = len(found) / len(facts) if facts else 0.0
    recall_first = len(found_first) / len(facts) if facts else 0.0
    return Evaluation(recall, found, missed, len(kept), defects, recall_first)
