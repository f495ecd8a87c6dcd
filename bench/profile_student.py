"""Where a student's question page and answer POST spend their time. Not a test: it prints figures.

    .venv/bin/python bench/profile_student.py [--questions 10] [--requests 300] [--top 25]
    PROFILE_SORT=cumtime .venv/bin/python bench/profile_student.py   # by cumulative time
    .venv/bin/python bench/profile_student.py --sql --top 0   # each kind's SQL statements

In this process, through Django's test client with DEBUG off, on a temporary SQLite database (or
on the one DATABASE_URL names, which must be a scratch database: it is migrated and written to):
signed-in students open question pages and answer by htmx, each POST to a question not answered
yet; Django's sign-in page, opened by the same signed-in student, is the baseline (as in
bench/speed.py). For each kind of request it prints the SQL queries of one request (savepoints
included), the median and 95th percentile of its time, and then cProfile's functions with the
most time of their own over every request of that kind. The caches are warm, as for a class.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(tmp: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'profile.sqlite3'}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="quizsite.settings",
        DEBUG="0",
        SECRET_KEY="bench-profile-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LOG_LEVEL="ERROR",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sql", action="store_true", help="print each kind's SQL statements")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp))
        from django.conf import settings
        from django.test.utils import override_settings

        plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
            run(args)
    return 0


def run(args) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from quizzes.models import Attempt, Classroom
    from tests.factories import make_quiz, right_answer

    run_id = time.time_ns()  # a scratch database may hold an earlier run's rows
    teacher = get_user_model().objects.create_user(f"bench-teacher-{run_id}", is_staff=True)
    classroom = Classroom.objects.create(name="bench", teacher=teacher)
    quiz = make_quiz(args.questions, slug=f"bench-{run_id}", owner=teacher)
    quiz.classes.add(classroom)
    questions = list(quiz.questions.prefetch_related("choices"))
    students = -(-args.requests // len(questions)) + 1  # enough fresh questions for every POST
    takers = []
    for number in range(students):
        student = get_user_model().objects.create_user(f"bench-student-{run_id}-{number}")
        classroom.students.add(student)
        client = Client(headers={"accept-language": "en"})
        client.force_login(student)
        takers.append((client, Attempt.start(student, quiz)))

    def url(attempt, question) -> str:
        return reverse("quizzes:question", args=[attempt.pk, question.pk])

    pages = [(client, url(attempt, q)) for client, attempt in takers[:1] for q in questions]
    posts = [
        (client, url(attempt, q), right_answer(attempt, q))
        for client, attempt in takers[1:]
        for q in questions
    ][: args.requests]

    def get(client, address) -> None:
        assert client.get(address).status_code == 200

    def post(client, address, data) -> None:
        assert client.post(address, data, HTTP_HX_REQUEST="true").status_code == 200

    for client, address in pages:  # warm: the quiz's questions, the templates
        get(client, address)
    for client, _attempt in takers[1:]:  # and every student's session
        get(client, reverse("quizzes:quiz-list"))

    sign_in = (takers[0][0], reverse("login"))  # Django's own page, for the same student
    get(*sign_in)
    sign_in_jobs = [(get, sign_in)] * args.requests
    page_jobs = [(get, pages[n % len(pages)]) for n in range(args.requests)]
    post_jobs = [(post, job) for job in posts]
    kinds = (("sign-in page", sign_in_jobs), ("question page", page_jobs))
    for kind, jobs in (*kinds, ("answer POST (htmx)", post_jobs)):
        first, *rest = jobs
        with CaptureQueriesContext(connection) as queries:
            first[0](*first[1])
        count = len(queries)  # before the next request starts a new log
        if args.sql:
            print(f"{kind}, its statements:")
            for query in queries.captured_queries:
                print("   ", query["sql"][:300])
        timed, profiled = rest[: len(rest) // 2], rest[len(rest) // 2 :]
        times = []
        for action, job in timed:
            started = time.perf_counter()
            action(*job)
            times.append((time.perf_counter() - started) * 1000)
        profile = cProfile.Profile()
        profile.enable()
        for action, job in profiled:
            action(*job)
        profile.disable()
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{kind}: {count} queries; {statistics.median(times):.2f} ms median, {p95:.2f} ms p95 "
            f"over {len(times)} requests ({connection.vendor}, {args.questions} questions); "
            f"then {len(profiled)} profiled:"
        )
        out = io.StringIO()
        order = os.environ.get("PROFILE_SORT", "tottime")
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(args.top)
        print(out.getvalue().split("\n", 4)[-1])


if __name__ == "__main__":
    raise SystemExit(main())
