"""Bad input gets a clear 4xx message, never a 500, and writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt

from .conftest import htmx
from .factories import make_quiz

pytestmark = pytest.mark.django_db


def answer_url(attempt, question):
    return reverse("quizzes:answer", args=[attempt.pk, question.pk])


def question_of(attempt, kind):
    return attempt.quiz.questions.get(kind=kind)


def assert_refused(response, status: int, *phrases: str):
    assert response.status_code == status
    page = response.content.decode()
    assert any(p in page for p in phrases), page[:500]
    assert not Answer.objects.exists()


@pytest.mark.parametrize("use_htmx", [False, True], ids=["plain", "htmx"])
def test_unknown_ids_are_404(student_client, attempt, use_htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if use_htmx else {}
    question = attempt.quiz.questions.first()
    other_quiz = make_quiz(1, slug="elsewhere")
    foreign = other_quiz.questions.first()
    for url in (
        reverse("quizzes:answer", args=[attempt.pk + 999, question.pk]),
        reverse("quizzes:answer", args=[attempt.pk, question.pk + 999]),
        answer_url(attempt, foreign),  # a real question, but of another quiz
    ):
        response = student_client.post(url, {"choice": "1"}, **headers)
        assert_refused(response, 404, "Not found", "見つかりません")
    assert student_client.get("/quizzes/no-such-quiz/").status_code == 404


def test_choice_of_another_question_is_refused(student_client, attempt):
    single = question_of(attempt, "single")
    foreign_choice = question_of(attempt, "multiple").choices.first()
    response = htmx(student_client, answer_url(attempt, single), {"choice": foreign_choice.pk})
    assert_refused(response, 400, "not one of this question", "この問題の選択肢")
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"choice": ""},
        {"choice": "abc"},
        {"choice": "1e3"},
        {"choice": str(2**70)},
        {"choice": ["1", "2"]},
    ],
    ids=["missing", "empty", "not-a-number", "float", "huge", "two-for-single"],
)
def test_malformed_single_choice_is_refused(student_client, attempt, data):
    question = question_of(attempt, "single")
    if data.get("choice") == ["1", "2"]:
        data = {"choice": [c.pk for c in question.choices.all()][:2]}
    response = htmx(student_client, answer_url(attempt, question), data)
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_repeated_choice_in_multiple_answers_is_refused(student_client, attempt):
    question = question_of(attempt, "multiple")
    right = [c.pk for c in question.choices.all() if c.is_correct][0]
    response = htmx(student_client, answer_url(attempt, question), {"choice": [right, right]})
    assert_refused(response, 400, "twice", "2回")


@pytest.mark.parametrize("kind", ["numeric", "text"])
def test_missing_empty_and_repeated_typed_answers_are_refused(student_client, attempt, kind):
    question = question_of(attempt, kind)
    for data in ({}, {"answer": "   "}, {"answer": ["1", "2"]}):
        response = student_client.post(answer_url(attempt, question), data)
        assert response.status_code == 400
        assert "<html" in response.content.decode()  # without JavaScript: the whole page again
    assert not Answer.objects.exists()


def test_text_over_a_sane_length_is_refused(student_client, attempt):
    question = question_of(attempt, "text")
    response = htmx(student_client, answer_url(attempt, question), {"answer": "あ" * 201})
    assert_refused(response, 400, "too long", "長すぎ")


def test_numeric_answer_that_is_not_a_number_is_refused(student_client, attempt):
    question = question_of(attempt, "numeric")
    response = htmx(student_client, answer_url(attempt, question), {"answer": "たくさん"})
    assert_refused(response, 400, "Enter a number", "数値")
    # The student can still answer properly afterwards.
    ok = htmx(student_client, answer_url(attempt, question), {"answer": "120,000,000"})
    assert ok.status_code == 200
    assert Answer.objects.get().outcome == "correct"


def test_oversized_request_body_is_a_400_not_a_500(student_client, attempt):
    question = question_of(attempt, "text")
    response = student_client.post(answer_url(attempt, question), {"answer": "x" * 300_000})
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_get_on_post_endpoints_is_a_405_with_a_message(student_client, attempt):
    question = attempt.quiz.questions.first()
    for url in (answer_url(attempt, question), reverse("quizzes:start", args=[attempt.quiz.slug])):
        response = student_client.get(url)
        assert response.status_code == 405
        assert response["Allow"] == "POST"
        assert (
            "submitted form" in response.content.decode() or "フォーム" in response.content.decode()
        )


def test_starting_a_quiz_without_questions_is_a_409(student_client):
    make_quiz(0, slug="empty")
    response = student_client.post(reverse("quizzes:start", args=["empty"]))
    assert response.status_code == 409
    assert not Attempt.objects.exists()


def test_wrong_content_type_is_refused(student_client, attempt):
    question = question_of(attempt, "text")
    response = student_client.post(
        answer_url(attempt, question), '{"answer": "UNHCR"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()
