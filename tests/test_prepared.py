"""The attempt a student's pages read: compiled once (quizzes/prepared.py), the same as the ORM's.

`own_attempt` runs the SQL of `own_attempts(user).filter(pk=...)` compiled once per connection,
with the ids of each request put in. These tests hold it to the queryset it was built from: the
same SQL and parameters, and the same attempt, quiz, article and annotations, in every state the
annotations describe (a live session running or over, the quiz visible or not, the last allowed
attempt finished or not), for a student, a superuser and someone else.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from quizzes.live_models import LiveParticipant, LiveSession
from quizzes.models import ANSWER_TO, ANSWERED_IN_ATTEMPT, Answer, Attempt, Quiz
from quizzes.prepared import PreparedQuery
from quizzes.views import OWN_ATTEMPT, own_attempt, own_attempts

from .factories import make_quiz, right_answer

pytestmark = pytest.mark.django_db

FIELDS = ("pk", "student_id", "quiz_id", "started_at", "finished_at", "score", "max_score")
FIELDS += ("number", "deadline", "live_code", "quiz_visible", "final_finished")
QUIZ_FIELDS = ("pk", "title", "published", "attempts_allowed", "closes_at", "content_version")
QUIZ_FIELDS += ("created_at", "shuffle_questions", "shuffle_choices", "time_limit_minutes")


def described(attempt: Attempt) -> tuple:
    quiz = attempt.quiz
    article = quiz.article
    return (
        tuple(getattr(attempt, name) for name in FIELDS),
        tuple(getattr(quiz, name) for name in QUIZ_FIELDS),
        (article.pk, article.title, article.language, article.get_deferred_fields()),
        attempt.get_deferred_fields(),
        quiz.get_deferred_fields(),
    )


def read_both(user, attempt_id: int, *, lock: bool = False):
    """What the prepared query gives, and what the ORM gives for the same queryset."""
    variant = (lock, user.is_superuser)
    prepared = OWN_ATTEMPT.first(variant, user_id=user.pk, attempt_id=attempt_id)
    orm = own_attempts(user, lock=lock).filter(pk=attempt_id).first()
    return prepared, orm


def assert_same(user, attempt_id: int) -> Attempt | None:
    for lock in (False, True):
        with transaction.atomic():
            prepared, orm = read_both(user, attempt_id, lock=lock)
        if orm is None:
            assert prepared is None
        else:
            assert described(prepared) == described(orm)
    return prepared


def test_the_sql_is_the_orms_with_the_ids_put_in(student, attempt):
    for lock in (False, True):
        with transaction.atomic():
            queryset = own_attempts(student, lock=lock).filter(pk=attempt.pk)
            sql, params = queryset.query.get_compiler(connection=connection).as_sql()
            OWN_ATTEMPT.first((lock, False), user_id=student.pk, attempt_id=attempt.pk)
            compiled = OWN_ATTEMPT.compiled((lock, False))
        put_in = list(compiled.params)
        for position, name in compiled.slots:
            put_in[position] = {"user_id": student.pk, "attempt_id": attempt.pk}[name]
        assert (compiled.sql, put_in) == (sql, list(params))
        assert ("FOR UPDATE" in sql) == (lock and connection.features.has_select_for_update)


def test_the_same_attempt_in_every_state_the_annotations_describe(
    student, other_student, admin_user, classroom, quiz, attempt
):
    read = assert_same(student, attempt.pk)
    assert (read.live_code, read.quiz_visible, read.final_finished) == (None, True, False)
    assert assert_same(other_student, attempt.pk) is None  # someone else's: nothing
    assert assert_same(admin_user, attempt.pk) is None  # nor a superuser's
    assert assert_same(student, attempt.pk + 1000) is None

    session, _ = LiveSession.begin(quiz, classroom)
    LiveParticipant.objects.create(session=session, student=student, attempt=attempt)
    assert assert_same(student, attempt.pk).live_code == session.code
    session.finished_at = session.started_at or attempt.started_at
    session.save()
    assert assert_same(student, attempt.pk).live_code is None

    classroom.students.remove(student)
    assert assert_same(student, attempt.pk).quiz_visible is False
    classroom.students.add(student)
    Quiz.objects.filter(pk=quiz.pk).update(published=False)
    assert assert_same(student, attempt.pk).quiz_visible is False
    Quiz.objects.filter(pk=quiz.pk).update(published=True)

    attempt.finish()
    assert assert_same(student, attempt.pk).final_finished is True
    assert assert_same(student, attempt.pk).is_finished


def test_a_superusers_own_attempt_and_an_earlier_one(admin_user, student, classroom):
    quiz = make_quiz(3, slug="retake")
    quiz.classes.add(classroom)
    Quiz.objects.filter(pk=quiz.pk).update(attempts_allowed=2)
    quiz.refresh_from_db()
    first = Attempt.start(student, quiz)
    first.finish()
    second = Attempt.start(student, quiz)
    assert assert_same(student, first.pk).final_finished is False
    second.finish()
    assert assert_same(student, first.pk).final_finished is True
    mine = Attempt.start(admin_user, quiz)
    assert assert_same(admin_user, mine.pk).quiz_visible is True  # a superuser sees it
    Quiz.objects.filter(pk=quiz.pk).update(published=False)
    assert assert_same(admin_user, mine.pk).quiz_visible is False


def test_an_id_that_no_attempt_has_is_a_404_even_beyond_any_column(student, attempt):
    request = RequestFactory().get("/")
    request.user = student
    for huge in (2**40, 2**63 - 1, 2**63, 2**70):
        with pytest.raises(Http404):
            own_attempt(request, huge)
    assert own_attempt(request, attempt.pk).pk == attempt.pk


def test_an_anonymous_visitor_finds_no_attempt(attempt):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(Http404):
        own_attempt(request, attempt.pk)


@pytest.mark.skipif(
    not connection.features.has_select_for_update, reason="only where rows are locked"
)
@pytest.mark.django_db(transaction=True)  # outside the test's own transaction
def test_a_lock_outside_a_transaction_is_refused_as_the_orm_refuses_it(student, attempt):
    with pytest.raises(TransactionManagementError):
        OWN_ATTEMPT.first((True, False), user_id=student.pk, attempt_id=attempt.pk)


def test_a_stand_in_that_the_sql_does_not_take_is_refused(attempt):
    unused = PreparedQuery("unused", lambda variant, *, some_id: Attempt.objects.all(), "some_id")
    with pytest.raises(ValueError, match="missing"):
        unused.first(None, some_id=attempt.pk)


def test_pages_after_each_change_read_it_at_once(student_client, student, classroom, quiz):
    """The pages that read the attempt this way see each change on the very next request."""
    attempt = Attempt.start(student, quiz)
    questions = list(quiz.questions.prefetch_related("choices"))
    url = reverse("quizzes:question", args=[attempt.pk, questions[0].pk])
    assert student_client.get(url).status_code == 200
    session, _ = LiveSession.begin(quiz, classroom)
    LiveParticipant.objects.create(session=session, student=student, attempt=attempt)
    assert student_client.get(url).url == reverse("live:student", args=[session.code])
    session.delete()
    assert student_client.get(url).status_code == 200
    classroom.students.remove(student)
    assert student_client.post(url, right_answer(attempt, questions[0])).status_code == 403
    classroom.students.add(student)
    Quiz.objects.filter(pk=quiz.pk).update(published=False)
    assert student_client.post(url, right_answer(attempt, questions[0])).status_code == 409


def same_sql(compiled, queryset, *values: int) -> bool:
    """The compiled SQL, with the values put in, is the queryset's own."""
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    stand_ins = {1_987_654_301 + n: value for n, value in enumerate(values)}
    put_in = [stand_ins.get(p, p) if type(p) is int else p for p in compiled.params]
    return (compiled.sql, put_in) == (sql, list(params))


def test_what_was_answered_is_read_as_the_related_manager_has_it(student_client, attempt):
    questions = list(attempt.quiz.questions.prefetch_related("choices"))
    assert len(attempt.answered()) == 0 and attempt.answered().total == 0
    for question in questions[:3]:
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        student_client.post(url, right_answer(attempt, question))
    answered = attempt.answered()
    related = {a.question_id: a.points for a in attempt.answers.all()}
    assert answered.points == related and answered.total == sum(related.values())
    assert all(type(points) is type(related[q]) for q, points in answered.points.items())
    queryset = attempt.answers.order_by().values_list("question_id", "points")
    assert same_sql(ANSWERED_IN_ATTEMPT.compiled(None), queryset, attempt.pk)


def test_what_was_answered_read_with_the_attempt_is_what_the_answers_say(student, attempt):
    """The question page reads what she answered with the attempt, as one text per attempt:
    the same questions and points, to the cent, as its own query reads (SQLite stores 1.00 as
    1 and 0.50 as 0.5)."""
    fresh = own_attempts(student).get(pk=attempt.pk).answered_when_read()
    assert fresh.points == {} and fresh.total == 0
    earned = [Decimal("1.00"), Decimal("0.50"), Decimal("0.33"), Decimal("0"), Decimal("12.25")]
    questions = list(attempt.quiz.questions.all())
    for question, points in zip(questions, earned, strict=False):
        Answer.objects.create(
            attempt=attempt, question=question, outcome="partial", credit=0, points=points
        )
    read = own_attempts(student).get(pk=attempt.pk).answered_when_read()
    assert read == attempt.answered()
    assert read.points == dict(zip([q.pk for q in questions], earned, strict=False))
    assert str(read.total) == str(sum(earned))  # exact, with its two places


def test_her_answer_to_a_question_is_the_related_managers(student_client, attempt):
    first, second = list(attempt.quiz.questions.prefetch_related("choices"))[:2]
    url = reverse("quizzes:question", args=[attempt.pk, first.pk])
    student_client.post(url, right_answer(attempt, first))
    answered = attempt.answered()
    assert attempt.answer_to(second, answered) is None
    mine, theirs = attempt.answer_to(first, answered), attempt.answers.get(question=first)
    fields = ("pk", "question_id", "response", "outcome", "credit", "points", "answered_at")
    assert [getattr(mine, f) for f in fields] == [getattr(theirs, f) for f in fields]
    assert mine.attempt is attempt  # as the related manager sets it: no query
    queryset = Answer.objects.filter(attempt_id=attempt.pk, question_id=first.pk)
    assert same_sql(ANSWER_TO.compiled(None), queryset, attempt.pk, first.pk)


def executions_prepared() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            ['%AS "live_code"%'],
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_postgresql_plans_the_attempts_query_once_per_connection(student, attempt, settings):
    before = executions_prepared()
    for _ in range(3):
        assert OWN_ATTEMPT.first((False, False), user_id=student.pk, attempt_id=attempt.pk)
    assert executions_prepared() == before + 3
    settings.DATABASE_PREPARED_STATEMENTS = False  # behind a pooler that cannot carry them
    assert OWN_ATTEMPT.first((False, False), user_id=student.pk, attempt_id=attempt.pk)
    assert executions_prepared() == before + 3


def test_the_query_log_shows_the_statement_with_its_values(student, attempt):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        OWN_ATTEMPT.first((False, False), user_id=student.pk, attempt_id=attempt.pk)
    (logged,) = queries.captured_queries
    assert '"live_code"' in logged["sql"] and str(attempt.pk) in logged["sql"]
