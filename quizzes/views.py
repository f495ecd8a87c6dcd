"""Student pages. Every view renders a full page; HTMX requests get a named partial of it."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
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
    ClassInvitation,
    NotAStudent,
    Progress,
    Question,
    Quiz,
)
from .prepared import PreparedQuery
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


def own_attempts(user, *, lock: bool = False):
    """A user's attempts, each with its quiz and what `own_attempt` reads along with it."""
    visible = Quiz.objects.visible_to(user).filter(pk=OuterRef("quiz_id"))
    attempts = (
        Attempt.objects.of(user)
        .select_related("quiz__article")
        .defer("quiz__article__body")
        .annotate(
            live_code=LiveSession.running_code_of(OuterRef("pk")), quiz_visible=Exists(visible)
        )
        .with_final_finished()
    )
    # Under the lock, what she has answered is read after it is held (`Attempt.answered`).
    return attempts.locked() if lock else attempts.with_answered()


def _own_attempt_query(variant: tuple[bool, bool], *, user_id: int, attempt_id: int):
    lock, superuser = variant
    user = get_user_model()(pk=user_id, is_superuser=superuser)  # stands in for the student
    return own_attempts(user, lock=lock).filter(pk=attempt_id)


# Its SQL is built once per connection, not per request (quizzes/prepared.py).
OWN_ATTEMPT = PreparedQuery("own_attempt", _own_attempt_query, "user_id", "attempt_id")


def own_attempt(request: HttpRequest, attempt_id: int, *, lock: bool = False) -> Attempt:
    """The signed-in student's attempt, with its quiz, in one query; anyone else's is a 404, as
    if it did not exist. `lock`, in a transaction: its row stays locked until the end of it.

    Along with it, read now and never cached: whether it is played in a live session running
    now, whether she may still see its quiz (`quiz_visible`), and whether she has finished her
    last allowed attempt at the quiz (for `reveals_results`); and, unless it is locked, what
    she has answered (`answered_when_read`). The query is `own_attempts`', compiled once
    (`OWN_ATTEMPT`).
    """
    user = request.user
    if not user.is_authenticated:
        raise Http404
    variant = (lock, bool(user.is_superuser))
    attempt = OWN_ATTEMPT.first(variant, user_id=user.pk, attempt_id=attempt_id)
    if attempt is None:
        raise Http404
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
    progress = attempt.progress(attempt.answered_when_read())
    if progress.next_unanswered is None:  # every question answered but not closed: close it
        attempt.finish()
        return redirect("quizzes:result", attempt.pk)
    return redirect("quizzes:question", attempt.pk, progress.next_unanswered)


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
    if not attempt.quiz_visible:  # read with the attempt (own_attempt)
        message = _(
            "You are no longer in a class this quiz is assigned to, so no more answers can be "
            "recorded. Your answers so far stay in your history."
        )
        return error_page(request, 403, message, link=history)
    return None


def question_in(attempt: Attempt, question_id: int) -> Question:
    """The question of the attempt's quiz, with its options and fact, from the cache."""
    question = attempt.quiz.content.question(question_id)
    if question is None:
        raise Http404
    return question


@dataclass(frozen=True)
class QuestionRun:
    """A run through an attempt's questions, and where each question's page leads.

    Each question has one address: GET shows it, POST answers it. The student's own run records
    her answers; her practice of the ones she missed and a teacher's preview record nothing.
    """

    attempt: Attempt
    progress: Progress
    url_name: str = "quizzes:question"
    url_args: tuple[object, ...] = ()
    end_url: str = ""
    end_label: str = ""
    mode: str = "attempt"  # or "practice" or "preview", each with its banner

    @classmethod
    def of(cls, attempt: Attempt, progress: Progress | None = None) -> QuestionRun:
        """The student's own run through her attempt."""
        return cls(
            attempt,
            progress or attempt.progress(),
            url_args=(attempt.pk,),
            end_url=reverse("quizzes:result", args=[attempt.pk]),
            end_label=_("See your results"),
        )

    def url(self, question_id: int) -> str:
        return reverse(self.url_name, args=[*self.url_args, question_id])

    def after(self, question_id: int) -> tuple[str, str]:
        """Where the page leads once the question is answered, and the link's words."""
        if self.mode != "attempt":
            next_id = self.progress.following(question_id)
        elif self.attempt.is_finished:
            next_id = None
        else:  # on to the first question she has not answered, wherever it is
            next_id = self.progress.next_unanswered
        if next_id is None:
            return self.end_url, self.end_label
        return self.url(next_id), _("Next question")


def question_context(
    run: QuestionRun,
    question: Question,
    answer: Answer | None = None,
    *,
    error: str = "",
    sent: SentAnswer | None = None,
    notice: str = "",
) -> dict:
    """What a question's page shows, in every run: the student's, practice and a preview."""
    if answer is not None:
        answer.question = question  # its choices are prefetched already
    next_url, next_label = run.after(question.pk)
    position = run.progress.position(question.pk)
    heading = _("Question %(position)s of %(total)s")  # the page's title and its heading
    return {
        "run": run,
        "attempt": run.attempt,
        "question_url": run.url(question.pk),
        "progress": run.progress,
        "position": position,
        "heading": heading % {"position": position, "total": run.progress.total},
        "question": question,
        "choices": run.attempt.choices_for(question),
        "answer": answer,
        "next_url": next_url,
        "next_label": next_label,
        "error": error,
        "sent": sent or SentAnswer(),
        "notice": notice,
    }


def show_question(
    request: HttpRequest,
    run: QuestionRun,
    question: Question,
    answer: Answer | None = None,
    *,
    refused: InvalidAnswer | None = None,
    notice: str = "",
) -> HttpResponse:
    """The question's page, or its answer area alone for htmx. A refused answer comes back as
    it was sent, with why, and a 400."""
    if refused is not None:
        sent = sent_answer(request.POST)
        context = question_context(run, question, error=refused.message, sent=sent)
    else:
        context = question_context(run, question, answer, notice=notice)
    template = "quizzes/question.html#answer-area" if request.htmx else "quizzes/question.html"
    # Rendered once the view has returned: after an answer's transaction, not while it holds
    # its locks.
    return TemplateResponse(request, template, context, status=200 if refused is None else 400)


def try_question(request: HttpRequest, run: QuestionRun, question: Question) -> HttpResponse:
    """A question of a run that records nothing: GET shows it; POST grades the answer and shows
    the verdict, stored nowhere."""
    if request.method != "POST":
        return show_question(request, run, question)
    try:
        response, stored = read_answer(question, run.attempt.choices_for(question), request.POST)
    except InvalidAnswer as invalid:
        return show_question(request, run, question, refused=invalid)
    verdict = grading.grade(question.answer_key(), response)
    answer = Answer(
        question=question,
        response=stored,
        outcome=verdict.outcome.value,
        credit=verdict.credit,
        points=verdict.points(question.points),
    )
    return show_question(request, run, question, answer)


@never_cache  # back and reload show the answer as it stands now, never a stale open form
@sign_in_required
def question_page(request: HttpRequest, attempt_id: int, question_id: int) -> HttpResponse:
    """GET shows the question, or her answer to it; POST answers it, once."""
    if request.method == "POST":
        return answer_question(request, attempt_id, question_id)
    attempt = own_attempt(request, attempt_id)
    if live := played_live(request, attempt):
        return live
    question = question_in(attempt, question_id)
    answered = attempt.answered_when_read()
    answer = attempt.answer_to(question, answered)
    if answer is None and attempt.is_finished:
        return redirect("quizzes:result", attempt.pk)
    if answer is None and (refusal := closed_to_answers(request, attempt)):
        return refusal
    return show_question(
        request, QuestionRun.of(attempt, attempt.progress(answered)), question, answer
    )


def answer_question(request: HttpRequest, attempt_id: int, question_id: int) -> HttpResponse:
    """Record her first answer to the question; any later one is shown the first.

    All in one transaction, which locks the attempt as it first reads it: her answers are
    recorded one at a time, and the answer to the last question finishes the attempt, once.
    """
    try:
        with transaction.atomic():
            return record_posted_answer(request, attempt_id, question_id)
    except IntegrityError:
        # The unique constraint behind the lock: an answer recorded without taking it.
        attempt = own_attempt(request, attempt_id)
        question = question_in(attempt, question_id)
        answered = attempt.answered_when_read()
        if (recorded := attempt.answer_to(question, answered)) is None:
            raise
        run = QuestionRun.of(attempt, attempt.progress(answered))
        return show_question(request, run, question, recorded, notice=already_answered())


def record_posted_answer(request: HttpRequest, attempt_id: int, question_id: int) -> HttpResponse:
    """The answer's transaction: nothing of the attempt is read before its lock is held."""
    attempt = own_attempt(request, attempt_id, lock=True)  # closed now if its time is up
    if live := played_live(request, attempt):
        return live
    question = question_in(attempt, question_id)
    answered = attempt.answered()
    progress = attempt.progress(answered)
    if (recorded := attempt.answer_to(question, answered)) is not None:
        run = QuestionRun.of(attempt, progress)
        return show_question(request, run, question, recorded, notice=already_answered())
    if attempt.is_finished:
        return finished_page(request, attempt)
    if refusal := closed_to_answers(request, attempt):
        return refusal
    try:
        response, stored = read_answer(question, attempt.choices_for(question), request.POST)
    except InvalidAnswer as invalid:
        return show_question(request, QuestionRun.of(attempt, progress), question, refused=invalid)
    verdict = grading.grade(question.answer_key(), response)
    answer = attempt.record(question, verdict, stored, answered, progress.total)
    if request.htmx:
        run = QuestionRun.of(attempt, progress.with_answered(question.pk))
        return show_question(request, run, question, answer)
    return redirect("quizzes:question", attempt.pk, question.pk)


def already_answered() -> str:
    return _("You already answered this question.")


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
