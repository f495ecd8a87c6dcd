"""Personas (student, other_student, teacher, other_teacher, anonymous) and their quizzes."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from quizzes.models import Attempt

from .factories import make_quiz

PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(db):
    def make(username: str, **extra):
        return get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)

    return make


@pytest.fixture
def student(make_user):
    return make_user("alice")


@pytest.fixture
def other_student(make_user):
    return make_user("bob")


@pytest.fixture
def teacher(make_user):
    from django.contrib.auth.models import Permission

    user = make_user("tanaka", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="quizzes"))
    return user


@pytest.fixture
def other_teacher(make_user):
    """A colleague with the same rights, who teaches other classes."""
    from django.contrib.auth.models import Permission

    user = make_user("suzuki", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="quizzes"))
    return user


@pytest.fixture
def other_teacher_client(other_teacher) -> Client:
    client = Client()
    client.force_login(other_teacher)
    return client


@pytest.fixture
def teacher_client(teacher) -> Client:
    client = Client()
    client.force_login(teacher)
    return client


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def student_client(student) -> Client:
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def other_client(other_student) -> Client:
    client = Client()
    client.force_login(other_student)
    return client


@pytest.fixture
def classroom(teacher, student):
    from quizzes.models import Classroom

    classroom = Classroom.objects.create(name="1年A組", teacher=teacher)
    classroom.students.add(student)
    return classroom


@pytest.fixture
def quiz(classroom):
    quiz = make_quiz(5)
    quiz.classes.add(classroom)
    return quiz


@pytest.fixture
def attempt(quiz, student) -> Attempt:
    return Attempt.start(student, quiz)


def htmx(client: Client, url: str, data: dict | None = None):
    """POST the way htmx does: the HX-Request header, form-encoded data."""
    return client.post(url, data or {}, HTTP_HX_REQUEST="true")
