"""Hypothesis on the live endpoints: arbitrary answers, poll parameters and codes never give a
500, and an answer is stored at most once, only for the open question."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from quizzes.models import Answer, LiveSession

from .test_fuzz import check_status, client_for, fresh_state, fuzz

pytestmark = pytest.mark.django_db

junk = st.text(max_size=300) | st.sampled_from(["1", "2", "0", "-1", "99999999999999999999", ""])


@pytest.fixture
def playing(quiz, classroom, student):
    session, _ = LiveSession.begin(quiz, classroom)
    session.admit(student)
    session.start(session.version)
    session.refresh_from_db()
    return session


@given(
    choices=st.lists(junk, max_size=5),
    text=st.none() | junk,
    current=st.booleans(),
    use_htmx=st.booleans(),
)
@fuzz(50)
def test_any_live_answer_is_stored_at_most_once_or_refused(
    student, quiz, playing, choices, text, current, use_htmx
):
    with fresh_state():
        client = client_for(student)
        questions = list(quiz.questions.order_by("order"))
        question = questions[0] if current else questions[1]
        data = {"choice": choices} if text is None else {"choice": choices, "answer": text}
        headers = {"HTTP_HX_REQUEST": "true"} if use_htmx else {}
        url = reverse("live:answer", args=[playing.code, question.pk])
        response = client.post(url, data, **headers)
        check_status(response, {200, 302, 400, 409})
        stored = Answer.objects.filter(question=question).count()
        assert stored == (1 if response.status_code in (200, 302) else 0)
        if not current:
            assert response.status_code in (400, 409)


@given(version=junk, place=junk, code=st.text(min_size=1, max_size=12))
@fuzz(50)
def test_any_poll_or_code_is_answered_without_a_crash(student, playing, version, place, code):
    client = client_for(student)
    state = reverse("live:state", args=[playing.code])
    # A NUL anywhere in a query string is refused before any view (400), as on every page.
    nul = "\x00" in version + place
    check_status(client.get(state, {"v": version, "p": place}), {400} if nul else {200, 204})
    path = quote(code.replace("/", ""), safe="")
    if path:
        check_status(client.get(f"/live/{path}/"), {200, 302, 404})
        polled = {400} if "\x00" in version else {200, 204, 404}
        check_status(client.get(f"/live/{path}/state/", {"v": version}), polled)
    joined = {400} if "\x00" in code else {200, 302, 404}
    check_status(client.get(reverse("live:join"), {"code": code}), joined)
