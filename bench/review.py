"""Summarise a blind review of drafts (issue 11). Not a test: it prints figures.

    .venv/bin/python bench/review.py VERDICTS_DIR [...] [--key KEY.json]

The review itself is done by a reader who sees only an article and its first 15 drafts (the
JSON that `bench/quality.py --dump OUT` writes) and judges each draft with the rubric in
bench/README.md, writing one file per article:
{"article": NAME, "verdicts": [{"index": 0, "verdict": "good|fixable|junk", "reason": "...",
"wrong_key": false}, ...]}. Prints per article and in total the share good, fixable and junk,
and every wrong key. The reasons are free text: read them in the files.

With --key (a side-by-side review: each article drafted by two pipelines, shuffled, judged by
the same reviewer without knowing which is which), the totals are printed per pipeline.

Targets among the first 15: >= 80% good, >= 95% good or fixable, no wrong key.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="+", help="folders of verdict files")
    parser.add_argument(
        "--key",
        help="a side-by-side review: JSON mapping each file's name to the pipeline that drafted it",
    )
    args = parser.parse_args()
    key = json.loads(Path(args.key).read_text(encoding="utf-8")) if args.key else None
    totals: dict[str, Counter] = defaultdict(Counter)
    wrong: dict[str, list[str]] = defaultdict(list)
    print(f"{'article':40} {'drafts':>6} {'good':>6} {'fixable':>8} {'junk':>6}")
    for path in sorted(p for folder in args.dirs for p in Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        label = key.get(path.stem, "?") if key else "total"
        counts = Counter(v["verdict"] for v in data["verdicts"])
        n = sum(counts.values()) or 1
        print(
            f"{path.stem:40} {n:6} {counts['good'] / n:6.0%} {counts['fixable'] / n:8.0%} "
            f"{counts['junk'] / n:6.0%}" + (f"  {label}" if key else "")
        )
        totals[label].update(counts)
        for verdict in data["verdicts"]:
            if verdict.get("wrong_key"):
                wrong[label].append(f"{path.stem} #{verdict['index']}: {verdict.get('reason', '')}")
    for label, total in sorted(totals.items()):
        n = sum(total.values()) or 1
        usable = (total["good"] + total["fixable"]) / n
        print(
            f"{label:40} {n:6} {total['good'] / n:6.0%} {total['fixable'] / n:8.0%} "
            f"{total['junk'] / n:6.0%}  good or fixable {usable:.0%}, "
            f"wrong keys {len(wrong[label])}"
        )
        for line in wrong[label]:
            print(f"  {line}")


if __name__ == "__main__":
    main()
