"""Live sessions, the teacher's side: the settings page, the projector view and its controls.

Every view checks that the session is one of the signed-in teacher's classes (an administrator
may see every class); anyone else gets a 404, as if it did not exist. The projector polls its
stage by version, as the students' pages do, and its counts once a second.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from dataclasses import dataclass

import segno
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .http import error_page, post_only, sign_in_required
from .live import POLL_EVERY, Timer, current_question
from .live_forms import LiveSettingsForm
from .live_models import LiveSession, display_name
from .live_scoring import distribution
from .models import Answer, Question
from .teach import class_quiz, my_class


def run_by_me(request: HttpRequest, session_id: int) -> LiveSession:
    """A session of one of the signed-in teacher's classes; anyone else's is a 404."""
    sessions = LiveSession.objects.run_by(request.user).select_related(
        "quiz", "classroom", "current_round"
    )
    return get_object_or_404(sessions, pk=session_id)


@sign_in_required
def new(request: HttpRequest, class_id: int, slug: str) -> HttpResponse:
    """Settings and the Start button for a live session of this quiz in this class."""
    classroom = my_class(request, class_id)
    quiz = class_quiz(classroom, slug)
    running = LiveSession.objects.running().filter(classroom=classroom).select_related("quiz")
    running = running.first()
    form = LiveSettingsForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if running is not None:  # one live session per class at a time: reopen it
            return redirect(running)
        if not quiz.published:
            message = _("Publish the quiz first: students see only published quizzes.")
            return error_page(request, 409, message)
        if not quiz.questions.exists():
            return error_page(request, 409, _("This quiz has no questions yet."))
        if form.is_valid():
            session, _created = LiveSession.begin(quiz, classroom, **form.cleaned_data)
            return redirect(session)
        status = 400
    past = LiveSession.objects.filter(classroom=classroom, quiz=quiz).exclude(finished_at=None)
    context = {
        "classroom": classroom,
        "quiz": quiz,
        "form": form,
        "running": running,
        "past": past[:10],
    }
    return render(request, "live/new.html", context, status=status)


@never_cache
@sign_in_required
def projector(request: HttpRequest, session_id: int) -> HttpResponse:
    return render_projector(request, run_by_me(request, session_id))


@never_cache
@sign_in_required
def projector_state(request: HttpRequest, session_id: int) -> HttpResponse:
    session = run_by_me(request, session_id)
    if request.GET.get("v") == session.token():
        return HttpResponse(status=204)
    return render_projector(request, session)


@never_cache
@sign_in_required
def projector_counts(request: HttpRequest, session_id: int) -> HttpResponse:
    """How many have joined (and who, if she chose to show names) and have answered."""
    session = run_by_me(request, session_id)
    counts = Counts.of(session)
    if request.GET.get("c") == counts.token:
        return HttpResponse(status=204)
    return render(request, "live/projector.html#counts", {"session": session, "counts": counts})


ACTIONS = {
    "start": LiveSession.start,
    "reveal": LiveSession.reveal,
    "next": LiveSession.next_question,
    "more-time": LiveSession.add_time,
    "finish": LiveSession.finish,
}


@sign_in_required
@post_only
def control(request: HttpRequest, session_id: int, action: str) -> HttpResponse:
    """Start, Reveal, Next, More time, End. Each acts only on the version the teacher saw, so a
    double click or a second tab changes nothing twice."""
    session = run_by_me(request, session_id)
    if action not in ACTIONS:
        raise Http404
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return error_page(request, 400, _("The request could not be understood."))
    ACTIONS[action](session, version)
    if request.htmx:
        return render_projector(request, run_by_me(request, session_id))
    return redirect(session)


@sign_in_required
@post_only
def change_settings(request: HttpRequest, session_id: int) -> HttpResponse:
    session = run_by_me(request, session_id)
    form = LiveSettingsForm(request.POST, instance=LiveSession(pk=session.pk))
    if not form.is_valid():
        return render_projector(request, session, settings_form=form, status=400)
    session.change_settings(**form.cleaned_data)
    return redirect(session)


@dataclass(frozen=True)
class Counts:
    """The projector's live figures: one or two queries, whatever the class's size."""

    joined: int
    names: list[str]
    answered: int | None

    @classmethod
    def of(cls, session: LiveSession) -> Counts:
        participants = session.participants.all()
        if session.show_names and session.phase == LiveSession.Phase.LOBBY:
            names = participant_names(participants)
            joined = len(names)
        else:
            names, joined = [], participants.count()
        answered = None
        if session.phase in (LiveSession.Phase.QUESTION, LiveSession.Phase.REVEAL):
            answered = answers_to_current(session).count()
        return cls(joined, names, answered)

    @property
    def token(self) -> str:
        return f"{self.joined}-{'x' if self.answered is None else self.answered}"


def participant_names(participants) -> list[str]:
    rows = participants.select_related("student").order_by("student__username")
    return [display_name(p.student) for p in rows]


def answers_to_current(session: LiveSession):
    return Answer.objects.filter(
        question_id=session.current_round.question_id,
        attempt__live_participations__session=session,
    )


def projector_choices(session: LiveSession, question: Question) -> list:
    """The options in one order for the whole session, shuffled with a secret key like a
    student's, so the order the teacher typed them in never hints at the right one."""
    choices = list(question.choices.all())
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        message = f"live:{session.pk}:{question.pk}".encode()
        key = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
        random.Random(key).shuffle(choices)
    return choices


def join_qr_svg(url: str) -> str:
    """The join address as a QR code, an SVG drawn here: no script, no style, no CDN."""
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(
        scale=1, border=2, dark="#000", light="#fff", omitsize=True, svgclass="qr-code",
        lineclass=None,
    )  # fmt: skip
    label = _("QR code of the join address %(url)s") % {"url": url}
    labelled = format_html('<svg role="img" aria-label="{}" ', label)
    return mark_safe(svg.replace("<svg ", labelled, 1))  # segno's SVG holds no user input


def render_projector(
    request: HttpRequest, session: LiveSession, *, settings_form=None, status: int = 200
) -> HttpResponse:
    now = timezone.now()
    question = current_question(session)
    join_url = request.build_absolute_uri(session.student_url())
    context = {
        "session": session,
        "token": session.token(now),
        "question_open": session.question_open(now),
        "timer": Timer.of(session, now),
        "question": question,
        "total": session.question_count(),
        "counts": Counts.of(session),
        "join_url": join_url,
        "settings_form": settings_form or LiveSettingsForm(instance=session),
        "poll_every": POLL_EVERY,
    }
    if session.phase == LiveSession.Phase.LOBBY:
        context["qr"] = join_qr_svg(join_url)
    if question is not None:
        context["choices"] = projector_choices(session, question)
    if session.phase == LiveSession.Phase.REVEAL:
        options = [(c.pk, c.text, c.is_correct) for c in context["choices"]]
        responses = answers_to_current(session).values_list("response", "outcome")
        context["distribution"] = distribution(options, responses)
    template = "live/projector.html#stage" if request.htmx else "live/projector.html"
    return render(request, template, context, status=status)
