"""Teachers' pages: their classes, gradebooks, item statistics, CSV exports and previews.

Every page checks in the view that the class is the signed-in teacher's own (an administrator
may see every class) and that the quiz is assigned to it; a preview, that the quiz is one she
may use. Anyone else gets a 404, as if the class or quiz did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import lockouts
from .csvexport import csv_lines
from .forms import AddStudentForm
from .http import error_page, post_only, sign_in_required
from .models import Answer, Attempt, Classroom, Progress, Question, Quiz, Regrade
from .people import full_name
from .stats import (
    ItemInfo,
    ItemStats,
    Response,
    WrongAnswer,
    common_wrong_answers,
    item_statistics,
    summary,
)
from .throttles import throttled
from .views import QuestionRun, history_chart, try_question


def my_class(request: HttpRequest, class_id: int) -> Classroom:
    return get_object_or_404(
        Classroom.objects.taught_by(request.user).select_related("teacher"), pk=class_id
    )


def class_quiz(classroom: Classroom, slug: str) -> Quiz:
    # The article's language marks its prompts (lang="ja"); its body is never needed here.
    quizzes = classroom.quizzes.select_related("article").defer("article__body")
    return get_object_or_404(quizzes, slug=slug)


@sign_in_required
def index(request: HttpRequest) -> HttpResponse:
    classes = Classroom.objects.taught_by(request.user).annotate(
        student_count=Count("students", distinct=True), quiz_count=Count("quizzes", distinct=True)
    )
    if not request.user.is_staff and not classes:
        raise Http404  # teachers' pages are not for students
    return render(request, "teach/index.html", {"classes": classes})


@sign_in_required
def class_page(request: HttpRequest, class_id: int) -> HttpResponse:
    classroom = my_class(request, class_id)
    students = list(classroom.students.order_by("username"))
    return render(
        request,
        "teach/class.html",
        {
            "classroom": classroom,
            "students": students,
            "paused": lockouts.paused_usernames([pupil.username for pupil in students]),
            "quizzes": classroom.quizzes.with_question_count(),
        },
    )


@sign_in_required
@post_only
def lift_pause(request: HttpRequest, class_id: int, student_id: int) -> HttpResponse:
    """A student of the class paused by wrong passwords (maybe a classmate's) signs in again."""
    classroom = my_class(request, class_id)
    pupil = get_object_or_404(classroom.students.all(), pk=student_id)
    lockouts.lift(pupil.username)
    messages.success(request, _("%(name)s can sign in again.") % {"name": pupil.username})
    return redirect(classroom)


@sign_in_required
@post_only
@throttled("add-student")
def add_student(request: HttpRequest, class_id: int) -> HttpResponse:
    """Invite a student by user name; she joins when she accepts. The reply is the same
    whether or not the name exists, so the form cannot be used to find accounts."""
    classroom = my_class(request, class_id)
    form = AddStudentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Type the student's user name."))
        return redirect(classroom)
    classroom.invite(form.cleaned_data["username"], invited_by=request.user)
    messages.success(
        request,
        _(
            "If an account with the user name %(name)s exists, it has been invited: the "
            "student joins the class after accepting the invitation."
        )
        % {"name": form.cleaned_data["username"]},
    )
    return redirect(classroom)


@dataclass(frozen=True)
class GradebookRow:
    student: object
    attempts: int  # finished
    best: Decimal | None
    last: Decimal | None
    max_score: int
    started: bool  # an attempt, finished or not
    last_attempt_id: int | None  # the last finished attempt, to review answer by answer

    @property
    def has_finished(self) -> bool:
        return self.attempts > 0


@dataclass(frozen=True)
class Gradebook:
    rows: list[GradebookRow]

    @property
    def finished(self) -> int:
        return sum(1 for row in self.rows if row.has_finished)

    @property
    def not_started(self) -> int:
        return sum(1 for row in self.rows if not row.started)


def gradebook_rows(classroom: Classroom, quiz: Quiz) -> list[GradebookRow]:
    """One row per student of the class: three queries, whatever the class's size."""
    students = list(classroom.students.order_by("username"))
    finished: dict[int, list[Attempt]] = {}
    started: set[int] = set()
    attempts = Attempt.objects.filter(quiz=quiz, student__classes=classroom).order_by("number")
    for attempt in attempts:
        started.add(attempt.student_id)
        if attempt.is_finished:
            finished.setdefault(attempt.student_id, []).append(attempt)
    rows = []
    for student in students:
        mine = finished.get(student.pk, [])
        rows.append(
            GradebookRow(
                student=student,
                attempts=len(mine),
                best=max((a.score for a in mine), default=None),
                last=mine[-1].score if mine else None,
                max_score=mine[-1].max_score if mine else 0,
                started=student.pk in started,
                last_attempt_id=mine[-1].pk if mine else None,
            )
        )
    return rows


@sign_in_required
def gradebook(request: HttpRequest, class_id: int, slug: str) -> HttpResponse:
    classroom = my_class(request, class_id)
    quiz = class_quiz(classroom, slug)
    regrades = Regrade.objects.seen_in(classroom, quiz).select_related(
        "by", "question", "answer__attempt__student"
    )
    return render(
        request,
        "teach/gradebook.html",
        {
            "classroom": classroom,
            "quiz": quiz,
            "gradebook": Gradebook(gradebook_rows(classroom, quiz)),
            "regrades": regrades,
        },
    )


def csv_response(lines, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@sign_in_required
def gradebook_csv(request: HttpRequest, class_id: int, slug: str) -> StreamingHttpResponse:
    classroom = my_class(request, class_id)
    quiz = class_quiz(classroom, slug)
    header = [
        _("User name"), _("Name"), _("Attempts"), _("Best score"), _("Last score"),
        _("Maximum score"),
    ]  # fmt: skip
    rows = (
        (
            row.student.username,
            full_name(row.student),
            row.attempts,
            row.best if row.best is not None else "",
            row.last if row.last is not None else "",
            row.max_score or "",
        )
        for row in gradebook_rows(classroom, quiz)
    )
    return csv_response(csv_lines(header, rows), f"{classroom.name}-{quiz.slug}-gradebook.csv")


@sign_in_required
def answers_csv(request: HttpRequest, class_id: int, slug: str) -> StreamingHttpResponse:
    """Every answer of the class to the quiz, streamed in chunks: never all in memory."""
    classroom = my_class(request, class_id)
    quiz = class_quiz(classroom, slug)
    questions = {q.pk: q for q in quiz.questions.prefetch_related("choices")}
    positions = {qid: n for n, qid in enumerate(questions, start=1)}
    answers = (
        Answer.objects.filter(attempt__quiz=quiz, attempt__student__classes=classroom)
        .select_related("attempt__student")
        .order_by("attempt__student__username", "attempt__number", "question__order")
    )
    header = [
        _("User name"), _("Name"), _("Attempt"), _("Question"), _("Prompt"),
        pgettext("CSV column: what the student gave", "Answer"), _("Verdict"), _("Points"),
        _("Answered"),
    ]  # fmt: skip

    def rows():
        for answer in answers.iterator(chunk_size=500):
            question = questions.get(answer.question_id)
            if question is not None:
                answer.question = question
            student = answer.attempt.student
            yield (
                student.username,
                full_name(student),
                answer.attempt.number,
                positions.get(answer.question_id, ""),
                question.prompt.splitlines()[-1] if question else "",
                answer.display() if question else "",
                answer.get_outcome_display(),
                answer.points,
                local(answer.answered_at),
            )

    return csv_response(csv_lines(header, rows()), f"{classroom.name}-{quiz.slug}-answers.csv")


@sign_in_required
def statistics(request: HttpRequest, class_id: int, slug: str) -> HttpResponse:
    """Moodle's item analysis on the class's finished first attempts, question by question."""
    classroom = my_class(request, class_id)
    quiz = class_quiz(classroom, slug)
    questions = list(quiz.questions.prefetch_related("choices"))
    first_attempts = list(
        Attempt.objects.filter(quiz=quiz, student__classes=classroom, number=1)
        .exclude(finished_at=None)
        .values_list("pk", "score", "max_score")
    )
    firsts = [pk for pk, _score, _max in first_attempts]
    scores = summary(score for _pk, score, _max in first_attempts)
    max_score = max((m for _pk, _score, m in first_attempts), default=0)
    answers = list(
        Answer.objects.filter(attempt_id__in=firsts).values_list(
            "attempt_id", "question_id", "points", "response", "outcome"
        )
    )
    items = [
        ItemInfo(q.pk, Decimal(q.points), tuple(c.pk for c in q.choices.all())) for q in questions
    ]
    responses = (
        Response(a, q, points, tuple(response.get("choices", [])))
        for a, q, points, response, _outcome in answers
    )
    results = item_statistics(items, firsts, responses)
    wrong = common_wrong_answers(
        (q, response["text"], outcome == Answer.Outcome.CORRECT)
        for _a, q, _points, response, outcome in answers
        if "text" in response
    )
    cards = [
        StatisticsCard(position, question, stats, wrong.get(question.pk, []))
        for position, (question, stats) in enumerate(zip(questions, results, strict=True), 1)
    ]
    return render(
        request,
        "teach/statistics.html",
        {
            "classroom": classroom,
            "quiz": quiz,
            "cards": cards,
            "attempt_count": len(firsts),
            "scores": scores,
            "max_score": max_score,
        },
    )


@dataclass(frozen=True)
class StatisticsCard:
    position: int
    question: Question
    stats: ItemStats
    wrong_answers: list[WrongAnswer]


@sign_in_required
def student(request: HttpRequest, class_id: int, student_id: int) -> HttpResponse:
    classroom = my_class(request, class_id)
    pupil = get_object_or_404(classroom.students.all(), pk=student_id)
    attempts = list(
        Attempt.objects.filter(student=pupil, quiz__classes=classroom)
        .select_related("quiz")
        .order_by("started_at", "id")
        .distinct()
    )
    chart = history_chart(attempts, _("Scores over time"), "student")
    return render(
        request,
        "teach/student.html",
        {"classroom": classroom, "pupil": pupil, "attempts": attempts[::-1], "chart": chart},
    )


def previewable(request: HttpRequest, slug: str) -> Quiz:
    """Teachers preview, published or not, the quizzes they may use: their own, those shared
    with them, and those assigned to their classes."""
    if not (request.user.is_staff and request.user.has_perm("quizzes.view_quiz")):
        raise Http404
    quizzes = Quiz.objects.usable_by(request.user).select_related("article")
    return get_object_or_404(quizzes, slug=slug)


@sign_in_required
def preview(request: HttpRequest, slug: str, question_id: int | None = None) -> HttpResponse:
    """The quiz as a student takes it: GET shows a question, POST grades an answer to it.
    Nothing is recorded; as if in a last attempt, the verdicts show the answers."""
    quiz = previewable(request, slug)
    ids = list(quiz.questions.values_list("id", flat=True))
    if not ids:
        return error_page(request, 409, _("This quiz has no questions yet."))
    question = get_object_or_404(
        quiz.questions.select_related("fact").prefetch_related("choices"),
        pk=ids[0] if question_id is None else question_id,  # /0/ is no question: a 404
    )
    run = QuestionRun(
        Attempt(pk=0, quiz=quiz, student=request.user, number=quiz.attempts_allowed),  # unsaved
        Progress(ids),
        url_name="teach:preview-question",
        url_args=(quiz.slug,),
        end_url=reverse("admin:quizzes_quiz_change", args=[quiz.pk]),
        end_label=_("Next question"),
        mode="preview",
    )
    return try_question(request, run, question)
