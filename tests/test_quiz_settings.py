"""Quiz settings hold on the server: time limits, attempts allowed, shuffling, open and close."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Answer, Attempt, Question

from .conftest import htmx
from .factories import right_answer

pytestmark = pytest.mark.django_db


def question_url(attempt, question):
    return reverse("quizzes:question", args=[attempt.pk, question.pk])


def start(client, quiz):
    return client.post(reverse("quizzes:start", args=[quiz.slug]))


def test_an_expired_attempt_closes_with_what_was_answered(student_client, quiz):
    quiz.time_limit_minutes = 10
    quiz.save()
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    assert attempt.deadline is not None
    first, second = list(quiz.questions.all())[:2]
    student_client.post(question_url(attempt, first), right_answer(attempt, first))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    late = htmx(student_client, question_url(attempt, second), right_answer(attempt, second))
    assert late.status_code == 409
    assert "Time is up: the attempt was closed with the answers you had given." in (
        late.content.decode()
    )
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 1
    assert Answer.objects.count() == 1


def test_the_question_page_shows_the_deadline_and_a_countdown_script(student_client, quiz):
    quiz.time_limit_minutes = 5
    quiz.save()
    page = student_client.post(reverse("quizzes:start", args=[quiz.slug]), follow=True)
    html = page.content.decode()
    assert "<time datetime=" in html and "countdown.js" in html


def test_coming_back_after_the_deadline_shows_the_result(student_client, quiz):
    quiz.time_limit_minutes = 1
    quiz.save()
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    response = student_client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert response.url == reverse("quizzes:result", args=[attempt.pk])


def test_a_second_attempt_is_allowed_when_the_quiz_says_so(student_client, student, quiz):
    quiz.attempts_allowed = 2
    quiz.save()
    first = Attempt.start(student, quiz)
    first.finish()
    start(student_client, quiz)
    second = Attempt.objects.order_by("-number").first()
    assert (second.number, Attempt.objects.count()) == (2, 2)
    second.finish()
    start(student_client, quiz)
    assert Attempt.objects.count() == 2  # no third


def test_shuffled_question_order_is_fixed_per_attempt(student_client, student, quiz):
    quiz.shuffle_questions = True
    quiz.save()
    attempt = Attempt.start(student, quiz)
    ids = list(quiz.questions.values_list("id", flat=True))
    order = attempt.ordered_question_ids(ids)
    assert sorted(order) == sorted(ids)
    assert attempt.ordered_question_ids(ids) == order  # a reload does not reshuffle
    first_url = student_client.get(reverse("quizzes:attempt", args=[attempt.pk])).url
    assert first_url == reverse("quizzes:question", args=[attempt.pk, order[0]])
    orders = {tuple(Attempt(pk=n, quiz=quiz).ordered_question_ids(ids)) for n in range(20)}
    assert len(orders) > 1


def test_options_keep_their_order_when_shuffling_is_off(student, quiz):
    quiz.shuffle_choices = False
    quiz.save()
    attempt = Attempt.start(student, quiz)
    question = Question.objects.prefetch_related("choices").get(quiz=quiz, kind="single")
    assert attempt.choices_for(question) == list(question.choices.all())


def test_a_quiz_that_is_not_open_yet_cannot_be_started(student_client, quiz):
    quiz.opens_at = timezone.now() + timedelta(days=1)
    quiz.save()
    response = start(student_client, quiz)
    assert response.status_code == 409
    assert not Attempt.objects.exists()
    page = student_client.get(quiz.get_absolute_url()).content.decode()
    assert "This quiz is not open now." in page


def test_answers_after_the_quiz_closes_are_refused_and_the_attempt_closes(student_client, quiz):
    start(student_client, quiz)
    attempt = Attempt.objects.get()
    quiz.closes_at = timezone.now() - timedelta(seconds=1)
    quiz.save()
    question = quiz.questions.first()
    response = student_client.post(question_url(attempt, question), right_answer(attempt, question))
    assert response.status_code == 409
    attempt.refresh_from_db()
    assert attempt.is_finished
    assert not Answer.objects.exists()
