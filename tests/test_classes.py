"""Students join classes by code; a student sees only the quizzes assigned to their classes."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from quizzes.models import Classroom

pytestmark = pytest.mark.django_db


def test_a_student_signs_up_with_a_join_code_and_sees_the_class_quiz(anonymous, quiz, classroom):
    response = anonymous.post(
        reverse("signup"),
        {
            "username": "sato",
            "first_name": "花子",
            "last_name": "佐藤",
            "password1": "a long pass phrase 2026",
            "password2": "a long pass phrase 2026",
            "join_code": classroom.join_code.lower(),  # typed in lower case: still the class
        },
    )
    assert response.status_code == 302
    sato = get_user_model().objects.get(username="sato")
    assert not sato.is_staff
    assert classroom.students.filter(pk=sato.pk).exists()
    assert quiz.title in anonymous.get("/").content.decode()  # signed in by the sign-up


def test_a_wrong_join_code_at_sign_up_creates_no_account(anonymous, classroom):
    response = anonymous.post(
        reverse("signup"),
        {"username": "sato", "password1": "a long pass phrase 2026",
         "password2": "a long pass phrase 2026", "join_code": "NOPE99"},
    )  # fmt: skip
    assert response.status_code == 400
    # The field says so, and takes the focus with its message attached.
    page = response.content.decode()
    field = re.search(r'<input type="text" name="join_code"[^>]*>', page)[0]
    assert "autofocus" in field and 'aria-describedby="id_join_code-error"' in field
    assert 'id="id_join_code-error"' in page
    assert not get_user_model().objects.filter(username="sato").exists()


def test_signing_up_without_a_code_is_fine_and_joining_comes_later(anonymous, quiz, classroom):
    anonymous.post(
        reverse("signup"),
        {"username": "kato", "password1": "a long pass phrase 2026",
         "password2": "a long pass phrase 2026", "join_code": ""},
    )  # fmt: skip
    assert quiz.title not in anonymous.get("/").content.decode()
    response = anonymous.post(reverse("join-class"), {"join_code": f" {classroom.join_code} "})
    assert response.status_code == 302
    assert quiz.title in anonymous.get("/").content.decode()


def test_joining_with_an_unknown_code_is_a_400_with_a_message(student_client, classroom):
    response = student_client.post(reverse("join-class"), {"join_code": "ZZZZZZ"})
    assert response.status_code == 400
    assert "join-error" in response.content.decode()
    assert Classroom.objects.filter(students__username="alice").count() == 1


def test_join_codes_are_unique_and_easy_to_read(teacher):
    codes = {Classroom.objects.create(name=f"c{n}", teacher=teacher).join_code for n in range(50)}
    assert len(codes) == 50
    assert all(len(code) == 6 and not set(code) & set("0O1I") for code in codes)


def test_a_teacher_creates_a_class_in_the_admin_and_owns_it(teacher_client, teacher):
    response = teacher_client.post(reverse("admin:quizzes_classroom_add"), {"name": "2年B組"})
    assert response.status_code == 302
    classroom = Classroom.objects.get(name="2年B組")
    assert classroom.teacher == teacher
    assert response.url == classroom.get_absolute_url()


def test_a_teacher_sees_only_their_own_classes_in_the_admin(teacher_client, make_user, classroom):
    other = make_user("suzuki", is_staff=True)
    Classroom.objects.create(name="よそのクラス", teacher=other)
    page = teacher_client.get(reverse("admin:quizzes_classroom_changelist")).content.decode()
    assert classroom.name in page and "よそのクラス" not in page
