from __future__ import annotations

from django.core.management.base import BaseCommand

from quizzes.models import Article

from ._article_args import add_article_arguments, owner_of_imports, read_article


class Command(BaseCommand):
    help = "Import a news article (UTF-8 .txt or .md); the same text twice is imported once."

    def add_arguments(self, parser) -> None:
        add_article_arguments(parser)
        parser.add_argument("--source-url", default="")
        parser.add_argument(
            "--language", default="ja", choices=[c for c, _ in Article.Language.choices]
        )
        parser.add_argument(
            "--draft", action="store_true", help="also extract facts and draft questions"
        )
        parser.add_argument(
            "--owner",
            default="",
            help="user name of the teacher who owns the article and its drafts "
            "(default: the first administrator)",
        )

    def handle(self, *args, path: str, title: str, published, draft: bool, **options) -> None:
        text = read_article(path)
        owner = owner_of_imports(options["owner"])
        article, created = Article.objects.import_text(
            text,
            owner=owner,
            title=title,
            source_url=options["source_url"],
            published_on=published,
            language=options["language"],
        )
        verb = "imported" if created else "already imported, left as it is"
        self.stdout.write(f"{verb}: article {article.pk} {article.title} (owner {owner})")
        if draft:
            report = article.draft_questions()
            self.stdout.write(
                f"drafted {report.drafted} questions from {report.facts} facts in "
                f"{report.sentences} sentences ({report.rejected} rejected by the quality checks)"
            )
