"""Live sessions: a teacher paces a quiz on the projector, her class answers on phones.

alice (student) is in tanaka's class 1年A組; bob (other_student) is not; suzuki
(other_teacher) teaches another class.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt, LiveSession

from .conftest import htmx
from .factories import right_answer, wrong_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(quiz, classroom) -> LiveSession:
    session, _ = LiveSession.begin(quiz, classroom)
    return session


def state_url(session, token: str) -> str:
    return reverse("live:state", args=[session.code]) + f"?v={token}"


def control(client, session, action: str, **extra):
    session.refresh_from_db()
    url = reverse("live:control", args=[session.pk, action])
    return client.post(url, {"version": session.version, **extra})


def answer_url(session, question) -> str:
    return reverse("live:answer", args=[session.code, question.pk])


def join(client, session):
    return client.post(reverse("live:enter", args=[session.code]))


def test_a_whole_session_smoke(teacher_client, student_client, live, quiz, student):
    page = teacher_client.get(live.get_absolute_url())
    assert page.status_code == 200, page.content.decode()[:2000]
    assert live.code in page.content.decode()
    assert join(student_client, live).status_code == 302
    page = student_client.get(live.student_url())
    assert page.status_code == 200
    assert control(teacher_client, live, "start").status_code == 302
    live.refresh_from_db()
    attempt = Attempt.objects.get(student=student, quiz=quiz)
    for position in range(1, 6):
        live.refresh_from_db()
        question = live.current_round.question
        page = student_client.get(live.student_url()).content.decode()
        assert question.prompt in page
        data = right_answer(attempt, question) if position % 2 else wrong_answer(attempt, question)
        response = htmx(student_client, answer_url(live, question), data)
        assert response.status_code == 200, response.content.decode()
        assert teacher_client.get(live.get_absolute_url()).status_code == 200
        assert control(teacher_client, live, "reveal").status_code == 302
        assert teacher_client.get(live.get_absolute_url()).status_code == 200
        assert student_client.get(live.student_url()).status_code == 200
        assert control(teacher_client, live, "next").status_code == 302
    live.refresh_from_db()
    assert live.is_finished
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 3
    assert teacher_client.get(live.get_absolute_url()).status_code == 200
    page = student_client.get(live.student_url()).content.decode()
    assert "alice" in page
    assert Answer.objects.filter(attempt=attempt).count() == 5
