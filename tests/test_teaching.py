"""A teacher's pages: gradebook, a student's history, statistics, CSV exports, roster, preview."""

from __future__ import annotations

import csv
import html
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Answer, Attempt, Classroom, Question

from .conftest import htmx, japanese_client
from .factories import make_quiz, right_answer, wrong_answer

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"

# Measured with 10 and with 300 students: the same at both sizes, so nothing runs per student.
GRADEBOOK_PAGE_QUERIES = 7
STATISTICS_PAGE_QUERIES = 8


# --- helpers -------------------------------------------------------------------------------


def take_quiz(user, quiz, right: set[int]) -> Attempt:
    """The student starts an attempt and answers every question through the site.

    `right` holds the 0-based positions (in the quiz's order) answered correctly; the last
    answer finishes the attempt.
    """
    client = Client()
    client.force_login(user)
    attempt = Attempt.start(user, quiz)
    for n, question in enumerate(quiz.questions.prefetch_related("choices")):
        data = (right_answer if n in right else wrong_answer)(attempt, question)
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        assert htmx(client, url, data).status_code == 200
    attempt.refresh_from_db()
    assert attempt.is_finished
    return attempt


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def body_rows(page: str) -> list[list[str]]:
    """The cells of every row of the page's table body, as plain text."""
    tbody = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    return [
        [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", tbody, re.S)
    ]


def english(client: Client, url: str):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def streamed_csv(response) -> tuple[bytes, list[list[str]]]:
    data = b"".join(response.streaming_content)
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def make_student(username: str, classroom: Classroom, **names):
    user = get_user_model().objects.create_user(username=username, password="x", **names)
    classroom.students.add(user)
    return user


# --- gradebook -----------------------------------------------------------------------------


def test_gradebook_shows_every_student_with_attempts_best_and_last_score(
    japanese_teacher, classroom, quiz, student, other_student
):
    quiz.attempts_allowed = 2
    quiz.save()
    classroom.students.add(other_student)
    make_student("carol", classroom)  # joined, never attempted
    take_quiz(student, quiz, right={0, 1, 2, 3})
    take_quiz(student, quiz, right={0, 1})  # a worse retake: best 4, last 2
    take_quiz(other_student, quiz, right={0, 1, 2})

    response = japanese_teacher.get(reverse("teach:gradebook", args=[classroom.pk, quiz.slug]))

    assert response.status_code == 200
    page = response.content.decode()
    assert body_rows(page) == [
        ["alice", "alice", "完了", "2", "4 / 5", "2 / 5"],
        ["bob", "bob", "完了", "1", "3 / 5", "3 / 5"],
        ["carol", "carol", "未受験", "0", "—", "—"],
    ]
    assert text_of(re.search(r'<p class="done-share".*?</p>', page, re.S)[0]) == (
        "3人中2人完了 · 1人が未受験"
    )
    # Who has not started stands out, and not by colour alone: her status says so in words.
    assert re.search(r'<tr class="not-started">\s*<th scope="row"><a [^>]*>carol<', page)


def test_gradebook_tells_two_students_of_the_same_name_apart(japanese_teacher, classroom, quiz):
    make_student("hanako1", classroom, first_name="花子", last_name="山田")
    make_student("hanako2", classroom, first_name="花子", last_name="山田")

    page = japanese_teacher.get(reverse("teach:gradebook", args=[classroom.pk, quiz.slug]))

    rows = body_rows(page.content.decode())
    assert [row[:2] for row in rows[1:]] == [["山田 花子", "hanako1"], ["山田 花子", "hanako2"]]


def test_gradebook_shows_an_attempt_still_in_progress_as_such(
    japanese_teacher, classroom, quiz, student
):
    Attempt.start(student, quiz)  # started, nothing answered

    response = japanese_teacher.get(reverse("teach:gradebook", args=[classroom.pk, quiz.slug]))

    assert body_rows(response.content.decode()) == [["alice", "alice", "途中", "0", "—", "—"]]


# --- score history -------------------------------------------------------------------------


def test_a_students_history_page_lists_their_attempts_with_an_accessible_chart(
    teacher_client, classroom, quiz, student
):
    take_quiz(student, quiz, right={0, 1, 2, 3})

    response = teacher_client.get(reverse("teach:student", args=[classroom.pk, student.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and 'role="img"' in page
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", page, re.S)
    assert desc is not None and "80%" in desc.group(1)  # the chart says in words what it shows
    assert body_rows(page)[0][1:3] == [quiz.title, "4 / 5"]


def test_the_students_own_history_lists_only_their_attempts(
    student_client, classroom, quiz, student, other_student
):
    classroom.students.add(other_student)
    mine = take_quiz(student, quiz, right={0, 1, 2})
    theirs = take_quiz(other_student, quiz, right={0})
    other_quiz = make_quiz(3, slug="bobs-only")
    other_quiz.classes.add(classroom)
    take_quiz(other_student, other_quiz, right={0})

    response = student_client.get(reverse("quizzes:history"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and 'role="img"' in page and "<desc" in page
    assert reverse("quizzes:result", args=[mine.pk]) in page
    assert reverse("quizzes:result", args=[theirs.pk]) not in page
    assert other_quiz.title not in page
    assert [row[1:3] for row in body_rows(page)] == [[quiz.title, "3 / 5"]]


# --- statistics ----------------------------------------------------------------------------


@pytest.fixture
def four_first_attempts(classroom, quiz, student):
    """Four students; question 1 everyone gets right, question 2 three of four.

    totals: alice 5, bob 4, carol 2, dave 1. Question 2: x = 1,1,1,0, rest = 4,3,1,1, so
    F = 75, SD = 100 * sqrt(0.75 / 3) = 50, D = 100 * 1.25 / sqrt(0.75 * 6.75) = 56.
    """
    quiz.shuffle_choices = False  # a wrong answer picks the first wrong option as authored
    quiz.save()
    take_quiz(student, quiz, right={0, 1, 2, 3, 4})
    take_quiz(make_student("bob", classroom), quiz, right={0, 1, 2, 3})
    take_quiz(make_student("carol", classroom), quiz, right={0, 1})
    take_quiz(make_student("dave", classroom), quiz, right={0})
    return quiz


def stat_cards(page: str) -> list[dict[str, str]]:
    """Each question's card on the statistics page: its figures and lists, as plain text."""
    card = r'<li class="card stat-card[^"]*"[^>]*>(.*?)</li>\s*(?=<li class="card|</ol>)'
    cards = re.findall(card, page, re.S)
    result = []
    for card in cards:
        def part(pattern: str, card: str = card) -> str:
            found = re.search(pattern, card, re.S)
            return text_of(found.group(1)) if found else ""

        result.append({
            "facility": part(r'<dd class="facility">(.*?)</dd>'),
            "discrimination": part(r'<dd class="discrimination">(.*?)</dd>'),
            "sd": part(r'<dd class="sd">(.*?)</dd>'),
            "options": part(r'<ul class="plain options-picked">(.*?)</ul>'),
            "wrong": part(r'<ul class="plain wrong-answers">(.*?)</ul>'),
            "flags": part(r'<p class="flags">(.*?)</p>'),
        })  # fmt: skip
    return result


def test_statistics_show_facility_spread_discrimination_and_options_picked(
    teacher_client, classroom, four_first_attempts
):
    quiz = four_first_attempts
    url = reverse("teach:statistics", args=[classroom.pk, quiz.slug])

    response = english(teacher_client, url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "On 4 finished first attempts." in page
    # Totals 5, 4, 2 and 1 out of 5.
    assert "average 3.0, median 3.0 (out of 5)." in page
    cards = stat_cards(page)
    assert len(cards) == 5
    first, second = cards[0], cards[1]
    assert [first["facility"], first["sd"], first["discrimination"]] == ["100%", "0", "—"]
    assert [second["facility"], second["sd"], second["discrimination"]] == ["75%", "50", "56"]
    # Options picked, the never-picked one included.
    assert "1億2,000万人: 4" in first["options"] and "2億人: 0" in first["options"]
    for picked in ("2023年: 3", "国連: 3", "2019年: 1", "世界銀行: 0"):
        assert picked in second["options"]


def test_statistics_explain_the_figures_in_plain_words_with_moodles_terms_below(
    teacher_client, classroom, quiz
):
    url = reverse("teach:statistics", args=[classroom.pk, quiz.slug])

    page = text_of(teacher_client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode())

    assert "正答率 * Moodleの用語では" in page
    assert "識別力 * Moodleの用語では" in page
    assert "Facility index" in page.split("Moodleの用語")[-1]
    assert "Discrimination index" in page.split("Moodleの用語")[-1]


def test_statistics_list_the_most_common_wrong_typed_answers(
    teacher_client, classroom, quiz, student
):
    given = [("bob", "ＵＮＨＣＲ"), ("carol", "国連"), ("dave", "国連 "), ("eve", "WHO")]
    for name, typed in given:
        pupil = make_student(name, classroom)
        attempt = Attempt.start(pupil, quiz)
        question = quiz.questions.get(kind="text")
        client = Client()
        client.force_login(pupil)
        htmx(client, reverse("quizzes:question", args=[attempt.pk, question.pk]), {"answer": typed})
        attempt.finish()

    url = reverse("teach:statistics", args=[classroom.pk, quiz.slug])
    cards = stat_cards(english(teacher_client, url).content.decode())

    assert cards[4]["wrong"] == "国連: 2 WHO: 1"  # the right UNHCR is not among them


def test_a_question_everyone_gets_right_is_flagged_too_easy(
    teacher_client, classroom, four_first_attempts
):
    url = reverse("teach:statistics", args=[classroom.pk, four_first_attempts.slug])

    cards = stat_cards(english(teacher_client, url).content.decode())

    assert cards[0]["flags"] == "⚠ too easy"
    assert all("too easy" not in card["flags"] for card in cards[1:])


def test_statistics_count_first_attempts_only(teacher_client, classroom, quiz, student):
    quiz.attempts_allowed = 2
    quiz.save()
    for name in ("bob", "carol"):
        take_quiz(make_student(name, classroom), quiz, right={0})
    take_quiz(student, quiz, right=set())
    take_quiz(student, quiz, right={0, 1, 2, 3, 4})  # a retake on known questions

    url = reverse("teach:statistics", args=[classroom.pk, quiz.slug])
    cards = stat_cards(english(teacher_client, url).content.decode())

    assert cards[0]["facility"] == "67%"  # 2 of 3 first attempts; the retake would make it 3 of 4
    assert cards[1]["facility"] == "0%"


# --- CSV exports ---------------------------------------------------------------------------


def test_gradebook_csv_streams_a_bom_header_and_one_row_per_student(
    teacher_client, classroom, quiz, student
):
    take_quiz(student, quiz, right={0, 1, 2})
    make_student("mallory", classroom, first_name='=HYPERLINK("x")')
    make_student("hanako", classroom, first_name="花子", last_name="山田")

    response = teacher_client.get(
        reverse("teach:gradebook-csv", args=[classroom.pk, quiz.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    data, rows = streamed_csv(response)
    assert data.startswith(BOM)
    header, *students = rows
    assert header[:3] == ["User name", "Name", "Attempts"]
    assert [row[0] for row in students] == ["alice", "hanako", "mallory"]
    by_name = {row[0]: row for row in students}
    assert by_name["alice"][2:] == ["1", "3.00", "3.00", "5"]
    assert by_name["hanako"][1] == "花子 山田"  # in English, given name first
    assert by_name["mallory"][1] == '\'=HYPERLINK("x")'  # text, never a formula
    assert by_name["mallory"][2:] == ["0", "", "", ""]


def test_answers_csv_has_one_row_per_answer_with_its_verdict_and_points(
    teacher_client, classroom, quiz, student
):
    take_quiz(student, quiz, right={0, 1, 2})

    response = teacher_client.get(
        reverse("teach:answers-csv", args=[classroom.pk, quiz.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert response.streaming is True
    data, (header, *rows) = streamed_csv(response)
    assert data.startswith(BOM)
    assert header[6:8] == ["Verdict", "Points"]
    assert len(rows) == Answer.objects.count() == 5
    assert [(row[0], row[2], row[3]) for row in rows] == [
        ("alice", "1", str(n)) for n in range(1, 6)
    ]
    assert [row[6] for row in rows] == ["correct"] * 3 + ["incorrect"] * 2
    assert [Decimal(row[7]) for row in rows] == [1, 1, 1, 0, 0]
    assert rows[0][5] == "1億2,000万人"  # what the student chose, as text


# --- roster --------------------------------------------------------------------------------


def test_adding_a_student_by_following_a_link_is_refused(teacher_client, classroom):
    response = teacher_client.get(reverse("teach:add-student", args=[classroom.pk]))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert classroom.students.count() == 1


# --- preview -------------------------------------------------------------------------------


def preview_attempt(quiz, teacher) -> Attempt:
    # The same unsaved attempt the preview uses, so the posted option positions match.
    return Attempt(pk=0, quiz=quiz, student=teacher, number=quiz.attempts_allowed)


def test_preview_shows_the_first_question_under_a_preview_banner(teacher_client, quiz):
    response = english(teacher_client, reverse("teach:preview", args=[quiz.slug]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview as a student" in page and "preview-banner" in page
    assert quiz.questions.first().prompt in page
    assert Attempt.objects.count() == 0


def test_preview_of_question_zero_is_a_404_not_the_first_question(teacher_client, quiz):
    response = teacher_client.get(reverse("teach:preview-question", args=[quiz.slug, 0]))
    assert response.status_code == 404


@pytest.mark.parametrize("with_htmx", [True, False], ids=["htmx", "plain-post"])
def test_answering_in_preview_gives_feedback_and_records_nothing(
    teacher_client, teacher, quiz, with_htmx
):
    attempt = preview_attempt(quiz, teacher)
    for question, answer, verdict in [
        (quiz.questions.get(order=1), right_answer, "Correct"),
        (quiz.questions.get(order=2), wrong_answer, "Incorrect"),
    ]:
        url = reverse("teach:preview-question", args=[quiz.slug, question.pk])
        data = answer(attempt, question)
        extra = {"HTTP_HX_REQUEST": "true"} if with_htmx else {}

        response = teacher_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en", **extra)

        assert response.status_code == 200
        page = response.content.decode()
        assert f'id="feedback-{question.pk}"' in page
        assert re.search(rf"\b{verdict}\b", text_of(page))
        assert ("<html" in page) is not with_htmx  # htmx gets the answer area alone
    assert Attempt.objects.count() == 0
    assert Answer.objects.count() == 0


# --- query counts --------------------------------------------------------------------------


@pytest.fixture(params=[10, 300], ids=["10-students", "300-students"])
def big_class(request, classroom, quiz):
    """A class of N students, each with a finished first attempt, created in bulk."""
    User = get_user_model()
    n = request.param
    User.objects.bulk_create(User(username=f"s{i:04d}", password="!") for i in range(n))
    pupils = list(User.objects.filter(username__startswith="s0"))
    classroom.students.add(*pupils)
    now = timezone.now()
    Attempt.objects.bulk_create(
        Attempt(
            student=pupil,
            quiz=quiz,
            number=1,
            started_at=now,
            finished_at=now,
            score=Decimal(i % 6),
            max_score=5,
        )  # fmt: skip
        for i, pupil in enumerate(pupils)
    )
    attempts = list(Attempt.objects.filter(quiz=quiz, student__in=pupils).order_by("pk"))
    questions = list(quiz.questions.prefetch_related("choices"))
    answers = []
    for i, attempt in enumerate(attempts):
        for question in questions:
            right = (i + question.order) % 2 == 0
            choices = list(question.choices.all())
            if choices:
                picked = next(c for c in choices if c.is_correct == right)
                response = {"choices": [picked.pk]}
            else:
                response = {"text": "1億2000万" if right else "まちがい"}
            answers.append(
                Answer(
                    attempt=attempt,
                    question=question,
                    response=response,
                    outcome=(Answer.Outcome.CORRECT if right else Answer.Outcome.INCORRECT),
                    credit=Decimal(int(right)),
                    points=Decimal(int(right)),
                )  # fmt: skip
            )
    Answer.objects.bulk_create(answers)
    assert classroom.students.count() == n + 1  # and alice, from the fixture
    return classroom, quiz, n


def test_gradebook_queries_do_not_grow_with_the_class(
    teacher_client, big_class, django_assert_max_num_queries
):
    classroom, quiz, n = big_class
    url = reverse("teach:gradebook", args=[classroom.pk, quiz.slug])

    with django_assert_max_num_queries(GRADEBOOK_PAGE_QUERIES):
        response = teacher_client.get(url)

    assert response.status_code == 200
    assert len(body_rows(response.content.decode())) == n + 1


def test_gradebook_queries_stay_fixed_with_changes_to_marks(
    teacher, teacher_client, big_class, django_assert_max_num_queries
):
    from quizzes import regrading

    classroom, quiz, n = big_class
    for answer in Answer.objects.filter(attempt__quiz=quiz, outcome="incorrect")[:20]:
        regrading.accept_for_student(answer, by=teacher)
    url = reverse("teach:gradebook", args=[classroom.pk, quiz.slug])

    with django_assert_max_num_queries(GRADEBOOK_PAGE_QUERIES):
        response = teacher_client.get(url)

    assert response.content.decode().count("<li>") >= 20


def test_statistics_queries_do_not_grow_with_the_class(
    teacher_client, big_class, django_assert_max_num_queries
):
    classroom, quiz, n = big_class
    url = reverse("teach:statistics", args=[classroom.pk, quiz.slug])

    with django_assert_max_num_queries(STATISTICS_PAGE_QUERIES):
        response = english(teacher_client, url)

    assert response.status_code == 200
    assert f"On {n} finished first attempts." in response.content.decode()


def test_question_kinds_cover_every_kind(quiz):
    # The fixtures above lean on the quiz holding one question of each kind, in this order.
    assert list(quiz.questions.values_list("kind", flat=True)) == [
        Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE,
        Question.Kind.NUMERIC, Question.Kind.TEXT,
    ]  # fmt: skip


@pytest.fixture
def japanese_teacher(teacher):
    """The gradebook as a Japanese teacher reads it: 完了, 途中, family name first."""
    return japanese_client(teacher)
