"""Who may open which teacher page: every route × every persona, one test id per cell.

Class A (1年A組) is taught by tanaka and holds alice; class B (2年B組) is taught by suzuki and
holds kenta_b only. The same quiz is assigned to both classes, and both students finished it.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from quizzes import teach_urls
from quizzes.models import Answer, Attempt, Classroom, DraftingJob, QuestionDraft

from .factories import right_answer

pytestmark = pytest.mark.django_db

B_ONLY = "kenta_b"  # a user name that appears nowhere but in class B
LOGIN = "login"  # expected: a redirect to the sign-in page

PERSONAS = ["anonymous", "student", "other_teacher", "teacher", "admin"]

# url name -> (method, its arguments, named as keys of the `world` fixture)
ROUTES = {
    "index": ("get", []),
    "class": ("get", ["class_a"]),
    "student": ("get", ["class_a", "alice"]),
    "gradebook": ("get", ["class_a", "slug"]),
    "gradebook-csv": ("get", ["class_a", "slug"]),
    "answers-csv": ("get", ["class_a", "slug"]),
    "statistics": ("get", ["class_a", "slug"]),
    "add-student": ("post", ["class_a"]),
    "lift-pause": ("post", ["class_a", "alice"]),
    "preview": ("get", ["slug"]),
    "preview-question": ("get", ["slug", "numeric_question"]),
    "new-article": ("get", []),
    "article": ("get", ["article"]),
    "start-drafting": ("post", ["article"]),
    "approve-first": ("post", ["article"]),
    "publish": ("post", ["article"]),
    "drafting-job": ("get", ["job"]),
    "draft-card": ("get", ["draft"]),
    "draft-status": ("post", ["draft"]),
    "draft-edit": ("get", ["draft"]),
    "question": ("get", ["class_a", "slug", "numeric_question"]),
    "regrade": ("post", ["class_a", "slug", "numeric_question"]),
    "attempt": ("get", ["class_a", "alice_attempt"]),
    "accept-answer": ("post", ["class_a", "alice_answer"]),
    "student-password": ("get", ["class_a", "alice"]),
}
CLASS_PAGES = [
    "class", "student", "gradebook", "gradebook-csv", "answers-csv", "statistics", "add-student",
    "lift-pause", "question", "regrade", "attempt", "accept-answer", "student-password",
]  # fmt: skip
CHANGES = ["add-student", "regrade", "accept-answer"]  # POSTs answered with a redirect
PREVIEWS = ["preview", "preview-question"]
# Articles and drafts are their owner's (an administrator's too); a drafting job is the
# teacher's who started it alone, administrators included.
ARTICLE_PAGES = [
    "article", "start-drafting", "approve-first", "publish", "drafting-job", "draft-card",
    "draft-status", "draft-edit",
]  # fmt: skip
OWNER_ONLY = ["drafting-job"]
# Authors' answers that are not a page: redirects after a post, a refused empty form.
AUTHOR_STATUS = {
    "start-drafting": 302, "approve-first": 302, "publish": 400, "drafting-job": 302,
    "draft-card": 302, "draft-status": 302,
}  # fmt: skip


def expected_status(url_name: str, persona: str):
    if persona == "anonymous":
        return LOGIN
    if persona == "student":
        return 404
    if persona == "other_teacher":
        if url_name in CLASS_PAGES or url_name in ARTICLE_PAGES:
            return 404
        # Their own index and new-article page; the quiz is assigned to their class B too, so
        # they may preview it.
        return 200
    if persona == "admin" and url_name in OWNER_ONLY:
        return 404
    if url_name in CHANGES or url_name == "lift-pause":
        return 302  # back to the page the form was on
    # Their own index; previews are of quizzes, which every teacher edits in the admin.
    return AUTHOR_STATUS.get(url_name, 200)


def cases():
    for url_name in ROUTES:
        for persona in PERSONAS:
            yield pytest.param(
                url_name, persona, expected_status(url_name, persona), id=f"{url_name}-{persona}"
            )


# --- the world -----------------------------------------------------------------------------


@pytest.fixture
def b_only_student(make_user):
    return make_user(B_ONLY)


@pytest.fixture
def class_b(other_teacher, b_only_student):
    classroom = Classroom.objects.create(name="2年B組", teacher=other_teacher)
    classroom.students.add(b_only_student)
    return classroom


def finish(user, quiz) -> Attempt:
    client = Client()
    client.force_login(user)
    attempt = Attempt.start(user, quiz)
    for question in quiz.questions.prefetch_related("choices"):
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        client.post(url, right_answer(attempt, question), HTTP_HX_REQUEST="true")
    attempt.refresh_from_db()
    assert attempt.is_finished
    return attempt


@pytest.fixture
def world(classroom, class_b, quiz, student, b_only_student, teacher):
    quiz.classes.add(class_b)
    alices = finish(student, quiz)
    finish(b_only_student, quiz)
    job = DraftingJob.objects.create(article=quiz.article, owner=teacher, stage="done")
    draft = QuestionDraft.objects.create(
        article=quiz.article, owner=quiz.article.owner, kind="single",
        prompt="問\n【　　】が避難した。", answer="A",
        choices=["A", "B"], source_sentence="Aが避難した。",
    )  # fmt: skip
    return {
        "class_a": classroom.pk,
        "alice": student.pk,
        "alice_attempt": alices.pk,
        "alice_answer": alices.answers.first().pk,
        "slug": quiz.slug,
        "numeric_question": quiz.questions.get(kind="numeric").pk,
        "article": quiz.article_id,
        "job": job.pk,
        "draft": draft.pk,
    }


@pytest.fixture
def clients(student, teacher, other_teacher, admin_user) -> dict[str, Client]:
    logged_in = {"student": student, "other_teacher": other_teacher, "teacher": teacher}
    logged_in["admin"] = admin_user
    result = {"anonymous": Client()}
    for persona, user in logged_in.items():
        client = Client()
        client.force_login(user)
        result[persona] = client
    return result


def call(client: Client, url_name: str, world: dict, method: str = ""):
    default_method, arg_names = ROUTES[url_name]
    method = method or default_method
    url = reverse(f"teach:{url_name}", args=[world[name] for name in arg_names])
    if url_name == "add-student":
        return client.post(url, {"username": B_ONLY})
    if url_name == "preview-question" and method == "post":  # an answer, graded, never kept
        return client.post(url, {"answer": "1億2000万"})
    if url_name == "approve-first":
        return client.post(url, {"count": "1"})
    if url_name == "draft-status":
        return client.post(url, {"status": "approved"})
    if url_name == "regrade":
        return client.post(url, {"action": "no_credit", "confirm": "yes"})
    return getattr(client, method)(url)


def content(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


# --- the matrix ----------------------------------------------------------------------------


def test_the_matrix_covers_every_teacher_route():
    assert set(ROUTES) == {p.name for p in teach_urls.urlpatterns}


@pytest.mark.parametrize(("url_name", "persona", "expected"), list(cases()))
def test_access(url_name, persona, expected, world, clients, classroom):
    response = call(clients[persona], url_name, world)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=/teach/")
    else:
        assert response.status_code == expected
    if url_name == "add-student":  # an invitation at most: she joins only if she accepts
        assert not classroom.students.filter(username=B_ONLY).exists()
        invited = classroom.invitations.filter(student__username=B_ONLY).exists()
        assert invited is (expected == 302)
    if url_name in ("add-student", "lift-pause") and expected == 302:
        assert response["Location"] == classroom.get_absolute_url()


@pytest.mark.parametrize("persona", PERSONAS)
def test_answering_a_preview_question(persona, world, clients):
    answers = Answer.objects.count()

    response = call(clients[persona], "preview-question", world, method="post")

    expected = expected_status("preview-question", persona)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=/teach/")
    else:
        assert response.status_code == expected
    assert Answer.objects.count() == answers  # a preview records nothing


def test_another_teachers_index_shows_their_class_and_nothing_of_the_others(world, clients):
    response = clients["other_teacher"].get(reverse("teach:index"))

    assert response.status_code == 200
    page = content(response)
    assert "2年B組" in page
    assert "1年A組" not in page
    assert "alice" not in page


# --- nothing of class B leaks into class A -------------------------------------------------

CLASS_A_VIEWS = [
    "class", "student", "gradebook", "gradebook-csv", "answers-csv", "statistics", "question",
    "attempt",
]  # fmt: skip


@pytest.mark.parametrize("url_name", CLASS_A_VIEWS)
@pytest.mark.parametrize("persona", ["teacher", "admin"])
def test_class_a_pages_never_name_a_student_only_in_class_b(url_name, persona, world, clients):
    response = call(clients[persona], url_name, world)

    assert response.status_code == 200
    page = content(response)
    assert "alice" in page or url_name in ("statistics", "student", "question")
    assert B_ONLY not in page


def test_class_a_statistics_count_only_class_a_attempts(world, clients):
    url = reverse("teach:statistics", args=[world["class_a"], world["slug"]])

    page = content(clients["teacher"].get(url, HTTP_ACCEPT_LANGUAGE="en"))

    assert "On 1 finished first attempt." in page


def test_class_a_csvs_hold_class_a_rows_only(world, clients):
    for url_name, rows_expected in [("gradebook-csv", 1), ("answers-csv", 5)]:
        response = call(clients["teacher"], url_name, world)
        header, *rows = csv.reader(io.StringIO(content(response), newline=""))
        assert len(rows) == rows_expected
        assert {row[0] for row in rows} == {"alice"}


@pytest.mark.parametrize("persona", ["teacher", "admin"])
def test_a_student_of_class_b_has_no_page_under_class_a(persona, world, clients, b_only_student):
    url = reverse("teach:student", args=[world["class_a"], b_only_student.pk])

    assert clients[persona].get(url).status_code == 404


def test_class_bs_teacher_cannot_reach_class_a_students_through_class_b(
    world, clients, class_b, student
):
    url = reverse("teach:student", args=[class_b.pk, student.pk])

    assert clients["other_teacher"].get(url).status_code == 404
