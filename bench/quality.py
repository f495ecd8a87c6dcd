"""Quality of the drafts over a corpus of articles with hand-made fact lists. Not a test: it
prints figures (issue 11).

    .venv/bin/python bench/quality.py [DIR ...] [--dump OUT] [--misses]

DIR defaults to seeds/eval. Each article is `NAME.txt` beside `NAME.facts.json` (its facts, and
the `published` date a teacher would give). Per article and in total it prints: recall of the
fact list over all kept drafts and over the first 15 (what a teacher sees first), drafts kept,
defects found by the automated checks, and the articles with facts that drafted nothing.
--dump OUT writes, per article, the article and its first 15 drafts as JSON: what a blind
reviewer is given.

Targets: recall >= 0.90 over all drafts and >= 0.75 within the first 15; no article with facts
drafts nothing; 0 automated defects.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizsite.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", default=[str(ROOT / "seeds" / "eval")])
    parser.add_argument("--dump", help="write each article and its first 15 drafts here")
    parser.add_argument("--misses", action="store_true", help="list the facts not drafted")
    args = parser.parse_args()

    from quizzes.generation.clashes import clash_free
    from quizzes.generation.drafting import draft_article
    from quizzes.generation.evaluation import evaluate
    from quizzes.generation.names import load_nlp
    from quizzes.generation.text import headline_of

    nlp = load_nlp()
    articles = sorted(p for d in args.dirs for p in Path(d).glob("*.facts.json"))
    if args.dump:
        Path(args.dump).mkdir(parents=True, exist_ok=True)
    totals = Counter()
    defects = Counter()
    silent = []
    seconds = 0.0
    print(f"{'article':36} {'facts':>5} {'recall':>7} {'first15':>7} {'kept':>5} {'defects':>7}")
    for path in articles:
        meta = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(meta["article"]).read_text(encoding="utf-8")
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        started = time.perf_counter()
        result = draft_article(text, title=headline_of(text), published=published, nlp=nlp)
        seconds += time.perf_counter() - started
        facts = meta["facts"]
        evaluation = evaluate(result.kept, facts)
        found_first = round(evaluation.recall_first * len(facts))
        name = path.name.removesuffix(".facts.json")
        print(
            f"{name:36} {len(facts):5} {evaluation.recall:7.3f} {evaluation.recall_first:7.3f} "
            f"{evaluation.kept:5} {sum(evaluation.defects.values()):7}"
        )
        if args.misses and evaluation.missed:
            print(f"{'':38}missed: {', '.join(evaluation.missed)}")
        totals.update(facts=len(facts), found=len(evaluation.found), first=found_first,
                      kept=evaluation.kept, articles=1)  # fmt: skip
        defects.update(evaluation.defects)
        if facts and not result.kept:
            silent.append(name)
        if args.dump:
            drafts = [d.as_json() for d in result.kept[: clash_free(result.kept)]]
            dump = {"article": text, "published": meta.get("published"), "drafts": drafts}
            out = Path(args.dump) / f"{name}.json"
            out.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    facts = totals["facts"] or 1
    print(
        f"{'total (' + str(totals['articles']) + ' articles)':36} {totals['facts']:5} "
        f"{totals['found'] / facts:7.3f} {totals['first'] / facts:7.3f} {totals['kept']:5} "
        f"{sum(defects.values()):7}"
    )
    for reason, count in defects.most_common():
        print(f"  defect {reason}: {count}")
    print(f"articles with facts that drafted nothing: {len(silent)} {' '.join(silent)}")
    print(f"drafting time with the model loaded: {seconds / max(totals['articles'], 1):.2f} s "
          "per article on average")  # fmt: skip


if __name__ == "__main__":
    main()
