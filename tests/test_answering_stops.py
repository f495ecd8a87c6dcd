"""No more answers once the quiz is unpublished or the student has left the class (issue 12, §4).

The refusal is a clear 4xx page (or fragment, with htmx) that points to her history, where the
attempt stays as it was; published again, or back in the class, she goes on where she stopped.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.models import Answer, Attempt

from .factories import right_answer

pytestmark = pytest.mark.django_db

WITHDRAWN = (
    "Your teacher has withdrawn this quiz, so no more answers can be recorded. "
    "Your answers so far stay in your history."
)
LEFT = (
    "You are no longer in a class this quiz is assigned to, so no more answers can be recorded. "
    "Your answers so far stay in your history."
)


@pytest.fixture
def english_client(student) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(student)
    return client


@pytest.fixture
def halfway(english_client, attempt) -> Attempt:
    """alice has answered the first question of five."""
    first = attempt.quiz.questions.prefetch_related("choices").first()
    url = reverse("quizzes:question", args=[attempt.pk, first.pk])
    english_client.post(url, right_answer(attempt, first))
    return attempt


def unpublish(attempt: Attempt) -> None:
    attempt.quiz.published = False
    attempt.quiz.save()


def leave(attempt: Attempt) -> None:
    attempt.quiz.classes.get(name="1年A組").students.remove(attempt.student)


CASES = [
    pytest.param(unpublish, 409, WITHDRAWN, id="unpublished"),
    pytest.param(leave, 403, LEFT, id="left-the-class"),
]


def second_question(attempt: Attempt):
    return attempt.quiz.questions.prefetch_related("choices")[1]


@pytest.mark.parametrize("use_htmx", [False, True], ids=["form", "htmx"])
@pytest.mark.parametrize(("change", "status", "message"), CASES)
def test_an_answer_is_refused_with_a_clear_message(
    change, status, message, use_htmx, english_client, halfway
):
    change(halfway)
    question = second_question(halfway)
    headers = {"HTTP_HX_REQUEST": "true"} if use_htmx else {}

    response = english_client.post(
        reverse("quizzes:question", args=[halfway.pk, question.pk]),
        right_answer(halfway, question),
        **headers,
    )

    assert response.status_code == status
    page = response.content.decode()
    assert message in page
    assert reverse("quizzes:history") in page
    assert Answer.objects.filter(attempt=halfway).count() == 1


@pytest.mark.parametrize(("change", "status", "message"), CASES)
def test_the_next_question_is_not_offered_either(change, status, message, english_client, halfway):
    change(halfway)

    resumed = english_client.get(reverse("quizzes:attempt", args=[halfway.pk]), follow=True)

    assert resumed.status_code == status
    assert message in resumed.content.decode()
    assert 'name="choice"' not in resumed.content.decode()


@pytest.mark.parametrize(("change", "status", "message"), CASES)
def test_the_attempt_stays_in_her_history_with_what_she_answered(
    change, status, message, english_client, halfway
):
    change(halfway)
    first = halfway.quiz.questions.first()

    history = english_client.get(reverse("quizzes:history"))
    answered = english_client.get(reverse("quizzes:question", args=[halfway.pk, first.pk]))

    assert history.status_code == 200 and halfway.quiz.title in history.content.decode()
    assert answered.status_code == 200 and "feedback-correct" in answered.content.decode()
    assert Attempt.objects.filter(pk=halfway.pk, finished_at=None).exists()


def test_published_again_she_goes_on_where_she_stopped(english_client, halfway):
    unpublish(halfway)
    halfway.quiz.published = True
    halfway.quiz.save()
    question = second_question(halfway)

    response = english_client.post(
        reverse("quizzes:question", args=[halfway.pk, question.pk]),
        right_answer(halfway, question),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert Answer.objects.filter(attempt=halfway).count() == 2


def test_in_another_class_with_the_same_quiz_she_may_go_on(english_client, halfway, other_class):
    halfway.quiz.classes.add(other_class)  # alice is in 2年B組 too
    leave(halfway)  # ... and leaves 1年A組
    question = second_question(halfway)

    response = english_client.post(
        reverse("quizzes:question", args=[halfway.pk, question.pk]), right_answer(halfway, question)
    )

    assert response.status_code == 302
