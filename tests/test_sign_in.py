"""Sign-in is throttled against password guessing, with a clear message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, password, username="alice", address="10.0.0.7"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def time_passes(**duration) -> None:
    """Move every remembered failure back in time, as if this long had passed."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(**duration))


def test_five_wrong_passwords_pause_sign_in_with_a_clear_message(anonymous, student):
    for _ in range(4):
        assert attempt(anonymous, "wrong").status_code == 200  # the form again, with an error
    locked = attempt(anonymous, "wrong")
    assert locked.status_code == 429
    assert 50 <= int(locked["Retry-After"]) <= 60
    page = locked.content.decode()
    assert 'role="alert"' in page
    assert "signing in from here is paused for 1 minute." in page
    # Even the right password waits now: the guesser learns nothing.
    assert attempt(anonymous, PASSWORD).status_code == 429


def test_the_pause_is_per_user_name_and_address(anonymous, student, other_student):
    for _ in range(5):
        attempt(anonymous, "wrong")
    assert attempt(anonymous, PASSWORD, username="bob").status_code == 302
    assert attempt(anonymous, PASSWORD, address="10.0.0.8").status_code == 302


def test_a_right_password_resets_the_count(anonymous, student):
    for _ in range(4):
        attempt(anonymous, "wrong")
    assert attempt(anonymous, PASSWORD).status_code == 302
    anonymous.post(reverse("logout"))
    for _ in range(4):
        assert attempt(anonymous, "wrong").status_code == 200


def test_admin_sign_in_is_throttled_too(anonymous, teacher):
    for _ in range(5):
        response = anonymous.post(
            reverse("admin:login"), {"username": "tanaka", "password": "nope"},
            REMOTE_ADDR="10.0.0.9",
        )  # fmt: skip
    assert response.status_code == 429


LONG_NAME = "x" * 300


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_a_user_name_over_255_characters_is_a_form_error_not_a_500(anonymous, url_name):
    from axes.models import AccessAttempt

    response = anonymous.post(
        reverse(url_name), {"username": LONG_NAME, "password": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most 150 characters (it has 300)." in page
    assert not AccessAttempt.objects.exists()  # nothing for the throttle to store


def test_the_long_user_name_error_is_in_japanese(anonymous):
    response = anonymous.post(
        reverse("login"), {"username": LONG_NAME, "password": "x"}, HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert "この値は 150 文字以下でなければなりません( 300 文字になっています)。" in (
        response.content.decode()
    )


# --- pauses that grow, and who lifts them --------------------------------------------------


def test_the_pause_is_a_minute_then_doubles_with_each_further_failure():
    from quizzes.lockouts import pause_after

    minutes = [pause_after(n).total_seconds() / 60 for n in range(1, 14)]
    assert minutes == [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_after_the_pause_one_more_wrong_password_pauses_twice_as_long(anonymous, student):
    for _ in range(5):
        attempt(anonymous, "wrong")
    time_passes(minutes=1, seconds=1)
    again = attempt(anonymous, "wrong")  # the sixth failure
    assert again.status_code == 429
    assert "paused for 2 minutes." in again.content.decode()
    time_passes(minutes=1, seconds=1)
    assert attempt(anonymous, PASSWORD).status_code == 429
    time_passes(minutes=1)
    assert attempt(anonymous, PASSWORD).status_code == 302


def test_wrong_passwords_during_a_pause_do_not_lengthen_it(anonymous, student):
    for _ in range(5):
        attempt(anonymous, "wrong")
    for _ in range(20):
        assert attempt(anonymous, "wrong").status_code == 429
    time_passes(minutes=1, seconds=1)
    assert attempt(anonymous, PASSWORD).status_code == 302


def test_the_paused_page_says_whom_to_ask_in_both_languages(anonymous, student):
    for _ in range(5):
        response = attempt(anonymous, "wrong")
    assert (
        "Students: ask your teacher, who can lift the pause at once on the class page. "
        "Teachers: ask the site's administrator."
    ) in response.content.decode()
    japanese = anonymous.post(
        reverse("login"), {"username": "alice", "password": "x"}, REMOTE_ADDR="10.0.0.7",
        HTTP_ACCEPT_LANGUAGE="ja",
    ).content.decode()  # fmt: skip
    assert (
        "間違ったパスワードが続いたため、このユーザー名でのここからのログインを1分間止めています。"
        "さらに間違えると、次に止める時間が長くなります。"
    ) in japanese
    assert (
        "生徒の方は先生に頼んでください。先生はクラスのページからすぐに解除できます。"
        "先生の方はサイトの管理者に頼んでください。"
    ) in japanese


def pause_alice(address="10.0.0.7") -> None:
    for _ in range(5):
        attempt(Client(), "wrong", address=address)


def test_a_teacher_sees_the_pause_and_lifts_it_from_the_class_page(
    anonymous, student, classroom, teacher_client
):
    pause_alice()
    pause_alice(address="10.0.0.8")
    class_url = reverse("teach:class", args=[classroom.pk])
    page = teacher_client.get(class_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign-in paused after wrong passwords" in page
    lift_url = reverse("teach:lift-pause", args=[classroom.pk, student.pk])
    assert f'action="{lift_url}"' in page

    response = teacher_client.post(lift_url, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.redirect_chain == [(class_url, 302)]
    page = response.content.decode()
    assert "alice can sign in again." in page
    assert "Sign-in paused after wrong passwords" not in page
    assert attempt(anonymous, PASSWORD).status_code == 302
    assert attempt(Client(), PASSWORD, address="10.0.0.8").status_code == 302


def test_a_class_page_without_pauses_shows_no_button(student, classroom, teacher_client):
    page = teacher_client.get(reverse("teach:class", args=[classroom.pk])).content.decode()
    assert "lift-pause" not in page


def test_only_the_students_teacher_lifts_a_pause_and_only_by_post(
    make_user, student, other_student, classroom, teacher_client, student_client
):
    from quizzes.models import Classroom

    pause_alice()
    sato = make_user("sato", is_staff=True)
    theirs = Classroom.objects.create(name="2年B組", teacher=sato)
    theirs.students.add(student)
    colleague = Client()
    colleague.force_login(sato)
    lift = reverse("teach:lift-pause", args=[classroom.pk, student.pk])
    assert colleague.post(lift).status_code == 404  # not her class
    assert student_client.post(lift).status_code == 404  # students have no teacher's pages
    bob = reverse("teach:lift-pause", args=[classroom.pk, other_student.pk])
    assert teacher_client.post(bob).status_code == 404  # bob is not in the class
    through_theirs = reverse("teach:lift-pause", args=[theirs.pk, student.pk])
    assert teacher_client.post(through_theirs).status_code == 404
    assert teacher_client.get(lift).status_code == 405
    assert attempt(Client(), PASSWORD).status_code == 429  # still paused


def test_lifting_a_pause_needs_the_forms_csrf_token(student, classroom, teacher):
    pause_alice()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    lift = reverse("teach:lift-pause", args=[classroom.pk, student.pk])
    assert browser.post(lift).status_code == 403
    assert attempt(Client(), PASSWORD).status_code == 429  # still paused
