"""Background tasks, run by a worker process (`manage.py drafting_worker`), never by the web.

Enqueued through Django's Tasks API (the django-tasks backport): the database queue by default,
Redis through django-tasks-rq when a school outgrows it. Only the worker loads the language
model, once per process, on the first article it drafts (or at start, by drafting_worker).
"""

from __future__ import annotations

import time
from dataclasses import asdict

from django_tasks import task

from .models import DraftingJob

# The teacher's page asks every second; writing more often than that tells her nothing more.
REPORT_EVERY_SECONDS = 1.0


class JobProgress:
    """Stores a job's stage and counts: every change of stage, counts at most once a second."""

    def __init__(self, job: DraftingJob) -> None:
        self.job = job
        self.written_at = 0.0

    def __call__(self, stage: str, **counts: int) -> None:
        now = time.monotonic()
        if stage == self.job.stage and now - self.written_at < REPORT_EVERY_SECONDS:
            return
        self.job.report(stage, **counts)
        self.written_at = now


@task()
def draft_questions(job_id: int) -> dict:
    """Draft questions from the job's article, reporting as it goes.

    On any failure (an exception, or the worker told to stop in the middle) the job says so and
    the article keeps what it had: `Article.draft_questions` stores nothing until it has
    finished. A worker killed outright cannot say anything: its silence is noticed instead
    (`DraftingJob.state`).
    """
    job = DraftingJob.objects.select_related("article").get(pk=job_id)
    try:
        report = job.article.draft_questions(report=JobProgress(job))
    except BaseException as error:
        job.fail(error)
        raise
    job.report(
        DraftingJob.Stage.DONE,
        sentences=report.sentences,
        facts=report.facts,
        drafts=report.drafted,
    )
    return asdict(report)
