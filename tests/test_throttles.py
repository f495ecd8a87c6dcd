"""Sign-up, joining a class and adding a student are throttled per address and per account."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from quizzes import throttles

pytestmark = pytest.mark.django_db

SCHOOL = "203.0.113.7"


def join(client: Client, code: str, address: str = SCHOOL, language: str = "en"):
    return client.post(
        reverse("join-class"),
        {"join_code": code},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def sign_up(client: Client, username: str, address: str = SCHOOL, password2: str = ""):
    data = {
        "username": username,
        "password1": "correct horse battery staple",
        "password2": password2 or "correct horse battery staple",
    }
    return client.post(reverse("signup"), data, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_class_code_guesser_is_stopped_after_ten_tries_in_an_hour(
    other_client, other_student, classroom
):
    for n in range(10):
        assert join(other_client, f"WRONG{n}").status_code == 400
    refused = join(other_client, "WRONGX")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    page = refused.content.decode()
    assert "Too many tries at a class code. Check the code with your teacher and try again in" in (
        page
    )
    assert "<h1>Please wait a little</h1>" in page
    # Even the right code waits: the guesser learns nothing more this hour.
    assert join(other_client, classroom.join_code).status_code == 429
    assert not classroom.students.filter(pk=other_student.pk).exists()


def test_the_429_page_is_in_japanese_too(other_client, classroom):
    for n in range(10):
        join(other_client, f"WRONG{n}")
    page = join(other_client, "WRONGX", language="ja").content.decode()
    assert "<h1>少し待ってください</h1>" in page
    assert "クラスコードの試行が多すぎます。先生にコードを確かめて、" in page
    assert "分後にもう一度試してください。" in page


def test_one_students_guessing_does_not_stop_a_classmate_at_the_same_school(
    other_client, student_client, make_user, classroom
):
    for n in range(11):
        join(other_client, f"WRONG{n}")
    newcomer = logged_in(make_user("chika"))
    assert join(newcomer, classroom.join_code).status_code == 302


@override_settings(THROTTLES={**settings.THROTTLES, "join": {"account": 99, "address": 3}})
def test_joining_is_also_counted_per_address(make_user, classroom):
    for n in range(3):
        assert join(logged_in(make_user(f"s{n}")), "WRONG").status_code == 400
    assert join(logged_in(make_user("s3")), classroom.join_code).status_code == 429
    assert join(logged_in(make_user("s4")), classroom.join_code, "198.51.100.1").status_code == 302


def test_sign_up_is_counted_per_address(db):
    for n in range(100):  # a mismatched password: refused quickly, but counted all the same
        assert sign_up(Client(), f"kid{n}", password2="typo").status_code == 400
    refused = sign_up(Client(), "kid100")
    assert refused.status_code == 429
    assert "Many accounts were just created from this network. Try again in" in (
        refused.content.decode()
    )
    assert sign_up(Client(), "kid101", address="198.51.100.1").status_code == 302


@override_settings(THROTTLES={**settings.THROTTLES, "add-student": {"account": 2, "address": 200}})
def test_adding_students_is_counted_per_teacher(teacher_client, classroom, make_user):
    for name in ("s1", "s2"):
        make_user(name)
        url = reverse("teach:add-student", args=[classroom.pk])
        assert teacher_client.post(url, {"username": name}, REMOTE_ADDR=SCHOOL).status_code == 302
    make_user("s3")
    refused = teacher_client.post(
        url, {"username": "s3"}, REMOTE_ADDR="198.51.100.1", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 429
    assert "Too many students were added in a short time. Try again in" in (
        refused.content.decode()
    )
    assert not classroom.students.filter(username="s3").exists()


@override_settings(THROTTLES={**settings.THROTTLES, "add-student": {"account": 99, "address": 1}})
def test_adding_students_is_counted_per_address(teacher_client, classroom):
    url = reverse("teach:add-student", args=[classroom.pk])
    assert teacher_client.post(url, {"username": "x"}, REMOTE_ADDR=SCHOOL).status_code == 302
    assert teacher_client.post(url, {"username": "x"}, REMOTE_ADDR=SCHOOL).status_code == 429


def test_pages_are_not_counted_only_posts(student_client):
    for _ in range(30):
        assert student_client.get(reverse("join-class"), REMOTE_ADDR=SCHOOL).status_code == 200
    assert join(student_client, "WRONG").status_code == 400


def test_a_new_window_starts_a_new_count(student):
    request = RequestFactory().post("/", REMOTE_ADDR=SCHOOL)
    request.user = student
    start = 7 * 3600.0
    for _ in range(10):
        assert throttles.hit(request, "join", now=start) is None
    refusal = throttles.hit(request, "join", now=start + 1800)
    assert refusal is not None and refusal.seconds_left == 1800
    assert throttles.hit(request, "join", now=start + 3600) is None


def test_an_ipv6_network_counts_as_one_address():
    factory = RequestFactory()
    a = factory.get("/", REMOTE_ADDR="2001:db8:1:2::10")
    b = factory.get("/", REMOTE_ADDR="2001:db8:1:2:aaaa:bbbb:cccc:dddd")
    c = factory.get("/", REMOTE_ADDR="2001:db8:1:3::10")
    assert throttles.address_of(a) == throttles.address_of(b) == "2001:db8:1:2::/64"
    assert throttles.address_of(c) != throttles.address_of(a)


def test_counts_live_in_the_database_shared_by_every_worker(student_client):
    join(student_client, "WRONG")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM quizsite_throttle")
        assert cursor.fetchone()[0] == 2  # one slot per account, one per address
