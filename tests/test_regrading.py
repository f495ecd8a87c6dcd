"""Fair marks: natural name variants, a teacher's view of an attempt answer by answer, and
changes to recorded marks for one student or for everyone, with everything that follows."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.models import Answer, Attempt, Regrade

from .conftest import htmx
from .factories import right_answer, wrong_answer

pytestmark = pytest.mark.django_db


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def answer(client: Client, attempt: Attempt, question, data: dict):
    return htmx(client, reverse("quizzes:question", args=[attempt.pk, question.pk]), data)


def finish(client: Client, attempt: Attempt, typed: str, *, right: bool = False) -> Attempt:
    """Answer every question wrongly (or rightly), the short-text one with `typed`."""
    for question in attempt.quiz.questions.prefetch_related("choices"):
        if question.kind == "text":
            data = {"answer": typed}
        else:
            data = (right_answer if right else wrong_answer)(attempt, question)
        assert answer(client, attempt, question, data).status_code == 200
    attempt.refresh_from_db()
    assert attempt.is_finished
    return attempt


@pytest.fixture
def text_question(quiz):
    question = quiz.questions.get(kind="text")
    question.accepted_answers = "鹿児島県"
    question.save()
    return question


@pytest.fixture
def bob_in_class(classroom, other_student, other_client):
    classroom.students.add(other_student)
    return other_client


def english(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


# --- natural variants, through the site ----------------------------------------------------


def test_a_student_typing_a_place_without_its_prefecture_is_right_where_the_teacher_allows_it(
    student_client, attempt, text_question
):
    text_question.accept_name_variants = True
    text_question.save()

    answer(student_client, attempt, text_question, {"answer": "鹿児島"})

    assert Answer.objects.get(question=text_question).outcome == "correct"


def test_without_the_box_ticked_only_the_accepted_answers_count(
    student_client, attempt, text_question
):
    answer(student_client, attempt, text_question, {"answer": "鹿児島"})

    assert Answer.objects.get(question=text_question).outcome == "incorrect"


# --- an attempt, answer by answer ----------------------------------------------------------


def test_the_teacher_sees_an_attempt_answer_by_answer(
    teacher_client, classroom, student_client, attempt, text_question
):
    finish(student_client, attempt, "鹿児島")
    url = reverse("teach:attempt", args=[classroom.pk, attempt.pk])

    page = english(teacher_client).get(url).content.decode()

    text = text_of(page)
    assert "alice: " in text and "Score 0 / 5" in text
    assert text.count("Answer given") == 5
    assert "Answer given 鹿児島 Verdict ✘ incorrect (0 of 1 points) Correct answer 鹿児島県" in text
    assert page.count('action="/teach/classes/') == 5  # accept, for each wrong answer


def test_the_students_own_history_page_for_her_teacher_links_each_attempt(
    teacher_client, classroom, student, student_client, attempt, text_question
):
    finish(student_client, attempt, "鹿児島")

    page = teacher_client.get(reverse("teach:student", args=[classroom.pk, student.pk]))

    assert reverse("teach:attempt", args=[classroom.pk, attempt.pk]) in page.content.decode()


def test_an_outsider_or_a_student_gets_a_404_for_an_attempt(
    other_teacher, classroom, student_client, attempt
):
    url = reverse("teach:attempt", args=[classroom.pk, attempt.pk])
    outsider = Client()
    outsider.force_login(other_teacher)

    assert outsider.get(url).status_code == 404
    assert student_client.get(url).status_code == 404


# --- accepting an answer for one student ---------------------------------------------------


def test_the_teacher_accepts_one_students_answer_and_everything_follows(
    teacher, teacher_client, classroom, quiz, student, student_client, attempt, text_question,
    bob_in_class, other_student,
):  # fmt: skip
    finish(student_client, attempt, "鹿児島")
    bobs = finish(bob_in_class, Attempt.start(other_student, quiz), "鹿児島")
    given = Answer.objects.get(attempt=attempt, question=text_question)

    response = teacher_client.post(reverse("teach:accept-answer", args=[classroom.pk, given.pk]))

    assert response.status_code == 302
    assert response.url == reverse("teach:attempt", args=[classroom.pk, attempt.pk])
    given.refresh_from_db()
    attempt.refresh_from_db()
    assert (given.outcome, given.credit, given.points) == ("correct", 1, 1)
    assert attempt.score == 1
    bobs.refresh_from_db()
    assert bobs.score == 0  # for her only
    regrade = Regrade.objects.get()
    assert (regrade.action, regrade.by, regrade.answer, regrade.text) == (
        "accept_for_student", teacher, given, "鹿児島",
    )  # fmt: skip
    gradebook = teacher_client.get(reverse("teach:gradebook", args=[classroom.pk, quiz.slug]))
    assert "1 / 5" in text_of(gradebook.content.decode())
    assert "accepted “鹿児島” for alice" in text_of(
        english(teacher_client).get(reverse("teach:gradebook", args=[classroom.pk, quiz.slug]))
        .content.decode()
    )
    history = student_client.get(reverse("quizzes:history")).content.decode()
    assert "1 / 5" in text_of(history)


def test_accepting_an_answer_is_a_post_and_for_her_teacher_only(
    other_teacher, classroom, student_client, attempt, text_question, teacher_client
):
    finish(student_client, attempt, "鹿児島")
    given = Answer.objects.get(attempt=attempt, question=text_question)
    url = reverse("teach:accept-answer", args=[classroom.pk, given.pk])
    outsider = Client()
    outsider.force_login(other_teacher)

    assert teacher_client.get(url).status_code == 405
    assert outsider.post(url).status_code == 404
    assert student_client.post(url).status_code == 404
    given.refresh_from_db()
    assert given.outcome == "incorrect" and not Regrade.objects.exists()


# --- changes for everyone ------------------------------------------------------------------


def regrade(client: Client, classroom, question, **data):
    url = reverse("teach:regrade", args=[classroom.pk, question.quiz.slug, question.pk])
    return client.post(url, data)


def test_accepting_an_answer_for_everyone_rescores_past_answers_and_grades_later_ones(
    teacher, teacher_client, classroom, quiz, student, student_client, attempt, text_question,
    bob_in_class, other_student,
):  # fmt: skip
    finish(student_client, attempt, "鹿児島", right=True)
    bobs = finish(bob_in_class, Attempt.start(other_student, quiz), "ｶｺﾞｼﾏ")

    response = regrade(teacher_client, classroom, text_question, action="accept", text="鹿児島")

    assert response.status_code == 302
    attempt.refresh_from_db()
    bobs.refresh_from_db()
    assert attempt.score == 5  # 4 right, and 鹿児島 now accepted
    assert bobs.score == 0
    text_question.refresh_from_db()
    assert text_question.accepted_answer_list() == ("鹿児島県", "鹿児島")
    regrade_record = Regrade.objects.get()
    assert (regrade_record.action, regrade_record.text, regrade_record.answers_changed) == (
        "accept_for_everyone", "鹿児島", 1,
    )  # fmt: skip
    assert regrade_record.by == teacher and regrade_record.at is not None
    # A student answering later is graded with it.
    carol_client = Client()
    from django.contrib.auth import get_user_model

    carol = get_user_model().objects.create_user("carol", password="x")
    classroom.students.add(carol)
    carol_client.force_login(carol)
    later = Attempt.start(carol, quiz)
    answer(carol_client, later, text_question, {"answer": "鹿児島"})
    assert Answer.objects.get(attempt=later).outcome == "correct"


def test_a_question_that_counts_for_nothing_leaves_every_score_and_maximum_fair(
    teacher_client, classroom, quiz, student, student_client, attempt, text_question,
    bob_in_class, other_student,
):  # fmt: skip
    finish(student_client, attempt, "鹿児島県", right=True)  # 5 / 5
    bobs = finish(bob_in_class, Attempt.start(other_student, quiz), "x")  # 0 / 5

    response = regrade(teacher_client, classroom, text_question, action="no_credit", confirm="yes")

    assert response.status_code == 302
    attempt.refresh_from_db()
    bobs.refresh_from_db()
    assert (attempt.score, attempt.max_score) == (4, 4)
    assert (bobs.score, bobs.max_score) == (0, 4)
    text_question.refresh_from_db()
    assert text_question.points == 0
    assert Answer.objects.get(attempt=attempt, question=text_question).points == 0
    record = Regrade.objects.get()
    assert (record.action, record.points_before, record.answers_changed) == ("no_credit", 1, 1)
    # The statistics say so, and new attempts are out of 4.
    teacher_client.get(reverse("teach:gradebook", args=[classroom.pk, quiz.slug]))  # the message
    stats = english(teacher_client).get(
        reverse("teach:statistics", args=[classroom.pk, quiz.slug])
    ).content.decode()
    assert text_of(stats).count("This question counts for nothing.") == 1
    from django.contrib.auth import get_user_model

    carol = get_user_model().objects.create_user("carol", password="x")
    classroom.students.add(carol)
    assert Attempt.start(carol, quiz).max_score == 4


def test_counting_for_nothing_needs_the_box_ticked(teacher_client, classroom, text_question):
    response = regrade(teacher_client, classroom, text_question, action="no_credit")

    assert response.status_code == 302
    text_question.refresh_from_db()
    assert text_question.points == 1 and not Regrade.objects.exists()


def test_only_a_short_text_question_accepts_another_typed_answer(teacher_client, classroom, quiz):
    numeric = quiz.questions.get(kind="numeric")

    regrade(teacher_client, classroom, numeric, action="accept", text="5")

    assert not Regrade.objects.exists()


def test_a_colleague_with_a_shared_quiz_reads_the_answers_but_cannot_regrade_for_everyone(
    two_teachers, teacher_client, teacher
):
    question = two_teachers.quiz_s.questions.get(kind="single")  # suzuki's quiz, shared
    url = reverse("teach:question", args=[two_teachers.class_a.pk, two_teachers.quiz_s.slug,
                                          question.pk])  # fmt: skip

    page = english(teacher_client).get(url)

    assert page.status_code == 200
    assert "Only the quiz's owner" in page.content.decode()
    response = regrade(teacher_client, two_teachers.class_a, question, action="no_credit",
                       confirm="yes")  # fmt: skip
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.points == 1 and not Regrade.objects.exists()


def test_the_question_page_counts_the_class_answers_and_offers_to_accept_a_wrong_one(
    teacher_client, classroom, quiz, student_client, attempt, text_question, bob_in_class,
    other_student,
):  # fmt: skip
    finish(student_client, attempt, "鹿児島")
    finish(bob_in_class, Attempt.start(other_student, quiz), " 鹿児島 ")
    url = reverse("teach:question", args=[classroom.pk, quiz.slug, text_question.pk])

    page = english(teacher_client).get(url).content.decode()

    assert "鹿児島 incorrect 2" in text_of(page)
    assert "Accept “鹿児島” for everyone" in html.unescape(page)


def test_a_regrade_changes_nothing_it_should_not(
    teacher_client, classroom, student_client, attempt, text_question
):
    finish(student_client, attempt, "まちがい")

    regrade(teacher_client, classroom, text_question, action="accept", text="鹿児島")

    assert Answer.objects.get(attempt=attempt, question=text_question).points == Decimal(0)
    assert Regrade.objects.get().answers_changed == 0
