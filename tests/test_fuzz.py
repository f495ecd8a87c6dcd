"""Hypothesis drives every endpoint that takes parameters: never a 500, never a partial write.

Random and unknown ids, arbitrary Unicode (NUL, emoji, RTL marks, invisible-only answers,
5,000-character strings, huge integers), missing and repeated fields, wrong methods and wrong
content types, user names of any length at both sign-ins, any query string (NUL raw or as %00
included) on every page and admin list, and new questions on the quiz's admin page.

The database fixtures are created once per test; every example runs inside a savepoint that is
rolled back at its end (`fresh_state`), so each example starts from the same state and a failed
query on PostgreSQL cannot poison the examples after it. Clients are built with
`raise_request_exception=False`, so a crash shows up as a 500 (with its traceback in the
assertion message) instead of an exception.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import traceback
import unicodedata
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.test.client import ClientHandler
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from quizzes.csvexport import neutralize
from quizzes.forms import is_invisible, visible_part
from quizzes.models import Answer, Attempt, ClassInvitation, Classroom, Quiz
from quizzes.people import full_name

from .factories import KINDS, make_quiz, right_answer, wrong_answer

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = "postgresql" in django_settings.DATABASES["default"]["ENGINE"]
User = get_user_model()


def fuzz(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,  # no .hypothesis/ directory in the project
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- helpers -------------------------------------------------------------------------------


@contextmanager
def fresh_state():
    """Whatever the example writes is rolled back when it ends, failing or not."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@functools.cache
def shared_handler() -> ClientHandler:
    """One request handler for every client here: each new Client would otherwise load the
    middleware again, and WhiteNoise's rescan of the static files costs ~0.2 s a client."""
    return ClientHandler(enforce_csrf_checks=False)


def client_for(user=None) -> Client:
    client = Client(raise_request_exception=False)
    client.handler = shared_handler()
    if user is not None:
        client.force_login(user)
    return client


def crash(response) -> str:
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return f"status {response.status_code}"
    return "".join(traceback.format_exception(*exc_info)[-6:])


def check_status(response, allowed) -> None:
    assert response.status_code != 500, crash(response)
    assert response.status_code in allowed, (response.status_code, crash(response))


def answers_of(attempt: Attempt) -> dict[int, tuple]:
    return {
        a.question_id: (a.pk, a.outcome, a.credit, a.points, a.response, a.answered_at)
        for a in Answer.objects.filter(attempt_id=attempt.pk)
    }


def attempt_state(attempt: Attempt) -> tuple:
    return Attempt.objects.filter(pk=attempt.pk).values_list("finished_at", "score").get()


def members() -> set[tuple[int, int]]:
    return set(Classroom.students.through.objects.values_list("classroom_id", "user_id"))


def invitations() -> set[tuple[int, int]]:
    return set(ClassInvitation.objects.values_list("classroom_id", "student_id"))


def send(client: Client, method: str, url: str, data, encoding: str, use_htmx: bool):
    """POST (or another method) `data` as multipart (the client's default) or url-encoded."""
    headers = {"HTTP_HX_REQUEST": "true"} if use_htmx else {}
    if encoding == "urlencoded":
        pairs = [
            (key, value)
            for key, values in data.items()
            for value in (values if isinstance(values, list) else [values])
        ]
        body = urlencode(pairs)
        return client.generic(
            method.upper(), url, body, "application/x-www-form-urlencoded", **headers
        )
    return getattr(client, method)(url, data, **headers)


# --- strategies ----------------------------------------------------------------------------

NASTY = [
    "", " ", "\x00", "1\x00", "\x001", "\u200f1", "\u202e2", "\ufeff3", "1\u200b", "\u3000",
    "😀", "👩\u200d👩\u200d👧", "١", "１", "²", "-1", "0", "00", "001", "1e3", "1.0", "+1",
    " 1 ", "4", "5", "NaN", "Infinity", "-0", "1億2000万", "1億2,000万人", "１億２０００万",
    "120000000", "120,000,000", "UNHCR", "ＵＮＨＣＲ", " unhcr ", "国連難民高等弁務官事務所",
    "\r\n--BoUnDaRyStRiNg\r\n", "%00", "a=b&choice=1", "<script>alert(1)</script>",
    "'; DROP TABLE quizzes_answer; --", "=HYPERLINK(\"x\")", "兆", "9" * 41, "1" + "0" * 39,
    "\u200b", "\u202e", "\u2060\ufeff", " \u200b\u3000", "\u3164", "\u200bUNHCR\u202e",
]  # fmt: skip

# Characters that draw nothing: white space, format characters (Cf) and blank letters.
INVISIBLE = (
    " \t\u3000\u00a0\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\ufeff\u00ad\u3164\u2800"
)

huge_numbers = st.integers(min_value=-(10**80), max_value=10**80).map(str)
long_strings = st.builds(
    lambda ch, n: ch * n, st.characters(exclude_categories=["Cs"]), st.integers(190, 5000)
)
with_nul = st.builds(lambda a, b: f"{a}\x00{b}", st.text(max_size=6), st.text(max_size=6))
invisible = st.text(alphabet=st.sampled_from(INVISIBLE), min_size=1, max_size=8)
field_value = st.one_of(
    st.sampled_from(NASTY),
    with_nul,
    invisible,
    st.integers(min_value=-5, max_value=10).map(str),  # positions, valid and not
    st.text(max_size=30),  # any Unicode but surrogates: NUL, emoji, RTL marks, ...
    st.text(alphabet=st.characters(codec="utf-8", categories=["Nd", "Po", "Zs", "Lo"])),
    huge_numbers,
    long_strings,
)
field_values = st.lists(field_value, max_size=4)
extra_fields = st.dictionaries(
    st.text(min_size=1, max_size=12).filter(lambda k: k not in ("choice", "answer")),
    st.lists(st.text(max_size=20), max_size=3),
    max_size=3,
)
ids = st.integers(min_value=0, max_value=2**63)
slugs = st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True)


@st.composite
def answer_forms(draw):
    data = dict(draw(extra_fields))
    for name in ("choice", "answer"):
        values = draw(st.none() | field_values)
        if values is not None:
            data[name] = values
    return data


# --- the answer endpoint -------------------------------------------------------------------


@given(
    kind=st.sampled_from(KINDS),
    answered_before=st.sets(st.sampled_from(KINDS)),
    right_before=st.booleans(),
    data=answer_forms(),
    encoding=st.sampled_from(["multipart", "urlencoded"]),
    use_htmx=st.booleans(),
)
@fuzz(80)
def test_answer_never_500_and_a_stored_answer_never_changes(
    student, quiz, kind, answered_before, right_before, data, encoding, use_htmx
):
    with fresh_state():
        client = client_for(student)
        attempt = Attempt.start(student, quiz)
        questions = {q.kind: q for q in quiz.questions.prefetch_related("choices")}
        for done in sorted(answered_before):  # all five finish the attempt
            url = reverse("quizzes:question", args=[attempt.pk, questions[done].pk])
            given_data = (right_answer if right_before else wrong_answer)(attempt, questions[done])
            assert client.post(url, given_data).status_code == 302
        before, (finished_before, score_before) = answers_of(attempt), attempt_state(attempt)
        question = questions[kind]

        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        response = send(client, "post", url, data, encoding, use_htmx)

        check_status(response, {200, 302, 400, 409})
        after, (finished_after, score_after) = answers_of(attempt), attempt_state(attempt)
        assert Answer.objects.filter(attempt=attempt, question=question).count() <= 1
        for question_id, stored in before.items():  # an answer once stored never changes
            assert after[question_id] == stored
        new = set(after) - set(before)
        assert new <= {question.pk}
        if question.pk in before:
            assert response.status_code == 200  # shown the recorded verdict
        if response.status_code in (400, 409):
            assert not new  # refused: nothing written
        typed = data.get("answer")
        if kind in ("numeric", "text") and typed and len(typed) == 1 and not visible_part(typed[0]):
            assert not new and response.status_code in (200, 400, 409)  # "Type an answer first"
        if new:
            assert response.status_code == (200 if use_htmx else 302)
            stored = after[question.pk][4]
            if kind in ("single", "multiple", "true_false"):
                options = {c.pk for c in question.choices.all()}
                assert set(stored["choices"]) <= options
                assert len(stored["choices"]) == 1 or kind == "multiple"
            else:
                text = stored["text"]
                assert 0 < len(text) <= 200
                assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)
                assert not is_invisible(text[0]) and not is_invisible(text[-1])
        # The score changes only when the attempt finishes, and then is the sum of its answers.
        if finished_before is not None:
            assert (finished_after, score_after) == (finished_before, score_before)
        elif finished_after is None:
            assert score_after == score_before
        else:
            assert len(after) == len(questions)
            assert score_after == sum(stored[3] for stored in after.values())


CONTENT_TYPES = [
    "application/json",
    "text/plain",
    "text/plain; charset=utf-8",
    "multipart/form-data; boundary=junk",
    "multipart/form-data; boundary=BoUnDaRyStRiNg",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=no-such-charset",
    "application/octet-stream",
    "",
]
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}

form_like_bytes = st.lists(
    st.tuples(
        st.sampled_from([b"choice", b"answer", b"x"]) | st.binary(max_size=8),
        st.binary(max_size=12) | st.sampled_from([b"1", b"2", b"UNHCR", b"%00", b"%ff"]),
    ),
    max_size=6,
).map(lambda pairs: b"&".join(k + b"=" + v for k, v in pairs))


@given(
    kind=st.sampled_from(KINDS),
    content_type=st.sampled_from(CONTENT_TYPES)
    | st.from_regex(r"[a-z]{1,10}/[a-z.+-]{1,20}(; ?[a-z]{1,8}=[^;\r\n]{0,20})?", fullmatch=True),
    body=st.binary(max_size=2048)
    | form_like_bytes
    | st.sampled_from([b'{"choice": "1"}', b'{"answer": "UNHCR"}', b"choice=1", b"\xff\xfe"]),
    use_htmx=st.booleans(),
)
@fuzz(60)
def test_answer_with_wrong_content_type_or_junk_body_writes_nothing(
    student, quiz, kind, content_type, body, use_htmx
):
    with fresh_state():
        client = client_for(student)
        attempt = Attempt.start(student, quiz)
        question = quiz.questions.get(kind=kind)
        headers = {"HTTP_HX_REQUEST": "true"} if use_htmx else {}
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        response = client.generic("POST", url, body, content_type, **headers)

        check_status(response, {200, 302, 400, 413, 415})
        written = Answer.objects.filter(attempt=attempt).count()
        if content_type.split(";")[0].strip() not in FORM_TYPES:
            assert response.status_code >= 400
        # Only a body that happens to be a well-formed answer form may record one answer.
        assert written == (1 if response.status_code in (200, 302) else 0)


# --- random and unknown ids ----------------------------------------------------------------


@pytest.fixture
def other_attempt(quiz, classroom, other_student) -> Attempt:
    classroom.students.add(other_student)
    return Attempt.start(other_student, quiz)


@pytest.fixture
def foreign_question():
    """A real question, of a quiz the student may not even see."""
    return make_quiz(1, slug="elsewhere").questions.get()


STUDENT_PAGES = ["question", "answer", "result", "attempt"]


def student_url(page: str, attempt_id: int, question_id: int) -> str:
    if page in ("question", "answer"):  # one address: GET shows the question, POST answers it
        return reverse("quizzes:question", args=[attempt_id, question_id])
    return reverse(f"quizzes:{page}", args=[attempt_id])


@given(
    page=st.sampled_from(STUDENT_PAGES),
    which_attempt=st.sampled_from(["mine", "other's", "random"]),
    random_attempt=ids,
    which_question=st.sampled_from(["of the quiz", "foreign", "random"]),
    random_question=ids,
    who=st.sampled_from(["student", "anonymous"]),
    use_htmx=st.booleans(),
)
@fuzz(80)
def test_random_and_unknown_ids_are_404_never_500(
    student,
    quiz,
    attempt,
    other_attempt,
    foreign_question,
    page,
    which_attempt,
    random_attempt,
    which_question,
    random_question,
    who,
    use_htmx,
):
    attempt_id = {"mine": attempt.pk, "other's": other_attempt.pk}.get(which_attempt)
    attempt_id = random_attempt if attempt_id is None else attempt_id
    quiz_question_ids = set(quiz.questions.values_list("pk", flat=True))
    question_id = {"of the quiz": min(quiz_question_ids), "foreign": foreign_question.pk}.get(
        which_question, random_question
    )
    with fresh_state():
        client = client_for(student if who == "student" else None)
        answers = answers_of(attempt), answers_of(other_attempt)
        states = attempt_state(attempt), attempt_state(other_attempt)
        method = "post" if page == "answer" else "get"
        url = student_url(page, attempt_id, question_id)
        response = send(client, method, url, {"choice": "1"}, "multipart", use_htmx)

        if who == "anonymous":  # sent to sign in, whatever the ids
            check_status(response, {302} if not use_htmx else {200})
            assert "login" in (response.get("Location") or response.get("HX-Redirect"))
        else:
            known = attempt_id == attempt.pk and (
                page in ("result", "attempt") or question_id in quiz_question_ids
            )
            check_status(response, {200, 302} if known else {404})
        assert answers_of(other_attempt) == answers[1]  # someone else's attempt: never touched
        assert attempt_state(other_attempt) == states[1]
        recorded = who == "student" and page == "answer" and response.status_code in (200, 302)
        if recorded:  # a well-formed answer to a real question of one's own attempt
            assert set(answers_of(attempt)) - set(answers[0]) <= {question_id}
        else:
            assert (answers_of(attempt), attempt_state(attempt)) == (answers[0], states[0])


# --- wrong methods -------------------------------------------------------------------------

POST_ONLY = ["start", "add-student", "lift-pause"]
GET_PAGES = ["question", "result", "attempt", "join-class"]


def endpoint_url(name: str, attempt: Attempt, classroom: Classroom) -> str:
    question = attempt.quiz.questions.order_by("order").first()
    if name in STUDENT_PAGES:
        return student_url(name, attempt.pk, question.pk)
    if name == "start":
        return reverse("quizzes:start", args=[attempt.quiz.slug])
    if name == "add-student":
        return reverse("teach:add-student", args=[classroom.pk])
    if name == "lift-pause":
        return reverse("teach:lift-pause", args=[classroom.pk, attempt.student_id])
    return reverse(name)


@pytest.mark.parametrize("endpoint", POST_ONLY + GET_PAGES)
@given(
    method=st.sampled_from(["GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"]),
    body=st.binary(max_size=200) | st.just(b"choice=1&answer=UNHCR&username=bob&join_code=x"),
    content_type=st.sampled_from(["application/x-www-form-urlencoded", "application/json"]),
    use_htmx=st.booleans(),
)
@fuzz(12)
def test_wrong_methods_never_500_and_write_nothing(
    student, teacher, other_student, attempt, classroom, endpoint, method, body, content_type,
    use_htmx,
):  # fmt: skip
    if endpoint in GET_PAGES and method in ("GET", "HEAD", "OPTIONS"):
        method = "DELETE"  # those are the page's own methods
    with fresh_state():
        client = client_for(teacher if endpoint in ("add-student", "lift-pause") else student)
        url = endpoint_url(endpoint, attempt, classroom)
        state = (answers_of(attempt), attempt_state(attempt), members(), Attempt.objects.count())
        headers = {"HTTP_HX_REQUEST": "true"} if use_htmx else {}
        response = client.generic(method, url, body, content_type, **headers)

        assert response.status_code != 500, crash(response)
        if endpoint in POST_ONLY:
            assert response.status_code == 405, response.status_code
            assert response["Allow"] == "POST"
        state_after = (answers_of(attempt), attempt_state(attempt), members())
        assert (*state_after, Attempt.objects.count()) == state


@pytest.mark.parametrize("endpoint", GET_PAGES)
def test_get_pages_refuse_put_patch_and_delete(student, attempt, classroom, endpoint):
    client = client_for(student)
    url = endpoint_url(endpoint, attempt, classroom)
    statuses = {method: client.generic(method, url).status_code for method in ("PUT", "DELETE")}
    assert all(400 <= status < 500 for status in statuses.values()), statuses


# --- joining a class and signing up --------------------------------------------------------

VALID_CODE = object()  # stands for the class's real join code, known only at run time


def code_variants(code: str) -> list[str]:
    fullwidth = "".join(chr(ord(ch) + 0xFEE0) for ch in code)
    return [code, code.lower(), f"  {code}\t", fullwidth, code + "\x00", code[:3] + "\u200b"]


join_codes = st.one_of(
    st.just(VALID_CODE), st.text(max_size=20), with_nul, long_strings, st.sampled_from(NASTY)
)


@given(code=join_codes, variant=st.integers(0, 5), extra=extra_fields, use_htmx=st.booleans())
@fuzz(50)
def test_join_class_never_500_and_joins_only_with_a_right_code(
    other_student, classroom, code, variant, extra, use_htmx
):
    if code is VALID_CODE:
        code = code_variants(classroom.join_code)[variant]
    with fresh_state():
        client = client_for(other_student)
        before = members()
        data = {**extra, "join_code": code}
        response = send(client, "post", reverse("join-class"), data, "multipart", use_htmx)

        check_status(response, {302, 400})
        after = members()
        if response.status_code == 302:
            assert after - before == {(classroom.pk, other_student.pk)}
            assert unicodedata.normalize("NFKC", code).strip().upper() == classroom.join_code
        else:
            assert after == before


SAME = object()
signup_usernames = st.one_of(
    st.text(max_size=160),
    with_nul,
    st.from_regex(r"[\w.@+-]{1,150}", fullmatch=True),
    st.sampled_from(["alice", "ALICE", "ａｌｉｃｅ", "bob ", "new\x00user", "x" * 151, "تلميذ"]),
)
passwords = st.one_of(
    st.text(max_size=40),
    with_nul,
    st.just("correct horse battery staple"),
    st.from_regex(r"[a-zA-Z0-9!]{8,30}", fullmatch=True),
    long_strings,
)


@given(
    username=st.none() | signup_usernames,
    password1=st.none() | passwords,
    password2=st.just(SAME) | st.none() | passwords,
    join_code=st.none() | join_codes,
    names=st.lists(st.none() | st.text(max_size=160), min_size=2, max_size=2),
    extra=extra_fields,
)
@fuzz(60)
def test_signup_never_500_and_creates_one_user_or_none(
    student, classroom, username, password1, password2, join_code, names, extra
):
    if join_code is VALID_CODE:
        join_code = classroom.join_code
    fields = {
        "username": username,
        "password1": password1,
        "password2": password1 if password2 is SAME else password2,
        "join_code": join_code,
        "first_name": names[0],
        "last_name": names[1],
    }
    data = {**extra, **{key: value for key, value in fields.items() if value is not None}}
    with fresh_state():
        users_before, members_before = set(User.objects.values_list("pk", flat=True)), members()
        response = client_for().post(reverse("signup"), data)

        check_status(response, {302, 400})
        new_users = User.objects.exclude(pk__in=users_before)
        if response.status_code == 400:
            assert not new_users.exists()
            assert members() == members_before
        else:
            user = new_users.get()  # exactly one
            assert user.username == unicodedata.normalize("NFKC", username.strip())
            assert user.check_password(password1)
            code = unicodedata.normalize("NFKC", (join_code or "").strip()).strip().upper()
            joined = members() - members_before
            assert joined == ({(classroom.pk, user.pk)} if code else set())


sign_in_names = st.one_of(
    signup_usernames,
    st.text(min_size=151, max_size=600),
    long_strings,
    st.sampled_from(["x" * 256, "あ" * 300, "alice" + "\u200b" * 300]),
)


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
@given(username=st.none() | sign_in_names, password=st.none() | passwords)
@fuzz(30)
def test_sign_in_never_500_whatever_the_user_name(student, url_name, username, password):
    from axes.models import AccessAttempt

    data = {key: value for key, value in [("username", username), ("password", password)] if value}
    with fresh_state():
        response = client_for().post(reverse(url_name), data)
        check_status(response, {200, 302, 400, 403, 429})
        if username and len(username) > 150:
            assert response.status_code == 200  # the form again, with the length error
        assert all(
            len(name or "") <= 150
            for name in AccessAttempt.objects.values_list("username", flat=True)
        )


# --- teachers' pages -----------------------------------------------------------------------


@pytest.fixture
def other_class(make_user, quiz):
    """Another teacher's class, with the same quiz: its id must be a 404 for our teacher."""
    colleague = make_user("sato", is_staff=True)
    classroom = Classroom.objects.create(name="2年B組", teacher=colleague)
    quiz.classes.add(classroom)
    return classroom


@pytest.fixture
def finished_attempts(quiz, classroom, student, other_student):
    """Finished attempts with answers, so the exports and statistics have rows to produce."""
    classroom.students.add(other_student)
    for n, user in enumerate([student, other_student]):
        client = client_for(user)
        attempt = Attempt.start(user, quiz)
        for question in quiz.questions.prefetch_related("choices"):
            data = (right_answer if n == 0 else wrong_answer)(attempt, question)
            url = reverse("quizzes:question", args=[attempt.pk, question.pk])
            assert client.post(url, data).status_code == 302
    return Attempt.objects.filter(quiz=quiz)


TEACHER_PAGES = [
    "class", "gradebook", "statistics", "gradebook-csv", "answers-csv", "student",
    "preview", "preview-question",
]  # fmt: skip


@given(
    page=st.sampled_from(TEACHER_PAGES),
    which_class=st.sampled_from(["mine", "colleague's", "random"]),
    random_class=ids,
    which_slug=st.sampled_from(["the quiz", "random"]),
    random_slug=slugs,
    which_id=st.sampled_from(["of the class", "random"]),
    random_id=ids,
    who=st.sampled_from(["teacher", "teacher", "student"]),
)
@fuzz(80)
def test_teacher_pages_with_arbitrary_ids_and_slugs_never_500(
    teacher, student, quiz, classroom, other_class, finished_attempts,
    page, which_class, random_class, which_slug, random_slug, which_id, random_id, who,
):  # fmt: skip
    class_id = {"mine": classroom.pk, "colleague's": other_class.pk}.get(which_class, random_class)
    slug = quiz.slug if which_slug == "the quiz" else random_slug
    question_ids = set(quiz.questions.values_list("pk", flat=True))
    pupils = set(classroom.students.values_list("pk", flat=True))
    if page == "student":
        some_id = student.pk if which_id == "of the class" else random_id
    else:
        some_id = min(question_ids) if which_id == "of the class" else random_id
    args = {
        "class": [class_id],
        "student": [class_id, some_id],
        "preview": [slug],
        "preview-question": [slug, some_id],
    }.get(page, [class_id, slug])
    with fresh_state():
        client = client_for(teacher if who == "teacher" else student)
        response = client.get(reverse(f"teach:{page}", args=args))

        my_class = class_id == classroom.pk and who == "teacher"
        ok = {
            "class": my_class,
            "student": my_class and some_id in pupils,
            "preview": slug == quiz.slug or Quiz.objects.filter(slug=slug).exists(),
            "preview-question": slug == quiz.slug and some_id in question_ids,
        }.get(page, my_class and slug == quiz.slug)
        if page.startswith("preview") and who != "teacher":
            ok = False  # students never preview
        check_status(response, {200} if ok else {404})
        if page.endswith("csv") and ok:
            content = b"".join(response.streaming_content)  # the whole stream generates
            assert content.startswith(b"\xef\xbb\xbf")
            rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
            assert len(rows) == 1 + (2 if page == "gradebook-csv" else 10)


add_student_names = st.one_of(
    st.text(max_size=40),
    with_nul,
    long_strings,
    st.sampled_from(["bob", " bob ", "BOB", "ｂｏｂ", "bob\x00", "alice", "tanaka", "", " "]),
    st.sampled_from(NASTY),
)


@given(
    username=st.none() | add_student_names,
    which_class=st.sampled_from(["mine", "mine", "colleague's", "random"]),
    random_class=ids,
    extra=extra_fields,
    use_htmx=st.booleans(),
)
@fuzz(60)
def test_add_student_never_500_and_adds_only_that_student(
    teacher, classroom, other_student, other_class, username, which_class, random_class, extra,
    use_htmx,
):  # fmt: skip
    class_id = {"mine": classroom.pk, "colleague's": other_class.pk}.get(which_class, random_class)
    data = {**extra, **({"username": username} if username is not None else {})}
    with fresh_state():
        client = client_for(teacher)
        before, invited_before = members(), invitations()
        url = reverse("teach:add-student", args=[class_id])
        response = send(client, "post", url, data, "multipart", use_htmx)

        check_status(response, {302} if class_id == classroom.pk else {404})
        assert members() == before  # an invitation at most: no one joins without accepting
        invited = invitations() - invited_before
        if response.status_code == 404:
            assert not invited
        else:
            wanted = (username or "").strip()[:150]
            students = User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
            matches = [u for u in students if u.username == wanted]
            assert invited <= {(classroom.pk, user.pk) for user in matches}
            if wanted == "bob":
                assert (classroom.pk, other_student.pk) in invitations()


def test_add_student_with_nul_in_the_name_is_not_a_500(teacher, classroom):
    client = client_for(teacher)
    response = client.post(reverse("teach:add-student", args=[classroom.pk]), {"username": "\x00"})
    assert response.status_code == 302, crash(response)


def valid_username(name: str) -> bool:
    """Still a valid, new user name once sign-up has NFKC-normalised it."""
    normal = unicodedata.normalize("NFKC", name)
    fresh = normal.casefold() not in {"alice", "bob", "tanaka"}
    return fresh and len(normal) <= 150 and re.fullmatch(r"[\w.@+-]+", normal) is not None


visible_names = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=150
)
typed_answers = st.text(
    alphabet=st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=200
).filter(visible_part)


@given(
    username=st.from_regex(r"[\w.@+-]{1,30}", fullmatch=True).filter(valid_username),
    first_name=visible_names,
    last_name=visible_names,
    answer=typed_answers | st.sampled_from(["=1+1", "+SUM(A1)", "-3", "@x", '"quoted", text']),
)
@fuzz(25)
def test_any_name_and_answer_a_student_can_give_flows_into_the_teachers_pages(
    teacher, quiz, classroom, username, first_name, last_name, answer
):
    """Names from sign-up and answers typed by students reach pages and CSV intact."""
    with fresh_state():
        student = client_for()
        signup = student.post(
            reverse("signup"),
            {
                "username": username,
                "password1": "correct horse battery staple",
                "password2": "correct horse battery staple",
                "first_name": first_name,
                "last_name": last_name,
                "join_code": classroom.join_code,
            },
        )
        check_status(signup, {302, 400})
        assume(signup.status_code == 302)  # the password may be too like a random name
        user = User.objects.get(username=unicodedata.normalize("NFKC", username))
        check_status(student.post(reverse("quizzes:start", args=[quiz.slug])), {302})
        attempt = Attempt.objects.get(student=user)
        question = quiz.questions.get(kind="text")
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        check_status(student.post(url, {"answer": answer}), {302})

        client = client_for(teacher)
        for page, args in [
            ("gradebook", [classroom.pk, quiz.slug]),
            ("statistics", [classroom.pk, quiz.slug]),
            ("student", [classroom.pk, user.pk]),
            ("class", [classroom.pk]),
        ]:
            check_status(client.get(reverse(f"teach:{page}", args=args)), {200})
        response = client.get(reverse("teach:answers-csv", args=[classroom.pk, quiz.slug]))
        check_status(response, {200})
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content, newline="")))
        mine = [row for row in rows[1:] if row[0] == neutralize(user.username)]
        assert len(mine) == 1
        with translation.override("ja"):  # the CSV's language: the site's default, Japanese
            assert mine[0][1] == neutralize(full_name(user))  # family name first in Japanese
        assert mine[0][5] == neutralize(visible_part(answer))


@given(kind=st.sampled_from(KINDS), data=answer_forms(), use_htmx=st.booleans())
@fuzz(30)
def test_preview_answer_never_500_and_records_nothing(teacher, quiz, kind, data, use_htmx):
    question = quiz.questions.get(kind=kind)
    with fresh_state():
        url = reverse("teach:preview-question", args=[quiz.slug, question.pk])
        response = send(client_for(teacher), "post", url, data, "multipart", use_htmx)
        check_status(response, {200, 400})
        assert not Answer.objects.exists()
        assert not Attempt.objects.exists()


# --- any query string on any page ----------------------------------------------------------

FILTER_KEYS = [
    "q", "o", "p", "e", "_changelist_filters", "next", "article__id__exact", "published__exact",
    "questions__kind__exact", "classes__id__exact", "kind__exact", "quiz__id__exact",
    "quiz__published__exact", "quiz__article__id__exact", "status__exact", "language__exact",
    "article__id__in", "id__gt",
]  # fmt: skip


def pages_with_queries(quiz: Quiz, classroom: Classroom) -> list[str]:
    return [
        "/", reverse("quizzes:quiz-detail", args=[quiz.slug]), reverse("quizzes:history"),
        reverse("join-class"), reverse("login"), reverse("signup"), reverse("admin:login"),
        reverse("teach:class", args=[classroom.pk]),
        reverse("teach:gradebook", args=[classroom.pk, quiz.slug]),
        reverse("admin:quizzes_quiz_changelist"), reverse("admin:quizzes_question_changelist"),
        reverse("admin:quizzes_article_changelist"),
        reverse("admin:quizzes_questiondraft_changelist"),
        reverse("admin:quizzes_classroom_changelist"),
        reverse("admin:quizzes_quiz_change", args=[quiz.pk]),
    ]  # fmt: skip


query_pairs = st.lists(
    st.tuples(st.sampled_from(FILTER_KEYS) | st.text(max_size=12), field_value), max_size=4
)


def raw_query(pairs: list[tuple[str, str]], escaped: bool) -> str:
    """The query string as a WSGI server passes it on: percent-escaped, or raw bytes as sent."""
    if escaped:
        return urlencode(pairs)
    text = "&".join(f"{key}={value}" for key, value in pairs)
    return text.encode("utf-8", "surrogatepass").decode("iso-8859-1")


@given(
    page=st.integers(min_value=0, max_value=14),
    pairs=query_pairs,
    escaped=st.booleans(),
    who=st.sampled_from(["teacher", "student", "anonymous"]),
)
@fuzz(80)
def test_any_query_string_on_any_page_never_500(
    teacher, student, quiz, classroom, page, pairs, escaped, who
):
    url = pages_with_queries(quiz, classroom)[page]
    query = raw_query(pairs, escaped)
    with fresh_state():
        client = client_for({"teacher": teacher, "student": student}.get(who))
        response = client.get(url, QUERY_STRING=query)

        check_status(response, {200, 302, 400, 404})
        event(f"status {response.status_code}")
        if "\x00" in query or "%00" in query:
            assert response.status_code == 400


# --- questions added on the quiz's admin page ----------------------------------------------

decimals = st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str)


@st.composite
def inline_questions(draw) -> dict[str, str]:
    """A new question row of the quiz page: sound for its kind half the time, anything else."""
    kind = draw(st.sampled_from(KINDS + ["", "essay"]))
    sound = {
        "kind": kind, "prompt": "何人か。", "order": draw(st.sampled_from(["6", "7"])),
        "points": "1", "numeric_answer": "120000000" if kind == "numeric" else "",
        "tolerance": "0", "unit": "人" if kind == "numeric" else "",
        "accepted_answers": "UNHCR\n国連" if kind == "text" else "",
    }  # fmt: skip
    if draw(st.booleans()):
        return sound
    noise = st.one_of(decimals, field_value, st.sampled_from(["", "0", "-1", "1", "6"]))
    changed = draw(st.sets(st.sampled_from(sorted(set(sound) - {"kind"})), min_size=1))
    return {**sound, **{name: draw(noise) for name in changed}}


@given(new=inline_questions(), published=st.booleans())
@fuzz(40)
def test_quiz_page_never_500_and_a_published_quiz_stays_answerable(teacher, quiz, new, published):
    from .forms import form_data

    url = reverse("admin:quizzes_quiz_change", args=[quiz.pk])
    with fresh_state():
        client = client_for(teacher)
        data = form_data(client.get(url).content.decode(), "quiz_form")
        n = int(data["questions-TOTAL_FORMS"])
        data.update({f"questions-{n}-{k}": v for k, v in new.items()})
        data[f"questions-{n}-quiz"] = str(quiz.pk)
        data["questions-TOTAL_FORMS"] = str(n + 1)
        if published:
            data["published"] = "on"
        else:
            data.pop("published", None)
        response = client.post(url, data)

        check_status(response, {200, 302})
        event(f"{new['kind'] or 'no kind'}: status {response.status_code}, published {published}")
        quiz.refresh_from_db()
        if quiz.published:
            assert quiz.publishing_problems() == []
