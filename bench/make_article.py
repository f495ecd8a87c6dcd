"""Write a Japanese article of a given size for the benchmarks, from the repository's articles.

    .venv/bin/python bench/make_article.py --chars 3000 /tmp/article-3000.txt
    .venv/bin/python bench/make_article.py --kb 200 /tmp/article-200kb.txt

The two evaluation articles and the seed article, in that order and again as often as needed,
whole paragraphs only, up to the size asked for (1 KB = 1,024 bytes of UTF-8, the import limit's
unit). The title is the first paragraph's first line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "seeds" / "eval" / "sport_marathon.txt",
    ROOT / "seeds" / "eval" / "statistics_population.txt",
    ROOT / "seeds" / "000_36388165747385be.txt",
]


def compose(*, chars: int | None = None, max_bytes: int | None = None) -> str:
    paragraphs = [
        p.strip() for source in SOURCES for p in source.read_text(encoding="utf-8").split("\n\n")
    ]
    paragraphs = [p for p in paragraphs if p]
    chosen: list[str] = []
    while True:
        for paragraph in paragraphs:
            text = "\n\n".join([*chosen, paragraph])
            if (chars and len(text) > chars) or (max_bytes and len(text.encode()) > max_bytes):
                return "\n\n".join(chosen) + "\n"
            chosen.append(paragraph)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--chars", type=int, help="at most this many characters")
    size.add_argument("--kb", type=int, help="at most this many KB of UTF-8 (1 KB = 1,024 B)")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    max_bytes = args.kb * 1024 - 16 if args.kb else None  # the import refuses anything larger
    text = compose(chars=args.chars, max_bytes=max_bytes)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text):,} characters, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
