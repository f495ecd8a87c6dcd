"""Personas and the quizzes they meet.

- student (alice) and other_student (bob): students; alice is in the teacher's class;
- teacher (tanaka): teaches `classroom` (1年A組) and owns `quiz`;
- other_teacher (suzuki): a colleague of tanaka's, with classes and quizzes of her own;
- admin_user (root): a superuser, who sees and changes everything;
- anonymous: a visitor who has not signed in.

Every client speaks English (`english_client`), so a test asserts the exact message; a test of
the Japanese pages asks for `japanese_client` or sets the language itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from quizzes.models import Attempt, Quiz

from .factories import make_quiz

PASSWORD = "correct horse battery staple"


def english_client(user=None) -> Client:
    """A browser that asks for English pages, signed in as `user` if given."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def japanese_client(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    if user is not None:
        client.force_login(user)
    return client


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


def make_teacher(make_user, username: str):
    from django.contrib.auth.models import Permission

    user = make_user(username, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="quizzes"))
    return user


@pytest.fixture
def teacher(make_user):
    return make_teacher(make_user, "tanaka")


@pytest.fixture
def other_teacher(make_user):
    return make_teacher(make_user, "suzuki")


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)


@pytest.fixture
def other_teacher_client(other_teacher) -> Client:
    return english_client(other_teacher)


@pytest.fixture
def teacher_client(teacher) -> Client:
    return english_client(teacher)


@pytest.fixture
def anonymous() -> Client:
    return english_client()


@pytest.fixture
def student_client(student) -> Client:
    return english_client(student)


@pytest.fixture
def other_client(other_student) -> Client:
    return english_client(other_student)


@pytest.fixture
def classroom(teacher, student):
    from quizzes.models import Classroom

    classroom = Classroom.objects.create(name="1年A組", teacher=teacher)
    classroom.students.add(student)
    return classroom


@pytest.fixture
def quiz(classroom, teacher):
    quiz = make_quiz(5, owner=teacher)
    quiz.classes.add(classroom)
    return quiz


@pytest.fixture
def attempt(quiz, student) -> Attempt:
    return Attempt.start(student, quiz)


@pytest.fixture
def other_class(other_teacher, student, other_student):
    """suzuki's class 2年B組: bob, and alice, who is in tanaka's class too."""
    from quizzes.models import Classroom

    classroom = Classroom.objects.create(name="2年B組", teacher=other_teacher)
    classroom.students.add(student, other_student)
    return classroom


@dataclass
class TwoTeachers:
    """tanaka and suzuki, their classes, quizzes, articles, drafts and students' attempts.

    - quiz_a: tanaka's, assigned to class_a; quiz_b: suzuki's, assigned to class_b;
    - quiz_s: suzuki's, shared with tanaka, assigned to both classes;
    - alice (class_a and class_b) finished quiz_a and quiz_s; bob (class_b) finished quiz_b.
    """

    class_a: object
    class_b: object
    quiz_a: object
    quiz_b: object
    quiz_s: object
    drafts: dict
    attempts: dict

    def objects(self, name: str) -> list:
        """Every row a name of the ownership matrix stands for (a quiz's questions are many)."""
        kind, _, which = name.partition("_")
        if kind == "quiz":
            return [getattr(self, name)]
        if kind == "question":
            return list(getattr(self, f"quiz_{which}").questions.all())
        if kind == "article":
            return [getattr(self, f"quiz_{which}").article]
        if kind == "draft":
            return [self.drafts[which]]
        if kind == "class":
            return [getattr(self, name)]
        if kind == "attempt":
            return [self.attempts[which]]
        if kind == "answer":
            return list(self.attempts[which].answers.all())
        raise KeyError(name)


@pytest.fixture
def two_teachers(teacher, other_teacher, student, other_student, classroom, other_class, quiz):
    from quizzes.models import Answer, QuestionDraft

    quiz.title = "Tanaka quiz"
    quiz.save()
    quiz_b = make_quiz(2, slug="suzuki-quiz", owner=other_teacher)
    quiz_s = make_quiz(3, slug="shared-quiz", owner=other_teacher)
    Quiz.objects.filter(pk=quiz_b.pk).update(title="Suzuki quiz")
    Quiz.objects.filter(pk=quiz_s.pk).update(title="Shared quiz")
    quiz_b.refresh_from_db()
    quiz_s.refresh_from_db()
    quiz_s.shared_with.add(teacher)
    quiz_b.classes.add(other_class)
    quiz_s.classes.add(classroom, other_class)
    quiz.article.title = "Tanaka article"
    quiz.article.save()
    quiz_b.article.title = "Suzuki article"
    quiz_b.article.save()
    drafts = {
        which: QuestionDraft.objects.create(
            owner=article.owner, article=article, kind="single", prompt=f"{which} 【　　】",
            answer="国連", choices=["国連", "世界銀行"], source_sentence="国連の調査。",
        )
        for which, article in [("a", quiz.article), ("b", quiz_b.article)]
    }  # fmt: skip
    attempts = {
        "alice_a": Attempt.start(student, quiz),
        "alice_s": Attempt.start(student, quiz_s),
        "bob_b": Attempt.start(other_student, quiz_b),
    }
    for attempt in attempts.values():
        question = attempt.quiz.questions.first()
        Answer.objects.create(
            attempt=attempt, question=question, response={"text": "x"}, outcome="incorrect",
            credit=0, points=0,
        )  # fmt: skip
        attempt.finish()
    return TwoTeachers(classroom, other_class, quiz, quiz_b, quiz_s, drafts, attempts)


def htmx(client: Client, url: str, data: dict | None = None):
    """POST the way htmx does: the HX-Request header, form-encoded data."""
    return client.post(url, data or {}, HTTP_HX_REQUEST="true")
