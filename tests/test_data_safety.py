"""Score history is never lost silently: deletions that would lose it are refused, and a
backup restores it exactly."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse

from quizzes.models import Answer, Attempt, Question, Quiz

from .factories import right_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(student_client, student, quiz):
    attempt = Attempt.start(student, quiz)
    for question in list(quiz.questions.all())[:2]:
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        student_client.post(url, right_answer(attempt, question))
    return attempt


@pytest.mark.parametrize("target", ["quiz", "question", "student"])
def test_deleting_what_has_recorded_attempts_is_refused(answered, target):
    victim = {
        "quiz": answered.quiz,
        "question": answered.answers.first().question,
        "student": answered.student,
    }[target]
    with pytest.raises(ProtectedError):
        victim.delete()
    assert Answer.objects.count() == 2


def test_the_admin_refuses_to_delete_an_answered_quiz_and_says_why(answered, make_user, client):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:quizzes_quiz_delete", args=[answered.quiz.pk])
    page = client.post(url, {"post": "yes"})
    assert page.status_code == 200  # the "cannot delete" page, not a redirect
    assert Quiz.objects.filter(pk=answered.quiz.pk).exists()


def test_deleting_an_answered_question_from_the_quiz_page_is_refused(answered, teacher_client):
    quiz = answered.quiz
    questions = list(quiz.questions.all())
    data = {
        "title": quiz.title, "slug": quiz.slug, "published": "on", "attempts_allowed": 1,
        "shuffle_choices": "on", "classes": list(quiz.classes.values_list("pk", flat=True)),
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(len(questions)),
    }  # fmt: skip
    for n, question in enumerate(questions):
        data.update({
            f"questions-{n}-id": question.pk, f"questions-{n}-quiz": quiz.pk,
            f"questions-{n}-order": question.order, f"questions-{n}-kind": question.kind,
            f"questions-{n}-prompt": question.prompt, f"questions-{n}-points": question.points,
        })  # fmt: skip
    answered_question = answered.answers.first().question
    index = questions.index(answered_question)
    data[f"questions-{index}-DELETE"] = "on"
    response = teacher_client.post(reverse("admin:quizzes_quiz_change", args=[quiz.pk]), data)
    assert response.status_code == 200
    assert "would require deleting the following protected related objects: answer" in (
        response.content.decode()
    )
    assert Question.objects.filter(pk=answered_question.pk).exists()


def test_an_unanswered_question_can_still_be_deleted(answered):
    spare = answered.quiz.questions.exclude(answers__isnull=False).first()
    spare.delete()
    assert not Question.objects.filter(pk=spare.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(answered, tmp_path):
    answered.refresh_from_db()
    before = sorted(Answer.objects.values_list("attempt__student__username", "question__prompt",
                                               "outcome", "points"))  # fmt: skip
    backup = tmp_path / "backup.json"
    call_command(
        "dumpdata", "--natural-foreign", "--natural-primary", "--indent", "1",
        "-e", "contenttypes", "-e", "auth.permission", "-e", "sessions", "-e", "admin.logentry",
        output=str(backup), verbosity=0,
    )  # fmt: skip
    assert "避難" in backup.read_text(encoding="utf-8")  # Japanese kept as text
    call_command("flush", interactive=False, verbosity=0)
    assert not Answer.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)
    after = sorted(Answer.objects.values_list("attempt__student__username", "question__prompt",
                                              "outcome", "points"))  # fmt: skip
    assert after == before
    restored = Attempt.objects.get()
    assert (restored.score, restored.max_score) == (answered.score, answered.max_score)
