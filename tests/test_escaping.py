"""Teacher-authored text and imported articles are shown as text everywhere, never run."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Article, Attempt, Choice, Fact, Question, QuestionDraft, Quiz

from .conftest import htmx

pytestmark = pytest.mark.django_db

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def evil_quiz(classroom, teacher):
    body = f"{EVIL}見出し\n\n本文に{EVIL}がある。\n"
    article = Article.objects.create(title=f"記事{EVIL}", body=body, language="ja", owner=teacher)
    sentence = f"本文に{EVIL}がある。"
    start = body.index(sentence)
    fact = Fact.objects.create(
        article=article, kind="other", text=EVIL, sentence=sentence,
        start=start + 3, end=start + 3 + len(EVIL),
    )  # fmt: skip
    quiz = Quiz.objects.create(
        title=f"クイズ{EVIL}",
        slug="evil",
        description=EVIL,
        published=True,
        article=article,
        owner=teacher,
    )
    quiz.classes.add(classroom)
    question = Question.objects.create(
        quiz=quiz, order=1, kind="single", prompt=f"問題{EVIL}", explanation=f"解説{EVIL}",
        fact=fact,
    )  # fmt: skip
    Choice.objects.create(question=question, text=f"正{EVIL}", is_correct=True, order=1)
    Choice.objects.create(question=question, text=f"誤{EVIL}", is_correct=False, order=2)
    QuestionDraft.objects.create(
        article=article, fact=fact, kind="text", prompt=f"下書き【　　】{EVIL}", answer=EVIL,
        source_sentence=sentence, owner=teacher,
    )  # fmt: skip
    return quiz


def assert_inert(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_student_pages_escape_authored_text(student_client, student, evil_quiz):
    assert_inert(student_client.get("/").content.decode())
    assert_inert(student_client.get(evil_quiz.get_absolute_url()).content.decode())
    attempt = Attempt.start(student, evil_quiz)
    question = evil_quiz.questions.get()
    page = student_client.get(reverse("quizzes:question", args=[attempt.pk, question.pk]))
    assert_inert(page.content.decode())
    fragment = htmx(
        student_client, reverse("quizzes:question", args=[attempt.pk, question.pk]), {"choice": "1"}
    )
    assert_inert(fragment.content.decode())
    assert_inert(student_client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode())
    assert_inert(student_client.get(reverse("quizzes:history")).content.decode())


def test_teacher_pages_and_admin_escape_authored_text(
    teacher_client, student_client, student, classroom, evil_quiz
):
    attempt = Attempt.start(student, evil_quiz)
    question = evil_quiz.questions.get()
    student_client.post(
        reverse("quizzes:question", args=[attempt.pk, question.pk]), {"choice": "1"}
    )
    pages = [
        reverse("teach:class", args=[classroom.pk]),
        reverse("teach:gradebook", args=[classroom.pk, evil_quiz.slug]),
        reverse("teach:statistics", args=[classroom.pk, evil_quiz.slug]),
        reverse("teach:student", args=[classroom.pk, student.pk]),
        reverse("teach:preview", args=[evil_quiz.slug]),
        reverse("admin:quizzes_quiz_changelist"),
        reverse("admin:quizzes_question_changelist"),
        reverse("admin:quizzes_questiondraft_changelist"),
        reverse("admin:quizzes_article_changelist"),
        reverse("admin:quizzes_article_change", args=[evil_quiz.article_id]),
    ]
    for url in pages:
        response = teacher_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())
