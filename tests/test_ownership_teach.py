"""A teacher's data stays hers on /teach/: every page × class × quiz × persona (issue 12, §1).

The world is `two_teachers` (conftest): tanaka teaches 1年A組 and owns quiz_a; suzuki teaches
2年B組 and owns quiz_b and quiz_s, shared with tanaka; quiz_s is assigned to both classes; alice
is in both classes, bob only in 2年B組; root is an administrator. A page of a class is for its
teacher, and only with a quiz assigned to that class; a preview is for a quiz one may use.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.models import ClassInvitation

pytestmark = pytest.mark.django_db

PERSONAS = ["teacher", "other_teacher", "admin"]
TEACHES = {"a": {"teacher", "admin"}, "b": {"other_teacher", "admin"}}
ASSIGNED = {("a", "a"), ("a", "s"), ("b", "b"), ("b", "s")}  # (class, quiz)
USES = {"a": {"teacher", "admin"}, "b": {"other_teacher", "admin"}, "s": set(PERSONAS)}
MEMBERS = {"a": {"alice"}, "b": {"alice", "bob"}}

QUIZ_PAGES = ["gradebook", "gradebook-csv", "answers-csv", "statistics"]
# (url name, method): a question's address shows it (GET) and grades an answer to it (POST)
PREVIEWS = [("preview", "get"), ("preview-question", "get"), ("preview-question", "post")]


@pytest.fixture
def clients(teacher, other_teacher, admin_user) -> dict[str, Client]:
    result = {}
    for persona, user in [("teacher", teacher), ("other_teacher", other_teacher)]:
        result[persona] = Client(HTTP_ACCEPT_LANGUAGE="en")
        result[persona].force_login(user)
    result["admin"] = Client(HTTP_ACCEPT_LANGUAGE="en")
    result["admin"].force_login(admin_user)
    return result


def quiz_page_cells() -> list:
    return list(_quiz_page_cells())


def _quiz_page_cells():
    for page in QUIZ_PAGES:
        for class_ in "ab":
            for which in "abs":
                for persona in PERSONAS:
                    ok = persona in TEACHES[class_] and (class_, which) in ASSIGNED
                    yield pytest.param(
                        page, class_, which, persona, 200 if ok else 404,
                        id=f"{page}-class_{class_}-quiz_{which}-{persona}",
                    )  # fmt: skip


@pytest.mark.parametrize(("page", "class_", "which", "persona", "expected"), quiz_page_cells())
def test_a_classs_quiz_pages(page, class_, which, persona, expected, two_teachers, clients):
    classroom = getattr(two_teachers, f"class_{class_}")
    slug = getattr(two_teachers, f"quiz_{which}").slug

    response = clients[persona].get(reverse(f"teach:{page}", args=[classroom.pk, slug]))

    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("class_", ["a", "b"])
def test_a_class_page(class_, persona, two_teachers, clients):
    classroom = getattr(two_teachers, f"class_{class_}")

    response = clients[persona].get(reverse("teach:class", args=[classroom.pk]))

    assert response.status_code == (200 if persona in TEACHES[class_] else 404)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["alice", "bob"])
@pytest.mark.parametrize("class_", ["a", "b"])
def test_a_students_page(class_, name, persona, two_teachers, clients, student, other_student):
    classroom = getattr(two_teachers, f"class_{class_}")
    pupil = student if name == "alice" else other_student

    response = clients[persona].get(reverse("teach:student", args=[classroom.pk, pupil.pk]))

    ok = persona in TEACHES[class_] and name in MEMBERS[class_]
    assert response.status_code == (200 if ok else 404)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("class_", ["a", "b"])
def test_inviting_a_student_into_a_class(class_, persona, two_teachers, clients, make_user):
    classroom = getattr(two_teachers, f"class_{class_}")
    make_user("carol")

    response = clients[persona].post(
        reverse("teach:add-student", args=[classroom.pk]), {"username": "carol"}
    )

    ok = persona in TEACHES[class_]
    assert response.status_code == (302 if ok else 404)
    assert ClassInvitation.objects.filter(classroom=classroom).exists() is ok


def preview_url(page: str, quiz) -> str:
    if page == "preview":
        return reverse("teach:preview", args=[quiz.slug])
    question = quiz.questions.first()
    return reverse(f"teach:{page}", args=[quiz.slug, question.pk])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("which", ["a", "b", "s"])
@pytest.mark.parametrize(("page", "method"), PREVIEWS, ids=["first", "question", "answer"])
def test_previewing_a_quiz(page, method, which, persona, two_teachers, clients):
    url = preview_url(page, getattr(two_teachers, f"quiz_{which}"))
    client = clients[persona]

    response = client.post(url, {"choice": "1"}) if method == "post" else client.get(url)

    assert response.status_code == (200 if persona in USES[which] else 404)


def test_a_quiz_no_longer_shared_can_still_be_previewed_where_it_is_assigned(
    two_teachers, clients, teacher
):
    two_teachers.quiz_s.shared_with.remove(teacher)  # still assigned to 1年A組

    response = clients["teacher"].get(reverse("teach:preview", args=[two_teachers.quiz_s.slug]))

    assert response.status_code == 200


def csv_rows(response) -> list[str]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [line.split(",")[0] for line in text.splitlines()[1:]]


def test_the_answers_of_a_shared_quiz_are_each_classs_own(two_teachers, clients, other_student):
    """The quiz's owner (suzuki) reads class B's answers to it; tanaka reads class A's."""
    quiz = two_teachers.quiz_s
    url_a = reverse("teach:answers-csv", args=[two_teachers.class_a.pk, quiz.slug])

    rows = csv_rows(clients["teacher"].get(url_a))

    assert rows == ["alice"]
    assert clients["other_teacher"].get(url_a).status_code == 404


# --- marks: an attempt answer by answer, a question's answers, and changes to marks ---------

# (class, attempt) pairs a class's teacher may open: her student's attempt at a quiz of the class.
ATTEMPT_IN_CLASS = {("a", "alice_a"), ("a", "alice_s"), ("b", "alice_s"), ("b", "bob_b")}
OWNS = {"a": {"teacher", "admin"}, "b": {"other_teacher", "admin"}, "s": {"other_teacher", "admin"}}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("which", ["alice_a", "alice_s", "bob_b"])
@pytest.mark.parametrize("class_", ["a", "b"])
def test_an_attempt_answer_by_answer(class_, which, persona, two_teachers, clients):
    classroom = getattr(two_teachers, f"class_{class_}")
    attempt = two_teachers.attempts[which]

    response = clients[persona].get(reverse("teach:attempt", args=[classroom.pk, attempt.pk]))

    ok = persona in TEACHES[class_] and (class_, which) in ATTEMPT_IN_CLASS
    assert response.status_code == (200 if ok else 404)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("which", ["alice_a", "alice_s", "bob_b"])
@pytest.mark.parametrize("class_", ["a", "b"])
def test_accepting_an_answer_for_one_student(class_, which, persona, two_teachers, clients):
    classroom = getattr(two_teachers, f"class_{class_}")
    answer = two_teachers.attempts[which].answers.get()  # each attempt has one wrong answer

    response = clients[persona].post(reverse("teach:accept-answer", args=[classroom.pk, answer.pk]))

    ok = persona in TEACHES[class_] and (class_, which) in ATTEMPT_IN_CLASS
    assert response.status_code == (302 if ok else 404)
    answer.refresh_from_db()
    assert (answer.outcome == "correct") is ok


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("class_", "which"), sorted(ASSIGNED))
def test_a_questions_answers_and_a_change_for_everyone(
    class_, which, persona, two_teachers, clients
):
    classroom = getattr(two_teachers, f"class_{class_}")
    quiz = getattr(two_teachers, f"quiz_{which}")
    question = quiz.questions.first()
    args = [classroom.pk, quiz.slug, question.pk]

    page = clients[persona].get(reverse("teach:question", args=args))
    change = clients[persona].post(
        reverse("teach:regrade", args=args), {"action": "no_credit", "confirm": "yes"}
    )

    teaches = persona in TEACHES[class_]
    assert page.status_code == (200 if teaches else 404)
    owns = teaches and persona in OWNS[which]
    assert change.status_code == (302 if owns else 403 if teaches else 404)
    question.refresh_from_db()
    assert (question.points == 0) is owns


@pytest.mark.parametrize("page", ["question", "regrade"])
def test_a_question_of_a_quiz_not_assigned_to_the_class_is_a_404(page, two_teachers, clients):
    question = two_teachers.quiz_b.questions.first()
    url = reverse(f"teach:{page}", args=[two_teachers.class_a.pk, two_teachers.quiz_b.slug,
                                         question.pk])  # fmt: skip

    response = clients["admin"].get(url) if page == "question" else clients["admin"].post(url)

    assert response.status_code == 404
