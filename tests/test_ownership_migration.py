"""Migration 0005 gives every existing quiz, article and draft an owner, by the README's rule."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("quizzes", "0004_protect_score_history")]
AFTER = [("quizzes", "0005_ownership")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def at_0004():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def make_rows(apps):
    """Two teachers' classes, quizzes assigned to them or to none, articles and drafts."""
    User = apps.get_model("auth", "User")
    Quiz, Article = apps.get_model("quizzes", "Quiz"), apps.get_model("quizzes", "Article")
    Classroom = apps.get_model("quizzes", "Classroom")
    QuestionDraft = apps.get_model("quizzes", "QuestionDraft")
    root = User.objects.create(username="root", is_staff=True, is_superuser=True)
    tanaka = User.objects.create(username="tanaka", is_staff=True)
    suzuki = User.objects.create(username="suzuki", is_staff=True)
    class_a = Classroom.objects.create(name="A", teacher=tanaka, join_code="AAAAAA")
    class_b = Classroom.objects.create(name="B", teacher=suzuki, join_code="BBBBBB")
    used = Article.objects.create(title="used", body="used", body_hash="1")
    unused = Article.objects.create(title="unused", body="unused", body_hash="2")
    quizzes = {
        "a-then-b": Quiz.objects.create(title="1", slug="one", article=used),
        "b": Quiz.objects.create(title="2", slug="two"),
        "none": Quiz.objects.create(title="3", slug="three"),
    }
    quizzes["a-then-b"].classes.add(class_a, class_b)
    quizzes["b"].classes.add(class_b)
    drafts = [
        QuestionDraft.objects.create(article=article, kind="text", prompt="p", answer="a")
        for article in (used, unused)
    ]
    return {"root": root, "tanaka": tanaka, "suzuki": suzuki}, quizzes, (used, unused), drafts


def test_existing_rows_get_the_owner_the_readme_describes(at_0004):
    users, quizzes, (used, unused), drafts = make_rows(at_0004)

    apps = migrate(AFTER)

    Quiz, Article = apps.get_model("quizzes", "Quiz"), apps.get_model("quizzes", "Article")
    QuestionDraft = apps.get_model("quizzes", "QuestionDraft")
    owner = {key: Quiz.objects.get(pk=quiz.pk).owner_id for key, quiz in quizzes.items()}
    # the teacher of the first class it is assigned to, else the first superuser
    assert owner == {
        "a-then-b": users["tanaka"].pk, "b": users["suzuki"].pk, "none": users["root"].pk,
    }  # fmt: skip
    # an article: its first quiz's owner, else the first superuser; a draft: its article's
    assert Article.objects.get(pk=used.pk).owner_id == users["tanaka"].pk
    assert Article.objects.get(pk=unused.pk).owner_id == users["root"].pk
    assert [QuestionDraft.objects.get(pk=d.pk).owner_id for d in drafts] == [
        users["tanaka"].pk, users["root"].pk,
    ]  # fmt: skip


def test_without_any_account_the_migration_stops_and_says_what_to_do(at_0004):
    Quiz = at_0004.get_model("quizzes", "Quiz")
    Quiz.objects.create(title="orphan", slug="orphan")

    with pytest.raises(RuntimeError, match="createsuperuser"):
        migrate(AFTER)

    Quiz.objects.all().delete()  # so that the fixture can migrate forward again
