"""Sign-in is throttled against password guessing, with a clear message."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, password, username="alice", address="10.0.0.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_pause_sign_in_with_a_clear_message(anonymous, student):
    for _ in range(4):
        assert attempt(anonymous, "wrong").status_code == 200  # the form again, with an error
    locked = attempt(anonymous, "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert 'role="alert"' in page and ("15" in page)
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
