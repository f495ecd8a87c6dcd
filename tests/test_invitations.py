"""Adding a student by name is an invitation she accepts or declines (issue 12, §1).

Joining with the class's code stays immediate. A staff account is never a student. The teacher's
reply is the same whether or not the name exists, so the form cannot find accounts.
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import ClassInvitation, Classroom, NotAStudent

pytestmark = pytest.mark.django_db

REPLY = (
    "If an account with the user name {name} exists, it has been invited: the student joins "
    "the class after accepting the invitation."
)


def invite(client: Client, classroom: Classroom, username: str):
    return client.post(
        reverse("teach:add-student", args=[classroom.pk]),
        {"username": username},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def invitation_to(classroom: Classroom, user) -> ClassInvitation | None:
    return ClassInvitation.objects.filter(classroom=classroom, student=user).first()


# --- the teacher's side --------------------------------------------------------------------


def test_a_teacher_invites_a_student_who_is_not_added_yet(teacher_client, classroom, other_student):
    response = invite(teacher_client, classroom, "bob")

    assert response.status_code == 302
    assert response["Location"] == classroom.get_absolute_url()
    assert said(response) == [REPLY.format(name="bob")]
    assert not classroom.students.filter(pk=other_student.pk).exists()
    assert invitation_to(classroom, other_student).status == ClassInvitation.Status.PENDING


@pytest.fixture
def accounts(make_user, other_teacher, admin_user, student, other_student):
    """One of each kind of name a teacher might type."""
    make_user("gone", is_active=False)
    return {
        "bob": other_student,  # a student not in the class: the only one invited
        "alice": student,  # already in the class
        "suzuki": other_teacher,  # staff
        "root": admin_user,  # an administrator
        "gone": None,  # a deactivated account
        "nobody": None,  # no such account
    }


@pytest.mark.parametrize("name", ["bob", "alice", "suzuki", "root", "gone", "nobody"])
def test_the_reply_is_the_same_whether_or_not_the_name_exists(
    name, teacher_client, classroom, accounts
):
    response = invite(teacher_client, classroom, name)

    assert response.status_code == 302
    assert said(response) == [REPLY.format(name=name)]
    invited = set(ClassInvitation.objects.values_list("student__username", flat=True))
    assert invited == ({"bob"} if name == "bob" else set())
    assert set(classroom.students.values_list("username", flat=True)) == {"alice"}


def test_the_class_page_never_lists_who_was_invited(teacher_client, classroom, other_student):
    invite(teacher_client, classroom, "bob")
    teacher_client.get(classroom.get_absolute_url())  # shows the reply, once

    page = teacher_client.get(classroom.get_absolute_url()).content.decode()

    assert "bob" not in page


def test_an_empty_name_asks_for_one(teacher_client, classroom):
    response = invite(teacher_client, classroom, "   ")

    assert said(response) == ["Type the student's user name."]
    assert not ClassInvitation.objects.exists()


def test_inviting_twice_makes_one_invitation(teacher_client, classroom, other_student):
    invite(teacher_client, classroom, "bob")
    invite(teacher_client, classroom, "bob")

    assert ClassInvitation.objects.filter(student=other_student).count() == 1


def test_the_teacher_cannot_read_an_invited_students_pages_before_she_accepts(
    teacher_client, classroom, other_student
):
    invite(teacher_client, classroom, "bob")

    url = reverse("teach:student", args=[classroom.pk, other_student.pk])
    assert teacher_client.get(url).status_code == 404


# --- the student's side --------------------------------------------------------------------


@pytest.fixture
def invited(teacher_client, classroom, other_student) -> ClassInvitation:
    invite(teacher_client, classroom, "bob")
    return invitation_to(classroom, other_student)


def test_the_invitation_waits_on_the_students_quiz_list(other_client, invited):
    page = other_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "tanaka invites you to the class 1年A組." in page
    assert reverse("quizzes:invitation-accept", args=[invited.pk]) in page
    assert reverse("quizzes:invitation-decline", args=[invited.pk]) in page


def test_accepting_joins_the_class_and_shows_its_quizzes(other_client, invited, quiz, classroom):
    url = reverse("quizzes:invitation-accept", args=[invited.pk])

    response = other_client.post(url, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert said(response) == ["You joined 1年A組."]
    assert classroom.students.filter(username="bob").exists()
    page = other_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert quiz.title in page and "invites you" not in page


def test_declining_keeps_her_out_and_the_teacher_cannot_ask_again(
    other_client, teacher_client, invited, classroom
):
    url = reverse("quizzes:invitation-decline", args=[invited.pk])

    response = other_client.post(url, HTTP_ACCEPT_LANGUAGE="en")

    assert said(response) == ["You declined the invitation to 1年A組."]
    assert not classroom.students.filter(username="bob").exists()
    invite(teacher_client, classroom, "bob")
    invited.refresh_from_db()
    assert invited.status == ClassInvitation.Status.DECLINED
    assert "invites you" not in other_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_student_who_left_can_be_invited_again(other_client, teacher_client, invited, classroom):
    other_client.post(reverse("quizzes:invitation-accept", args=[invited.pk]))
    classroom.students.remove(invited.student)

    invite(teacher_client, classroom, "bob")

    invited.refresh_from_db()
    assert invited.status == ClassInvitation.Status.PENDING


@pytest.mark.parametrize("reply", ["accept", "decline"])
def test_only_the_invited_student_answers_her_invitation(
    reply, invited, student_client, teacher_client, anonymous, classroom
):
    url = reverse(f"quizzes:invitation-{reply}", args=[invited.pk])

    assert student_client.post(url).status_code == 404
    assert teacher_client.post(url).status_code == 404
    assert anonymous.post(url).status_code == 302  # to sign in
    invited.refresh_from_db()
    assert invited.status == ClassInvitation.Status.PENDING
    assert not classroom.students.filter(username="bob").exists()


def test_an_invitation_is_answered_once(other_client, invited, classroom):
    other_client.post(reverse("quizzes:invitation-decline", args=[invited.pk]))

    response = other_client.post(reverse("quizzes:invitation-accept", args=[invited.pk]))

    assert response.status_code == 404
    assert not classroom.students.filter(username="bob").exists()


def test_answering_by_following_a_link_is_refused(other_client, invited):
    response = other_client.get(reverse("quizzes:invitation-accept", args=[invited.pk]))

    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_student_made_staff_after_the_invitation_cannot_accept_it(other_client, invited):
    invited.student.is_staff = True
    invited.student.save()

    response = other_client.post(
        reverse("quizzes:invitation-accept", args=[invited.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 403
    assert "Staff accounts cannot join a class as students." in response.content.decode()
    assert not invited.classroom.students.filter(pk=invited.student.pk).exists()


# --- staff are never students --------------------------------------------------------------


def test_a_staff_account_cannot_join_with_the_code(other_teacher, classroom):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(other_teacher)

    response = client.post(reverse("join-class"), {"join_code": classroom.join_code})

    assert response.status_code == 400
    assert "Staff accounts cannot join a class as students." in response.content.decode()
    assert not classroom.students.filter(pk=other_teacher.pk).exists()


@pytest.mark.parametrize("who", ["other_teacher", "admin_user"])
def test_enrolling_refuses_staff_accounts(who, classroom, request):
    with pytest.raises(NotAStudent):
        classroom.enroll(request.getfixturevalue(who))


def test_joining_with_the_code_stays_immediate(other_client, classroom):
    response = other_client.post(reverse("join-class"), {"join_code": classroom.join_code})

    assert response.status_code == 302
    assert classroom.students.filter(username="bob").exists()
    assert not ClassInvitation.objects.exists()


# --- never a 500 ---------------------------------------------------------------------------


@given(
    invitation_id=st.integers(min_value=0, max_value=2**62),
    reply=st.sampled_from(["accept", "decline"]),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD"]),
    who=st.sampled_from(["invited", "classmate", "teacher"]),
)
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_answering_any_invitation_id_is_never_a_500(
    invitation_id, reply, method, who, invited, other_student, student, teacher
):
    user = {"invited": other_student, "classmate": student, "teacher": teacher}[who]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    real = invitation_id % 2 == 0
    url_id = invited.pk if real else invited.pk + 1 + abs(invitation_id)
    url = reverse(f"quizzes:invitation-{reply}", args=[url_id])

    with transaction.atomic():
        response = client.generic(method, url)
        mine = real and who == "invited"
        if method != "POST":
            assert response.status_code == 405
        else:
            assert response.status_code == (302 if mine else 404)
        transaction.set_rollback(True)
