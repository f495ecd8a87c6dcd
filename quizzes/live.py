"""Live sessions, the students' side: joining, the live page, its poll and the answer.

Every page renders in full and works without JavaScript (forms post and redirect; a Refresh
link shows where the class is). With htmx the page polls a small state endpoint once a second:
unchanged, an empty 204 from one query; changed, the new stage. Permission checks are in every
view, since a client can ask for any fragment: a student of another class is refused, and only
the question open now takes answers, once. The teacher's side is in live_teach.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import grading
from .forms import InvalidAnswer, read_answer
from .http import error_page, post_only, sign_in_required
from .live_forms import LiveCodeForm
from .live_models import LiveParticipant, LiveSession
from .models import Answer, AttemptFinished, Question

POLL_EVERY = "1s"


class QuestionClosed(Exception):
    """The question is not the one open now: it has not come yet, or its time is over."""


@dataclass(frozen=True)
class Timer:
    """The open question's countdown, for the page and for static/js/live.js, which corrects
    the device's clock by the server's time at rendering."""

    closes_at: datetime
    closes_ms: int
    now_ms: int
    seconds_left: int

    @classmethod
    def of(cls, session: LiveSession, now: datetime) -> Timer | None:
        if not session.question_open(now):
            return None
        closes_at = session.current_round.closes_at
        left = math.ceil((closes_at - now).total_seconds())
        return cls(closes_at, int(closes_at.timestamp() * 1000), int(now.timestamp() * 1000), left)


def current_question(session: LiveSession) -> Question | None:
    if session.current_round is None:
        return None
    return (
        Question.objects.select_related("fact")
        .prefetch_related("choices")
        .get(pk=session.current_round.question_id)
    )


def live_session(code: str) -> LiveSession:
    if not code.isascii() or not code.isalnum():
        raise Http404  # no session has such a code (a NUL would not even reach PostgreSQL)
    sessions = LiveSession.objects.select_related("quiz", "classroom", "current_round")
    return get_object_or_404(sessions, code=code.upper())


def refusal(request: HttpRequest, session: LiveSession) -> HttpResponse | None:
    """Why this signed-in user cannot take part, as a page; None if she can."""
    if not session.classroom.students.filter(pk=request.user.pk).exists():
        message = _(
            "This live session is for another class. Ask your teacher for your class's code."
        )
        return error_page(request, 403, message)
    if not session.quiz.published:
        message = _("Your teacher has withdrawn this quiz, so no more answers can be recorded.")
        return error_page(request, 409, message)
    return None


def over_page(request: HttpRequest) -> HttpResponse:
    return error_page(request, 410, _("This live session is over."))


def my_place(request: HttpRequest, session: LiveSession) -> LiveParticipant | None:
    mine = session.participants.filter(student=request.user)
    return mine.select_related("attempt__quiz").first()


@sign_in_required
def join(request: HttpRequest) -> HttpResponse:
    """A student types the code from the projector (or opens the QR code's address)."""
    form = LiveCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("live:student", form.cleaned_data["code"])
    status = 404 if form.is_bound else 200
    return render(request, "live/join.html", {"form": form}, status=status)


def teaches(user, session: LiveSession) -> bool:
    return user.is_superuser or session.classroom.teacher_id == user.pk


@never_cache
@sign_in_required
def student(request: HttpRequest, code: str) -> HttpResponse:
    session = live_session(code)
    if code != session.code:
        return redirect("live:student", session.code)
    if teaches(request.user, session):
        return redirect(session)  # her own class's session: the projector view
    if rejected := refusal(request, session):
        return rejected
    participant = my_place(request, session)
    if participant is None and session.is_finished:
        return over_page(request)
    return render_student(request, session, participant)


@sign_in_required
@post_only
def enter(request: HttpRequest, code: str) -> HttpResponse:
    """Join: the student's place, and her attempt at the quiz. Joining twice changes nothing."""
    session = live_session(code)
    if rejected := refusal(request, session):
        return rejected
    if session.is_finished:
        return over_page(request)
    session.admit(request.user)
    return redirect("live:student", session.code)


# A pass for polling, signed for a student's place in a session when she is shown its page.
POLL_PASS = signing.Signer(salt="quizzes.live.poll")


def poll_pass(participant: LiveParticipant) -> str:
    return POLL_PASS.sign(str(participant.pk))


@never_cache
def student_state(request: HttpRequest, code: str) -> HttpResponse:
    """Polled once a second by every student's device: an empty 204 while nothing changed.

    That answer takes one query and reads neither the session nor the user: the poll carries
    a pass signed for her place in this session (checked without the database), and learns no
    more than that nothing changed. Anything else, a change included, goes the whole way:
    signed in, in the class, joined.
    """
    try:
        place = int(POLL_PASS.unsign(request.GET.get("p", "")))
    except (signing.BadSignature, ValueError):
        place = None
    if place is not None:
        fields = [f"session__{name}" for name in LiveSession.STATE_FIELDS]
        mine = LiveParticipant.objects.filter(pk=place, session__code=code)
        state = mine.values_list(*fields).first()
        if state is not None and request.GET.get("v") == LiveSession.token_of(*state):
            return HttpResponse(status=204)
    return changed_state(request, code)


@sign_in_required
def changed_state(request: HttpRequest, code: str) -> HttpResponse:
    session = live_session(code)
    participant = my_place(request, session)
    if participant is None:
        raise Http404  # only those who joined poll
    if request.GET.get("v") == session.token():
        return HttpResponse(status=204)
    if rejected := refusal(request, session):
        return rejected
    return render_student(request, session, participant)


@sign_in_required
@post_only
def answer(request: HttpRequest, code: str, question_id: int) -> HttpResponse:
    """Record the answer to the question open now, once, in the student's ordinary attempt.

    Before the reveal the reply says only that the answer is recorded: a verdict on one phone
    would be the key for the whole class.
    """
    session = live_session(code)
    if rejected := refusal(request, session):
        return rejected
    participant = my_place(request, session)
    if participant is None:
        return error_page(request, 403, _("Join the live session first."))
    question = get_object_or_404(
        session.quiz.questions.select_related("fact").prefetch_related("choices"),
        pk=question_id,
    )
    attempt = participant.attempt
    if session.is_finished:
        return answer_refused(request, session, participant, _("This live session is over."))
    if attempt is None or attempt.is_finished:
        message = _("You have no attempt left at this quiz: you can follow, but not answer.")
        return answer_refused(request, session, participant, message)
    if attempt.answers.filter(question=question).exists():
        return answer_refused(request, session, participant, already_answered())
    try:
        response, stored = read_answer(question, attempt.choices_for(question), request.POST)
    except InvalidAnswer as invalid:
        return render_student(
            request, session, participant, error=invalid.message, status=400, answer_area=True
        )
    verdict = grading.grade(question.answer_key(), response)
    try:
        with transaction.atomic():
            # The session row is locked, so a Reveal or Next waits for this answer, and this
            # answer for them: nothing is recorded after its question has closed.
            locked = (
                LiveSession.objects.select_for_update(of=("self",))
                .select_related("current_round")
                .get(pk=session.pk)
            )
            if not locked.takes_answer_to(question):
                raise QuestionClosed
            # The attempt is finished by the session when it ends, not by this answer.
            recorded, created = attempt.record_answer(question, verdict, stored, None)
    except QuestionClosed:
        message = _("This question is closed: answers are no longer taken.")
        return answer_refused(request, session, participant, message)
    except AttemptFinished:
        message = _("Your attempt is finished and can no longer change.")
        return answer_refused(request, session, participant, message)
    if not created:
        return answer_refused(request, session, participant, already_answered())
    if request.htmx:
        return render_student(
            request, session, participant, answer_area=True, shown=(question, recorded)
        )
    return redirect("live:student", session.code)


def already_answered() -> str:
    return _("You already answered this question. Your first answer counts.")


def answer_refused(
    request: HttpRequest, session: LiveSession, participant: LiveParticipant, message: str
) -> HttpResponse:
    """A 409 saying why, with the stage as it is now, so the page is right again."""
    return render_student(
        request, session, participant, error=message, status=409, answer_area=True
    )


def render_student(
    request: HttpRequest,
    session: LiveSession,
    participant: LiveParticipant | None,
    *,
    error: str = "",
    status: int = 200,
    answer_area: bool = False,
    shown: tuple[Question, Answer] | None = None,
) -> HttpResponse:
    """The live page, its stage (polled) or its answer area (after an answer), for htmx.

    `shown`: the question just answered and its answer, which need not be read again.
    """
    now = timezone.now()
    attempt = participant.attempt if participant else None
    context = {
        "session": session,
        "participant": participant,
        "attempt": attempt,
        "token": session.token(now),
        "poll_pass": poll_pass(participant) if participant else "",
        "question_open": session.question_open(now),
        "timer": Timer.of(session, now),
        "error": error,
        "total": session.question_count,  # counted only where the page shows it
        "poll_every": POLL_EVERY,
    }
    question, mine = shown or (current_question(session) if participant else None, None)
    if question is not None:
        if attempt is not None and shown is None:
            mine = attempt.answers.filter(question=question).first()
        if mine is not None:
            mine.question = question  # its choices are prefetched already
        choices = attempt.choices_for(question) if attempt else list(question.choices.all())
        context.update(question=question, answer=mine, choices=choices)
    if session.is_finished and participant is not None:
        context["standing"] = session.standing_of(request.user)
    template = "live/student.html"
    if request.htmx:
        template += "#answer-area" if answer_area else "#stage"
    return render(request, template, context, status=status)
