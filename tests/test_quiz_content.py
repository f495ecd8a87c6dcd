"""What a student reads of a quiz comes from the cache, and a teacher's edit is seen at once.

The question page and the answer POST read each question, its options and its fact from the
cache (quizzes/quiz_content.py), keyed by the quiz's content version. Every change raises that
version; whether the student may still answer is read from the database on every request.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import regrading
from quizzes.caches import ProcessLocalCache
from quizzes.models import Answer, Attempt, Choice, Fact, Question, Quiz

from .conftest import htmx
from .factories import make_quiz, right_answer, wrong_answer

pytestmark = pytest.mark.django_db


def page(client, attempt, question) -> str:
    response = client.get(reverse("quizzes:question", args=[attempt.pk, question.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def single(attempt) -> Question:
    return attempt.quiz.questions.prefetch_related("choices").get(kind="single")


def test_a_question_edited_by_its_teacher_is_shown_as_edited(student_client, attempt, single):
    assert "問1:" in page(student_client, attempt, single)  # now in the cache
    single.prompt = "問1: 書き直した問い"
    single.save()
    assert "書き直した問い" in page(student_client, attempt, single)


def test_an_option_edited_added_or_deleted_is_shown_at_once(student_client, attempt, single):
    page(student_client, attempt, single)
    first = single.choices.get(text="8,000万人")
    first.text = "9,000万人"
    first.save()
    assert "9,000万人" in page(student_client, attempt, single)
    Choice.objects.create(question=single, text="3億人", order=9)
    assert "3億人" in page(student_client, attempt, single)
    single.choices.get(text="3億人").delete()
    assert "3億人" not in page(student_client, attempt, single)


def test_a_changed_key_grades_the_next_answer(student_client, attempt, single):
    """The key moves to another option after the page was cached: the answer that is right
    now is marked right."""
    page(student_client, attempt, single)
    old, new = single.choices.get(is_correct=True), single.choices.get(text="2億人")
    old.is_correct, new.is_correct = False, True
    old.save()
    new.save()
    single = Question.objects.prefetch_related("choices").get(pk=single.pk)
    url = reverse("quizzes:question", args=[attempt.pk, single.pk])
    htmx(student_client, url, right_answer(attempt, single))
    assert Answer.objects.get(attempt=attempt, question=single).outcome == "correct"


def test_a_fact_edited_or_drafted_again_is_shown_at_once(student_client, attempt, single):
    page(student_client, attempt, single)
    fact = single.fact
    fact.sentence = "書き直した出典の文、1億2,000万人。"
    fact.save()
    htmx(
        student_client,
        reverse("quizzes:question", args=[attempt.pk, single.pk]),
        wrong_answer(attempt, single),
    )
    assert "書き直した出典の文" in page(student_client, attempt, single)
    # Drafting the article again updates its facts in bulk, with no signal of their own.
    found = SimpleNamespace(start=fact.start, end=fact.end, kind="quantity", text=fact.text)
    found.sentence = 0
    extraction = SimpleNamespace(facts=[found], sentences=[SimpleNamespace(text="三度目の文。")])
    fact.article._store_facts(extraction)
    assert "三度目の文" in page(student_client, attempt, single)


def test_an_answer_accepted_for_everyone_grades_the_answers_to_come(
    student_client, attempt, teacher
):
    text = attempt.quiz.questions.get(kind="text")
    page(student_client, attempt, text)
    regrading.accept_for_everyone(text, "難民機関", by=teacher)
    url = reverse("quizzes:question", args=[attempt.pk, text.pk])
    htmx(student_client, url, {"answer": "難民機関"})
    assert Answer.objects.get(attempt=attempt, question=text).outcome == "correct"


def test_questions_added_to_the_quiz_count_at_once(student_client, attempt, single):
    from .factories import question_of_kind

    page(student_client, attempt, single)
    [added] = attempt.quiz.append_questions([question_of_kind("text", 6)])
    assert "Question 1 of 6" in page(student_client, attempt, single)
    assert "問6:" in page(student_client, attempt, added)


def test_a_quiz_saved_from_an_old_copy_does_not_bring_back_old_content(
    student_client, attempt, single
):
    stale = Quiz.objects.get(pk=attempt.quiz_id)  # read before the edit
    page(student_client, attempt, single)
    single.prompt = "問1: 新しい問い"
    single.save()
    stale.title = "改題"
    stale.save()
    assert Quiz.objects.get(pk=stale.pk).content_version > stale.content_version
    assert "新しい問い" in page(student_client, attempt, single)


def test_a_question_of_another_quiz_is_a_404(student_client, attempt, classroom):
    other = make_quiz(2, slug="other")
    other.classes.add(classroom)
    foreign = other.questions.first()
    url = reverse("quizzes:question", args=[attempt.pk, foreign.pk])
    assert student_client.get(url).status_code == 404
    assert htmx(student_client, url, {"answer": "x"}).status_code == 404
    assert not Answer.objects.filter(question=foreign).exists()


def test_the_answer_post_reads_the_attempt_once_and_locked(student_client, attempt, single):
    url = reverse("quizzes:question", args=[attempt.pk, single.pk])
    page(student_client, attempt, single)
    with CaptureQueriesContext(connection) as queries:
        htmx(student_client, url, right_answer(attempt, single))
    reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "quizzes_attempt"."id"')]
    assert len(reads) == 1
    if connection.features.has_select_for_update_of:  # PostgreSQL; SQLite locks at BEGIN
        assert 'FOR UPDATE OF "quizzes_attempt"' in reads[0]


def test_the_unique_constraint_behind_the_lock_shows_the_first_answer(
    student_client, attempt, single, monkeypatch
):
    """Were an answer recorded without the lock, the constraint refuses the second one, and
    she sees her first answer and its verdict, not an error."""
    url = reverse("quizzes:question", args=[attempt.pk, single.pk])
    htmx(student_client, url, wrong_answer(attempt, single))
    real = Attempt.answer_to
    calls = []

    def misses_the_first_time(self, question, answered):
        calls.append(question.pk)
        return None if len(calls) == 1 else real(self, question, answered)

    monkeypatch.setattr(Attempt, "answer_to", misses_the_first_time)
    response = htmx(student_client, url, right_answer(attempt, single))
    assert response.status_code == 200
    body = response.content.decode()
    assert "You already answered this question." in body and "Incorrect" in body
    assert Answer.objects.get(attempt=attempt, question=single).outcome == "incorrect"


def test_a_signed_in_request_does_not_read_the_session_table(student_client, attempt, single):
    page(student_client, attempt, single)
    with CaptureQueriesContext(connection) as queries:
        page(student_client, attempt, single)
    assert not [q for q in queries if "django_session" in q["sql"]]


def test_a_worker_trusts_its_own_copy_of_a_session_for_a_minute_at_most():
    """Without Redis each worker has its own copy; a sign-out in another worker deletes the
    session from the database, and this worker reads it from there within the minute."""
    sessions = caches[settings.SESSION_CACHE_ALIAS]
    if not isinstance(sessions, ProcessLocalCache):
        pytest.skip("with Redis every worker reads the one copy")
    sessions.set("a-session", {"_auth_user_id": "1"}, 14 * 24 * 3600)
    key = sessions.make_key("a-session")
    assert sessions._expire_info[key] - time.time() <= settings.SESSION_CACHE_SECONDS
    sessions.delete("a-session")


@pytest.mark.parametrize("redis_url", ["", "redis://127.0.0.1:6379/1"])
def test_caches_are_local_memory_by_default_and_redis_when_configured(redis_url):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.CACHES[a]['BACKEND'].rsplit('.', 1)[1]"
        " for a in ('default', 'sessions', 'throttle')] + [s.SESSION_ENGINE]))"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "quizsite.settings",
        "REDIS_URL": redis_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    local = ["LocMemCache", "ProcessLocalCache"]
    expected = ["RedisCache", "RedisCache"] if redis_url else local
    cached_db = "django.contrib.sessions.backends.cached_db"
    assert result.stdout.strip() == str([*expected, "DatabaseCache", cached_db]).replace("'", '"')


def test_a_finished_attempt_stays_read_only_with_the_cache_warm(student_client, student, quiz):
    attempt = Attempt.start(student, quiz)
    questions = list(quiz.questions.prefetch_related("choices"))
    for question in questions:
        htmx(
            student_client,
            reverse("quizzes:question", args=[attempt.pk, question.pk]),
            wrong_answer(attempt, question),
        )
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 0
    response = htmx(
        student_client,
        reverse("quizzes:question", args=[attempt.pk, questions[0].pk]),
        right_answer(attempt, questions[0]),
    )
    assert response.status_code == 200 and "You already answered" in response.content.decode()
    assert Answer.objects.filter(attempt=attempt).count() == len(questions)
    assert not Answer.objects.filter(attempt=attempt, outcome="correct").exists()


def test_a_fact_deleted_leaves_its_questions_without_it(student_client, attempt, single):
    page(student_client, attempt, single)
    Fact.objects.filter(pk=single.fact_id).get().delete()
    htmx(
        student_client,
        reverse("quizzes:question", args=[attempt.pk, single.pk]),
        wrong_answer(attempt, single),
    )
    assert "The article says:" not in page(student_client, attempt, single)
