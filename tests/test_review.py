"""A teacher drafts questions from an article, reviews them, and adds the approved ones to a quiz;
students never see a draft."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from quizzes.models import Article, Attempt, Fact, Question, QuestionDraft, Quiz

pytestmark = pytest.mark.django_db

ARTICLE = (
    "東京都の新予算\n\n"
    "東京都は2024年3月、総額38億円の防災予算を決めた。\n"
    "予算は都内の62校の耐震工事に使われる。\n"
    "小池百合子知事は「都民の安全を守る」と話した。\n"
)


@pytest.fixture
def article(teacher):
    article, _ = Article.objects.import_text(ARTICLE, owner=teacher)
    return article


def draft_url(article):
    return reverse("admin:quizzes_article_draft", args=[article.pk])


def test_drafting_from_the_admin_stores_facts_and_drafts_and_says_what_it_made(
    teacher_client, article
):
    response = teacher_client.post(draft_url(article), follow=True)
    page = response.content.decode()
    assert re.search(r"Done: \d+ new drafts from \d+ facts in \d+ sentences\.", page)
    assert QuestionDraft.objects.filter(article=article, status="pending").exists()
    facts = Fact.objects.filter(article=article)
    assert {"money", "date", "quantity"} <= set(facts.values_list("kind", flat=True))
    for fact in facts:
        assert article.body[fact.start : fact.end] == fact.text
    article.refresh_from_db()
    assert article.drafted_at is not None


def test_the_review_list_highlights_the_blank(teacher_client, article):
    teacher_client.post(draft_url(article))
    url = reverse("admin:quizzes_questiondraft_changelist") + f"?article__id__exact={article.pk}"
    page = teacher_client.get(url).content.decode()
    assert "<mark>【　　】</mark>" in page


def test_drafting_again_keeps_reviewed_drafts_and_replaces_the_rest(teacher_client, article):
    article.draft_questions()
    first = QuestionDraft.objects.filter(article=article).order_by("-score").first()
    first.status = QuestionDraft.Status.REJECTED
    first.save()
    article.draft_questions()
    assert QuestionDraft.objects.filter(pk=first.pk, status="rejected").exists()
    prompts = list(QuestionDraft.objects.filter(article=article).values_list("kind", "prompt"))
    assert len(prompts) == len(set(prompts))  # the rejected one is not proposed again


def test_drafting_needs_permission_and_a_post(client, student, article):
    client.force_login(student)
    assert client.post(draft_url(article)).status_code == 302  # to the admin login
    assert not QuestionDraft.objects.exists()


def test_get_on_the_draft_address_drafts_nothing(teacher_client, article):
    assert teacher_client.get(draft_url(article)).status_code == 302
    assert not QuestionDraft.objects.exists()


def approve_all(teacher_client, drafts):
    return teacher_client.post(
        reverse("admin:quizzes_questiondraft_changelist"),
        {"action": "approve", "_selected_action": [d.pk for d in drafts]},
    )


def test_teacher_approves_and_adds_drafts_to_a_new_quiz_that_a_student_then_takes(
    teacher_client, student_client, article, classroom
):
    article.draft_questions()
    drafts = list(QuestionDraft.objects.filter(article=article)[:4])
    approve_all(teacher_client, drafts)
    response = teacher_client.post(
        reverse("admin:quizzes_questiondraft_changelist"),
        {
            "action": "add_to_quiz",
            "apply": "1",
            "new_title": "防災予算クイズ",
            "_selected_action": [d.pk for d in drafts],
        },
    )
    assert response.status_code == 302
    quiz = Quiz.objects.get(title="防災予算クイズ")
    assert quiz.questions.count() == 4
    assert not quiz.published  # the teacher publishes when ready
    for question in quiz.questions.prefetch_related("choices"):
        if question.kind in ("single", "true_false"):
            assert sum(c.is_correct for c in question.choices.all()) == 1
        assert question.fact is not None
    quiz.published = True
    quiz.save()
    quiz.classes.add(classroom)
    start = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert start.status_code == 302
    attempt = Attempt.objects.get()
    first = quiz.questions.first()
    page = student_client.get(reverse("quizzes:question", args=[attempt.pk, first.pk]))
    assert first.prompt.splitlines()[-1] in page.content.decode()


def test_only_approved_drafts_are_added_and_never_twice(teacher_client, article):
    article.draft_questions()
    approved, pending = list(QuestionDraft.objects.filter(article=article)[:2])
    approve_all(teacher_client, [approved])
    quiz = Quiz.objects.create(title="既存", slug="existing", article=article, owner=article.owner)
    for _ in range(2):
        teacher_client.post(
            reverse("admin:quizzes_questiondraft_changelist"),
            {"action": "add_to_quiz", "apply": "1", "quiz": quiz.pk,
             "_selected_action": [approved.pk, pending.pk]},
        )  # fmt: skip
    assert Question.objects.filter(quiz=quiz).count() == 1
    assert QuestionDraft.objects.get(pk=approved.pk).question is not None


def test_a_draft_that_cannot_be_a_question_is_not_added_and_the_teacher_is_told(
    teacher_client, article
):
    article.draft_questions()
    broken = QuestionDraft.objects.filter(article=article, kind="single").first()
    broken.choices = [broken.answer, broken.answer]  # its answer twice: two correct options
    broken.status = QuestionDraft.Status.APPROVED
    broken.save()
    response = teacher_client.post(
        reverse("admin:quizzes_questiondraft_changelist"),
        {"action": "add_to_quiz", "apply": "1", "new_title": "壊れたクイズ",
         "_selected_action": [broken.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert "No draft was added: Question 1 (" in response.content.decode()
    assert not Quiz.objects.exists() and not Question.objects.exists()
    assert QuestionDraft.objects.get(pk=broken.pk).question is None


def test_students_never_see_drafts(student_client, article):
    article.draft_questions()
    quiz = Quiz.objects.create(
        title="公開", slug="open", article=article, published=True, owner=article.owner
    )
    draft = QuestionDraft.objects.filter(article=article).first()
    assert student_client.get("/").status_code == 200
    page = student_client.get(quiz.get_absolute_url()).content.decode()
    assert draft.prompt.splitlines()[-1] not in page
    admin_list = student_client.get(reverse("admin:quizzes_questiondraft_changelist"))
    assert admin_list.status_code == 302  # students have no admin access


def test_admin_search_finds_japanese_text(teacher_client, article):
    article.draft_questions()
    found = teacher_client.get(reverse("admin:quizzes_article_changelist"), {"q": "防災予算"})
    assert "東京都の新予算" in found.content.decode()
    drafts = teacher_client.get(reverse("admin:quizzes_questiondraft_changelist"), {"q": "耐震"})
    assert "耐震" in drafts.content.decode()


def test_serving_pages_never_imports_spacy():
    code = (
        "import os, sys, django;"
        "os.environ['DJANGO_SETTINGS_MODULE']='quizsite.settings_test';"
        "django.setup();"
        "from django.test import Client; from django.core.management import call_command;"
        "call_command('migrate', verbosity=0, interactive=False);"
        "c = Client(); c.get('/'); c.get('/admin/login/');"
        "import quizzes.admin, quizzes.views;"
        "print('spacy' in sys.modules, 'ginza' in sys.modules)"
    )
    env = {"DATABASE_URL": "sqlite://:memory:", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False"


def edit(teacher_client, draft, **changes):
    data = {
        "status": draft.status, "kind": draft.kind, "prompt": draft.prompt,
        "answer": draft.answer, "choices": "\n".join(draft.choices),
        "numeric_answer": draft.numeric_answer or "", "unit": draft.unit,
        "accepted_answers": draft.accepted_answers, "explanation": draft.explanation,
    }  # fmt: skip
    data.update(changes)
    url = reverse("admin:quizzes_questiondraft_change", args=[draft.pk])
    return teacher_client.post(url, data)


def test_teacher_edits_a_draft_and_a_broken_edit_is_refused(teacher_client, article):
    article.draft_questions()
    draft = QuestionDraft.objects.filter(article=article, kind="single").first()
    options = list(draft.choices)
    refused = edit(teacher_client, draft, answer="どれでもない")
    assert refused.status_code == 200 and "errornote" in refused.content.decode()
    options[options.index(draft.answer)] = "約38億円"
    saved = edit(teacher_client, draft, answer="約38億円", choices="\n".join(options))
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.answer == "約38億円" and "約38億円" in draft.choices
