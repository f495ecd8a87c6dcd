"""Accounts: signing in and up, names in Japanese order, a new password from the teacher, the
focus on the first error, the language switcher and the CSV's 「解答」."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from quizzes.models import Attempt

from .conftest import PASSWORD, htmx
from .factories import wrong_answer

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a fresh pass phrase 2027"


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def focused(page: str) -> list[str]:
    """The opening tags that carry autofocus: the first one takes the focus."""
    return re.findall(r"<[a-z]+\b[^>]*\bautofocus\b[^>]*>", page)


@pytest.fixture
def hanako(classroom):
    user = get_user_model().objects.create_user(
        "hanako", password=PASSWORD, first_name="花子", last_name="山田"
    )
    classroom.students.add(user)
    return user


# --- signing in and up -----------------------------------------------------------------------


def test_the_sign_in_page_links_to_sign_up(anonymous):
    page = anonymous.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert f'<a href="{reverse("signup")}">クラスの参加コードでアカウントを作成</a>' in page


def test_a_wrong_password_puts_the_focus_on_the_message(anonymous, student):
    page = anonymous.post(reverse("login"), {"username": "alice", "password": "nope"}).content

    tags = focused(page.decode())
    assert len(tags) == 1 and 'class="error-box"' in tags[0] and 'role="alert"' in tags[0]


def test_a_missing_user_name_puts_the_focus_on_that_field(anonymous):
    page = anonymous.post(reverse("login"), {"username": "", "password": "x"}).content.decode()

    (tag,) = focused(page)
    assert 'name="username"' in tag and 'aria-invalid="true"' in tag
    assert 'aria-describedby="id_username-error"' in tag
    assert 'id="id_username-error"' in page


def test_sign_up_asks_the_family_name_first(anonymous):
    page = anonymous.get(reverse("signup"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    labels = re.findall(r'<label for="id_(\w+)">([^<]*)</label>', page)
    assert labels[:3] == [("username", "ユーザー名"), ("last_name", "姓"), ("first_name", "名")]


def test_after_an_error_at_sign_up_the_focus_goes_to_the_first_field_in_error(anonymous):
    page = anonymous.post(
        reverse("signup"),
        {"username": "sato", "last_name": "佐藤", "first_name": "花子",
         "password1": "a long pass phrase 2026", "password2": "another one", "join_code": "NOPE"},
    ).content.decode()  # fmt: skip

    (tag,) = focused(page)
    assert 'name="password2"' in tag and 'aria-describedby="id_password2-error"' in tag
    assert 'id="id_join_code-error"' in page  # the later error is shown, without the focus


def test_signing_up_with_a_code_says_which_class_she_joined(anonymous, classroom):
    response = anonymous.post(
        reverse("signup"),
        {"username": "sato", "last_name": "佐藤", "first_name": "花子",
         "password1": "a long pass phrase 2026", "password2": "a long pass phrase 2026",
         "join_code": classroom.join_code},
        follow=True, HTTP_ACCEPT_LANGUAGE="ja",
    )  # fmt: skip

    assert "1年A組 に参加しました。" in text_of(response.content.decode())


def test_a_wrong_join_code_puts_the_focus_on_the_code(student_client):
    page = student_client.post(reverse("join-class"), {"join_code": "NOPE"}).content.decode()

    (tag,) = focused(page)
    assert 'name="join_code"' in tag and 'aria-describedby="join-error"' in tag


# --- names, family name first in Japanese ----------------------------------------------------


def test_names_read_family_name_first_in_japanese_and_given_name_first_in_english(
    teacher_client, classroom, quiz, hanako
):
    pages = [
        reverse("teach:class", args=[classroom.pk]),
        reverse("teach:gradebook", args=[classroom.pk, quiz.slug]),
        reverse("teach:student", args=[classroom.pk, hanako.pk]),
    ]
    for url in pages:
        japanese = text_of(teacher_client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode())
        english = text_of(teacher_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
        assert "山田 花子" in japanese and "花子 山田" not in japanese, url
        assert "花子 山田" in english, url


def test_a_teachers_name_on_an_invitation_is_family_name_first(student_client, classroom, teacher):
    from quizzes.models import Classroom

    teacher.first_name, teacher.last_name = "一郎", "田中"
    teacher.save()
    other = Classroom.objects.create(name="2年B組", teacher=teacher)
    other.invite("alice", invited_by=teacher)

    page = text_of(student_client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode())

    assert "田中 一郎" in page


def csv_rows(client: Client, url: str, language: str) -> list[list[str]]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data, newline="")))


def test_the_csvs_name_family_name_first_in_japanese_and_head_the_answers_kaitou(
    teacher_client, classroom, quiz, hanako
):
    client = Client()
    client.force_login(hanako)
    attempt = Attempt.start(hanako, quiz)
    question = quiz.questions.first()
    htmx(client, reverse("quizzes:question", args=[attempt.pk, question.pk]),
         wrong_answer(attempt, question))  # fmt: skip

    gradebook = csv_rows(teacher_client, reverse("teach:gradebook-csv",
                                                 args=[classroom.pk, quiz.slug]), "ja")  # fmt: skip
    answers = csv_rows(teacher_client, reverse("teach:answers-csv",
                                               args=[classroom.pk, quiz.slug]), "ja")  # fmt: skip

    assert ["hanako", "山田 花子"] in [row[:2] for row in gradebook]
    header, row = answers
    assert header[5] == "解答"  # the column, not the button's 「解答する」
    assert row[:2] == ["hanako", "山田 花子"]
    english = csv_rows(teacher_client, reverse("teach:answers-csv",
                                               args=[classroom.pk, quiz.slug]), "en")  # fmt: skip
    assert english[0][5] == "Answer" and english[1][1] == "花子 山田"


def test_the_answer_button_keeps_its_verb(student_client, attempt):
    question = attempt.quiz.questions.first()
    url = reverse("quizzes:question", args=[attempt.pk, question.pk])

    page = student_client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert '<button type="submit" class="primary">解答する</button>' in page


# --- the language switcher -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "current", "other"),
    [("ja", ("ja", "日本語"), ("en", "English")), ("en", ("en", "English"), ("ja", "日本語"))],
)
def test_the_language_switcher_names_each_language_in_itself(anonymous, accept, current, other):
    page = anonymous.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=accept).content.decode()

    switcher = re.search(r'<form action="/i18n/setlang/".*?</form>', page, re.S)[0]
    assert f'lang="{current[0]}" aria-current="true">{current[1]}</span>' in switcher
    assert (
        f'<button type="submit" name="language" value="{other[0]}" lang="{other[0]}">'
        f"{other[1]}</button>"
    ) in switcher
    assert "英語" not in switcher and "Japanese" not in switcher


# --- a new password, set by her teacher ------------------------------------------------------


def password_url(classroom, pupil) -> str:
    return reverse("teach:student-password", args=[classroom.pk, pupil.pk])


def test_the_class_page_offers_a_new_password_for_each_student(teacher_client, classroom, hanako):
    page = teacher_client.get(classroom.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ja")

    label = "山田 花子 さんの新しいパスワードを設定"
    assert f'href="{password_url(classroom, hanako)}" aria-label="{label}"' in page.content.decode()


def test_a_teacher_sets_a_new_password_for_a_student_of_her_class(
    teacher_client, classroom, hanako
):
    signed_in = Client()
    signed_in.force_login(hanako)
    url = password_url(classroom, hanako)
    assert teacher_client.get(url).status_code == 200

    response = teacher_client.post(
        url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302 and response.url == classroom.get_absolute_url()
    hanako.refresh_from_db()
    assert hanako.check_password(NEW_PASSWORD)
    # Signed out where she was signed in; she signs in with the new password.
    assert signed_in.get(reverse("quizzes:history")).status_code == 302
    fresh = Client()
    assert (
        fresh.post(reverse("login"), {"username": "hanako", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_a_new_password_lifts_a_sign_in_pause(teacher_client, classroom, hanako):
    fresh = Client()
    for _ in range(5):
        fresh.post(reverse("login"), {"username": "hanako", "password": "wrong"})
    assert (
        fresh.post(reverse("login"), {"username": "hanako", "password": PASSWORD}).status_code
        == 429
    )

    teacher_client.post(
        password_url(classroom, hanako),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    login = fresh.post(reverse("login"), {"username": "hanako", "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_two_different_passwords_are_refused_with_the_focus_on_the_error(
    teacher_client, classroom, hanako
):
    response = teacher_client.post(
        password_url(classroom, hanako), {"new_password1": NEW_PASSWORD, "new_password2": "x"}
    )

    assert response.status_code == 400
    (tag,) = focused(response.content.decode())
    assert 'name="new_password2"' in tag
    hanako.refresh_from_db()
    assert hanako.check_password(PASSWORD)


def test_only_her_teacher_or_an_administrator_sets_her_password(
    classroom, hanako, other_teacher, admin_user, other_student, student_client
):
    url = password_url(classroom, hanako)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    outsider = Client()
    outsider.force_login(other_teacher)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, data).status_code == 404
    assert student_client.post(url, data).status_code == 404
    assert Client().post(url, data).status_code == 302  # to sign in
    # Someone not in the class has no such page, even for an administrator here.
    admin = Client()
    admin.force_login(admin_user)
    assert admin.get(password_url(classroom, other_student)).status_code == 404
    hanako.refresh_from_db()
    assert hanako.check_password(PASSWORD)
    assert admin.post(url, data).status_code == 302
    hanako.refresh_from_db()
    assert hanako.check_password(NEW_PASSWORD)


def test_an_administrator_sets_anyones_password_in_the_admin(admin_user, other_teacher):
    admin = Client()
    admin.force_login(admin_user)
    url = reverse("admin:auth_user_password_change", args=[other_teacher.pk])

    response = admin.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    other_teacher.refresh_from_db()
    assert other_teacher.check_password(NEW_PASSWORD)
