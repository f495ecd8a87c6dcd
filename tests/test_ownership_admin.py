"""A teacher's data stays hers in the admin: every admin page × every persona (issue 12, §1).

The world is `two_teachers` (conftest): tanaka teaches 1年A組 and owns quiz_a; suzuki teaches
2年B組 and owns quiz_b and quiz_s, which she shared with tanaka; root is an administrator.
Each object of the matrix names who may change it and who may only look at it; everyone else
must not find it at all.
"""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from quizzes.models import Article, Attempt, Quiz

pytestmark = pytest.mark.django_db

PERSONAS = ["teacher", "other_teacher", "admin"]
EVERYONE = set(PERSONAS)
TANAKA, SUZUKI = {"teacher", "admin"}, {"other_teacher", "admin"}

# object -> (its admin, who changes it, who may only look at it)
MATRIX = {
    "quiz_a": ("quiz", TANAKA, set()),
    "quiz_b": ("quiz", SUZUKI, set()),
    "quiz_s": ("quiz", SUZUKI, {"teacher"}),
    "question_a": ("question", TANAKA, set()),
    "question_b": ("question", SUZUKI, set()),
    "question_s": ("question", SUZUKI, {"teacher"}),
    "article_a": ("article", TANAKA, set()),
    "article_b": ("article", SUZUKI, set()),
    "draft_a": ("questiondraft", TANAKA, set()),
    "draft_b": ("questiondraft", SUZUKI, set()),
    "class_a": ("classroom", TANAKA, set()),
    "class_b": ("classroom", SUZUKI, set()),
    # Attempts and answers belong to the class: alice is in both classes, but quiz_a is
    # assigned to 1年A組 only, so suzuki never reads her answers to it.
    "attempt_alice_a": ("attempt", TANAKA, set()),
    "attempt_alice_s": ("attempt", EVERYONE, set()),
    "attempt_bob_b": ("attempt", SUZUKI, set()),
    "answer_alice_a": ("answer", TANAKA, set()),
    "answer_alice_s": ("answer", EVERYONE, set()),
    "answer_bob_b": ("answer", SUZUKI, set()),
}
MODELS = sorted({model for model, _changers, _viewers in MATRIX.values()})


def access(name: str, persona: str) -> str:
    _model, changers, viewers = MATRIX[name]
    return "change" if persona in changers else "view" if persona in viewers else "none"


def cells():
    for name in MATRIX:
        for persona in PERSONAS:
            yield pytest.param(name, persona, access(name, persona), id=f"{name}-{persona}")


@pytest.fixture
def clients(teacher, other_teacher, admin_user) -> dict[str, Client]:
    result = {}
    for persona, user in [("teacher", teacher), ("other_teacher", other_teacher)]:
        result[persona] = Client(HTTP_ACCEPT_LANGUAGE="en")
        result[persona].force_login(user)
    result["admin"] = Client(HTTP_ACCEPT_LANGUAGE="en")
    result["admin"].force_login(admin_user)
    return result


def admin_url(name: str, view: str, world) -> str:
    model = MATRIX[name][0]
    return reverse(f"admin:quizzes_{model}_{view}", args=[world.objects(name)[0].pk])


def is_not_found(response) -> bool:
    """The admin's answer to an object outside one's list: back to the index, as if deleted."""
    return response.status_code == 302 and response["Location"] == reverse("admin:index")


# --- lists ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("model", MODELS)
def test_a_list_shows_exactly_what_the_persona_may_see(model, persona, two_teachers, clients):
    response = clients[persona].get(reverse(f"admin:quizzes_{model}_changelist"))

    assert response.status_code == 200
    listed = {row.pk for row in response.context["cl"].queryset}
    expected = {
        row.pk
        for name, (of_model, _c, _v) in MATRIX.items()
        if of_model == model and access(name, persona) != "none"
        for row in two_teachers.objects(name)
    }
    assert listed == expected


def test_the_quiz_list_names_no_quiz_of_a_colleague_that_was_not_shared(two_teachers, clients):
    page = clients["teacher"].get(reverse("admin:quizzes_quiz_changelist")).content.decode()

    assert "Tanaka quiz" in page and "Shared quiz" in page
    assert "Suzuki quiz" not in page


# --- one object's pages --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "persona", "expected"), list(cells()))
def test_the_change_page(name, persona, expected, two_teachers, clients):
    response = clients[persona].get(admin_url(name, "change", two_teachers))

    if expected == "none":
        assert is_not_found(response)
    else:
        assert response.status_code == 200
        assert response.context["has_change_permission"] is (expected == "change")


@pytest.mark.parametrize(
    ("name", "persona", "expected"), [c for c in cells() if c.values[2] != "change"]
)
def test_posting_a_change_one_may_not_make_changes_nothing(
    name, persona, expected, two_teachers, clients
):
    row = two_teachers.objects(name)[0]
    before = model_to_dict(row)

    response = clients[persona].post(
        admin_url(name, "change", two_teachers),
        {"title": "changed", "name": "changed", "prompt": "changed", "answer": "changed"},
    )

    assert response.status_code == 403 if expected == "view" else is_not_found(response)
    row.refresh_from_db()
    assert model_to_dict(row) == before


@pytest.mark.parametrize(("name", "persona", "expected"), list(cells()))
def test_the_delete_page(name, persona, expected, two_teachers, clients):
    response = clients[persona].get(admin_url(name, "delete", two_teachers))

    if expected == "none":
        assert is_not_found(response)
    else:
        assert response.status_code == (200 if expected == "change" else 403)


@pytest.mark.parametrize(
    ("name", "persona", "expected"), [c for c in cells() if c.values[2] != "change"]
)
def test_deleting_what_one_may_not_change_deletes_nothing(
    name, persona, expected, two_teachers, clients
):
    row = two_teachers.objects(name)[0]

    response = clients[persona].post(admin_url(name, "delete", two_teachers), {"post": "yes"})

    assert response.status_code == 403 if expected == "view" else is_not_found(response)
    assert type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(("name", "persona", "expected"), list(cells()))
def test_the_history_page(name, persona, expected, two_teachers, clients):
    response = clients[persona].get(admin_url(name, "history", two_teachers))

    if expected == "none":
        assert is_not_found(response)
    else:
        assert response.status_code == 200


# --- the quiz's and the article's own pages ------------------------------------------------

QUIZZES = ["quiz_a", "quiz_b", "quiz_s"]


def quiz_cells():
    return [c for c in cells() if c.values[0] in QUIZZES]


@pytest.mark.parametrize(("name", "persona", "expected"), quiz_cells())
def test_importing_questions_only_into_ones_own_quiz(
    name, persona, expected, two_teachers, clients
):
    quiz = two_teachers.objects(name)[0]

    response = clients[persona].get(reverse("admin:quizzes_quiz_import", args=[quiz.pk]))

    assert response.status_code == {"change": 200, "view": 403, "none": 404}[expected]


@pytest.mark.parametrize(("name", "persona", "expected"), quiz_cells())
def test_exporting_a_quiz_one_may_see(name, persona, expected, two_teachers, clients):
    quiz = two_teachers.objects(name)[0]

    response = clients[persona].get(reverse("admin:quizzes_quiz_export", args=[quiz.pk, "csv"]))

    assert response.status_code == (404 if expected == "none" else 200)


@pytest.mark.parametrize(
    ("name", "persona", "expected"), [c for c in cells() if c.values[0].startswith("article")]
)
def test_drafting_only_from_ones_own_article(name, persona, expected, two_teachers, clients):
    article = two_teachers.objects(name)[0]

    response = clients[persona].get(reverse("admin:quizzes_article_draft", args=[article.pk]))

    if expected == "change":  # a GET only leads back to the article
        assert response.status_code == 302
    else:
        assert response.status_code == 404


# --- actions -------------------------------------------------------------------------------


def act(client: Client, model: str, action: str, rows, **extra):
    data = {"action": action, "_selected_action": [row.pk for row in rows], **extra}
    return client.post(reverse(f"admin:quizzes_{model}_changelist"), data, follow=True)


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_publishing_a_shared_quiz_is_left_to_its_owner(action, two_teachers, clients):
    quizzes = [two_teachers.quiz_a, two_teachers.quiz_s]
    before = {quiz.pk: quiz.published for quiz in quizzes}

    response = act(clients["teacher"], "quiz", action, quizzes)

    page = response.content.decode()
    assert "Shared quiz is shared with you: only its owner changes it." in page
    two_teachers.quiz_s.refresh_from_db()
    two_teachers.quiz_a.refresh_from_db()
    assert two_teachers.quiz_s.published == before[two_teachers.quiz_s.pk]
    assert two_teachers.quiz_a.published is (action == "publish")


def test_an_action_on_a_colleagues_quiz_that_was_not_shared_does_nothing(two_teachers, clients):
    act(clients["teacher"], "quiz", "unpublish", [two_teachers.quiz_b])

    two_teachers.quiz_b.refresh_from_db()
    assert two_teachers.quiz_b.published


def test_duplicating_a_shared_quiz_gives_the_colleague_her_own_copy(two_teachers, clients, teacher):
    act(clients["teacher"], "quiz", "duplicate", [two_teachers.quiz_s])

    copy = Quiz.objects.get(title="Shared quiz (copy)")
    assert copy.owner == teacher
    assert not copy.published and not copy.classes.exists() and not copy.shared_with.exists()
    assert copy.questions.count() == two_teachers.quiz_s.questions.count()
    page = clients["teacher"].get(reverse("admin:quizzes_quiz_change", args=[copy.pk]))
    assert page.context["has_change_permission"] is True
    saved = clients["teacher"].post(  # the copy keeps suzuki's article, and saves
        reverse("admin:quizzes_quiz_change", args=[copy.pk]), quiz_form(copy, title="Mine now")
    )
    assert saved.status_code == 302
    copy.refresh_from_db()
    assert copy.title == "Mine now" and copy.article == two_teachers.quiz_s.article


@pytest.mark.parametrize("model", ["quiz", "question"])
def test_deleting_a_shared_quiz_or_its_questions_in_bulk_is_refused(model, two_teachers, clients):
    rows = two_teachers.objects("quiz_s" if model == "quiz" else "question_s")

    response = act(clients["teacher"], model, "delete_selected", rows, post="yes")

    assert response.status_code == 200
    assert "have permission to delete the following types of objects:" in (
        response.content.decode()
    )
    assert all(type(row).objects.filter(pk=row.pk).exists() for row in rows)


def test_drafts_cannot_be_added_to_a_colleagues_quiz(two_teachers, clients):
    draft = two_teachers.drafts["a"]
    draft.status = "approved"
    draft.save()

    response = act(
        clients["teacher"], "questiondraft", "add_to_quiz", [draft],
        apply="1", quiz=two_teachers.quiz_s.pk,
    )  # fmt: skip

    assert "Select a valid choice." in response.content.decode()
    assert two_teachers.quiz_s.questions.count() == 3
    draft.refresh_from_db()
    assert draft.question is None


def test_drafts_added_to_a_new_quiz_make_it_the_teachers(two_teachers, clients, teacher):
    draft = two_teachers.drafts["a"]
    draft.status = "approved"
    draft.save()

    act(clients["teacher"], "questiondraft", "add_to_quiz", [draft], apply="1", new_title="New")

    quiz = Quiz.objects.get(title="New")
    assert quiz.owner == teacher and quiz.questions.count() == 1


# --- choice lists and filters --------------------------------------------------------------


def choices(response, field: str) -> set[str]:
    form = response.context["adminform"].form
    return {str(option) for option in form.fields[field].queryset}


# (admin page, field) -> what each persona is offered
CHOICES = {
    ("quiz_add", "classes"): {
        "teacher": {"1年A組"}, "other_teacher": {"2年B組"}, "admin": {"1年A組", "2年B組"},
    },
    ("quiz_add", "article"): {
        "teacher": {"Tanaka article"}, "other_teacher": {"Suzuki article"},
        "admin": {"Tanaka article", "Suzuki article"},
    },
    ("quiz_add", "shared_with"): {
        "teacher": {"suzuki"}, "other_teacher": {"tanaka"}, "admin": {"tanaka", "suzuki"},
    },
    ("question_add", "quiz"): {
        "teacher": {"Tanaka quiz"}, "other_teacher": {"Suzuki quiz", "Shared quiz"},
        "admin": {"Tanaka quiz", "Suzuki quiz", "Shared quiz"},
    },
}  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("page", "field"), list(CHOICES))
def test_choice_lists_offer_only_what_the_persona_may_use(
    page, field, persona, two_teachers, clients
):
    response = clients[persona].get(reverse(f"admin:quizzes_{page}"))

    assert choices(response, field) == CHOICES[page, field][persona]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("teacher", {"Tanaka quiz", "Shared quiz"}),
        ("other_teacher", {"Suzuki quiz", "Shared quiz"}),
    ],
)
def test_a_class_is_offered_its_teachers_quizzes_and_those_shared_with_her(
    persona, expected, two_teachers, clients
):
    classroom = two_teachers.class_a if persona == "teacher" else two_teachers.class_b

    response = clients[persona].get(reverse("admin:quizzes_classroom_change", args=[classroom.pk]))

    assert choices(response, "quizzes") == expected


def test_the_quiz_of_a_new_question_is_one_of_her_own(two_teachers, clients):
    response = clients["teacher"].post(
        reverse("admin:quizzes_question_add"),
        {"quiz": two_teachers.quiz_s.pk, "order": 9, "kind": "text", "prompt": "injected",
         "points": 1, "tolerance": 0, "accepted_answers": "x",
         "choices-TOTAL_FORMS": 0, "choices-INITIAL_FORMS": 0},
    )  # fmt: skip

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not two_teachers.quiz_s.questions.filter(prompt="injected").exists()


def filter_choices(response, title: str) -> set[str] | None:
    """The filter's choices; None when the admin hides it (it would offer a single choice)."""
    for spec in response.context["cl"].filter_specs:
        if str(spec.title) == title:
            return {str(label) for _value, label in spec.lookup_choices}
    return None


# (list, filter title) -> what each persona is offered
FILTERS = {
    ("quiz", "classes"): {
        "teacher": {"1年A組"}, "other_teacher": {"2年B組"}, "admin": {"1年A組", "2年B組"},
    },
    ("quiz", "article"): {
        "teacher": {"Tanaka article", "Suzuki article"},  # the shared quiz's, to see it
        "other_teacher": {"Suzuki article"}, "admin": {"Tanaka article", "Suzuki article"},
    },
    ("question", "quiz"): {
        "teacher": {"Tanaka quiz", "Shared quiz"}, "other_teacher": {"Suzuki quiz", "Shared quiz"},
        "admin": {"Tanaka quiz", "Suzuki quiz", "Shared quiz"},
    },
    ("questiondraft", "article"): {
        "teacher": {"Tanaka article"}, "other_teacher": {"Suzuki article"},
        "admin": {"Tanaka article", "Suzuki article"},
    },
    ("attempt", "quiz"): {
        "teacher": {"Tanaka quiz", "Shared quiz"}, "other_teacher": {"Suzuki quiz", "Shared quiz"},
        "admin": {"Tanaka quiz", "Suzuki quiz", "Shared quiz"},
    },
}  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("model", "title"), list(FILTERS))
def test_list_filters_offer_only_what_the_persona_may_see(
    model, title, persona, two_teachers, clients
):
    response = clients[persona].get(reverse(f"admin:quizzes_{model}_changelist"))

    expected = FILTERS[model, title][persona]
    offered = filter_choices(response, title)
    assert offered == expected if offered is not None else len(expected) == 1
    page = response.content.decode()
    hidden = set().union(*FILTERS[model, title].values()) - expected
    assert not any(f">{label}</a>" in page for label in hidden)


# (source model, field) -> what the admin's autocomplete answers each persona
AUTOCOMPLETE = {
    ("question", "quiz"): {
        "teacher": {"Tanaka quiz", "Shared quiz"}, "other_teacher": {"Suzuki quiz", "Shared quiz"},
        "admin": {"Tanaka quiz", "Suzuki quiz", "Shared quiz"},
    },
    ("quiz", "article"): {
        "teacher": {"Tanaka article"}, "other_teacher": {"Suzuki article"},
        "admin": {"Tanaka article", "Suzuki article"},
    },
    ("quiz", "classes"): {
        "teacher": {"1年A組"}, "other_teacher": {"2年B組"}, "admin": {"1年A組", "2年B組"},
    },
}  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("model", "field"), list(AUTOCOMPLETE))
def test_autocomplete_answers_only_what_the_persona_may_see(
    model, field, persona, two_teachers, clients
):
    response = clients[persona].get(
        reverse("admin:autocomplete"),
        {"app_label": "quizzes", "model_name": model, "field_name": field, "term": ""},
    )

    assert response.status_code == 200
    assert {row["text"] for row in response.json()["results"]} == AUTOCOMPLETE[model, field][
        persona
    ]


# --- assigning quizzes to classes ----------------------------------------------------------


def quiz_form(quiz: Quiz, **changes) -> dict:
    data = {
        "title": quiz.title, "slug": quiz.slug, "published": "on", "attempts_allowed": 1,
        "shuffle_choices": "on", "article": quiz.article_id,
        "classes": list(quiz.classes.values_list("pk", flat=True)),
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0",
    }  # fmt: skip
    return {**data, **changes}


def test_a_quiz_cannot_be_assigned_to_a_class_she_does_not_teach(two_teachers, clients):
    quiz = two_teachers.quiz_a
    data = quiz_form(quiz, classes=[two_teachers.class_a.pk, two_teachers.class_b.pk])

    response = clients["teacher"].post(reverse("admin:quizzes_quiz_change", args=[quiz.pk]), data)

    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
    assert not quiz.classes.filter(pk=two_teachers.class_b.pk).exists()


def test_a_quiz_cannot_be_given_a_colleagues_article(two_teachers, clients):
    quiz = two_teachers.quiz_a

    response = clients["teacher"].post(
        reverse("admin:quizzes_quiz_change", args=[quiz.pk]),
        quiz_form(quiz, article=two_teachers.quiz_b.article_id),
    )

    assert response.status_code == 200
    quiz.refresh_from_db()
    assert quiz.article.owner.username == "tanaka"


def test_sharing_a_quiz_lets_the_colleague_assign_it_to_her_class(
    two_teachers, clients, other_teacher
):
    quiz = two_teachers.quiz_a
    response = clients["teacher"].post(
        reverse("admin:quizzes_quiz_change", args=[quiz.pk]),
        quiz_form(quiz, shared_with=[other_teacher.pk]),
    )
    assert response.status_code == 302
    class_b = two_teachers.class_b

    response = clients["other_teacher"].post(
        reverse("admin:quizzes_classroom_change", args=[class_b.pk]),
        {"name": class_b.name, "quizzes": [quiz.pk, two_teachers.quiz_b.pk]},
    )

    assert response.status_code == 302
    assert set(class_b.quizzes.all()) == {quiz, two_teachers.quiz_b}
    page = clients["other_teacher"].get(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))
    assert page.context["has_change_permission"] is False  # assign it, never change it


def test_a_class_cannot_be_given_a_quiz_that_was_not_shared(two_teachers, clients):
    class_a = two_teachers.class_a

    response = clients["teacher"].post(
        reverse("admin:quizzes_classroom_change", args=[class_a.pk]),
        {"name": class_a.name, "quizzes": [two_teachers.quiz_b.pk]},
    )

    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
    assert not class_a.quizzes.filter(pk=two_teachers.quiz_b.pk).exists()


def test_saving_a_quiz_keeps_the_classes_colleagues_assigned_it_to(two_teachers, clients):
    quiz = two_teachers.quiz_s  # suzuki's, assigned to 1年A組 by tanaka
    data = quiz_form(quiz, classes=[two_teachers.class_b.pk])

    response = clients["other_teacher"].post(
        reverse("admin:quizzes_quiz_change", args=[quiz.pk]), data
    )

    assert response.status_code == 302
    assert set(quiz.classes.all()) == {two_teachers.class_a, two_teachers.class_b}


# --- who owns what is made -----------------------------------------------------------------


def test_a_quiz_made_in_the_admin_belongs_to_whoever_made_it(clients, teacher, two_teachers):
    response = clients["teacher"].post(
        reverse("admin:quizzes_quiz_add"),
        {"title": "Mine", "slug": "mine", "attempts_allowed": 1, "shuffle_choices": "on",
         "owner": "", "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0"},
    )  # fmt: skip

    assert response.status_code == 302
    assert Quiz.objects.get(slug="mine").owner == teacher


def test_an_article_made_in_the_admin_belongs_to_whoever_made_it(clients, other_teacher):
    response = clients["other_teacher"].post(
        reverse("admin:quizzes_article_add"), {"title": "", "language": "ja", "body": "本文。"}
    )

    assert response.status_code == 302
    assert Article.objects.get(body="本文。").owner == other_teacher


def test_two_teachers_may_each_import_the_same_article(clients, teacher, other_teacher):
    """Telling tanaka that suzuki imported it first would show her suzuki's article."""
    body = "鈴木さんの記事\n\n本文です。"
    theirs, _ = Article.objects.import_text(body, owner=other_teacher)

    response = clients["teacher"].post(
        reverse("admin:quizzes_article_add"), {"title": "", "language": "ja", "body": body}
    )

    assert response.status_code == 302
    mine = Article.objects.exclude(pk=theirs.pk).get(body=theirs.body)
    assert mine.owner == teacher
    again = clients["teacher"].post(
        reverse("admin:quizzes_article_add"), {"title": "", "language": "ja", "body": body}
    )
    assert again.status_code == 200  # her own second import is refused, with a link to hers
    page = again.content.decode()
    assert reverse("admin:quizzes_article_change", args=[mine.pk]) in page
    assert reverse("admin:quizzes_article_change", args=[theirs.pk]) not in page


def test_an_attempt_is_never_listed_to_a_teacher_of_another_class(two_teachers, clients):
    listed = clients["other_teacher"].get(reverse("admin:quizzes_attempt_changelist"))

    mine = {attempt.pk for attempt in listed.context["cl"].queryset}
    assert two_teachers.attempts["alice_a"].pk not in mine
    assert Attempt.objects.filter(pk=two_teachers.attempts["alice_a"].pk).exists()
