from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from quizzes.generation.drafting import NOTHING_FOUND, draft_article

from ._article_args import add_article_arguments, first_line, read_article


class Command(BaseCommand):
    help = (
        "Draft questions from an article file without touching the database. With --json, "
        "print a JSON list of the kept drafts, best first: kind, prompt, answer, choices, "
        "fact_kind, source_sentence, accepted_answers, numeric_answer and unit (and explanation, "
        "score)."
    )

    def add_arguments(self, parser) -> None:
        add_article_arguments(parser)
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, path: str, title: str, published, **options) -> None:
        text = read_article(path)
        result = draft_article(text, title=title or first_line(text), published=published)
        if options["json"]:
            drafts = [draft.as_json() for draft in result.kept]
            self.stdout.write(json.dumps(drafts, ensure_ascii=False, indent=2))
            if not drafts:
                self.stderr.write(NOTHING_FOUND)
            return
        if not result.kept:
            raise CommandError(NOTHING_FOUND)
        for number, draft in enumerate(result.kept, start=1):
            self.stdout.write(f"{number:3}. [{draft.kind}/{draft.fact_kind}] {draft.prompt}")
            if draft.choices:
                self.stdout.write(f"     choices: {' / '.join(draft.choices)}")
            self.stdout.write(f"     answer: {draft.answer}")
        self.stdout.write(f"{len(result.kept)} drafts kept, {len(result.rejected)} rejected")
