"""The interface speaks Japanese and English; article content stays in its own language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .factories import wrong_answer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "expected", "lang"),
    [("ja", "ニュースから作ったクイズ", "ja"), ("en", "Quizzes from the news", "en")],
)
def test_language_follows_the_browser(student_client, quiz, accept, expected, lang):
    page = student_client.get("/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert expected in page
    assert f'<html lang="{lang}">' in page
    assert quiz.title in page  # content is never translated


def test_language_switcher_remembers_the_choice(anonymous):
    anonymous.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = anonymous.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "Quizzes from the news" in page


def test_feedback_is_translated(student_client, attempt):
    question = attempt.quiz.questions.get(kind="single")
    url = reverse("quizzes:question", args=[attempt.pk, question.pk])
    fragment = student_client.post(
        url, wrong_answer(attempt, question), HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    assert "不正解" in fragment and "記事の該当箇所" in fragment
