"""The admin's workflows: its own pages and the actions that do more than change a field.

Drafting questions from articles, importing and exporting a quiz's questions, publishing,
unpublishing and copying quizzes, and adding approved drafts to a quiz. Each takes the
ModelAdmin it serves, for its rows, its permissions and its messages; admin.py routes its URLs
(`get_urls`) and its actions here. An action keeps its function's name, which is what the
change list posts.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .admin_forms import AddToQuizForm
from .models import Article, DraftingJob, QuestionDraft


def may_draft(model_admin, request: HttpRequest, article: Article | None = None) -> bool:
    return model_admin.has_change_permission(request, article) and request.user.has_perm(
        "quizzes.add_questiondraft"
    )


def draft_article(model_admin, request: HttpRequest, article_id: int) -> HttpResponse:
    """Start drafting one article; its progress is shown on the teacher's page."""
    article = get_object_or_404(model_admin.get_queryset(request), pk=article_id)
    if not may_draft(model_admin, request, article):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseRedirect(reverse("admin:quizzes_article_change", args=[article.pk]))
    DraftingJob.objects.start(article, request.user)
    return HttpResponseRedirect(reverse("teach:article", args=[article.pk]) + "#drafting")


@admin.action(description=_("Draft questions from the selected articles"))
def draft_selected(model_admin, request: HttpRequest, queryset) -> None:
    if not may_draft(model_admin, request):
        raise PermissionDenied
    articles = list(queryset)
    for article in articles:
        DraftingJob.objects.start(article, request.user)
    model_admin.message_user(
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


def import_questions(model_admin, request: HttpRequest, quiz_id: int) -> HttpResponse:
    """Upload, preview, confirm: nothing is saved before the teacher confirms a clean file."""
    from .admin_forms import BankImportForm
    from .banks.db import add_to_quiz

    quiz = get_object_or_404(model_admin.get_queryset(request), pk=quiz_id)
    if not (
        model_admin.has_change_permission(request, quiz)
        and request.user.has_perm("quizzes.add_question")
    ):
        raise PermissionDenied
    form = BankImportForm(request.POST or None, request.FILES or None)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Import questions into %(quiz)s") % {"quiz": quiz.title},
        "quiz": quiz,
        "opts": model_admin.model._meta,
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
                    model_admin.message_user(
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


def export_questions(model_admin, request: HttpRequest, quiz_id: int, fmt: str) -> HttpResponse:
    from django.utils.http import content_disposition_header

    from .banks import to_csv, to_gift
    from .banks.db import to_bank

    quiz = get_object_or_404(model_admin.get_queryset(request), pk=quiz_id)
    if not model_admin.has_view_permission(request, quiz) or fmt not in ("gift", "csv"):
        raise PermissionDenied if fmt in ("gift", "csv") else Http404
    questions = to_bank(quiz.questions.prefetch_related("choices"))
    try:
        if fmt == "gift":
            body, kind = to_gift(questions), "text/plain; charset=utf-8"
        else:
            body, kind = "\ufeff" + to_csv(questions), "text/csv; charset=utf-8"
    except ValueError as broken:  # a question the admin's checks predate: say which
        model_admin.message_user(
            request, _("Nothing was exported: %(reason)s") % {"reason": broken}, messages.ERROR
        )
        return HttpResponseRedirect(reverse("admin:quizzes_quiz_change", args=[quiz.pk]))
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{quiz.slug}.{'gift.txt' if fmt == 'gift' else 'csv'}"
    )
    return response


@admin.action(description=_("Publish the selected quizzes"))
def publish(model_admin, request: HttpRequest, queryset) -> None:
    count = 0
    for quiz in changeable(model_admin, request, queryset).filter(published=False):
        try:
            quiz.publish()
        except ValidationError as broken:
            model_admin.message_user(
                request,
                _("%(title)s was not published: %(problems)s")
                % {"title": quiz.title, "problems": " ".join(broken.messages)},
                messages.ERROR,
            )
        else:
            count += 1
    model_admin.message_user(request, _("%(count)d quizzes published.") % {"count": count})


@admin.action(description=_("Unpublish the selected quizzes"))
def unpublish(model_admin, request: HttpRequest, queryset) -> None:
    count = changeable(model_admin, request, queryset).update(published=False)
    model_admin.message_user(request, _("%(count)d quizzes unpublished.") % {"count": count})


def changeable(model_admin, request: HttpRequest, queryset):
    """The selected quizzes she may change; the others (shared with her) are named."""
    mine = queryset.owned_by(request.user)
    for quiz in queryset.exclude(pk__in=mine.values("pk")):
        model_admin.message_user(
            request,
            _("%(title)s is shared with you: only its owner changes it.") % {"title": quiz.title},
            messages.WARNING,
        )
    return mine


@admin.action(description=_("Duplicate the selected quizzes"))
def duplicate(model_admin, request: HttpRequest, queryset) -> None:
    for quiz in queryset:  # a shared quiz too: the copy is hers to change
        copy = quiz.duplicate(owner=request.user)
        model_admin.message_user(request, _("Copied as %(title)s.") % {"title": copy.title})


@admin.action(description=_("Add the approved drafts to a quiz"))
def add_to_quiz(model_admin, request: HttpRequest, queryset) -> HttpResponse | None:
    """The quiz is chosen on a page of its own, which posts the action again with `apply`."""
    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied
    approved = queryset.filter(status=QuestionDraft.Status.APPROVED, question__isnull=True)
    form = AddToQuizForm(request.POST if "apply" in request.POST else None, user=request.user)
    if "apply" in request.POST and form.is_valid():
        try:
            if form.cleaned_data["quiz"] is not None:
                quiz = form.cleaned_data["quiz"]
                added = approved.add_to_quiz(quiz)
            else:
                title = form.cleaned_data["new_title"]
                quiz, added = approved.add_to_new_quiz(title, request.user)
        except ValidationError as broken:  # a draft its checks let through: none is added
            model_admin.message_user(
                request,
                _("No draft was added: %(problems)s") % {"problems": " ".join(broken.messages)},
                messages.ERROR,
            )
            return None
        model_admin.message_user(
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
        **model_admin.admin_site.each_context(request),
        "title": _("Add approved drafts to a quiz"),
        "form": form,
        "drafts": approved,
        "skipped": queryset.count() - approved.count(),
        "selected": queryset.values_list("pk", flat=True),
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/quizzes/questiondraft/add_to_quiz.html", context)
