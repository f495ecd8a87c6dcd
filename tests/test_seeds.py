"""The demo content: a fresh install opens on a real quiz from the seed article."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.urls import reverse

from quizzes.models import Answer, Article, Attempt, Choice, Fact, Question, Quiz
from quizzes.seeding import DEMO_ACCOUNTS, load_seeds

from .conftest import htmx
from .factories import right_answer

pytestmark = pytest.mark.django_db

SEED_SLUG = "north-korea-crypto-theft"


@pytest.fixture
def seeded(db):
    call_command("load_seeds", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Quiz.objects.get(slug=SEED_SLUG)


def sign_in_request():
    from django.test import RequestFactory

    return RequestFactory().post(reverse("login"))


def sign_in(client, username):
    password = DEMO_ACCOUNTS[username]["password"]
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302


def counts():
    return [m.objects.count() for m in (Article, Fact, Quiz, Question, Choice)]


def test_load_seeds_twice_changes_nothing(seeded, capsys):
    before = counts()
    call_command("load_seeds")
    assert counts() == before
    assert "already there" in capsys.readouterr().out


def test_the_seed_quiz_and_article_belong_to_the_demo_teacher(seeded, client):
    assert seeded.owner.username == "teacher"
    assert seeded.article.owner.username == "teacher"
    sign_in(client, "teacher")
    page = client.get(reverse("admin:quizzes_quiz_change", args=[seeded.pk]))
    assert page.status_code == 200 and page.context["has_change_permission"] is True


def test_seed_quiz_covers_every_kind_with_explanations_and_sources(seeded):
    questions = list(seeded.questions.select_related("fact", "quiz__article"))
    assert len(questions) >= 12
    assert {q.kind for q in questions} == {"single", "multiple", "true_false", "numeric", "text"}
    body = seeded.article.body
    for question in questions:
        assert question.explanation
        assert question.fact is not None
        assert body[question.fact.start : question.fact.end] == question.fact.text
        assert question.fact.sentence in body


def test_demo_class_holds_the_demo_student_and_the_seed_quiz(seeded):
    from quizzes.models import Classroom
    from quizzes.seeding import DEMO_JOIN_CODE

    demo = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
    assert demo.teacher.username == "teacher"
    assert list(demo.students.values_list("username", flat=True)) == ["student"]
    assert list(demo.quizzes.all()) == [seeded]


def test_demo_accounts_sign_in_with_the_documented_passwords(seeded):
    for username, account in DEMO_ACCOUNTS.items():
        user = authenticate(sign_in_request(), username=username, password=account["password"])
        assert user is not None
        assert user.is_staff == account["staff"]
    assert not authenticate(sign_in_request(), username="student", password="wrong")


def test_student_takes_the_seed_quiz_start_to_finish(seeded, client):
    sign_in(client, "student")
    home = client.get("/").content.decode()
    assert seeded.title in home
    response = client.post(reverse("quizzes:start", args=[SEED_SLUG]), follow=True)
    attempt = Attempt.objects.get()
    assert f"1 / {seeded.questions.count()}" in response.content.decode()
    for question in seeded.questions.prefetch_related("choices"):
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        fragment = htmx(client, url, right_answer_for_seed(attempt, question)).content.decode()
        assert "feedback-correct" in fragment, question.prompt
        assert "<mark>" in fragment  # the article sentence that proves it, with the fact marked
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == attempt.max_score
    assert Answer.objects.filter(attempt=attempt).count() == seeded.questions.count()
    result = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "北朝鮮" in result


def right_answer_for_seed(attempt, question):
    if question.kind == "numeric":
        return {"answer": f"{question.numeric_answer.normalize():f}"}
    return right_answer(attempt, question)


def test_seed_article_renders_in_japanese_on_the_quiz_page(seeded, client):
    sign_in(client, "student")
    page = client.get(seeded.get_absolute_url()).content.decode()
    assert 'lang="ja"' in page
    assert "16億5,050万ドル" in page


MEETING = "会議の記事\n\n2023年に東京で会議が開かれた。\n参加者は120人だった。"


def write_seed(folder, name: str, article_file: str, slug: str) -> None:
    """A quiz file in the seeds' format, with one question on the article's first sentence."""
    data = {
        "article": {"file": article_file, "title": "会議", "language": "ja"},
        "quiz": {"slug": slug, "title": "会議のクイズ"},
        "questions": [
            {
                "kind": "single",
                "prompt": "会議はどこで開かれたか。",
                "explanation": "記事に「東京で会議が開かれた」とある。",
                "fact": {
                    "kind": "place",
                    "text": "東京",
                    "sentence": "2023年に東京で会議が開かれた。",
                },
                "choices": [{"text": "東京", "correct": True}, {"text": "大阪", "correct": False}],
            }
        ],
    }
    path = folder / f"{name}.quiz.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_load_seeds_twice_over_an_article_file_ending_with_a_newline_creates_nothing_again(
    tmp_path,
):
    (tmp_path / "meeting.txt").write_text(MEETING + "\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("別の記事\n\n2023年に東京で会議が開かれた。", "utf-8")
    write_seed(tmp_path, "001_meeting", "meeting.txt", "meeting")
    write_seed(tmp_path, "002_meeting_again", "meeting.txt", "meeting-again")
    write_seed(tmp_path, "003_other", "other.txt", "other")
    first = load_seeds(tmp_path)
    assert [item for item in first.created if item.startswith("article")] == [
        "article meeting.txt",
        "article other.txt",
    ]
    before = counts()
    assert before[:3] == [2, 2, 3]  # articles, facts (shared by the two quizzes), quizzes

    second = load_seeds(tmp_path)

    assert second.created == []
    assert counts() == before


def test_a_seed_quiz_goes_on_the_article_its_teacher_imported_before(tmp_path):
    load_seeds(tmp_path)  # the demo accounts
    teacher = get_user_model().objects.get(username="teacher")
    imported, _ = Article.objects.import_text(MEETING, owner=teacher, title="会議")
    as_saved_on_windows = "\ufeff" + MEETING.replace("\n", "\r\n") + "\r\n"
    (tmp_path / "meeting.txt").write_text(as_saved_on_windows, encoding="utf-8")
    write_seed(tmp_path, "001_meeting", "meeting.txt", "meeting")

    report = load_seeds(tmp_path)

    assert report.created == ["quiz meeting (1 questions)"]
    assert Quiz.objects.get(slug="meeting").article == imported
    assert Article.objects.count() == 1
