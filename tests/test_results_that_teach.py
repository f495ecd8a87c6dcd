"""Results that teach: the result page's opening line and grid, practising the questions missed,
and the quiz list telling each quiz's status before Start."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Answer, Attempt

from .conftest import htmx
from .factories import positions, right_answer, wrong_answer

pytestmark = pytest.mark.django_db


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def answer(client: Client, attempt: Attempt, question, data: dict):
    return htmx(client, reverse("quizzes:question", args=[attempt.pk, question.pk]), data)


def take(client: Client, attempt: Attempt, right: set[str], partly: set[str] = frozenset()):
    """Answer every question: right for the kinds in `right`, two of the two right options and
    one wrong for the multiple-answer question in `partly`, wrong otherwise."""
    for question in attempt.quiz.questions.prefetch_related("choices"):
        if question.kind in partly:
            data = {"choice": positions(attempt, question, True)[:1]}  # 1 of 2 right options
        elif question.kind in right:
            data = right_answer(attempt, question)
        else:
            data = wrong_answer(attempt, question)
        assert answer(client, attempt, question, data).status_code == 200
    attempt.refresh_from_db()
    assert attempt.is_finished
    return attempt


def result_page(client: Client, attempt: Attempt, language: str = "ja") -> str:
    url = reverse("quizzes:result", args=[attempt.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


# --- the result page -------------------------------------------------------------------------


def test_the_result_opens_with_how_many_were_right_and_the_percentage(student_client, attempt):
    take(student_client, attempt, right={"single", "true_false", "numeric"})

    page = result_page(student_client, attempt)

    assert re.search(r'<p class="score" role="status">5問中3問正解（60%）</p>', page)
    assert "<p class=\"score\" role=\"status\">3 of 5 right (60%)</p>" in result_page(
        student_client, attempt, "en"
    )


def test_partial_credit_shows_as_a_fraction_and_the_score_rounded(student_client, attempt):
    take(student_client, attempt, right={"single", "numeric"}, partly={"multiple"})

    page = result_page(student_client, attempt, "en")

    # 2 + 1/2 of a point = 2.5 of 5 (50%): one partly right, never "2.50".
    assert '<p class="score" role="status">2 of 5 right, 1 partly (50%)</p>' in page
    assert "You scored 2.5 out of 5." in page
    cell = re.search(r'<a href="#q-2" class="cell cell-partial">(.*?)</a>', page, re.S)[1]
    assert "1/2" in cell and "partly correct, 1/2" in cell
    assert "(0.5 of 1 points)" in page


def test_the_grid_jumps_to_each_questions_review(student_client, attempt):
    take(student_client, attempt, right={"single"})

    page = result_page(student_client, attempt, "en")

    grid = re.findall(r'<a href="#q-(\d)" class="cell cell-(\w+)">', page)
    assert grid == [("1", "correct"), ("2", "incorrect"), ("3", "incorrect"),
                    ("4", "incorrect"), ("5", "incorrect")]  # fmt: skip
    assert all(f'<li id="q-{n}" tabindex="-1">' in page for n in range(1, 6))
    assert page.index('class="question-grid"') < page.index("<h2>Review</h2>")


def test_each_verdict_in_the_review_names_its_question(student_client, attempt):
    take(student_client, attempt, right={"single", "true_false"})

    page = result_page(student_client, attempt)

    # Regions named by their verdict alone would read 正解, 不正解, 正解…: axe's landmark-unique.
    verdicts = re.findall(r'<h2 class="verdict" id="verdict-\d+">(.*?)</h2>', page, re.S)
    names = [text_of(re.sub(r'<span aria-hidden="true">.*?</span>', "", v)) for v in verdicts]
    assert names[:3] == [
        "問1： 正解 (1点中1点)",
        "問2： 不正解 (1点中0点)",
        "問3： 正解 (1点中1点)",
    ]
    assert len(set(names)) == len(names) == 5


def test_a_total_of_seven_and_two_thirds_reads_7_7(student_client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(
        finished_at=timezone.now(), score="7.67", max_score=14
    )

    page = result_page(student_client, attempt, "en")

    assert "You scored 7.7 out of 14." in page and "7.67" not in page


# --- practice --------------------------------------------------------------------------------


def practice_url(attempt: Attempt, question) -> str:
    """One address per question: GET shows it, POST answers it."""
    return reverse("quizzes:practice-question", args=[attempt.pk, question.pk])


def test_practice_opens_on_the_first_question_missed(student_client, attempt):
    take(student_client, attempt, right={"single", "multiple"})
    page = result_page(student_client, attempt, "en")
    assert "Practise the ones I missed" in page

    response = student_client.get(reverse("quizzes:practice", args=[attempt.pk]))

    third = attempt.quiz.questions.get(kind="true_false")
    assert response.url == reverse("quizzes:practice-question", args=[attempt.pk, third.pk])
    practice = student_client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Practice of the 3 questions you missed" in practice
    assert '<span class="progress-count">1 / 3</span>' in practice


def test_a_practice_answer_is_graded_at_once_and_recorded_nowhere(student_client, attempt):
    take(student_client, attempt, right=set())
    score, answers = attempt.score, list(Answer.objects.values_list("pk", "outcome", "points"))
    question = attempt.quiz.questions.get(kind="numeric")
    url = practice_url(attempt, question)

    fragment = htmx(student_client, url, {"answer": "1億2000万"}).content.decode()

    assert "feedback-correct" in fragment and question.explanation in fragment
    attempt.refresh_from_db()
    assert attempt.score == score
    assert list(Answer.objects.values_list("pk", "outcome", "points")) == answers
    # Without JavaScript, the same answer comes back on the page it posted to.
    page = student_client.post(url, {"answer": "5"}).content.decode()
    assert "feedback-incorrect" in page and "<html" in page


def test_the_last_practice_question_leads_back_to_the_result(student_client, attempt):
    take(student_client, attempt, right={"single", "multiple", "true_false", "numeric"})
    question = attempt.quiz.questions.get(kind="text")
    url = practice_url(attempt, question)

    fragment = htmx(student_client, url, {"answer": "UNHCR"}).content.decode()

    assert f'href="{reverse("quizzes:result", args=[attempt.pk])}"' in fragment


def test_a_question_answered_right_is_not_practised(student_client, attempt):
    take(student_client, attempt, right={"single"})
    question = attempt.quiz.questions.get(kind="single")

    url = practice_url(attempt, question)

    assert student_client.get(url).status_code == 404
    assert student_client.post(url, {"choice": "1"}).status_code == 404


def test_practice_waits_for_the_real_attempt_and_its_results(student_client, quiz, student):
    unfinished = Attempt.start(student, quiz)
    question = quiz.questions.first()
    page = practice_url(unfinished, question)
    assert student_client.get(page).url == reverse("quizzes:attempt", args=[unfinished.pk])

    quiz.attempts_allowed = 2  # now a first attempt: its results wait for the last one
    quiz.save()
    take(student_client, unfinished, right=set())
    assert "Practise the ones I missed" not in result_page(student_client, unfinished, "en")
    refused = student_client.get(page, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 409 and "once your results are shown" in refused.content.decode()
    assert student_client.get(reverse("quizzes:practice", args=[unfinished.pk])).status_code == 409


def test_practice_is_hers_alone_and_read_or_answered_only(student_client, other_client, attempt):
    take(student_client, attempt, right=set())
    question = attempt.quiz.questions.first()
    url = practice_url(attempt, question)

    assert other_client.get(url).status_code == 404
    assert other_client.post(url, {"choice": "1"}).status_code == 404
    assert student_client.put(url, {"choice": "1"}).status_code == 405


def test_no_practice_is_offered_when_everything_was_right(student_client, attempt):
    take(student_client, attempt, right={"single", "multiple", "true_false", "numeric", "text"})

    assert "練習" not in result_page(student_client, attempt)
    response = student_client.get(reverse("quizzes:practice", args=[attempt.pk]))
    assert response.url == reverse("quizzes:result", args=[attempt.pk])


# --- the quiz list ---------------------------------------------------------------------------


def card_of(page: str, title: str) -> str:
    cards = re.findall(r'<li class="card">(.*?)</ul>\s*</li>', page, re.S)
    return text_of(next(card for card in cards if title in card))


def test_the_quiz_list_tells_each_quizs_status_closing_time_and_attempts_left(
    student_client, student, classroom, quiz
):
    from .factories import make_quiz

    started = make_quiz(2, slug="started")
    done = make_quiz(2, slug="done")
    for other in (started, done):
        other.classes.add(classroom)
    done.attempts_allowed = 3
    done.save()
    quiz.closes_at = timezone.now() + timedelta(days=2)
    quiz.save()
    Attempt.start(student, started)
    finished = Attempt.start(student, done)
    take(student_client, finished, right={"single", "multiple"})

    page = student_client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert "未受験" in card_of(page, quiz.title) and "公開終了:" in card_of(page, quiz.title)
    assert "残り受験回数: 1回" in card_of(page, quiz.title)
    assert "途中" in card_of(page, started.title) and "残り受験回数: 0回" in card_of(
        page, started.title
    )
    # A first of three attempts: finished, its score waiting for the last one.
    assert "完了 (得点は最後の受験の後に表示)" in card_of(page, done.title)
    assert "残り受験回数: 2回" in card_of(page, done.title)


def test_the_quiz_list_shows_a_finished_score_once_it_is_revealed(student_client, attempt):
    take(student_client, attempt, right={"single", "multiple", "numeric"})

    page = student_client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert "完了 3 / 5" in card_of(page, attempt.quiz.title)


def test_the_quiz_list_asks_the_database_the_same_whatever_the_number_of_attempts(
    student_client, student, classroom, django_assert_max_num_queries
):
    from .factories import make_quiz

    for n in range(6):
        other = make_quiz(1, slug=f"q{n}")
        other.classes.add(classroom)
        Attempt.start(student, other)
    with django_assert_max_num_queries(6):  # the 6th: a live session running for her classes
        assert student_client.get("/").status_code == 200
