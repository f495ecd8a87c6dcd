"""Drafting in the background: the web process never loads the language model, two draftings at
once neither duplicate nor lose drafts, and the teachers' pages cost the same number of queries
however many drafts an article has."""

from __future__ import annotations

import subprocess
import sys
import threading
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from quizzes.models import Article, DraftingJob, QuestionDraft
from quizzes.tasks import draft_questions

from .conftest import htmx

ARTICLE = (
    "東京都の新予算\n\n"
    "東京都は2024年3月、総額38億円の防災予算を決めた。\n"
    "予算は都内の62校の耐震工事に使われる。\n"
    "工事は2025年4月に始まり、2027年3月に終わる予定だ。\n"
)
OTHER_ARTICLE = (
    "大阪の新線\n\n"
    "大阪市は2023年10月、総額120億円で新しい地下鉄を造ると発表した。\n"
    "新線は全長8.5キロで、駅は7つできる。\n"
    "開業は2031年4月の予定で、1日に4万5000人の利用を見込む。\n"
)

WHOLE_PATH = r"""
import os, subprocess, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "quizsite.settings"
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from quizzes.models import Classroom
from quizzes.seeding import DEMO_JOIN_CODE

call_command("migrate", verbosity=0)
call_command("load_seeds", stdout=open(os.devnull, "w"))
users = get_user_model().objects
teacher, student = Client(), Client()
teacher.force_login(users.get(username="teacher"))
student.force_login(users.get(username="student"))

def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response

ok(teacher.get("/teach/"))
ok(teacher.get("/teach/articles/new/"))
created = ok(teacher.post("/teach/articles/new/", {"body": ARTICLE, "language": "ja"}), 302)
page = created["Location"]
article = int(page.rstrip("/").rsplit("/", 1)[1])
ok(teacher.get(page))
ok(teacher.post(f"/admin/quizzes/article/{article}/draft/"), 302)  # the admin's button too
subprocess.run(
    [sys.executable, "manage.py", "drafting_worker", "--batch", "--no-reload", "-v0"], check=True
)
assert "draft-approved" not in ok(teacher.get(page)).content.decode()
ok(teacher.post(f"/teach/articles/{article}/approve/", {"count": "10"}), 302)
klass = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
publish = {"title": "背景のクイズ", "classes": [klass.pk], "attempts_allowed": "1"}
ok(teacher.post(f"/teach/articles/{article}/publish/", publish), 302)
ok(teacher.get(f"/teach/classes/{klass.pk}/"))
assert "背景のクイズ" in ok(student.get("/")).content.decode()
print("spacy" in sys.modules, "ginza" in sys.modules)
"""


def test_the_web_process_never_imports_spacy_on_the_whole_teacher_path(tmp_path):
    """Paste, draft (the admin's button as well), approve, publish, a student's list: the
    worker, another process, drafts; the web process never loads the language model."""
    code = f"ARTICLE = {ARTICLE!r}\n" + WHOLE_PATH
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'web.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "False False"


class NoNames:
    """A language model that finds no names: the numbers alone make drafts, with no GiNZA,
    which is not meant to be shared between threads."""

    def pipe(self, texts, **options):
        for _text in texts:
            yield Doc()


class Doc(SimpleNamespace):
    """A parsed sentence with no tokens and no entities."""

    ents = ()

    def __iter__(self):
        return iter(())


def run_at_once(*calls) -> None:
    errors = []

    def run(call):
        try:
            call()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_two_draftings_of_one_article_at_once_never_duplicate_its_drafts(teacher):
    article, _ = Article.objects.import_text(ARTICLE, owner=teacher)
    both_drafted = threading.Barrier(2, timeout=30)

    def report(stage, **counts):
        if stage == DraftingJob.Stage.DRAFTING:
            both_drafted.wait()  # both have drafted; now both store at the same moment

    run_at_once(
        lambda: Article.objects.get(pk=article.pk).draft_questions(nlp=NoNames(), report=report),
        lambda: Article.objects.get(pk=article.pk).draft_questions(nlp=NoNames(), report=report),
    )
    once = Article.objects.get(pk=article.pk)
    pairs = list(once.drafts.values_list("kind", "prompt"))
    assert pairs and len(pairs) == len(set(pairs))
    facts = list(once.facts.values_list("start", "end"))
    assert len(facts) == len(set(facts))


@pytest.mark.django_db(transaction=True)
def test_two_teachers_drafting_at_once_both_get_their_drafts(teacher, other_teacher, monkeypatch):
    monkeypatch.setattr("quizzes.generation.names.load_nlp", NoNames)
    mine, _ = Article.objects.import_text(ARTICLE, owner=teacher)
    theirs, _ = Article.objects.import_text(OTHER_ARTICLE, owner=other_teacher)
    jobs = [
        DraftingJob.objects.create(article=mine, owner=teacher),
        DraftingJob.objects.create(article=theirs, owner=other_teacher),
    ]
    run_at_once(*(lambda job=job: draft_questions.call(job.pk) for job in jobs))
    for job in jobs:
        job.refresh_from_db()
        assert job.stage == "done" and job.drafts > 0
        assert job.article.drafts.count() == job.drafts
    assert set(DraftingJob.objects.of(teacher)) == {jobs[0]}
    assert set(DraftingJob.objects.of(other_teacher)) == {jobs[1]}


# Query counts: the figures a page may not exceed, with 5 drafts and with 150.
ARTICLE_PAGE_QUERIES = 8
PROGRESS_QUERIES = 5
CARD_QUERIES = 6


@pytest.fixture(params=[5, 150], ids=["5-drafts", "150-drafts"])
def many_drafts(request, teacher, classroom) -> Article:
    article, _ = Article.objects.import_text(ARTICLE, owner=teacher)
    QuestionDraft.objects.bulk_create(
        QuestionDraft(
            article=article, owner=article.owner,
            kind="single",
            prompt=f"問{n}\n東京都は【　　】の予算を決めた。",
            answer="38億円",
            choices=["38億円", "19億円", "76億円", "57億円"],
            source_sentence="東京都は2024年3月、総額38億円の防災予算を決めた。",
            score=1 - n / 1000,
            status=["pending", "approved", "rejected"][n % 3],
        )
        for n in range(request.param)
    )
    DraftingJob.objects.create(article=article, owner=teacher, stage="done", drafts=request.param)
    return article


@pytest.mark.django_db
def test_the_article_page_queries_do_not_grow_with_its_drafts(
    teacher_client, many_drafts, django_assert_max_num_queries
):
    url = reverse("teach:article", args=[many_drafts.pk])
    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        assert teacher_client.get(url).status_code == 200
    approve = reverse("teach:approve-first", args=[many_drafts.pk])
    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES):
        assert teacher_client.post(approve, {"count": "0"}).status_code == 400


@pytest.mark.django_db
def test_the_progress_and_a_card_cost_a_few_queries(
    teacher_client, many_drafts, django_assert_max_num_queries
):
    job = DraftingJob.objects.get()
    DraftingJob.objects.filter(pk=job.pk).update(stage="finding_facts")
    with django_assert_max_num_queries(PROGRESS_QUERIES):
        response = teacher_client.get(
            reverse("teach:drafting-job", args=[job.pk]), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    draft = many_drafts.drafts.first()
    with django_assert_max_num_queries(CARD_QUERIES):
        card = htmx(
            teacher_client, reverse("teach:draft-status", args=[draft.pk]), {"status": "rejected"}
        )
    assert card.status_code == 200
    with django_assert_max_num_queries(CARD_QUERIES):
        edit = teacher_client.get(reverse("teach:draft-edit", args=[draft.pk]))
    assert edit.status_code == 200
