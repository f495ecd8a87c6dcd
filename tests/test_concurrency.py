"""A class answering at the same moment loses nothing and counts nothing twice.

Run against the real server in CI (PostgreSQL) and on SQLite. What makes each true:
- one answer per question: the attempt row is locked (SELECT … FOR UPDATE) while an answer is
  recorded, and a unique constraint on (attempt, question) backs it up;
- finishing once: a conditional UPDATE … WHERE finished_at IS NULL, whose row count says which
  caller closed the attempt; the score is the sum of the stored answers, taken under the lock;
- one open attempt per student and quiz: a partial unique constraint (finished_at IS NULL).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from quizzes.models import Answer, Attempt

from .factories import make_quiz, right_answer, wrong_answer

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs: list[Callable[[], object]]) -> list[object]:
    """Start every job at the same instant, in its own thread with its own connection."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def worker(index: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except BaseException as error:  # reported by the test, in its own thread
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    return results


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def question_url(attempt, question):
    return reverse("quizzes:question", args=[attempt.pk, question.pk])


def test_twenty_identical_submits_store_one_answer_counted_once(student, classroom):
    quiz = make_quiz(1, slug="race")
    quiz.classes.add(classroom)
    attempt = Attempt.start(student, quiz)
    question = quiz.questions.prefetch_related("choices").get()
    data = right_answer(attempt, question)
    clients = [logged_in(student) for _ in range(20)]
    statuses = run_together(
        [lambda c=c: c.post(question_url(attempt, question), data).status_code for c in clients]
    )
    assert set(statuses) <= {200, 302}
    assert Answer.objects.filter(attempt=attempt).count() == 1
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 1


def test_conflicting_submits_keep_the_first_answer_only(student, classroom):
    quiz = make_quiz(1, slug="conflict")
    quiz.classes.add(classroom)
    attempt = Attempt.start(student, quiz)
    question = quiz.questions.prefetch_related("choices").get()
    right, wrong = right_answer(attempt, question), wrong_answer(attempt, question)
    clients = [logged_in(student) for _ in range(20)]
    run_together(
        [
            lambda c=c, d=(right if i % 2 else wrong): c.post(question_url(attempt, question), d)
            for i, c in enumerate(clients)
        ]
    )
    stored = Answer.objects.get(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.score == stored.points  # whichever came first, counted once


def test_two_tabs_finishing_the_same_attempt_finish_it_once(student, classroom):
    quiz = make_quiz(2, slug="two-tabs")
    quiz.classes.add(classroom)
    attempt = Attempt.start(student, quiz)
    first, second = quiz.questions.prefetch_related("choices")
    tab_one, tab_two = logged_in(student), logged_in(student)
    run_together(
        [
            lambda: tab_one.post(question_url(attempt, first), right_answer(attempt, first)),
            lambda: tab_two.post(question_url(attempt, second), right_answer(attempt, second)),
        ]
    )
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 2
    finished_at = attempt.finished_at
    closers = run_together([lambda: Attempt.objects.get(pk=attempt.pk).finish() for _ in range(2)])
    assert closers == [False, False]  # already closed: nobody closes it again
    attempt.refresh_from_db()
    assert attempt.finished_at == finished_at and attempt.score == 2


def test_two_tabs_starting_at_once_share_one_attempt(student, classroom):
    quiz = make_quiz(3, slug="double-start")
    quiz.classes.add(classroom)
    tabs = [logged_in(student) for _ in range(6)]
    start = reverse("quizzes:start", args=[quiz.slug])
    locations = run_together([lambda t=t: t.post(start).url for t in tabs])
    assert len(set(locations)) == 1
    assert Attempt.objects.filter(student=student, quiz=quiz).count() == 1


def test_a_class_answering_at_once_stores_every_answer_with_exact_totals(make_user, classroom):
    quiz = make_quiz(5, slug="whole-class")
    quiz.classes.add(classroom)
    students = [make_user(f"pupil{n:02d}") for n in range(12)]
    classroom.students.add(*students)
    attempts = [Attempt.start(s, quiz) for s in students]
    questions = list(quiz.questions.prefetch_related("choices"))

    def take(student, attempt):
        client = logged_in(student)
        for n, question in enumerate(questions):
            data = (
                right_answer(attempt, question) if n % 2 == 0 else wrong_answer(attempt, question)
            )
            assert client.post(question_url(attempt, question), data).status_code == 302

    run_together([lambda s=s, a=a: take(s, a) for s, a in zip(students, attempts, strict=True)])
    assert Answer.objects.filter(attempt__quiz=quiz).count() == 12 * 5
    for attempt in attempts:
        attempt.refresh_from_db()
        stored = sum(a.points for a in attempt.answers.all())
        assert attempt.is_finished and attempt.score == stored == 3


def test_a_throttle_lets_exactly_its_limit_through_when_requests_arrive_together():
    from django.core.cache import caches

    from quizzes.throttles import take_slot

    caches["throttle"].clear()  # its table outlives the flush between transactional tests
    taken = run_together([lambda: take_slot("join:address:test", 5, 600) for _ in range(20)])
    assert taken.count(True) == 5
