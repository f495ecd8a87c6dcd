"""A student takes a quiz: with plain form posts, and with htmx swapping in the feedback."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt

from .conftest import htmx
from .factories import right_answer, wrong_answer

pytestmark = pytest.mark.django_db


def question_url(attempt, question):
    return reverse("quizzes:question", args=[attempt.pk, question.pk])


def test_students_see_the_published_quizzes_of_their_classes_only(
    student_client, other_client, anonymous, quiz, classroom
):
    from .factories import make_quiz

    make_quiz(2, slug="draft-quiz", published=False).classes.add(classroom)
    make_quiz(2, slug="other-class")  # published, assigned to no class of theirs
    page = student_client.get(reverse("quizzes:quiz-list")).content.decode()
    assert quiz.title in page
    assert "draft-quiz" not in page and "other-class" not in page
    for slug in ("draft-quiz", "other-class"):
        assert student_client.get(reverse("quizzes:quiz-detail", args=[slug])).status_code == 404
        assert student_client.post(reverse("quizzes:start", args=[slug])).status_code == 404
    assert quiz.title not in other_client.get("/").content.decode()
    assert other_client.get(quiz.get_absolute_url()).status_code == 404
    assert quiz.title not in anonymous.get("/").content.decode()


def test_anonymous_visitor_is_asked_to_sign_in_before_starting(anonymous, quiz):
    page = anonymous.get("/").content.decode()
    assert reverse("login") in page
    response = anonymous.post(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Attempt.objects.exists()


def test_quiz_page_shows_article_question_count_and_past_attempts(student_client, attempt):
    page = student_client.get(attempt.quiz.get_absolute_url()).content.decode()
    assert "5 questions" in page
    assert "1億2,000万人が避難" in page  # the article itself
    assert reverse("quizzes:attempt", args=[attempt.pk]) in page


def test_starting_twice_resumes_the_same_attempt(student_client, quiz):
    start = reverse("quizzes:start", args=[quiz.slug])
    first = student_client.post(start)
    second = student_client.post(start)
    assert first.url == second.url
    assert Attempt.objects.count() == 1


def test_start_by_get_is_refused_with_a_message(student_client, quiz):
    response = student_client.get(reverse("quizzes:start", args=[quiz.slug]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "form" in response.content.decode()
    assert not Attempt.objects.exists()


def test_new_attempt_opens_on_the_first_question_with_progress(student_client, quiz):
    response = student_client.post(reverse("quizzes:start", args=[quiz.slug]), follow=True)
    first = quiz.questions.first()
    assert response.redirect_chain[-1][0].endswith(f"/questions/{first.pk}/")
    page = response.content.decode()
    assert "1 / 5" in page
    assert first.prompt in page


def test_plain_form_post_records_and_redirects_to_the_feedback(student_client, attempt):
    question = attempt.quiz.questions.first()
    response = student_client.post(question_url(attempt, question), right_answer(attempt, question))
    assert response.status_code == 302
    assert response.url == question_url(attempt, question)
    page = student_client.get(response.url).content.decode()
    assert "Correct" in page and "feedback-correct" in page
    assert question.explanation in page
    assert "<mark>1億2,000万人</mark>" in page
    second = attempt.quiz.questions.all()[1]
    assert question_url(attempt, second) in page  # the Next button


def test_htmx_post_swaps_in_a_feedback_fragment(student_client, attempt):
    question = attempt.quiz.questions.first()
    response = htmx(
        student_client, question_url(attempt, question), wrong_answer(attempt, question)
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert "feedback-incorrect" in fragment
    assert "1億2,000万人" in fragment  # the correct answer, now that it was answered
    assert question.explanation in fragment
    assert "autofocus" in fragment
    answer = Answer.objects.get()
    assert answer.outcome == "incorrect" and answer.points == 0


def test_coming_back_opens_the_first_unanswered_question(student_client, attempt):
    q1, q2, q3 = list(attempt.quiz.questions.all())[:3]
    student_client.post(question_url(attempt, q1), right_answer(attempt, q1))
    student_client.post(question_url(attempt, q3), right_answer(attempt, q3))
    response = student_client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert response.url == question_url(attempt, q2)


def test_last_answer_finishes_the_attempt_and_shows_the_result(student_client, attempt):
    questions = list(attempt.quiz.questions.all())
    for question in questions[:-1]:
        student_client.post(question_url(attempt, question), right_answer(attempt, question))
    last = questions[-1]
    fragment = htmx(
        student_client, question_url(attempt, last), wrong_answer(attempt, last)
    ).content.decode()
    assert reverse("quizzes:result", args=[attempt.pk]) in fragment
    attempt.refresh_from_db()
    assert attempt.is_finished
    assert attempt.score == 4 and attempt.max_score == 5
    result = student_client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "You scored 4 out of 5." in result
    for question in questions:
        assert question.prompt in result
        assert question.explanation in result


def test_result_of_an_unfinished_attempt_sends_back_to_the_questions(student_client, attempt):
    response = student_client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert response.url == reverse("quizzes:attempt", args=[attempt.pk])


def test_partial_credit_for_multiple_answers(student_client, attempt):
    question = attempt.quiz.questions.get(kind="multiple")
    one_right = right_answer(attempt, question)["choice"][:1]
    fragment = htmx(student_client, question_url(attempt, question), {"choice": one_right})
    assert "feedback-partial" in fragment.content.decode()
    assert Answer.objects.get().points == pytest.approx(0.5)


def test_numeric_answer_accepts_japanese_notation(student_client, attempt):
    question = attempt.quiz.questions.get(kind="numeric")
    htmx(student_client, question_url(attempt, question), {"answer": "１億２０００万人"})
    assert Answer.objects.get().outcome == "correct"


def test_short_text_answer_is_matched_after_folding(student_client, attempt):
    question = attempt.quiz.questions.get(kind="text")
    htmx(student_client, question_url(attempt, question), {"answer": " ｕｎｈｃｒ "})
    assert Answer.objects.get().outcome == "correct"


def test_sign_in_and_out(anonymous, student):
    from .conftest import PASSWORD

    response = anonymous.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert "Signed in as alice" in anonymous.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    anonymous.post(reverse("logout"))
    assert "Signed in as" not in anonymous.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
