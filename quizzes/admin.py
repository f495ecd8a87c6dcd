from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_forms import (
    AddToQuizForm,
    ArticleChangeForm,
    ArticleImportForm,
    ClassroomForm,
    QuestionDraftForm,
)
from .admin_ownership import (
    ChangedWithParent,
    OwnedAdmin,
    ScopedAdmin,
    TaughtClassesFilter,
    colleagues_of,
)
from .forms import AdminSignInForm
from .generation.drafting import BLANK
from .models import (
    Answer,
    Article,
    Attempt,
    Choice,
    Classroom,
    DraftingJob,
    Fact,
    Question,
    QuestionDraft,
    Quiz,
    options_problem,
)

admin.site.site_header = _("quizsite administration")
admin.site.site_title = _("quizsite admin")
admin.site.index_title = _("Quizzes, classes and articles")
admin.site.login_form = AdminSignInForm



def label_widget(field: forms.Field, *, own_label: bool) -> None:
    """Give an input its name where the page does not: a tabular inline labels its columns,
    which assistive technology does not tie to each row's inputs, and a date-and-time field
    labels only the pair."""
    widget = getattr(field.widget, "widget", field.widget)  # inside a related-field wrapper
    if isinstance(widget, forms.MultiWidget):
        parts = [_("date"), _("time")] if len(widget.widgets) == 2 else []
        for sub, part in zip(widget.widgets, parts, strict=False):
            sub.attrs["aria-label"] = f"{field.label} ({part})"
    elif own_label:
        widget.attrs["aria-label"] = field.label


class LabelledFields:
    """Every input of an admin page named, as axe asks (`own_label`: inlines' inputs too)."""

    own_label = False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            label_widget(field, own_label=self.own_label)
        return field


class LabelledInline(LabelledFields):
    own_label = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete")

        return Labelled


class FactInline(ChangedWithParent, LabelledInline, admin.TabularInline):
    model = Fact
    extra = 0
    fields = ["kind", "text", "sentence", "start", "end"]
    readonly_fields = ["start", "end"]


@admin.register(Article)
class ArticleAdmin(OwnedAdmin, admin.ModelAdmin):
    list_display = ["title", "language", "published_on", "created_at", "drafted_at", "drafts_link"]
    list_filter = ["language"]
    search_fields = ["title", "body"]
    inlines = [FactInline]
    actions = ["draft_selected"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "admin/quizzes/article/change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ArticleImportForm if obj is None else ArticleChangeForm
        form = super().get_form(request, obj, change=change, **kwargs)
        form.owner = obj.owner if obj is not None else request.user  # a new class per call
        return form

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
        """The same background task as the teacher's page; its progress is shown there."""
        article = get_object_or_404(self.get_queryset(request), pk=article_id)
        if not self._may_draft(request, article):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:quizzes_article_change", args=[article.pk]))
        DraftingJob.objects.start(article, request.user)
        return HttpResponseRedirect(reverse("teach:article", args=[article.pk]) + "#drafting")

    def save_model(self, request, obj, form, change):
        if change:  # a new article was made by its import form, through import_text
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Draft questions from the selected articles"))
    def draft_selected(self, request, queryset):
        if not self._may_draft(request):
            raise PermissionDenied
        articles = list(queryset)
        for article in articles:
            DraftingJob.objects.start(article, request.user)
        self.message_user(
            request,
            ngettext(
                "Drafting started for %(count)d article; its drafts appear in the review list "
                "when it is done.",
                "Drafting started for %(count)d articles; their drafts appear in the review list "
                "when they are done.",
                len(articles),
            )
            % {"count": len(articles)},
            messages.SUCCESS,
        )


class ChoiceFormSet(forms.BaseInlineFormSet):
    """The options must fit the question's kind: a broken question never reaches students."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problem = options_problem(self.instance.kind, [bool(d.get("is_correct")) for d in kept])
        if problem:
            raise forms.ValidationError(problem)


class ChoiceInline(ChangedWithParent, LabelledInline, admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 0


@admin.register(Question)
class QuestionAdmin(ScopedAdmin, admin.ModelAdmin):
    list_display = ["prompt", "quiz", "order", "kind", "points"]
    list_filter = [
        "kind",
        "quiz__published",
        ("quiz__article", admin.RelatedOnlyFieldListFilter),
        ("quiz", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["quiz"]
    search_fields = ["prompt", "explanation", "choices__text"]
    raw_id_fields = ["fact"]
    inlines = [ChoiceInline]

    def visible_rows(self, rows, user):
        return rows.usable_by(user)  # a shared quiz's questions too, read-only

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "quiz":  # questions go into her own quizzes only
            kwargs["queryset"] = Quiz.objects.owned_by(request.user)
        if db_field.name == "fact":
            kwargs["queryset"] = Fact.objects.usable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class QuestionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        doomed = [f.instance.pk for f in self.deleted_forms if f.instance.pk]
        if doomed and Answer.objects.filter(question_id__in=doomed).exists():
            raise forms.ValidationError(
                _(
                    "Students have answered a question marked for deletion: it is kept, so their "
                    "results stay. Unpublish or duplicate the quiz instead."
                )
            )
        if self.instance.published and not any(self.errors):
            problems = self.instance.publishing_problems(self.questions_as_saved())
            if problems:
                lead = _("The quiz cannot be published while a question is broken:")
                raise forms.ValidationError([lead, *problems])

    def questions_as_saved(self) -> list[Question]:
        """The questions as this page would leave them: edited, added, not deleted, in order."""
        doomed = self.deleted_forms
        kept = [
            form.instance
            for form in self.forms
            if (form.has_changed() or form.instance.pk) and form not in doomed
        ]
        prefetch_related_objects([question for question in kept if question.pk], "choices")
        return sorted(kept, key=lambda question: (question.order, question.pk or 0))


class QuestionInlineForm(forms.ModelForm):
    class Meta:
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "accepted_answers": forms.Textarea(attrs={"rows": 2, "cols": 20}),
        }


class QuestionInline(ChangedWithParent, LabelledInline, admin.TabularInline):
    """Every field the kinds' answer rules read, so the model's checks show on their field."""

    model = Question
    form = QuestionInlineForm
    formset = QuestionFormSet
    extra = 0
    fields = [
        "order", "kind", "prompt", "points", "numeric_answer", "tolerance", "unit",
        "accepted_answers",
    ]  # fmt: skip
    ordering = ["order", "id"]
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(OwnedAdmin, LabelledFields, admin.ModelAdmin):
    list_display = ["title", "published", "article", "question_total", "preview_link", "created_at"]
    list_filter = [
        "published",
        ("article", admin.RelatedOnlyFieldListFilter),
        "questions__kind",
        ("classes", TaughtClassesFilter),
    ]
    search_fields = ["title", "description", "questions__prompt"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]
    actions = ["publish", "unpublish", "duplicate"]
    change_form_template = "admin/quizzes/quiz/change_form.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title", "slug", "description", "article", "published", "classes",
                    "shared_with", "owner",
                ]
            },
        ),
        (
            _("Settings"),
            {
                "fields": [
                    "time_limit_minutes", "attempts_allowed", "shuffle_questions",
                    "shuffle_choices", "opens_at", "closes_at",
                ]
            },
        ),
    ]  # fmt: skip

    def get_queryset(self, request):
        # Counting groups the rows: order them again, for the autocomplete's pages.
        quizzes = super().get_queryset(request).annotate(question_total=Count("questions"))
        return quizzes.order_by(*Quiz._meta.ordering, "pk")

    def visible_rows(self, rows, user):
        return rows.usable_by(user)  # shared with her: read-only

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "article" in form.base_fields:  # a fresh field per call: safe to narrow
            articles = Article.objects.owned_by(request.user)
            if obj is not None and obj.article_id:  # a copy of a colleague's quiz keeps hers
                articles = articles | Article.objects.filter(pk=obj.article_id)
            form.base_fields["article"].queryset = articles
        return form

    @admin.display(description=_("questions"), ordering="question_total")
    def question_total(self, quiz):
        return quiz.question_total

    @admin.display(description=_("preview"))
    def preview_link(self, quiz):
        url = reverse("teach:preview", args=[quiz.slug])
        return format_html('<a href="{}">{}</a>', url, _("preview as a student"))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "classes":  # a teacher assigns quizzes to their own classes only
            kwargs["queryset"] = Classroom.objects.taught_by(request.user)
            kwargs["widget"] = forms.CheckboxSelectMultiple  # not the two-list widget
        if db_field.name == "shared_with":
            kwargs["queryset"] = colleagues_of(request.user)
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # Keep the other teachers' class assignments that this teacher cannot see.
        hidden = []
        if change and not request.user.is_superuser:
            hidden = list(form.instance.classes.exclude(teacher=request.user))
        super().save_related(request, form, formsets, change)
        if hidden:
            form.instance.classes.add(*hidden)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:quiz_id>/import/", view(self.import_view), name="quizzes_quiz_import"),
            path(
                "<int:quiz_id>/export.<str:fmt>",
                view(self.export_view),
                name="quizzes_quiz_export",
            ),
        ] + super().get_urls()

    def import_view(self, request: HttpRequest, quiz_id: int):
        """Upload, preview, confirm: nothing is saved before the teacher confirms a clean file."""
        from .admin_forms import BankImportForm
        from .banks.db import add_to_quiz

        quiz = get_object_or_404(self.get_queryset(request), pk=quiz_id)
        if not (
            self.has_change_permission(request, quiz)
            and request.user.has_perm("quizzes.add_question")
        ):
            raise PermissionDenied
        form = BankImportForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import questions into %(quiz)s") % {"quiz": quiz.title},
            "quiz": quiz,
            "opts": self.model._meta,
            "form": form,
        }
        status = 200
        if request.method == "POST":
            if form.is_valid():
                parsed = form.parsed
                unsupported = [p for p in parsed.problems if p.unsupported]
                context.update(parsed=parsed, text=form.text, fmt=form.fmt, unsupported=unsupported)
                ready = not parsed.errors and parsed.questions
                needs_ok = bool(unsupported)
                confirmed = form.cleaned_data.get("confirm") and (
                    not needs_ok or form.cleaned_data.get("skip_unsupported")
                )
                if ready and confirmed:
                    try:
                        added = add_to_quiz(quiz, parsed.questions)
                    except ValidationError as invalid:
                        context["save_error"] = "; ".join(invalid.messages)
                        status = 400
                    else:
                        self.message_user(
                            request,
                            _("%(count)d questions imported.") % {"count": len(added)},
                            messages.SUCCESS,
                        )
                        return HttpResponseRedirect(
                            reverse("admin:quizzes_quiz_change", args=[quiz.pk])
                        )
                elif parsed.errors or not parsed.questions:
                    status = 400
            else:
                status = 400
        return TemplateResponse(request, "admin/quizzes/quiz/import.html", context, status=status)

    def export_view(self, request: HttpRequest, quiz_id: int, fmt: str):
        from django.http import HttpResponse
        from django.utils.http import content_disposition_header

        from .banks import to_csv, to_gift
        from .banks.db import to_bank

        quiz = get_object_or_404(self.get_queryset(request), pk=quiz_id)
        if not self.has_view_permission(request, quiz) or fmt not in ("gift", "csv"):
            raise PermissionDenied if fmt in ("gift", "csv") else Http404
        questions = to_bank(quiz.questions.prefetch_related("choices"))
        try:
            if fmt == "gift":
                body, kind = to_gift(questions), "text/plain; charset=utf-8"
            else:
                body, kind = "\ufeff" + to_csv(questions), "text/csv; charset=utf-8"
        except ValueError as broken:  # a question the admin's checks predate: say which
            self.message_user(
                request, _("Nothing was exported: %(reason)s") % {"reason": broken}, messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = content_disposition_header(
            True, f"{quiz.slug}.{'gift.txt' if fmt == 'gift' else 'csv'}"
        )
        return response

    @admin.action(description=_("Publish the selected quizzes"))
    def publish(self, request, queryset):
        count = 0
        for quiz in self._changeable(request, queryset).filter(published=False):
            try:
                quiz.publish()
            except ValidationError as broken:
                self.message_user(
                    request,
                    _("%(title)s was not published: %(problems)s")
                    % {"title": quiz.title, "problems": " ".join(broken.messages)},
                    messages.ERROR,
                )
            else:
                count += 1
        self.message_user(request, _("%(count)d quizzes published.") % {"count": count})

    @admin.action(description=_("Unpublish the selected quizzes"))
    def unpublish(self, request, queryset):
        count = self._changeable(request, queryset).update(published=False)
        self.message_user(request, _("%(count)d quizzes unpublished.") % {"count": count})

    def _changeable(self, request, queryset):
        """The selected quizzes she may change; the others (shared with her) are named."""
        changeable = queryset.owned_by(request.user)
        others = queryset.exclude(pk__in=changeable.values("pk"))
        for quiz in others:
            self.message_user(
                request,
                _("%(title)s is shared with you: only its owner changes it.")
                % {"title": quiz.title},
                messages.WARNING,
            )
        return changeable

    @admin.action(description=_("Duplicate the selected quizzes"))
    def duplicate(self, request, queryset):
        for quiz in queryset:  # a shared quiz too: the copy is hers to change
            copy = quiz.duplicate(owner=request.user)
            self.message_user(request, _("Copied as %(title)s.") % {"title": copy.title})


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    form = ClassroomForm
    list_display = ["name", "teacher", "join_code", "student_total", "created_at"]
    search_fields = ["name"]
    readonly_fields = ["join_code"]
    fields = ["name", "join_code", "quizzes"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.teacher = request.user  # a new class per call: what she may assign
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.quizzes.set(form.cleaned_data["quizzes"])

    def get_queryset(self, request):
        classes = Classroom.objects.taught_by(request.user)
        classes = classes.select_related("teacher").annotate(student_total=Count("students"))
        return classes.order_by(*Classroom._meta.ordering)  # counting groups: order again

    @admin.display(description=_("students"), ordering="student_total")
    def student_total(self, classroom):
        return classroom.student_total

    def save_model(self, request, obj, form, change):
        if not change:
            obj.teacher = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(obj.get_absolute_url())


@admin.register(QuestionDraft)
class QuestionDraftAdmin(OwnedAdmin, admin.ModelAdmin):
    list_per_page = 50
    form = QuestionDraftForm
    list_display = ["stem", "answer", "kind", "fact_kind", "score_display", "status", "question"]
    list_filter = ["status", "kind", ("article", admin.RelatedOnlyFieldListFilter)]
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

    @admin.display(description=_("quality (orders the drafts)"), ordering="score")
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
        form = AddToQuizForm(request.POST if "apply" in request.POST else None, user=request.user)
        if "apply" in request.POST and form.is_valid():
            if form.cleaned_data["quiz"] is not None:
                quiz = form.cleaned_data["quiz"]
                added = approved.add_to_quiz(quiz)
            else:
                quiz, added = approved.add_to_new_quiz(form.cleaned_data["new_title"], request.user)
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


class OwnClassesOnly:
    """An administrator sees every attempt; a teacher only those her classes made at quizzes
    assigned to them (a student of hers who is also in a colleague's class keeps the
    colleague's quizzes to herself)."""

    attempt_path = ""

    def get_queryset(self, request):
        records = super().get_queryset(request)
        if request.user.is_superuser:
            return records
        attempts = Attempt.objects.of_classes_taught_by(request.user)
        if not self.attempt_path:
            return records.filter(pk__in=attempts.values("pk"))
        return records.filter(**{f"{self.attempt_path}__in": attempts})


@admin.register(Attempt)
class AttemptAdmin(OwnClassesOnly, admin.ModelAdmin):
    list_display = ["student", "quiz", "started_at", "finished_at", "score", "max_score"]
    list_filter = [("quiz", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["student", "quiz"]
    readonly_fields = ["student", "quiz", "started_at", "finished_at", "score", "max_score"]


@admin.register(Answer)
class AnswerAdmin(OwnClassesOnly, admin.ModelAdmin):
    attempt_path = "attempt"
    list_display = ["attempt", "question", "outcome", "points", "answered_at"]
    list_filter = ["outcome"]
    list_select_related = ["attempt__student", "attempt__quiz", "question"]
    readonly_fields = ["attempt", "question", "response", "outcome", "credit", "points"]
