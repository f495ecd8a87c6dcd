"""Authoring in the admin: broken questions are stopped, quizzes published and copied, and
editing a question never rewrites what students already scored."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from quizzes.models import Attempt, Choice, Question, Quiz

from .factories import question_of_kind, right_answer

pytestmark = pytest.mark.django_db


def question_form(question, choices, **changes):
    data = {
        "quiz": question.quiz_id, "order": question.order, "kind": question.kind,
        "prompt": question.prompt, "explanation": question.explanation, "points": 1,
        "numeric_answer": question.numeric_answer or "", "tolerance": question.tolerance,
        "unit": question.unit, "accepted_answers": question.accepted_answers,
        "choices-TOTAL_FORMS": str(len(choices)), "choices-INITIAL_FORMS": "0",
    }  # fmt: skip
    for n, (text, correct) in enumerate(choices):
        data[f"choices-{n}-text"] = text
        data[f"choices-{n}-order"] = n
        if correct:
            data[f"choices-{n}-is_correct"] = "on"
    data.update(changes)
    return data


def add_question(teacher_client, data):
    return teacher_client.post(reverse("admin:quizzes_question_add"), data)


BROKEN = [
    ("single", [("東京", True), ("大阪", True)], {}),
    ("single", [("東京", True)], {}),
    ("multiple", [("東京", False), ("大阪", False)], {}),
    ("true_false", [("正しい", True), ("誤り", True)], {}),
    ("true_false", [("正しい", True), ("誤り", False), ("不明", False)], {}),
    ("numeric", [], {"numeric_answer": ""}),
    ("numeric", [], {"numeric_answer": "3", "tolerance": "-1"}),
    ("text", [], {"accepted_answers": "  "}),
]
BROKEN_IDS = [
    "single-two-correct", "single-one-option", "multiple-none-correct", "tf-two-correct",
    "tf-three-options", "numeric-no-answer", "numeric-negative-tolerance", "text-no-answer",
]  # fmt: skip


@pytest.mark.parametrize(("kind", "choices", "extra"), BROKEN, ids=BROKEN_IDS)
def test_a_broken_question_is_refused_with_a_message(teacher_client, quiz, kind, choices, extra):
    before = Question.objects.count()
    template = quiz.questions.get(kind=kind)
    data = question_form(template, choices, order=99, **extra)
    response = add_question(teacher_client, data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
    assert Question.objects.count() == before


@pytest.mark.parametrize(("kind", "choices", "extra"), BROKEN, ids=BROKEN_IDS)
def test_questions_join_a_quiz_all_checked_or_none_joins(quiz, kind, choices, extra):
    template = quiz.questions.get(kind=kind)
    broken = Question(
        kind=kind,
        prompt="壊れた問題",
        numeric_answer=extra.get("numeric_answer", template.numeric_answer) or None,
        tolerance=extra.get("tolerance", template.tolerance),
        accepted_answers=extra.get("accepted_answers", template.accepted_answers),
    )
    sound, options = question_of_kind("single", 6)
    options_before = Choice.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        quiz.append_questions([(sound, options), (broken, choices)])
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith("Question 7 (壊れた問題): ")
    assert quiz.questions.count() == 5 and Choice.objects.count() == options_before


def test_sound_questions_join_after_the_last_with_their_options(quiz):
    added = quiz.append_questions([question_of_kind("single", 6), question_of_kind("text", 7)])
    assert [question.order for question in added] == [6, 7]
    assert list(added[0].choices.values_list("text", "is_correct", "order")) == [
        ("8,000万人", False, 1), ("1億2,000万人", True, 2), ("2億人", False, 3),
        ("5,000万人", False, 4),
    ]  # fmt: skip


def test_a_copy_of_an_unfinished_quiz_keeps_its_unfinished_question(teacher_client, quiz):
    quiz.questions.get(kind="single").choices.all().delete()  # options still to be written
    url = reverse("admin:quizzes_quiz_changelist")
    response = teacher_client.post(url, {"action": "duplicate", "_selected_action": [quiz.pk]})
    assert response.status_code == 302
    copy = Quiz.objects.exclude(pk=quiz.pk).get()
    assert copy.questions.count() == 5
    assert not copy.questions.get(kind="single").choices.exists()


def test_a_sound_question_is_saved(teacher_client, quiz):
    template = quiz.questions.get(kind="single")
    data = question_form(template, [("東京", True), ("大阪", False), ("名古屋", False)], order=99)
    assert add_question(teacher_client, data).status_code == 302
    added = Question.objects.get(quiz=quiz, order=99)
    assert added.choices.filter(is_correct=True).count() == 1


def test_admin_search_finds_japanese_question_text(teacher_client, quiz):
    url = reverse("admin:quizzes_question_changelist")
    page = teacher_client.get(url, {"q": "避難を余儀なく"}).content.decode()
    assert "問1" in page
    quizzes = teacher_client.get(reverse("admin:quizzes_quiz_changelist"), {"q": "避難"})
    assert quiz.title in quizzes.content.decode()


def test_admin_filters_by_article_kind_and_status(teacher_client, quiz):
    url = reverse("admin:quizzes_question_changelist")
    page = teacher_client.get(url, {"kind__exact": "numeric"}).content.decode()
    assert "問4" in page and "問1:" not in page
    quizzes = reverse("admin:quizzes_quiz_changelist")
    assert teacher_client.get(quizzes, {"published__exact": "1"}).status_code == 200
    assert teacher_client.get(quizzes, {"article__id__exact": quiz.article_id}).status_code == 200


def test_publish_unpublish_and_duplicate_actions(teacher_client, quiz):
    url = reverse("admin:quizzes_quiz_changelist")
    teacher_client.post(url, {"action": "unpublish", "_selected_action": [quiz.pk]})
    quiz.refresh_from_db()
    assert not quiz.published
    teacher_client.post(url, {"action": "publish", "_selected_action": [quiz.pk]})
    quiz.refresh_from_db()
    assert quiz.published
    teacher_client.post(url, {"action": "duplicate", "_selected_action": [quiz.pk]})
    copy = Quiz.objects.exclude(pk=quiz.pk).get()
    assert not copy.published and not copy.classes.exists()
    assert copy.questions.count() == quiz.questions.count()
    assert copy.slug != quiz.slug
    original = [(q.prompt, sorted(c.text for c in q.choices.all())) for q in quiz.questions.all()]
    copied = [(q.prompt, sorted(c.text for c in q.choices.all())) for q in copy.questions.all()]
    assert copied == original


def test_a_copy_keeps_the_settings_and_gets_an_address_of_its_own(teacher, other_teacher, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(
        description="説明", time_limit_minutes=15, attempts_allowed=3, shuffle_questions=True
    )
    quiz.shared_with.add(other_teacher)
    copy = quiz.duplicate(owner=other_teacher)
    assert copy.title == "テスト test-quiz (copy)" and copy.owner == other_teacher
    assert copy.article == quiz.article and not copy.published
    assert (copy.description, copy.time_limit_minutes, copy.attempts_allowed) == ("説明", 15, 3)
    assert copy.shuffle_questions and not copy.shared_with.exists()
    assert re.fullmatch(r"test-quiz-[a-z0-9]{6}", copy.slug)


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Budget 2024: the vote", "budget-2024-the-vote"), ("防災予算クイズ", "quiz")],
)
def test_a_new_quiz_is_addressed_by_its_title_and_a_random_suffix(teacher, title, slug):
    first = Quiz.objects.create_for(None, title=title, owner=teacher)
    second = Quiz.objects.create_for(None, title=title, owner=teacher)
    assert re.fullmatch(slug + r"-[a-z0-9]{6}", first.slug) and first.slug != second.slug
    assert not first.published


def test_editing_a_question_after_students_answered_keeps_their_results(
    student_client, teacher_client, student, quiz
):
    attempt = Attempt.start(student, quiz)
    for question in quiz.questions.all():
        url = reverse("quizzes:question", args=[attempt.pk, question.pk])
        student_client.post(url, right_answer(attempt, question))
    attempt.refresh_from_db()
    assert attempt.score == 5
    single = quiz.questions.get(kind="single")
    choices = [(c.text, not c.is_correct) for c in single.choices.all()][:2]
    choices[1] = (choices[1][0], False)
    data = question_form(single, [(choices[0][0], True), (choices[1][0], False)])
    response = teacher_client.post(reverse("admin:quizzes_question_change", args=[single.pk]), data)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 5
    assert attempt.answers.get(question=single).outcome == "correct"
    result = student_client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "You scored 5 out of 5." in result


def test_a_teacher_assigns_a_quiz_only_to_their_own_classes(teacher_client, make_user, quiz):
    from quizzes.models import Classroom

    other = make_user("suzuki", is_staff=True)
    theirs = Classroom.objects.create(name="よそのクラス", teacher=other)
    page = teacher_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))
    assert "よそのクラス" not in page.content.decode()
    quiz.classes.add(theirs)  # assigned by the other teacher
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "classes"}
    mine = [c.pk for c in quiz.classes.filter(teacher__username="tanaka")]
    data.update({
        "title": quiz.title, "slug": quiz.slug, "attempts_allowed": 1, "shuffle_choices": "on",
        "published": "on", "classes": mine,
        "questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0",
    })  # fmt: skip
    data.pop("article", None)
    response = teacher_client.post(reverse("admin:quizzes_quiz_change", args=[quiz.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert quiz.classes.filter(pk=theirs.pk).exists()  # the other teacher's assignment stays


# --- questions on the quiz's own page, and publishing ------------------------------------


def quiz_page(teacher_client, quiz, language="en"):
    url = reverse("admin:quizzes_quiz_change", args=[quiz.pk])
    return teacher_client.get(url, HTTP_ACCEPT_LANGUAGE=language)


def post_quiz_page(teacher_client, quiz, new_questions=(), language="en", **changes):
    """The quiz's admin page submitted as shown, plus new inline questions and field changes."""
    from .forms import form_data

    data = form_data(quiz_page(teacher_client, quiz, language).content.decode(), "quiz_form")
    total = int(data["questions-TOTAL_FORMS"])
    for n, question in enumerate(new_questions, start=total):
        defaults = {"points": "1", "tolerance": "0", "unit": "", "accepted_answers": ""}
        for field, value in {**defaults, **question}.items():
            data[f"questions-{n}-{field}"] = value
        data[f"questions-{n}-quiz"] = str(quiz.pk)
    data["questions-TOTAL_FORMS"] = str(total + len(new_questions))
    for field, value in changes.items():
        if value is None:
            data.pop(field, None)
        else:
            data[field] = value
    url = reverse("admin:quizzes_quiz_change", args=[quiz.pk])
    return teacher_client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


NUMBER = {"order": "6", "kind": "numeric", "prompt": "何人か。", "numeric_answer": "120000000"}
TEXT = {"order": "7", "kind": "text", "prompt": "どこか。", "accepted_answers": "UNHCR"}


def test_number_and_short_text_questions_are_added_on_the_quiz_page(teacher_client, quiz):
    response = post_quiz_page(teacher_client, quiz, [NUMBER, TEXT])
    assert response.status_code == 302, response.content.decode()[:2000]
    number, text = quiz.questions.filter(order__in=[6, 7]).order_by("order")
    assert number.numeric_answer == 120000000 and text.accepted_answer_list() == ("UNHCR",)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({**NUMBER, "numeric_answer": ""}, "A number question needs its answer."),
        ({**NUMBER, "tolerance": "-1"}, "The tolerance cannot be negative."),
        ({**TEXT, "accepted_answers": " "}, "A short-text question needs at least one answer."),
    ],
    ids=["number-without-answer", "negative-tolerance", "text-without-answers"],
)
def test_the_quiz_page_checks_new_questions_as_their_own_page_does(
    teacher_client, quiz, question, message
):
    before = quiz.questions.count()
    response = post_quiz_page(teacher_client, quiz, [question])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert quiz.questions.count() == before


SINGLE_WITHOUT_OPTIONS = {"order": "6", "kind": "single", "prompt": "どれか。選択肢はまだない。"}
SINGLE_NAMED = "Question 6 (どれか。選択肢はまだない。): "
SINGLE_RULE = "A single-choice question needs two options or more, exactly one correct."


def test_a_published_quiz_takes_no_question_its_students_could_not_answer(teacher_client, quiz):
    response = post_quiz_page(teacher_client, quiz, [SINGLE_WITHOUT_OPTIONS])
    assert response.status_code == 200
    page = response.content.decode()
    assert "The quiz cannot be published while a question is broken:" in page
    assert SINGLE_NAMED + SINGLE_RULE in page
    assert not quiz.questions.filter(order=6).exists()


def test_a_draft_quiz_takes_an_unfinished_question_but_is_not_published_with_it(
    teacher_client, quiz
):
    quiz.published = False
    quiz.save()
    assert post_quiz_page(teacher_client, quiz, [SINGLE_WITHOUT_OPTIONS]).status_code == 302

    ticked = post_quiz_page(teacher_client, quiz, published="on")
    assert ticked.status_code == 200
    assert SINGLE_NAMED + SINGLE_RULE in ticked.content.decode()

    url = reverse("admin:quizzes_quiz_changelist")
    action = {"action": "publish", "_selected_action": [quiz.pk]}
    listing = teacher_client.post(url, action, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert f"{quiz.title} was not published: {SINGLE_NAMED}{SINGLE_RULE}" in (
        listing.content.decode()
    )
    assert "0 quizzes published." in listing.content.decode()
    quiz.refresh_from_db()
    assert not quiz.published


def test_the_publishing_message_is_in_japanese(teacher_client, quiz):
    response = post_quiz_page(teacher_client, quiz, [SINGLE_WITHOUT_OPTIONS], language="ja")
    assert (
        "問題6（どれか。選択肢はまだない。）: "
        "単一選択の問題には2つ以上の選択肢が必要で、正解はちょうど1つです。"
    ) in response.content.decode()


def test_changing_a_kind_on_the_quiz_page_must_fit_the_saved_options(teacher_client, quiz):
    single = quiz.questions.get(kind="single")  # four options
    prefix = next(
        key.removesuffix("-id")
        for key, value in _quiz_form(teacher_client, quiz).items()
        if key.endswith("-id") and value == str(single.pk)
    )
    response = post_quiz_page(teacher_client, quiz, **{f"{prefix}-kind": "true_false"})
    assert response.status_code == 200
    assert "A true/false question has exactly two options, one of them correct." in (
        response.content.decode()
    )
    single.refresh_from_db()
    assert single.kind == "single"


def _quiz_form(teacher_client, quiz):
    from .forms import form_data

    return form_data(quiz_page(teacher_client, quiz).content.decode(), "quiz_form")


def test_publish_refuses_a_quiz_with_a_broken_question_and_names_it(quiz):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    quiz.published = False
    quiz.save()
    broken = quiz.questions.get(kind="true_false")
    broken.choices.create(text="不明", is_correct=False, order=3)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        quiz.publish()
    assert refused.value.messages == [
        f"Question 3 ({broken.prompt}): "
        "A true/false question has exactly two options, one of them correct."
    ]
    quiz.refresh_from_db()
    assert not quiz.published
    broken.choices.filter(text="不明").delete()
    quiz.publish()
    quiz.refresh_from_db()
    assert quiz.published
