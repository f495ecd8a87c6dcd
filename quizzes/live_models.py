"""Live sessions: a teacher paces a quiz in class on the projector, students answer on phones.

All the state is in the database (a session row, a row per question asked, a row per student
who joined), so any gunicorn worker on any server answers any request alike. Every change the
students' devices must show bumps the session's `version`; they poll it once a second and get
an empty 204 while it is unchanged (see `state_token`).

Answers are ordinary answers of ordinary attempts, recorded by `Attempt.record_answer`, so the
gradebook, history, statistics and CSV exports include live sessions as they are.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .live_scoring import PODIUM_SIZE, LiveAnswer, Window, standings
from .models import Answer, Attempt, Classroom, Question, Quiz, new_join_code

DEFAULT_SECONDS = 20
MIN_SECONDS, MAX_SECONDS = 5, 600
EXTRA_SECONDS = 10  # what "More time" adds to the open question


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def state_token(version: int, question_open: bool | None) -> str:
    """What a device shows, in a few characters: the version, and whether the current question
    still takes answers. A question closes when its time runs out, with no write, so that is
    part of the token: devices then change to "time is up" by themselves."""
    if question_open is None:
        return str(version)
    return f"{version}-{'open' if question_open else 'closed'}"


class LiveSessionQuerySet(models.QuerySet):
    def running(self) -> LiveSessionQuerySet:
        return self.filter(finished_at__isnull=True)

    def run_by(self, user) -> LiveSessionQuerySet:
        """The sessions a teacher may see and control: those of the classes she teaches."""
        return self.filter(classroom__in=Classroom.objects.taught_by(user))

    def for_student(self, user) -> LiveSessionQuerySet:
        """Sessions a student may join: of her classes, on a quiz she may see there."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(classroom__students=user, quiz__published=True)


class LiveSession(models.Model):
    class Phase(models.TextChoices):
        LOBBY = "lobby", _("waiting to start")
        QUESTION = "question", _("question")
        REVEAL = "reveal", _("answer shown")
        FINISHED = "finished", _("finished")

    quiz = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="live_sessions", verbose_name=_("quiz")
    )
    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="live_sessions", verbose_name=_("class")
    )
    code = models.CharField(
        _("live code"), max_length=6, unique=True, default=new_join_code, editable=False
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, default=Phase.LOBBY)
    version = models.PositiveIntegerField(_("version"), default=1)
    current_round = models.ForeignKey(
        "LiveRound", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seconds_per_question = models.PositiveSmallIntegerField(
        _("seconds per question"),
        default=DEFAULT_SECONDS,
        validators=[MinValueValidator(MIN_SECONDS), MaxValueValidator(MAX_SECONDS)],
    )
    speed_bonus = models.BooleanField(
        _("speed bonus"),
        default=True,
        help_text=_("Faster right answers earn more points on the podium."),
    )
    show_names = models.BooleanField(
        _("show the names of those who joined"),
        default=True,
        help_text=_("Off: the projector shows only how many have joined."),
    )
    # Computed once when the session ends: [{"student", "name", "points", "rank"}, …], best first.
    standings = models.JSONField(_("standings"), default=list, blank=True, editable=False)
    class_percent = models.DecimalField(
        _("class score (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = LiveSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["classroom"],
                condition=Q(finished_at__isnull=True),
                name="one_running_live_session_per_class",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.quiz} · {self.classroom}"

    def get_absolute_url(self) -> str:
        return reverse("live:projector", args=[self.pk])

    def student_url(self) -> str:
        return reverse("live:student", args=[self.code])

    @property
    def is_finished(self) -> bool:
        return self.phase == self.Phase.FINISHED

    def question_open(self, now: datetime | None = None) -> bool | None:
        """None outside a question; else whether the current question still takes answers."""
        if self.phase != self.Phase.QUESTION or self.current_round is None:
            return None
        return self.current_round.is_open(now)

    def token(self, now: datetime | None = None) -> str:
        return state_token(self.version, self.question_open(now))

    STATE_FIELDS = ("version", "phase", "current_round__closes_at", "current_round__revealed_at")

    @classmethod
    def token_of(cls, version, phase, closes_at, revealed_at, now=None) -> str:
        """`token` from the values of STATE_FIELDS, read without building the objects."""
        if phase != cls.Phase.QUESTION or closes_at is None:
            return state_token(version, None)
        is_open = revealed_at is None and (now or timezone.now()) < closes_at
        return state_token(version, is_open)

    @classmethod
    def begin(cls, quiz: Quiz, classroom: Classroom, **settings_) -> tuple[LiveSession, bool]:
        """A new session of the quiz for the class, or the class's running one (one at a time)."""
        running = cls.objects.running().filter(classroom=classroom).first()
        if running is not None:
            return running, False
        for _attempt in range(5):  # a code already taken: draw another
            try:
                with transaction.atomic():
                    return cls.objects.create(quiz=quiz, classroom=classroom, **settings_), True
            except IntegrityError:
                running = cls.objects.running().filter(classroom=classroom).first()
                if running is not None:  # started from another tab a moment ago
                    return running, False
        raise RuntimeError("no free live code")

    @classmethod
    def running_code_of(cls, attempt) -> Subquery:
        """The code of the running session an attempt is played in (an OuterRef), else None."""
        running = cls.objects.running().filter(participants__attempt=attempt)
        return Subquery(running.values("code")[:1])

    def question_count(self) -> int:
        return self.quiz.questions.count()

    # The teacher's actions. Each locks the session row and acts only on the version the
    # teacher saw, so a double click, or a second tab, never skips a question.

    def _change(self, version: int, *phases: str) -> LiveSession | None:
        locked = LiveSession.objects.select_for_update(of=("self",)).select_related("current_round")
        locked = locked.get(pk=self.pk)
        if locked.version != version or locked.phase not in phases:
            return None
        return locked

    def start(self, version: int) -> bool:
        with transaction.atomic():
            locked = self._change(version, self.Phase.LOBBY)
            if locked is None:
                return False
            locked.started_at = timezone.now()
            locked._open(1)
        return True

    def reveal(self, version: int) -> bool:
        """Close the question (if time is left) and show its answer."""
        with transaction.atomic():
            locked = self._change(version, self.Phase.QUESTION)
            if locked is None:
                return False
            locked.current_round.close(revealed=True)
            locked._save(phase=self.Phase.REVEAL)
        return True

    def next_question(self, version: int) -> bool:
        """The next question after a reveal; after the last one, the podium."""
        with transaction.atomic():
            locked = self._change(version, self.Phase.REVEAL)
            if locked is None:
                return False
            position = locked.current_round.position + 1
            if position > locked.question_count():
                locked._finish()
            else:
                locked._open(position)
        return True

    def add_time(self, version: int, seconds: int = EXTRA_SECONDS) -> bool:
        with transaction.atomic():
            locked = self._change(version, self.Phase.QUESTION)
            if locked is None or not locked.current_round.is_open():
                return False
            current = locked.current_round
            current.closes_at += timedelta(seconds=seconds)
            current.save(update_fields=["closes_at"])
            locked._save()
        return True

    def finish(self, version: int) -> bool:
        """End the session now (or after the last question): the podium, attempts closed."""
        with transaction.atomic():
            phases = (self.Phase.LOBBY, self.Phase.QUESTION, self.Phase.REVEAL)
            locked = self._change(version, *phases)
            if locked is None:
                return False
            if locked.current_round is not None:
                locked.current_round.close()
            locked._finish()
        return True

    def change_settings(self, *, seconds_per_question: int, speed_bonus: bool, show_names: bool):
        with transaction.atomic():
            locked = LiveSession.objects.select_for_update().get(pk=self.pk)
            rescore = locked.is_finished and locked.speed_bonus != speed_bonus
            locked.seconds_per_question = seconds_per_question
            locked.speed_bonus, locked.show_names = speed_bonus, show_names
            if rescore:
                locked._rank()
            locked._save()

    def _open(self, position: int) -> None:
        question = self.quiz.questions.order_by("order", "id")[position - 1]
        now = timezone.now()
        self.current_round = LiveRound.objects.create(
            session=self,
            question=question,
            position=position,
            opened_at=now,
            closes_at=now + timedelta(seconds=self.seconds_per_question),
        )
        self._save(phase=self.Phase.QUESTION)

    def _finish(self) -> None:
        self.finished_at = timezone.now()
        Attempt.objects.filter(live_participations__session=self).finish_all()
        self._rank()
        self._save(phase=self.Phase.FINISHED)

    def _rank(self) -> None:
        """The podium and the class's score, computed once and stored for every device."""
        participants = list(
            self.participants.filter(attempt__isnull=False).select_related("student", "attempt")
        )
        names = {p.student_id: display_name(p.student) for p in participants}
        windows = {r.question_id: Window(r.opened_at, r.closes_at) for r in self.rounds.all()}
        answers = Answer.objects.filter(attempt__live_participations__session=self).values_list(
            "attempt__student_id", "question_id", "points", "answered_at"
        )
        ranked = standings(
            names, windows, (LiveAnswer(*row) for row in answers), speed_bonus=self.speed_bonus
        )
        self.standings = [standing.as_dict() for standing in ranked]
        scored = sum(p.attempt.score for p in participants)
        possible = sum(p.attempt.max_score for p in participants)
        self.class_percent = None
        if possible:
            self.class_percent = (100 * scored / possible).quantize(Decimal("0.1"))

    def podium(self) -> list[dict]:
        return [standing for standing in self.standings if standing["rank"] <= PODIUM_SIZE][
            :PODIUM_SIZE
        ]

    def standing_of(self, student) -> dict | None:
        return next((s for s in self.standings if s["student"] == student.pk), None)

    def _save(self, phase: str | None = None) -> None:
        """Store the change and bump the version, so every device fetches the new state."""
        if phase is not None:
            self.phase = phase
        self.version = F("version") + 1
        self.save()
        self.refresh_from_db(fields=["version"])

    # Students.

    def admit(self, student) -> LiveParticipant:
        """The student's place in the session, with her attempt at the quiz (started now, with
        no time limit: the teacher paces it). A student with no attempt left follows along."""
        mine = self.participants.filter(student=student).select_related("attempt")
        participant = mine.first()
        if participant is not None:
            return participant
        attempt = Attempt.start(student, self.quiz, timed=False)
        try:
            with transaction.atomic():
                return LiveParticipant.objects.create(
                    session=self, student=student, attempt=None if attempt.is_finished else attempt
                )
        except IntegrityError:  # joined from a second tab a moment ago
            return mine.get()

    def takes_answer_to(self, question: Question, now: datetime | None = None) -> bool:
        current = self.current_round
        return (
            self.phase == self.Phase.QUESTION
            and current is not None
            and current.question_id == question.pk
            and current.is_open(now)
        )


class LiveRound(models.Model):
    """One question of a live session, as it was asked: when it opened, closed, was revealed."""

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("session")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    opened_at = models.DateTimeField(_("opened"))
    closes_at = models.DateTimeField(_("closes"))
    revealed_at = models.DateTimeField(_("revealed"), null=True, blank=True)

    class Meta:
        ordering = ["session", "position"]
        verbose_name = _("live question")
        verbose_name_plural = _("live questions")
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="one_round_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} #{self.position}"

    def is_open(self, now: datetime | None = None) -> bool:
        return self.revealed_at is None and (now or timezone.now()) < self.closes_at

    @property
    def seconds(self) -> float:
        return (self.closes_at - self.opened_at).total_seconds()

    def close(self, revealed: bool = False) -> None:
        now = timezone.now()
        self.closes_at = min(self.closes_at, now)
        if revealed:
            self.revealed_at = now
        self.save(update_fields=["closes_at", "revealed_at"])


class LiveParticipant(models.Model):
    """A student who joined a live session, and the attempt her answers go to (none when she
    had no attempt left at the quiz: she follows without answering)."""

    session = models.ForeignKey(
        LiveSession,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("session"),
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="live_participations",
        verbose_name=_("student"),
    )
    attempt = models.ForeignKey(
        Attempt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_participations",
        verbose_name=_("attempt"),
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("live participant")
        verbose_name_plural = _("live participants")
        constraints = [
            models.UniqueConstraint(fields=["session", "student"], name="one_place_per_student"),
        ]

    def __str__(self) -> str:
        return f"{self.student} @ {self.session_id}"
