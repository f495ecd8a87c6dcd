from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_forms import AddToQuizForm, ArticleChangeForm, ArticleImportForm, QuestionDraftForm
from .generation.drafting import BLANK
from .models import Answer, Article, Attempt, Choice, Fact, Question, QuestionDraft, Quiz


class FactInline(admin.TabularInline):
    model = Fact
    extra = 0
    fields = ["kind", "text", "sentence", "start", "end"]
    readonly_fields = ["start", "end"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "published_on", "created_at", "drafted_at", "drafts_link"]
    list_filter = ["language"]
    search_fields = ["title", "body"]
    inlines = [FactInline]
    actions = ["draft_selected"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "admin/quizzes/article/change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ArticleImportForm if obj is None else ArticleChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["title", "source_url", "published_on", "language", "body", "file"]
        return ["title", "source_url", "published_on", "language", "body"]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    @admin.display(description=_("drafts"))
    def drafts_link(self, article: Article):
        url = (
            reverse("admin:quizzes_questiondraft_changelist") + f"?article__id__exact={article.pk}"
        )
        return format_html('<a href="{}">{}</a>', url, _("review"))

    def get_urls(self):
        urls = [
            path(
                "<int:article_id>/draft/",
                self.admin_site.admin_view(self.draft_view),
                name="quizzes_article_draft",
            )
        ]
        return urls + super().get_urls()

    def _may_draft(self, request: HttpRequest, article: Article | None = None) -> bool:
        return self.has_change_permission(request, article) and request.user.has_perm(
            "quizzes.add_questiondraft"
        )

    def draft_view(self, request: HttpRequest, article_id: int):
        article = get_object_or_404(Article, pk=article_id)
        if not self._may_draft(request, article):
            raise PermissionDenied
        change_url = reverse("admin:quizzes_article_change", args=[article.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        self._draft(request, article)
        url = reverse("admin:quizzes_questiondraft_changelist")
        return HttpResponseRedirect(f"{url}?article__id__exact={article.pk}&status__exact=pending")

    def _draft(self, request: HttpRequest, article: Article) -> None:
        report = article.draft_questions()
        self.message_user(
            request,
            _(
                "%(title)s: %(sentences)d sentences, %(facts)d facts, %(drafted)d new drafts "
                "to review (%(rejected)d rejected by the quality checks)."
            )
            % {
                "title": article.title,
                "sentences": report.sentences,
                "facts": report.facts,
                "drafted": report.drafted,
                "rejected": report.rejected,
            },
            messages.SUCCESS,
        )

    @admin.action(description=_("Draft questions from the selected articles"))
    def draft_selected(self, request, queryset):
        if not self._may_draft(request):
            raise PermissionDenied
        for article in queryset:
            self._draft(request, article)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["prompt", "quiz", "order", "kind", "points"]
    list_filter = ["quiz", "kind"]
    search_fields = ["prompt", "explanation"]
    raw_id_fields = ["fact"]
    inlines = [ChoiceInline]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "kind", "prompt", "points"]
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "published", "article", "created_at"]
    list_filter = ["published"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]


@admin.register(QuestionDraft)
class QuestionDraftAdmin(admin.ModelAdmin):
    form = QuestionDraftForm
    list_display = ["stem", "answer", "kind", "fact_kind", "score_display", "status", "question"]
    list_filter = ["status", "kind", "article"]
    list_select_related = ["fact", "question"]
    search_fields = ["prompt", "answer", "source_sentence"]
    actions = ["approve", "reject", "add_to_quiz"]
    readonly_fields = ["article", "fact", "source_sentence", "score", "question"]
    fields = [
        "article",
        "status",
        "kind",
        "prompt",
        "answer",
        "choices",
        "numeric_answer",
        "unit",
        "accepted_answers",
        "explanation",
        "source_sentence",
        "fact",
        "score",
        "question",
    ]

    @admin.display(description=_("question"), ordering="prompt")
    def stem(self, draft: QuestionDraft):
        stem = draft.prompt.split("\n", 1)[-1]
        before, blank, after = stem.partition(BLANK)
        if not blank:
            return stem
        return format_html("{}<mark>{}</mark>{}", before, blank, after)

    @admin.display(description=_("fact kind"))
    def fact_kind(self, draft: QuestionDraft):
        return draft.fact.get_kind_display() if draft.fact_id else ""

    @admin.display(description=_("score"), ordering="score")
    def score_display(self, draft: QuestionDraft):
        return f"{draft.score:.2f}"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.question_id:
            # Added to a quiz: edit the question itself, so students' results stay as recorded.
            return list(self.fields)
        return self.readonly_fields

    @admin.action(description=_("Approve the selected drafts"))
    def approve(self, request, queryset):
        count = queryset.filter(question__isnull=True).update(status=QuestionDraft.Status.APPROVED)
        self.message_user(request, _("%(count)d drafts approved.") % {"count": count})

    @admin.action(description=_("Reject the selected drafts"))
    def reject(self, request, queryset):
        count = queryset.filter(question__isnull=True).update(status=QuestionDraft.Status.REJECTED)
        self.message_user(request, _("%(count)d drafts rejected.") % {"count": count})

    @admin.action(description=_("Add the approved drafts to a quiz"))
    def add_to_quiz(self, request, queryset):
        if not request.user.has_perm("quizzes.add_question"):
            raise PermissionDenied
        approved = queryset.filter(status=QuestionDraft.Status.APPROVED, question__isnull=True)
        form = AddToQuizForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            with transaction.atomic():
                quiz = form.cleaned_data["quiz"] or self._new_quiz(
                    form.cleaned_data["new_title"], approved
                )
                added = approved.add_to_quiz(quiz)
            self.message_user(
                request,
                ngettext(
                    "%(count)d question added to %(quiz)s.",
                    "%(count)d questions added to %(quiz)s.",
                    len(added),
                )
                % {"count": len(added), "quiz": quiz.title},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add approved drafts to a quiz"),
            "form": form,
            "drafts": approved,
            "skipped": queryset.count() - approved.count(),
            "selected": queryset.values_list("pk", flat=True),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/quizzes/questiondraft/add_to_quiz.html", context)

    @staticmethod
    def _new_quiz(title: str, drafts) -> Quiz:
        from django.utils.crypto import get_random_string
        from django.utils.text import slugify

        first = drafts.select_related("article").first()
        base = slugify(title, allow_unicode=False) or "quiz"
        slug = f"{base[:80]}-{get_random_string(6).lower()}"
        return Quiz.objects.create(
            title=title, slug=slug, article=first.article if first else None, published=False
        )


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["student", "quiz", "started_at", "finished_at", "score", "max_score"]
    list_filter = ["quiz"]
    list_select_related = ["student", "quiz"]
    readonly_fields = ["student", "quiz", "started_at", "finished_at", "score", "max_score"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["attempt", "question", "outcome", "points", "answered_at"]
    list_filter = ["outcome"]
    list_select_related = ["attempt__student", "attempt__quiz", "question"]
    readonly_fields = ["attempt", "question", "response", "outcome", "credit", "points"]
