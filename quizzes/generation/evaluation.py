"""How good the drafts are: recall of a hand-made fact list, and the defects left in them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import quality
from .drafting import BLANK, Draft


@dataclass
class Evaluation:
    recall: float
    found: list[str]
    missed: list[str]
    kept: int
    defects: Counter

    def as_dict(self) -> dict:
        return {
            "recall": round(self.recall, 3),
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
    if reason := quality.sentence_defect(draft.source_sentence):
        defects.append(reason)
    stem = draft.prompt.split("\n", 1)[-1]
    if draft.kind == "single":
        distractors = [c for c in draft.choices if c != draft.answer]
        groups = [draft.fact.granularity] * len(draft.choices)
        defects += quality.option_defects(stem, draft.answer, distractors, groups)
        if len(set(map(quality.fold, draft.choices))) != len(draft.choices):
            defects.append("duplicate_option")
    elif (
        draft.kind in ("text", "numeric") and BLANK in stem and quality.mentions(stem, draft.answer)
    ):
        defects.append("option_in_stem")
    return sorted(set(defects))


def evaluate(kept: list[Draft], facts: list[dict]) -> Evaluation:
    answers = {quality.fold(d.answer) for d in kept}
    found, missed = [], []
    for fact in facts:
        spellings = fact["answers"]
        (found if any(quality.fold(s) in answers for s in spellings) else missed).append(
            spellings[0]
        )
    defects: Counter = Counter()
    for draft in kept:
        defects.update(draft_defects(draft))
    keys = Counter((quality.fold(d.fact.answer), d.kind) for d in kept)
    defects["duplicate_draft"] = sum(n - 1 for n in keys.values())
    defects = Counter({k: v for k, v in defects.items() if v})
    recall = len(found) / len(facts) if facts else 0.0
    return Evaluation(recall, found, missed, len(kept), defects)
