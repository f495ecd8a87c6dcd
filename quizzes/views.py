"""Student pages. Every view renders a full page; HTMX requests get a named partial of it."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.db.models import OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import grading
from .forms import InvalidAnswer, JoinClassForm, SentAnswer, SignUpForm, read_answer, sent_answer
from .http import error_page, post_only, sign_in_required
from .live_models import LiveSession
from .models import (
    Answer,
    Attempt,
    AttemptFinished,
    ClassInvitation,
    NotAStudent,
    Question,
    Quiz,
)
from .throttles import throttled


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers. No database, no session, no template."""
    return HttpResponse("ok", content_type="text/plain")


def quiz_list(request: HttpRequest) -> HttpResponse:
    from .standing import standings

    quizzes = Quiz.objects.visible_to(request.user).with_question_count().select_related("article")
    invitations = ClassInvitation.objects.pending_for(request.user).select_related(
        "classroom__teacher"
    )
    return render(
        request,
        "quizzes/quiz_list.html",
        {"standings": standings(request.user, quizzes), "invitations": invitations},
    )


@sign_in_required
@post_only
def answer_invitation(request: HttpRequest, invitation_id: int, accept: bool) -> HttpResponse:
    """The invited student accepts (and joins the class) or declines; anyone else gets a 404."""
    pending = ClassInvitation.objects.pending_for(request.user).select_related("classroom")
    invitation = get_object_or_404(pending, pk=invitation_id)
    name = invitation.classroom.name
    if not accept:
        invitation.decline()
        messages.success(request, _("You declined the invitation to %(name)s.") % {"name": name})
    else:
        try:
            invitation.accept()
        except NotAStudent:
            return error_page(request, 403, _("Staff accounts cannot join a class as students."))
        messages.success(request, _("You joined %(name)s.") % {"name": name})
    return redirect("quizzes:quiz-list")


def quiz_detail(request: HttpRequest, slug: str) -> HttpResponse:
    visible = Quiz.objects.visible_to(request.user).with_question_count()
    quiz = get_object_or_404(visible.select_related("article"), slug=slug)
    mine = Attempt.objects.of(request.user).filter(quiz=quiz).select_related("quiz")
    attempts = list(mine.with_final_finished())
    open_attempt = next((a for a in attempts if not a.is_finished), None)
    return render(
        request,
        "quizzes/quiz_detail.html",
        {
            "quiz": quiz,
            "attempts": attempts,
            "open_attempt": open_attempt,
            "attempts_left": max(0, quiz.attempts_allowed - len(attempts)),
            "is_open": quiz.is_open(),
        },
    )


@sign_in_required
@post_only
def start_attempt(request: HttpRequest, slug: str) -> HttpResponse:
    quiz = get_object_or_404(Quiz.objects.visible_to(request.user), slug=slug)
    if not quiz.questions.exists():
        return error_page(request, 409, _("This quiz has no questions yet."))
    unfinished = Attempt.objects.of(request.user).unfinished().filter(quiz=quiz).exists()
    if not unfinished and not quiz.is_open():
        return error_page(request, 409, _("This quiz is not open now."))
    live = LiveSession.objects.running().for_student(request.user).filter(quiz=quiz).first()
    if live is not None:  # her class is playing this quiz live: that is where she answers
        return redirect("live:student", live.code)
    attempt = Attempt.start(request.user, quiz)
    return redirect(attempt)


def own_attempt(request: HttpRequest, attempt_id: int) -> Attempt:
    """The signed-in student's attempt; anyone else's is a 404, as if it did not exist."""
    attempts = Attempt.objects.of(request.user).select_related("quiz__article")
    attempts = attempts.annotate(live_code=LiveSession.running_code_of(OuterRef("pk")))
    attempt = get_object_or_404(attempts.defer("quiz__article__body"), pk=attempt_id)
    return attempt.expire_if_due()


def played_live(request: HttpRequest, attempt: Attempt) -> HttpResponse | None:
    """While its live session runs, an attempt is answered and seen on the live page only:
    its pages here would show a verdict, or the key, before the teacher reveals it."""
    if not attempt.live_code:
        return None
    live_url = reverse("live:student", args=[attempt.live_code])
    if request.method == "GET":
        return redirect(live_url)
    message = _("Your class is playing this quiz live: answer on the live page.")
    return error_page(request, 409, message, link=(live_url, _("Go to the live quiz")))


@never_cache
@sign_in_required
def attempt_resume(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if live := played_live(request, attempt):
        return live
    if attempt.is_finished:
        return redirect("quizzes:result", attempt.pk)
    progress = Progress.of(attempt)
    if progress.next_unanswered is None:  # every question answered but not closed: close it
        attempt.finish()
        return redirect("quizzes:result", attempt.pk)
    return redirect("quizzes:question", attempt.pk, progress.next_unanswered)


@dataclass(frozen=True)
class Progress:
    """Where a student stands in an attempt: two queries, whatever the quiz's length."""

    question_ids: list[int]
    answered_ids: frozenset[int]

    @classmethod
    def of(cls, attempt: Attempt) -> Progress:
        ids = attempt.ordered_question_ids(
            list(attempt.quiz.questions.values_list("id", flat=True))
        )
        answered = frozenset(attempt.answers.values_list("question_id", flat=True))
        return cls(ids, answered)

    @property
    def total(self) -> int:
        return len(self.question_ids)

    @property
    def next_unanswered(self) -> int | None:
        return next((q for q in self.question_ids if q not in self.answered_ids), None)

    def position(self, question_id: int) -> int:
        return self.question_ids.index(question_id) + 1


def closed_to_answers(request: HttpRequest, attempt: Attempt) -> HttpResponse | None:
    """The page saying why no more answers can be recorded in this attempt, or None.

    The attempt is left as it is in her history: if the quiz is published again, or she
    rejoins the class, she goes on where she stopped.
    """
    history = (reverse("quizzes:history"), _("Your score history"))
    if not attempt.quiz.published:
        message = _(
            "Your teacher has withdrawn this quiz, so no more answers can be recorded. "
            "Your answers so far stay in your history."
        )
        return error_page(request, 409, message, link=history)
    if not Quiz.objects.visible_to(request.user).filter(pk=attempt.quiz_id).exists():
        message = _(
            "You are no longer in a class this quiz is assigned to, so no more answers can be "
            "recorded. Your answers so far stay in your history."
        )
        return error_page(request, 403, message, link=history)
    return None


def question_in(attempt: Attempt, question_id: int) -> Question:
    return get_object_or_404(
        attempt.quiz.questions.select_related("fact").prefetch_related("choices"),
        pk=question_id,
    )


def render_question(
    request: HttpRequest,
    attempt: Attempt,
    question: Question,
    answer: Answer | None,
    *,
    error: str = "",
    sent: SentAnswer | None = None,
    status: int = 200,
    notice: str = "",
    progress: Progress | None = None,
    answer_url: str = "",
    next_url: str = "",
    next_label: str = "",
    preview: bool = False,
    practice: bool = False,
) -> HttpResponse:
    """The question page, or its answer area alone for htmx; a preview or a practice run
    passes its own URLs and records nothing."""
    progress = progress or Progress.of(attempt)
    if answer is not None:
        answer.question = question  # its choices are prefetched already
    if not next_url:
        next_id = progress.next_unanswered
        if next_id is not None:
            next_url = reverse("quizzes:question", args=[attempt.pk, next_id])
        else:
            next_url = reverse("quizzes:result", args=[attempt.pk])
    context = {
        "answer_url": answer_url or reverse("quizzes:answer", args=[attempt.pk, question.pk]),
        "preview": preview,
        "practice": practice,
        "next_label": next_label,
        "attempt": attempt,
        "question": question,
        "choices": attempt.choices_for(question),
        "answer": answer,
        "progress": progress,
        "position": progress.position(question.pk),
        "next_url": next_url,
        "error": error,
        "sent": sent or SentAnswer(),
        "notice": notice,
    }
    template = "quizzes/question.html"
    if request.htmx:
        template += "#answer-area"
    return render(request, template, context, status=status)


@never_cache  # back and reload show the answer as it stands now, never a stale open form
@sign_in_required
def question_page(request: HttpRequest, attempt_id: int, question_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if live := played_live(request, attempt):
        return live
    question = question_in(attempt, question_id)
    answer = attempt.answers.filter(question=question).first()
    if answer is None and attempt.is_finished:
        return redirect("quizzes:result", attempt.pk)
    if answer is None and (refusal := closed_to_answers(request, attempt)):
        return refusal
    return render_question(request, attempt, question, answer)


@sign_in_required
@post_only
def submit_answer(request: HttpRequest, attempt_id: int, question_id: int) -> HttpResponse:
    attempt = own_attempt(request, attempt_id)
    if live := played_live(request, attempt):
        return live
    question = question_in(attempt, question_id)
    recorded = attempt.answers.filter(question=question).first()
    if recorded is not None:
        return render_question(
            request, attempt, question, recorded, notice=_("You already answered this question.")
        )
    if attempt.is_finished:
        return finished_page(request, attempt)
    if refusal := closed_to_answers(request, attempt):
        return refusal
    try:
        response, stored = read_answer(question, attempt.choices_for(question), request.POST)
    except InvalidAnswer as invalid:
        return render_question(
            request, attempt, question, None,
            error=invalid.message, sent=sent_answer(request.POST), status=400,
        )  # fmt: skip
    verdict = grading.grade(question.answer_key(), response)
    progress = Progress.of(attempt)
    try:
        answer, created = attempt.record_answer(question, verdict, stored, progress.total)
    except AttemptFinished:
        return finished_page(request, attempt)
    if not created:
        return render_question(
            request, attempt, question, answer, notice=_("You already answered this question.")
        )
    if request.htmx:
        progress = Progress(progress.question_ids, progress.answered_ids | {question.pk})
        return render_question(request, attempt, question, answer, progress=progress)
    return HttpResponseRedirect(reverse("quizzes:question", args=[attempt.pk, question.pk]))


def finished_page(request: HttpRequest, attempt: Attempt) -> HttpResponse:
    if attempt.is_due():
        message = _("Time is up: the attempt was closed with the answers you had given.")
    else:
        message = _("This attempt is finished and can no longer change.")
    result_url = reverse("quizzes:result", args=[attempt.pk])
    return error_page(request, 409, message, link=(result_url, _("See your results")))


@throttled("signup")
def signup(request: HttpRequest) -> HttpResponse:
    """A student creates an account, joining a class at once when they have its code."""
    if request.user.is_authenticated:
        return redirect("quizzes:quiz-list")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if form.classroom is not None:
            form.classroom.enroll(user)  # a new account is never staff
            name = form.classroom.name
            messages.success(request, _("You joined %(name)s.") % {"name": name})
        return redirect("quizzes:quiz-list")
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


@sign_in_required
@throttled("join")
def join_class(request: HttpRequest) -> HttpResponse:
    form = JoinClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            form.classroom.enroll(request.user)
        except NotAStudent:
            form.add_error("join_code", _("Staff accounts cannot join a class as students."))
        else:
            messages.success(request, _("You joined %(name)s.") % {"name": form.classroom.name})
            return redirect("quizzes:quiz-list")
    status = 400 if request.method == "POST" else 200
    return render(request, "quizzes/join_class.html", {"form": form}, status=status)


@sign_in_required
def history(request: HttpRequest) -> HttpResponse:
    """Every attempt of the signed-in student, with a chart of scores over time."""
    mine = Attempt.objects.of(request.user).select_related("quiz").with_final_finished()
    attempts = list(mine.order_by("started_at", "id"))
    revealed = [attempt for attempt in attempts if attempt.reveals_results]
    return render(
        request,
        "quizzes/history.html",
        {
            "attempts": attempts[::-1],
            "chart": history_chart(revealed, _("Your scores over time"), "history"),
        },
    )


def history_chart(attempts: list[Attempt], title: str, id_prefix: str) -> str:
    from .charts import Point, score_chart_svg

    finished = [a for a in attempts if a.is_finished and a.max_score]
    points = [
        Point(a.finished_at, float(100 * a.score / a.max_score), a.quiz.title) for a in finished
    ]
    listing = "; ".join(f"{p.label} {p.percent:.0f}%" for p in points)
    description = listing or _("No finished attempts yet.")
    return score_chart_svg(points, title=title, description=description, id_prefix=id_prefix)
