"""Bad input gets a clear 4xx message, never a 500, and writes nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quizzes.models import Answer, Attempt

from .conftest import htmx
from .factories import make_quiz, right_answer

pytestmark = pytest.mark.django_db


def question_url(attempt, question):
    return reverse("quizzes:question", args=[attempt.pk, question.pk])


def question_of(attempt, kind):
    return attempt.quiz.questions.get(kind=kind)


def assert_refused(response, status: int, *phrases: str):
    assert response.status_code == status
    page = response.content.decode()
    assert any(p in page for p in phrases), page[:500]
    assert not Answer.objects.exists()


@pytest.mark.parametrize("use_htmx", [False, True], ids=["plain", "htmx"])
def test_unknown_ids_are_404(student_client, attempt, use_htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if use_htmx else {}
    question = attempt.quiz.questions.first()
    other_quiz = make_quiz(1, slug="elsewhere")
    foreign = other_quiz.questions.first()
    for url in (
        reverse("quizzes:question", args=[attempt.pk + 999, question.pk]),
        reverse("quizzes:question", args=[attempt.pk, question.pk + 999]),
        question_url(attempt, foreign),  # a real question, but of another quiz
    ):
        response = student_client.post(url, {"choice": "1"}, **headers)
        assert_refused(response, 404, "Not found", "見つかりません")
    assert student_client.get("/quizzes/no-such-quiz/").status_code == 404


@pytest.mark.parametrize("position", ["5", "0", "-1", "99999"])
def test_choice_that_is_not_one_of_the_options_is_refused(student_client, attempt, position):
    single = question_of(attempt, "single")  # four options: positions 1 to 4
    response = htmx(student_client, question_url(attempt, single), {"choice": position})
    assert_refused(response, 400, "not one of this question", "この問題の選択肢")
    assert 'role="alert"' in response.content.decode()


def test_the_page_posts_positions_not_database_ids(student_client, attempt):
    question = question_of(attempt, "single")
    page = student_client.get(reverse("quizzes:question", args=[attempt.pk, question.pk]))
    values = sorted(re.findall(r'name="choice" value="(\d+)"', page.content.decode()))
    assert values == ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"choice": ""},
        {"choice": "abc"},
        {"choice": "1e3"},
        {"choice": "１"},
        {"choice": "1\x00"},
        {"choice": str(2**70)},
        {"choice": ["1", "2"]},
    ],
    ids=[
        "missing",
        "empty",
        "not-a-number",
        "float",
        "full-width",
        "nul",
        "huge",
        "two-for-single",
    ],
)
def test_malformed_single_choice_is_refused(student_client, attempt, data):
    question = question_of(attempt, "single")
    response = htmx(student_client, question_url(attempt, question), data)
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_repeated_choice_in_multiple_answers_is_refused(student_client, attempt):
    question = question_of(attempt, "multiple")
    right = right_answer(attempt, question)["choice"][0]
    response = htmx(student_client, question_url(attempt, question), {"choice": [right, right]})
    assert_refused(response, 400, "twice", "2回")


@pytest.mark.parametrize("kind", ["numeric", "text"])
def test_missing_empty_and_repeated_typed_answers_are_refused(student_client, attempt, kind):
    question = question_of(attempt, kind)
    for data in ({}, {"answer": "   "}, {"answer": ["1", "2"]}):
        response = student_client.post(question_url(attempt, question), data)
        assert response.status_code == 400
        assert "<html" in response.content.decode()  # without JavaScript: the whole page again
    assert not Answer.objects.exists()


@pytest.mark.parametrize("text", ["\x00", "UN\x00HCR", "a\x07b"])
def test_control_characters_in_a_typed_answer_are_refused(student_client, attempt, text):
    question = question_of(attempt, "text")
    response = htmx(student_client, question_url(attempt, question), {"answer": text})
    assert_refused(response, 400, "control characters", "制御文字")


def test_text_over_a_sane_length_is_refused(student_client, attempt):
    question = question_of(attempt, "text")
    response = htmx(student_client, question_url(attempt, question), {"answer": "あ" * 201})
    assert_refused(response, 400, "too long", "長すぎ")


def test_numeric_answer_that_is_not_a_number_is_refused(student_client, attempt):
    question = question_of(attempt, "numeric")
    response = htmx(student_client, question_url(attempt, question), {"answer": "たくさん"})
    assert_refused(response, 400, "Enter a number", "数値")
    # The student can still answer properly afterwards.
    ok = htmx(student_client, question_url(attempt, question), {"answer": "120,000,000"})
    assert ok.status_code == 200
    assert Answer.objects.get().outcome == "correct"


def test_a_refused_answer_comes_back_as_it_was_typed_with_the_focus_in_it(student_client, attempt):
    question = question_of(attempt, "numeric")
    response = htmx(student_client, question_url(attempt, question), {"answer": "<たくさん>"})
    assert response.status_code == 400
    fragment = response.content.decode()
    field = re.search(r'<input type="text" name="answer"[^>]*>', fragment)[0]
    assert 'value="&lt;たくさん&gt;"' in field
    assert "autofocus" in field and 'aria-invalid="true"' in field
    assert fragment.count("autofocus") == 1


def test_a_refused_choice_keeps_what_was_ticked(student_client, attempt):
    question = question_of(attempt, "multiple")
    response = htmx(student_client, question_url(attempt, question), {"choice": ["2", "2"]})
    assert response.status_code == 400
    fragment = response.content.decode()
    ticked = re.search(r'<input type="checkbox" name="choice" value="2"[^>]*>', fragment)[0]
    assert " checked" in ticked
    first = re.search(r'<input type="checkbox" name="choice" value="1"[^>]*>', fragment)[0]
    assert " checked" not in first and "autofocus" in first


def test_oversized_request_body_is_a_400_not_a_500(student_client, attempt):
    question = question_of(attempt, "text")
    response = student_client.post(question_url(attempt, question), {"answer": "x" * 300_000})
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_get_on_post_endpoints_is_a_405_with_a_message(student_client, attempt):
    url = reverse("quizzes:start", args=[attempt.quiz.slug])
    response = student_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "This address only accepts a submitted form." in response.content.decode()


def test_a_question_is_only_read_and_answered(student_client, attempt):
    question = attempt.quiz.questions.first()
    url = question_url(attempt, question)
    response = student_client.put(url, {"choice": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert "This address does not accept that method." in response.content.decode()
    assert not Answer.objects.exists()


def test_starting_a_quiz_without_questions_is_a_409(student_client, classroom):
    make_quiz(0, slug="empty").classes.add(classroom)
    response = student_client.post(reverse("quizzes:start", args=["empty"]))
    assert response.status_code == 409
    assert not Attempt.objects.exists()


def test_wrong_content_type_is_refused(student_client, attempt):
    question = question_of(attempt, "text")
    response = student_client.post(
        question_url(attempt, question), '{"answer": "UNHCR"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_a_request_body_over_the_limit_is_a_413_even_as_a_file_upload(student_client, attempt):
    from django.core.files.uploadedfile import SimpleUploadedFile

    question = question_of(attempt, "text")
    big = SimpleUploadedFile("big.bin", b"x" * (2 * 1024 * 1024))
    response = student_client.post(question_url(attempt, question), {"answer": "UNHCR", "f": big})
    assert response.status_code == 413
    assert not Answer.objects.exists()


def test_a_server_error_under_htmx_still_tells_the_student(student_client, attempt, monkeypatch):
    from django.test import Client

    from quizzes import views

    def boom(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(views.grading, "grade", boom)
    client = Client(raise_request_exception=False)
    client.cookies = student_client.cookies
    question = question_of(attempt, "text")
    response = htmx(client, question_url(attempt, question), {"answer": "UNHCR"})
    assert response.status_code == 500
    assert 'role="alert"' in response.content.decode()
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("query", ["article__id__exact=1%00", "q=%00", "article__id__exact=1\x00"])
def test_a_nul_in_the_query_string_is_a_400_with_a_message(teacher_client, quiz, query):
    url = reverse("admin:quizzes_quiz_changelist") + "?" + query
    response = teacher_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "This address contains a null character, which no page accepts." in (
        response.content.decode()
    )


def test_a_nul_in_a_student_pages_query_string_is_a_400_in_japanese(student_client, quiz):
    response = student_client.get("/?page=%00", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 400
    assert "このアドレスにはヌル文字が含まれているため、受け付けられません。" in (
        response.content.decode()
    )


INVISIBLE_ANSWERS = [
    "\u200b", "\u202e", "\u200e\u200f", "\u2060\ufeff", " \u3000\u200b\t", "\u3164", "\u2800",
    "\u180e\u200d\u200c",
]  # fmt: skip


@pytest.mark.parametrize("kind", ["numeric", "text"])
@pytest.mark.parametrize("text", INVISIBLE_ANSWERS)
def test_an_answer_of_invisible_characters_only_is_empty(student_client, attempt, kind, text):
    question = question_of(attempt, kind)
    response = student_client.post(
        question_url(attempt, question), {"answer": text}, HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert_refused(response, 400, "Type an answer first.")


def test_invisible_characters_around_an_answer_are_dropped(student_client, attempt):
    question = question_of(attempt, "text")
    response = htmx(
        student_client, question_url(attempt, question), {"answer": "\u200bUNHCR\u202e"}
    )
    assert response.status_code == 200
    answer = Answer.objects.get()
    assert answer.response == {"text": "UNHCR"}
    assert answer.outcome == "correct"


def test_the_empty_answer_message_is_in_japanese(student_client, attempt):
    question = question_of(attempt, "text")
    response = student_client.post(
        question_url(attempt, question), {"answer": "\u200b"}, HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert_refused(response, 400, "先に答えを入力してください。")


def test_no_template_comment_leaks_into_the_question_page(student_client, attempt):
    question = question_of(attempt, "numeric")
    url = reverse("quizzes:question", args=[attempt.pk, question.pk])
    pages = [
        student_client.get(url).content.decode(),
        htmx(student_client, question_url(attempt, question), {"answer": "x"}).content.decode(),
        student_client.post(question_url(attempt, question), {"answer": "x"}).content.decode(),
    ]
    for page in pages:
        assert "{#" not in page and "#}" not in page
