"""SQL queries per page stay fixed whatever the quiz's length (5 or 100 questions)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Attempt

from .conftest import htmx
from .factories import make_quiz, right_answer

pytestmark = pytest.mark.django_db

# The figures in README.md; a change that adds a query per question breaks these at 100.
# The question page: the user, the attempt (with its quiz, whether she may answer and which
# questions she has answered); the session and the questions come from the cache.
QUESTION_PAGE_QUERIES = 2
# A question she has answered: her answer to it is read too.
ANSWERED_PAGE_QUERIES = 3
# The first reader of a quiz's questions after an edit loads them all: two queries more.
QUESTION_PAGE_AFTER_AN_EDIT_QUERIES = 4
# The answer POST: the user; then in one transaction (its two statements counted) the attempt,
# locked, what she has answered, the new answer, and closing the attempt after the last one.
ANSWER_POST_QUERIES = 7
RESULT_PAGE_QUERIES = 5
QUIZ_PAGE_QUERIES = 3


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


def test_a_question_she_answered_reads_her_answer_and_no_more(
    student_client, long_attempt, django_assert_max_num_queries
):
    attempt, questions = long_attempt
    for question in questions[:3]:
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        htmx(student_client, url, right_answer(attempt, question))
    with django_assert_max_num_queries(ANSWERED_PAGE_QUERIES):
        response = student_client.get(url)
    assert response.status_code == 200 and "You already answered" not in response.content.decode()
    assert "answer-form" not in response.content.decode()  # her answer, not an open form


def test_question_page_after_an_edit_loads_the_questions_once(
    student_client, long_attempt, django_assert_max_num_queries
):
    attempt, questions = long_attempt
    url = reverse("quizzes:question", args=[attempt.pk, questions[-1].pk])
    assert student_client.get(url).status_code == 200
    questions[0].save()  # an edit by her teacher: the cached questions are read anew
    with django_assert_max_num_queries(QUESTION_PAGE_AFTER_AN_EDIT_QUERIES):
        assert student_client.get(url).status_code == 200
    with django_assert_max_num_queries(QUESTION_PAGE_QUERIES):
        assert student_client.get(url).status_code == 200


def test_answer_post_queries_do_not_grow(
    student_client, long_attempt, django_assert_max_num_queries
):
    attempt, questions = long_attempt
    for question in questions[:-2]:
        htmx(
            student_client,
            reverse("quizzes:question", args=[attempt.pk, question.pk]),
            right_answer(attempt, question),
        )
    before_last, last = questions[-2:]
    with django_assert_max_num_queries(ANSWER_POST_QUERIES - 1):
        response = htmx(
            student_client,
            reverse("quizzes:question", args=[attempt.pk, before_last.pk]),
            right_answer(attempt, before_last),
        )
    assert response.status_code == 200
    # The last answer also finishes the attempt: the costliest post.
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
