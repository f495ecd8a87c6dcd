"""Summarise a blind review of drafts (issue 11). Not a test: it prints figures.

    .venv/bin/python bench/review.py VERDICTS_DIR

The review itself is done by a reader who sees only an article and its first 15 drafts (the
JSON that `bench/quality.py --dump OUT` writes) and judges each draft with the rubric in
bench/README.md, writing one file per article:
{"article": NAME, "verdicts": [{"index": 0, "verdict": "good|fixable|junk", "reason": "...",
"wrong_key": false}, ...]}. Prints per article and in total the share good, fixable and junk,
and every wrong key. The reasons are free text: read them in the files.

Targets among the first 15: >= 80% good, >= 95% good or fixable, no wrong key.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def main() -> None:
    folder = Path(sys.argv[1])
    total = Counter()
    wrong = []
    print(f"{'article':40} {'drafts':>6} {'good':>6} {'fixable':>8} {'junk':>6}")
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        counts = Counter(v["verdict"] for v in data["verdicts"])
        n = sum(counts.values()) or 1
        print(
            f"{path.stem:40} {n:6} {counts['good'] / n:6.0%} {counts['fixable'] / n:8.0%} "
            f"{counts['junk'] / n:6.0%}"
        )
        total.update(counts)
        for verdict in data["verdicts"]:
            if verdict.get("wrong_key"):
                wrong.append(f"{path.stem} #{verdict['index']}: {verdict.get('reason', '')}")
    n = sum(total.values()) or 1
    print(
        f"{'total':40} {n:6} {total['good'] / n:6.0%} {total['fixable'] / n:8.0%} "
        f"{total['junk'] / n:6.0%}"
    )
    print(f"good or fixable: {(total['good'] + total['fixable']) / n:.0%}")
    print(f"wrong keys: {len(wrong)}")
    for line in wrong:
        print(f"  {line}")


if __name__ == "__main__":
    main()
