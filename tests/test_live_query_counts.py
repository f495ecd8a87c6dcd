"""A live session's frequent requests cost the same whatever the class's size (3 or 30).

Every student polls once a second and answers once a question: these are the requests that a
class multiplies. The figures are in README.md.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.live import poll_pass
from quizzes.models import Attempt, LiveSession

from .factories import right_answer

pytestmark = pytest.mark.django_db

POLL_UNCHANGED_QUERIES = 1  # her place and its session's state: no session, no user
POLL_CHANGED_QUERIES = 9
ANSWER_POST_QUERIES = 15  # savepoints included, as in test_query_counts
PROJECTOR_COUNTS_QUERIES = 4


@pytest.fixture(params=[3, 30], ids=["3-students", "30-students"])
def class_playing(request, make_user, classroom, quiz, teacher):
    """A class of N students who all joined; the first question is open; all but alice and
    one other have answered it."""
    students = [make_user(f"pupil{n:02d}") for n in range(request.param - 1)]
    classroom.students.add(*students)
    session, _ = LiveSession.begin(quiz, classroom)
    everyone = [classroom.students.get(username="alice"), *students]
    for student in everyone:
        session.admit(student)
    session.start(session.version)
    session.refresh_from_db()
    question = quiz.questions.prefetch_related("choices").get(pk=session.current_round.question_id)
    url = reverse("live:answer", args=[session.code, question.pk])
    for student in students[1:]:
        client = Client()
        client.force_login(student)
        attempt = Attempt.objects.get(student=student, quiz=quiz)
        assert client.post(url, right_answer(attempt, question)).status_code == 302
    return session, question


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_unchanged_poll_costs_one_query(student, class_playing, django_assert_num_queries):
    session, _ = class_playing
    client = logged_in(student)
    place = poll_pass(session.participants.get(student=student))
    url = reverse("live:state", args=[session.code]) + f"?v={session.token()}&p={place}"
    with django_assert_num_queries(POLL_UNCHANGED_QUERIES):
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 204


def test_a_changed_poll_does_not_grow(student, class_playing, django_assert_max_num_queries):
    session, _ = class_playing
    client = logged_in(student)
    url = reverse("live:state", args=[session.code]) + "?v=0"
    with django_assert_max_num_queries(POLL_CHANGED_QUERIES):
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200


def test_an_answer_post_does_not_grow(student, quiz, class_playing, django_assert_max_num_queries):
    session, question = class_playing
    client = logged_in(student)
    attempt = Attempt.objects.get(student=student, quiz=quiz)
    url = reverse("live:answer", args=[session.code, question.pk])
    data = right_answer(attempt, question)
    with django_assert_max_num_queries(ANSWER_POST_QUERIES):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_the_projectors_counts_do_not_grow(teacher, class_playing, django_assert_max_num_queries):
    session, _ = class_playing
    client = logged_in(teacher)
    url = reverse("live:counts", args=[session.pk]) + "?c=0"
    with django_assert_max_num_queries(PROJECTOR_COUNTS_QUERIES):
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 200
