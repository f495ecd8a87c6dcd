"""The answer key stays hidden, answers lock, finished attempts are read-only, and only the
student who owns an attempt can see or change it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from quizzes import grading
from quizzes.models import Answer, Attempt, Question

from .conftest import htmx
from .factories import make_quiz, right_answer, wrong_answer

pytestmark = pytest.mark.django_db


def question_url(attempt, question):
    return reverse("quizzes:question", args=[attempt.pk, question.pk])


def option_markup(page: str) -> list[str]:
    """Each option's markup with its id and text blanked, to compare their shapes."""
    options = re.findall(r'<div class="option">.*?</div>', page, flags=re.S)
    return [re.sub(r"\d+", "N", re.sub(r">[^<]*</label>", "></label>", o)) for o in options]


@pytest.mark.parametrize("kind", ["single", "multiple", "true_false", "numeric", "text"])
def test_no_page_reveals_the_answer_before_it_is_given(student_client, attempt, kind):
    question = attempt.quiz.questions.get(kind=kind)
    for page in (
        student_client.get(question_url(attempt, question)).content.decode(),
        student_client.get(attempt.quiz.get_absolute_url()).content.decode(),
    ):
        assert question.explanation not in page
        assert "feedback" not in page
        assert "is_correct" not in page and "data-correct" not in page
        if kind == "numeric":
            assert "120000000" not in page and "120,000,000" not in page
        if kind == "text":
            assert "UNHCR" not in page.replace("(UNHCR)", "")  # only the article's own mention
    question_page = student_client.get(question_url(attempt, question)).content.decode()
    shapes = option_markup(question_page)
    assert len(set(shapes)) <= 1, "right and wrong options must look alike"


def test_an_invalid_submit_does_not_reveal_the_answer(student_client, attempt):
    question = attempt.quiz.questions.get(kind="numeric")
    response = htmx(student_client, question_url(attempt, question), {"answer": "たくさん"})
    assert response.status_code == 400
    assert "120,000,000" not in response.content.decode()
    assert question.explanation not in response.content.decode()


def test_student_cannot_change_a_locked_answer(student_client, attempt):
    question = attempt.quiz.questions.get(kind="single")
    htmx(student_client, question_url(attempt, question), wrong_answer(attempt, question))
    again = htmx(student_client, question_url(attempt, question), right_answer(attempt, question))
    assert again.status_code == 200
    page = again.content.decode()
    assert "feedback-incorrect" in page  # the recorded verdict, not the new one
    assert "You already answered this question." in page
    answer = Answer.objects.get()
    assert answer.outcome == "incorrect"
    # Even a malformed second submit gets the recorded verdict rather than an error.
    garbage = htmx(student_client, question_url(attempt, question), {"choice": "nonsense"})
    assert garbage.status_code == 200 and "feedback-incorrect" in garbage.content.decode()


def test_finished_attempt_is_read_only(student_client, student, quiz):
    attempt = Attempt.start(student, quiz)
    attempt.finish()  # e.g. closed by a teacher or a time limit, with questions unanswered
    question = quiz.questions.first()
    response = student_client.post(question_url(attempt, question), right_answer(attempt, question))
    assert response.status_code == 409
    assert "This attempt is finished and can no longer change." in response.content.decode()
    assert not Answer.objects.exists()
    # Its unanswered questions lead to the result, never to an open form.
    page = student_client.get(question_url(attempt, question))
    assert page.url == reverse("quizzes:result", args=[attempt.pk])


def test_someone_elses_attempt_is_a_404_everywhere(other_client, attempt):
    question = attempt.quiz.questions.get(kind="single")
    urls = [
        reverse("quizzes:attempt", args=[attempt.pk]),
        question_url(attempt, question),
        reverse("quizzes:result", args=[attempt.pk]),
    ]
    for url in urls:
        assert other_client.get(url).status_code == 404
    response = other_client.post(question_url(attempt, question), right_answer(attempt, question))
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_anonymous_visitor_cannot_open_or_answer_an_attempt(anonymous, attempt):
    question = attempt.quiz.questions.first()
    assert anonymous.get(question_url(attempt, question)).status_code == 302
    assert (
        anonymous.post(question_url(attempt, question), right_answer(attempt, question)).status_code
        == 302
    )
    assert not Answer.objects.exists()


def test_post_without_csrf_token_is_refused(student):
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    quiz = make_quiz(2, slug="csrf")
    attempt = Attempt.start(student, quiz)
    question = quiz.questions.first()
    response = client.post(question_url(attempt, question), right_answer(attempt, question))
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_htmx_post_carries_the_csrf_header_from_the_page(student, classroom):
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    quiz = make_quiz(2, slug="csrf-htmx")
    quiz.classes.add(classroom)
    attempt = Attempt.start(student, quiz)
    question = quiz.questions.first()
    page = client.get(question_url(attempt, question)).content.decode()
    token = re.search(r'hx-headers=\'\{"x-csrftoken": "([^"]+)"\}\'', page).group(1)
    response = client.post(
        question_url(attempt, question),
        right_answer(attempt, question),
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    assert Answer.objects.get().outcome == grading.Outcome.CORRECT


def test_a_finished_quiz_cannot_be_started_again(student_client, student, quiz):
    attempt = Attempt.start(student, quiz)
    attempt.finish()
    response = student_client.post(reverse("quizzes:start", args=[quiz.slug]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("quizzes:result", args=[attempt.pk])
    assert Attempt.objects.count() == 1


def test_right_and_wrong_options_are_shuffled_per_attempt_but_stable(student, other_student):
    quiz = make_quiz(1, slug="shuffle")
    question = Question.objects.prefetch_related("choices").get(quiz=quiz)
    mine, theirs = Attempt.start(student, quiz), Attempt.start(other_student, quiz)
    assert [c.pk for c in mine.choices_for(question)] == [c.pk for c in mine.choices_for(question)]
    orders = {
        tuple(c.pk for c in Attempt(pk=n, quiz=quiz).choices_for(question)) for n in range(30)
    }
    assert len(orders) > 1  # not the authored order for everyone
    assert sorted(c.pk for c in theirs.choices_for(question)) == sorted(
        c.pk for c in question.choices.all()
    )


def test_expired_session_under_htmx_sends_the_page_to_sign_in(anonymous, attempt):
    question = attempt.quiz.questions.first()
    page = question_url(attempt, question)
    response = anonymous.post(
        question_url(attempt, question),
        {"answer": "x"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{page}",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login"))
    assert "next=" in response["HX-Redirect"] and "/questions/" in response["HX-Redirect"]
    assert not Answer.objects.exists()
