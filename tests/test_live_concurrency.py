"""A class answering a live question at once, and the teacher revealing it meanwhile.

Run on PostgreSQL in CI as on SQLite. What makes each true: an answer is recorded by
`Attempt.record_answer` (the attempt row locked, a unique constraint behind it) inside a
transaction that holds the session row (SELECT … FOR UPDATE), which Reveal and Next take too;
so an answer lands either before the reveal or not at all.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.models import Answer, Attempt, LiveSession

from .factories import right_answer
from .test_concurrency import logged_in, run_together

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_question(quiz, classroom, make_user):
    students = [make_user(f"pupil{n:02d}") for n in range(12)]
    classroom.students.add(*students)
    session, _ = LiveSession.begin(quiz, classroom)
    for student in students:
        session.admit(student)
    session.start(session.version)
    session.refresh_from_db()
    question = quiz.questions.prefetch_related("choices").get(pk=session.current_round.question_id)
    return session, question, students


def post_answer(client: Client, session, question, data) -> int:
    url = reverse("live:answer", args=[session.code, question.pk])
    return client.post(url, data, HTTP_HX_REQUEST="true").status_code


def test_twenty_identical_live_answers_store_one(open_question, quiz):
    session, question, students = open_question
    student = students[0]
    data = right_answer(Attempt.objects.get(student=student, quiz=quiz), question)
    clients = [logged_in(student) for _ in range(20)]
    statuses = run_together([lambda c=c: post_answer(c, session, question, data) for c in clients])
    assert statuses.count(200) == 1 and set(statuses) == {200, 409}
    assert Answer.objects.filter(question=question).count() == 1


def test_a_class_answering_while_the_teacher_reveals_loses_nothing_and_adds_nothing_late(
    open_question, quiz, teacher
):
    session, question, students = open_question
    jobs = []
    for student in students:
        data = right_answer(Attempt.objects.get(student=student, quiz=quiz), question)
        client = logged_in(student)
        jobs.append(lambda c=client, d=data: post_answer(c, session, question, d))
    middle = len(jobs) // 2
    jobs.insert(middle, lambda: LiveSession.objects.get(pk=session.pk).reveal(session.version))
    results = run_together(jobs)
    assert results.pop(middle) is True
    statuses = results
    assert set(statuses) <= {200, 409}
    stored = Answer.objects.filter(question=question)
    assert stored.count() == statuses.count(200)  # every accepted answer, none refused
    session.refresh_from_db()
    revealed_at = session.current_round.revealed_at
    assert revealed_at is not None
    assert not stored.filter(answered_at__gt=revealed_at).exists()
