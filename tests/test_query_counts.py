"""SQL queries per page stay fixed whatever the quiz's length (5 or 100 questions)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Attempt

from .conftest import htmx
from .factories import make_quiz, right_answer

pytestmark = pytest.mark.django_db

# The figures in README.md; a change that adds a query per question breaks these at 100.
QUESTION_PAGE_QUERIES = 9
ANSWER_POST_QUERIES = 19
RESULT_PAGE_QUERIES = 8
QUIZ_PAGE_QUERIES = 5


@pytest.fixture(params=[5, 100], ids=["5-questions", "100-questions"])
def long_attempt(request, student, classroom):
    quiz = make_quiz(request.param, slug=f"q{request.param}")
    quiz.classes.add(classroom)
    attempt = Attempt.start(student, quiz)
    questions = list(quiz.questions.prefetch_related("choices"))
    return attempt, questions


def test_question_page_queries_do_not_grow(
    student_client, long_attempt, django_assert_max_num_queries
):
    attempt, questions = long_attempt
    for question in questions[:3]:
        htmx(
            student_client,
            reverse("quizzes:question", args=[attempt.pk, question.pk]),
            right_answer(attempt, question),
        )
    url = reverse("quizzes:question", args=[attempt.pk, questions[-1].pk])
    with django_assert_max_num_queries(QUESTION_PAGE_QUERIES):
        assert student_client.get(url).status_code == 200


def test_answer_post_queries_do_not_grow(
    student_client, long_attempt, django_assert_max_num_queries
):
    attempt, questions = long_attempt
    for question in questions[:-1]:
        htmx(
            student_client,
            reverse("quizzes:question", args=[attempt.pk, question.pk]),
            right_answer(attempt, question),
        )
    last = questions[-1]  # the last answer also finishes the attempt: the costliest post
    with django_assert_max_num_queries(ANSWER_POST_QUERIES):
        response = htmx(
            student_client,
            reverse("quizzes:question", args=[attempt.pk, last.pk]),
            right_answer(attempt, last),
        )
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == len(questions)


def test_result_and_quiz_pages_queries_do_not_grow(
    student_client, long_attempt, django_assert_max_num_queries
):
    attempt, questions = long_attempt
    for question in questions:
        htmx(
            student_client,
            reverse("quizzes:question", args=[attempt.pk, question.pk]),
            right_answer(attempt, question),
        )
    with django_assert_max_num_queries(RESULT_PAGE_QUERIES):
        assert student_client.get(reverse("quizzes:result", args=[attempt.pk])).status_code == 200
    with django_assert_max_num_queries(QUIZ_PAGE_QUERIES):
        assert student_client.get(attempt.quiz.get_absolute_url()).status_code == 200
