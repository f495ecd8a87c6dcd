"""The worker that drafts questions: django-tasks-db's `db_worker`, with the model loaded first.

`db_worker` alone works too; it loads the language model on the first article instead, so the
first teacher of the day waits a few seconds more, with no progress to show for them.
"""

from __future__ import annotations

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker


class Command(DatabaseWorker):
    help = (
        "Run the background worker that drafts questions from articles (the database queue), "
        "with the Japanese language model loaded before the first task."
    )

    def handle(self, *args, **options) -> None:
        # With --reload the parent only watches files; the child it starts does the work.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            from quizzes.generation.names import load_nlp

            load_nlp()
        super().handle(*args, **options)
