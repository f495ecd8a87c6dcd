from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.generation.drafting import draft_article
from quizzes.generation.evaluation import evaluate

from ._article_args import first_line, parse_date, read_article


class Command(BaseCommand):
    help = (
        "Measure the drafts of an article against a hand-made fact list: recall (the share of "
        "listed facts that are the answer of a kept draft, after NFKC) and the automated defects."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("article")
        parser.add_argument("facts_json")
        parser.add_argument("--published", type=parse_date, default=None)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, article: str, facts_json: str, published, **options) -> None:
        text = read_article(article)
        try:
            fact_list = json.loads(Path(facts_json).read_text(encoding="utf-8"))
            facts = fact_list["facts"]
            # The publication date the fact list gives, unless one is given here.
            published = published or (
                parse_date(fact_list["published"]) if fact_list.get("published") else None
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"{facts_json}: not a fact list ({error})") from None
        result = draft_article(text, title=first_line(text), published=published)
        evaluation = evaluate(result.kept, facts)
        figures = evaluation.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"recall: {figures['recall']:.3f} ({figures['found']} of {figures['facts']} facts)"
        )
        self.stdout.write(f"kept drafts: {figures['kept_drafts']}")
        self.stdout.write(f"defects: {figures['defect_total']}")
        for name, count in sorted(figures["defects"].items()):
            self.stdout.write(f"  {name}: {count}")
        if figures["missed"]:
            self.stdout.write("missed: " + ", ".join(figures["missed"]))
