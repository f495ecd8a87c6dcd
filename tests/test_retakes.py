"""No attempt gives away the key of a later one (issue 12, §4).

With two attempts allowed, a true/false verdict in the first attempt was the key to the second
("Incorrect" on 正しい means 誤り), and so is any "Correct", or a score of 0 out of 5. So an
attempt that is not the last shows no verdict, points, score or correct answer anywhere: not in
the answer fragment, the question page, the live region, the result page, the quiz page or the
history. They all appear in the last attempt, and for every attempt once the last one is
finished or the quiz has closed.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt

from .factories import KINDS, right_answer, wrong_answer

pytestmark = pytest.mark.django_db

RECORDED = "Answer recorded"
LATER = (
    "Whether you were right, your score and the correct answers are shown after your last attempt."
)
VERDICT_MARKS = ["feedback-correct", "feedback-incorrect", "feedback-partial", "✔", "✘", "◑"]


@pytest.fixture
def retakes(quiz):
    quiz.attempts_allowed = 2
    quiz.save()
    return quiz


@pytest.fixture
def english_client(student) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(student)
    return client


def answer(client: Client, attempt: Attempt, question, data: dict) -> str:
    url = reverse("quizzes:question", args=[attempt.pk, question.pk])
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def live_region(page: str) -> str:
    return re.search(r'id="answer-status"[^>]*>([^<]*)<', page).group(1)


def assert_gives_nothing_away(page: str, question) -> None:
    for mark in VERDICT_MARKS:
        assert mark not in page
    assert "points)" not in page and "Correct answer" not in page
    assert question.explanation not in page
    assert "You scored" not in page


def finish(client: Client, attempt: Attempt, right: bool) -> None:
    for question in attempt.quiz.questions.prefetch_related("choices"):
        data = (right_answer if right else wrong_answer)(attempt, question)
        answer(client, attempt, question, data)
    attempt.refresh_from_db()
    assert attempt.is_finished


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_first_attempt_answer_shows_no_verdict(kind, right, english_client, student, retakes):
    attempt = Attempt.start(student, retakes)
    question = retakes.questions.prefetch_related("choices").get(kind=kind)
    data = (right_answer if right else wrong_answer)(attempt, question)

    fragment = answer(english_client, attempt, question, data)

    assert RECORDED in fragment and LATER in fragment
    assert live_region(fragment) == RECORDED
    assert_gives_nothing_away(fragment, question)
    page = english_client.get(reverse("quizzes:question", args=[attempt.pk, question.pk]))
    assert live_region(page.content.decode()) == RECORDED
    assert_gives_nothing_away(page.content.decode(), question)


def test_a_true_false_answer_reads_the_same_right_or_wrong(
    english_client, student, other_student, classroom, retakes
):
    """The hole the attack found: options never shuffled, and the verdict shown."""
    classroom.students.add(other_student)
    bobs_client = Client(HTTP_ACCEPT_LANGUAGE="en")
    bobs_client.force_login(other_student)
    question = retakes.questions.prefetch_related("choices").get(kind="true_false")
    pages = []
    for client, user, given in [
        (english_client, student, right_answer),
        (bobs_client, other_student, wrong_answer),
    ]:
        attempt = Attempt.start(user, retakes)
        fragment = answer(client, attempt, question, given(attempt, question))
        without_her_answer = re.sub(r"<dd>[^<]*</dd>", "<dd></dd>", fragment)
        pages.append(re.sub(r"/attempts/\d+/", "/attempts/N/", without_her_answer))

    assert pages[0] == pages[1]


def test_a_finished_first_attempt_shows_no_score_anywhere(english_client, student, retakes):
    attempt = Attempt.start(student, retakes)
    finish(english_client, attempt, right=False)  # 0 out of 5 would be a key to the next

    result = english_client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    detail = english_client.get(retakes.get_absolute_url()).content.decode()
    history = english_client.get(reverse("quizzes:history")).content.decode()

    assert (
        "Your answers are recorded. Your score and the correct answers are shown after your "
        "last attempt." in result
    )
    for question in retakes.questions.all():
        assert_gives_nothing_away(result, question)
    for page in (detail, history):
        assert "0 / 5" not in page and "after your last attempt" in page
    assert "No finished attempts yet." in history  # the chart waits too


def test_the_last_attempt_shows_its_verdicts_and_the_key_at_once(english_client, student, retakes):
    first = Attempt.start(student, retakes)
    finish(english_client, first, right=False)
    last = Attempt.start(student, retakes)
    question = retakes.questions.get(kind="numeric")

    fragment = answer(english_client, last, question, {"answer": "5"})

    assert last.number == 2
    assert "feedback-incorrect" in fragment and "120,000,000人" in fragment
    assert question.explanation in fragment
    assert live_region(fragment) == "incorrect"


def test_while_the_last_attempt_is_open_the_first_still_gives_nothing_away(
    english_client, student, retakes
):
    first = Attempt.start(student, retakes)
    finish(english_client, first, right=False)
    Attempt.start(student, retakes)  # the last attempt, in progress

    result = english_client.get(reverse("quizzes:result", args=[first.pk])).content.decode()

    assert "You scored" not in result and "feedback-incorrect" not in result


def test_once_the_last_attempt_is_finished_every_attempt_shows_its_results(
    english_client, student, retakes
):
    first = Attempt.start(student, retakes)
    finish(english_client, first, right=False)
    last = Attempt.start(student, retakes)
    finish(english_client, last, right=True)

    result = english_client.get(reverse("quizzes:result", args=[first.pk])).content.decode()
    history = english_client.get(reverse("quizzes:history")).content.decode()

    assert "You scored 0 out of 5." in result and "feedback-incorrect" in result
    assert "0 / 5" in history and "5 / 5" in history


def test_once_the_quiz_has_closed_a_first_attempt_shows_its_results(
    english_client, student, retakes
):
    first = Attempt.start(student, retakes)
    finish(english_client, first, right=True)
    retakes.closes_at = timezone.now() - timedelta(minutes=1)
    retakes.save()

    result = english_client.get(reverse("quizzes:result", args=[first.pk])).content.decode()

    assert "You scored 5 out of 5." in result


def test_a_single_attempt_quiz_shows_verdicts_as_before(english_client, attempt):
    question = attempt.quiz.questions.prefetch_related("choices").get(kind="true_false")

    fragment = answer(english_client, attempt, question, wrong_answer(attempt, question))

    assert "feedback-incorrect" in fragment and "正しい" in fragment


def test_the_teacher_sees_every_attempts_score_at_once(
    english_client, student, retakes, teacher_client, classroom
):
    first = Attempt.start(student, retakes)
    finish(english_client, first, right=True)

    url = reverse("teach:student", args=[classroom.pk, student.pk])
    page = teacher_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "5 / 5" in page


@pytest.mark.parametrize("page", ["history", "quiz"])
def test_lists_of_attempts_ask_the_database_once_whatever_their_length(
    page, english_client, student, retakes, django_assert_max_num_queries
):
    retakes.attempts_allowed = 6
    retakes.save()
    for _ in range(5):
        Attempt.start(student, retakes).finish()
    url = reverse("quizzes:history") if page == "history" else retakes.get_absolute_url()

    with django_assert_max_num_queries(6):
        assert english_client.get(url).status_code == 200
