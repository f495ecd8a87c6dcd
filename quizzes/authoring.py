"""The teacher's path from an article to a published quiz, on one page of her own.

Paste or upload the article, draft questions in the background and watch the progress, approve,
reject and edit the drafts as cards, then publish them as a quiz to her classes. Every page
works as plain forms and links; htmx swaps a card or the progress in place when it can.

Authors are staff with the authoring permissions; anyone else gets a 404. A drafting job's
progress is its owner's alone.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from .authoring_forms import (
    OPEN_DRAFTS,
    ApproveFirstForm,
    DraftEditForm,
    NewArticleForm,
    PublishForm,
)
from .forms import article_too_large
from .generation.clashes import clash_free
from .http import error_page, post_only, sign_in_required
from .models import Article, DraftingJob, QuestionDraft, Quiz

AUTHOR_PERMISSIONS = (
    "quizzes.add_article",
    "quizzes.add_questiondraft",
    "quizzes.change_questiondraft",
    "quizzes.add_quiz",
    "quizzes.add_question",
)


def author_only(view):
    """Signed in, staff, and allowed to author; anyone else is told the page does not exist."""

    @sign_in_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.is_staff and request.user.has_perms(AUTHOR_PERMISSIONS)):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def article_url(article_id: int, anchor: str = "") -> str:
    url = reverse("teach:article", args=[article_id])
    return f"{url}#{anchor}" if anchor else url


@author_only
def new_article(request: HttpRequest) -> HttpResponse:
    """Paste or upload an article; *Draft questions* imports it and starts drafting."""
    status = 200
    if request.method == "POST":
        try:
            form = NewArticleForm(request.POST, request.FILES)
            form.owner = request.user
        except RequestDataTooBig:  # pasted text far over the limit: say which limit
            context = {"form": NewArticleForm(), "error": str(article_too_large())}
            return render(request, "teach/new_article.html", context, status=413)
        if form.is_valid():
            article = form.save()
            if not form.created:
                messages.info(
                    request,
                    _("This article was imported before:") + " " + article.title,
                )
            if form.created or not article.drafted_at:
                DraftingJob.objects.start(article, request.user)
            return redirect(article_url(article.pk))
        status = 400
    else:
        form = NewArticleForm()
    return render(request, "teach/new_article.html", {"form": form}, status=status)


def article_context(request: HttpRequest, article: Article, **extra) -> dict:
    """Everything the article's page shows; a fixed number of queries, however many drafts."""
    job = DraftingJob.objects.of(request.user).filter(article=article).first()
    drafts = list(article.drafts.select_related("fact").best_first())
    approved = sum(1 for d in drafts if d.status == d.Status.APPROVED and d.question_id is None)
    # Open first: the best drafts up to OPEN_DRAFTS, none giving another's answer away.
    shown = clash_free(drafts, OPEN_DRAFTS, stem=QuestionDraft.stem_of, said=QuestionDraft.asks)
    context = {
        "article": article,
        "job": job,
        "open_drafts": drafts[:shown],
        "folded_drafts": drafts[shown:],
        "draft_count": len(drafts),
        "to_review": sum(1 for d in drafts if d.status == d.Status.PENDING),
        "approved": approved,
        "approve_form": ApproveFirstForm(),
        "publish_form": PublishForm(user=request.user, initial={"title": article.title}),
    }
    context.update(extra)
    return context


def my_article(request: HttpRequest, article_id: int) -> Article:
    """Her own article (an administrator's: any); anyone else's does not exist for her."""
    articles = Article.objects.owned_by(request.user).defer("body")
    return get_object_or_404(articles, pk=article_id)


@never_cache  # the drafts and the progress change under the teacher's eyes
@author_only
def article_page(request: HttpRequest, article_id: int) -> HttpResponse:
    article = my_article(request, article_id)
    return render(request, "teach/article.html", article_context(request, article))


@author_only
@post_only
def start_drafting(request: HttpRequest, article_id: int) -> HttpResponse:
    """Draft again, or try again after a failure: pending drafts are replaced when it is done."""
    article = my_article(request, article_id)
    DraftingJob.objects.start(article, request.user)
    return redirect(article_url(article.pk, "drafting"))


@never_cache
@author_only
def drafting_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's progress: the fragment htmx polls; without htmx, the article's page."""
    job = get_object_or_404(DraftingJob.objects.of(request.user), pk=job_id)
    if not request.htmx:
        return redirect(article_url(job.article_id, "drafting"))
    response = render(request, "teach/article.html#drafting", {"job": job})
    if job.state == DraftingJob.Stage.DONE:
        response["HX-Refresh"] = "true"  # the whole page again, now with the drafts
    return response


def my_draft(request: HttpRequest, draft_id: int) -> QuestionDraft:
    drafts = QuestionDraft.objects.owned_by(request.user).select_related("fact", "article")
    return get_object_or_404(drafts.defer("article__body"), pk=draft_id)


def card(request: HttpRequest, draft: QuestionDraft, status: int = 200) -> HttpResponse:
    return render(request, "teach/article.html#draft-card", {"draft": draft}, status=status)


@never_cache
@author_only
def draft_card(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = my_draft(request, draft_id)
    if not request.htmx:
        return redirect(article_url(draft.article_id, f"draft-{draft.pk}"))
    return card(request, draft)


@author_only
@post_only
def draft_status(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Approve or reject a draft; pressing the same button again puts it back to review."""
    draft = my_draft(request, draft_id)
    wanted = request.POST.get("status", "")
    if wanted not in (QuestionDraft.Status.APPROVED, QuestionDraft.Status.REJECTED):
        return error_page(request, 400, _("Choose approve or reject."))
    draft.toggle(wanted)
    if request.htmx:
        return card(request, draft)
    return redirect(article_url(draft.article_id, f"draft-{draft.pk}"))


@never_cache
@author_only
def draft_edit(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Edit a draft's stem, options and answer, checked as the admin checks them."""
    draft = my_draft(request, draft_id)
    if draft.question_id is not None:
        message = _("This draft is in a quiz already: edit the question there.")
        return error_page(request, 409, message)
    form = DraftEditForm(request.POST or None, instance=draft)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            draft = form.save()
            if request.htmx:
                return card(request, draft)
            messages.success(request, _("The draft is saved."))
            return redirect(article_url(draft.article_id, f"draft-{draft.pk}"))
        status = 400
    template = "teach/draft_edit.html#draft-edit" if request.htmx else "teach/draft_edit.html"
    return render(request, template, {"draft": draft, "form": form}, status=status)


@author_only
@post_only
def approve_first(request: HttpRequest, article_id: int) -> HttpResponse:
    article = my_article(request, article_id)
    form = ApproveFirstForm(request.POST)
    if not form.is_valid():
        context = article_context(request, article, approve_form=form)
        return render(request, "teach/article.html", context, status=400)
    approved = article.drafts.approve_first(form.cleaned_data["count"])
    messages.success(
        request,
        ngettext("%(count)d draft approved.", "%(count)d drafts approved.", approved)
        % {"count": approved},
    )
    return redirect(article_url(article.pk, "publish"))


@author_only
@post_only
def publish(request: HttpRequest, article_id: int) -> HttpResponse:
    """The approved drafts become a published quiz for the chosen classes, in rank order."""
    article = my_article(request, article_id)
    form = PublishForm(request.POST, user=request.user)
    approved = article.drafts.approved_unused()
    if form.is_valid() and not approved.exists():
        form.add_error(None, _("Approve at least one draft first."))
    if not form.is_valid():
        context = article_context(request, article, publish_form=form)
        return render(request, "teach/article.html", context, status=400)
    try:
        with transaction.atomic():
            quiz = Quiz.objects.create_for(
                article,
                title=form.cleaned_data["title"],
                owner=request.user,
                published=True,
                **form.settings(),
            )
            classes = list(form.cleaned_data["classes"])
            quiz.classes.set(classes)
            added = approved.add_to_quiz(quiz)
    except ValidationError as broken:  # a draft its checks let through: no quiz, and why
        lead = _("The quiz cannot be published while a question is broken:")
        form.add_error(None, [lead, *broken.messages])
        context = article_context(request, article, publish_form=form)
        return render(request, "teach/article.html", context, status=400)
    messages.success(
        request,
        ngettext(
            "%(title)s is published with %(count)d question.",
            "%(title)s is published with %(count)d questions.",
            len(added),
        )
        % {"title": quiz.title, "count": len(added)},
    )
    return redirect(classes[0])
