"""A student's requests side by side with Django's own sign-in page, in one run. Not a test: it
prints figures (issue 15).

    .venv/bin/python bench/speed.py                       # 10 and 100 questions, both connections
    .venv/bin/python bench/speed.py --seconds 5 --questions 10 --conn persistent   # a quick look

For each connection mode (persistent connections, CONN_MAX_AGE; or psycopg's pool,
DATABASE_POOL=1) and each quiz size, it creates a scratch PostgreSQL database (dropped at the
end, also on failure and Ctrl-C), migrates it, collects the static files, makes a quiz of that
many questions and enough students, each with an attempt and a signed-in session written
directly, and starts `gunicorn quizsite.wsgi --workers 2` (sync, DEBUG off). Then, after a
warm-up, a few threads (a closed loop: each sends its next request when the last one is
answered) ask for one kind of request at a time, the kinds taking turns in short slices over
--rounds rounds, so that a machine whose speed drifts during the run slows every kind alike:

- `/healthz` (no session, no database);
- Django's sign-in page, `/accounts/login/`, with a signed-in student's session (her session and
  user are read, as on every page of hers);
- her question page, over the quiz's questions, never answering;
- the answer POST as htmx sends it, every POST to a question not answered yet (each from a
  student of its own attempt).

It prints requests/s, p50 and p95 for each, each as a ratio to the sign-in page (and the range
of that ratio round by round), the worker CPU per request, and the SQL
queries of one question page and one answer POST, counted in this process through Django's test
client on the same database (transaction statements included).

Targets: question page >= 0.8 x the sign-in page's requests/s with <= 5 queries; answer POST
<= 7 queries and >= 0.6 x the sign-in page.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field

from harness import (
    CLEANUP_SECONDS,
    Client,
    Deadline,
    Stats,
    Timeout,
    cpu_report,
    cpu_snapshot,
    csrf_token,
    gunicorn_servers,
    percentile,
    prepare,
    run,
    scratch_database,
    server_env,
)

PAGE_GOAL, POST_GOAL = 0.8, 0.6  # of the sign-in page's requests/s
PAGE_QUERIES, POST_QUERIES = 5, 7

# Run by the project's interpreter on the scratch database: a teacher's class, a quiz of N
# questions (the tests' factory: every kind of question), students with an attempt and a
# signed-in session each, and the queries of one question page and one answer POST.
SETUP = """
import json, sys
from urllib.parse import urlencode
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from bench.harness import signed_in_session
from quizzes.models import Attempt, Classroom
from tests.factories import make_quiz, right_answer

size, students, tag = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
User = get_user_model()
teacher = User.objects.create_user(f"{tag}-teacher", is_staff=True)
classroom = Classroom.objects.create(name=tag, teacher=teacher)
quiz = make_quiz(size, slug=f"{tag}-quiz", owner=teacher)
quiz.classes.add(classroom)
questions = list(quiz.questions.order_by("order"))
users = User.objects.bulk_create(
    User(username=f"{tag}-{i:05d}", password="!speed-benchmark") for i in range(students + 1)
)
classroom.students.add(*users)
out = []
for user in users[:-1]:
    attempt = Attempt.start(user, quiz)
    out.append({
        "session": signed_in_session(user),
        "urls": [reverse("quizzes:question", args=[attempt.pk, q.pk]) for q in questions],
        "answers": [urlencode(right_answer(attempt, q), doseq=True) for q in questions],
    })
# The queries, in this process, for a student of her own: warm first, as a class is.
client = Client(headers={"accept-language": "en"})
client.force_login(users[-1])
attempt = Attempt.start(users[-1], quiz)
urls = [reverse("quizzes:question", args=[attempt.pk, q.pk]) for q in questions]
assert client.get(urls[0]).status_code == 200
with CaptureQueriesContext(connection) as page:
    assert client.get(urls[1]).status_code == 200
with CaptureQueriesContext(connection) as post:
    response = client.post(urls[1], right_answer(attempt, questions[1]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.status_code
print(json.dumps({"students": out, "page_queries": len(page), "post_queries": len(post)}))
"""


@dataclass
class Figures:
    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    cpu: str = ""  # where the CPU went meanwhile (harness.cpu_report)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def add(self, other: Figures) -> None:
        self.requests += other.requests
        self.seconds += other.seconds
        self.latencies += other.latencies
        self.errors += other.errors


def hammer(port: int, jobs, threads: int, seconds: float, deadline: Deadline) -> Figures:
    """`threads` closed loops sending jobs() -> (method, path, body, headers, cookie, wanted)
    for `seconds`, or until jobs() returns None."""
    figures = Figures()
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def loop() -> None:
        stats = Stats()
        while time.perf_counter() < stop:
            with lock:
                job = jobs()
            if job is None:
                return
            method, path, body, headers, cookie, wanted = job
            client = Client(port, cookie, deadline, stats)
            started = time.perf_counter()
            try:
                status, _, _ = client.request(method, path, body, headers)
            except Exception:  # refused, reset, timed out: counted, and the loop goes on
                status = 0
            finally:
                client.conn.close()
            took = time.perf_counter() - started
            with lock:
                figures.requests += 1
                figures.latencies.append(took)
                figures.errors += status != wanted

    started = time.perf_counter()
    workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(max(1.0, deadline.left()))
    figures.seconds = time.perf_counter() - started
    return figures


def endpoints(students: list[dict], csrf: str):
    """Per request kind, a function giving the next request, in a fresh iterator each call."""
    page_student = students[0]
    page_cookie = f"sessionid={page_student['session']}; csrftoken={csrf}"
    post_headers = {
        "X-CSRFToken": csrf,
        "Content-Type": "application/x-www-form-urlencoded",
        "HX-Request": "true",
    }

    def healthz():
        return lambda: ("GET", "/healthz", None, {}, "", 200)

    def sign_in():
        return lambda: ("GET", "/accounts/login/", None, {}, page_cookie, 200)

    def question_page():
        urls = itertools.cycle(page_student["urls"])
        return lambda: ("GET", next(urls), None, {}, page_cookie, 200)

    # Every POST answers a question nobody has answered yet: the page student's are never used.
    # Question by question across the students, so the POSTs in flight at once answer different
    # attempts (as a class does) rather than queue for one attempt's row lock.
    posts = (
        (s["urls"][n], s["answers"][n], f"sessionid={s['session']}; csrftoken={csrf}")
        for n in range(len(students[0]["urls"]))
        for s in students[1:]
    )

    def answer():
        def next_post():
            job = next(posts, None)
            if job is None:
                return None
            url, body, cookie = job
            return ("POST", url, body, {**post_headers, "HX-Current-URL": url}, cookie, 200)

        return next_post

    return {
        "/healthz": healthz,
        "sign-in page": sign_in,
        "question page": question_page,
        "answer POST": answer,
    }


def one_run(args, mode: str, size: int, deadline: Deadline) -> dict:
    database = f"quizsite_speed_{os.getpid()}_{mode}_{size}"
    extra = {"DATABASE_POOL": "1"} if mode == "pool" else {"DATABASE_POOL": "0"}
    env = server_env(database, ALLOWED_HOSTS="127.0.0.1,testserver", **extra)
    # Enough fresh questions for every POST of the warm-up and the run, at up to 400/s.
    posts = int(400 * (args.seconds + args.warmup)) + 100
    students = -(-posts // size) + 1
    with scratch_database(database):
        prepare(env, deadline, seeds=False)
        tag = f"speed{os.getpid()}"
        out = run(
            [sys.executable, "-c", SETUP, str(size), str(students), tag], env, deadline, "setup"
        )
        made = json.loads(out.strip().splitlines()[-1])
        with gunicorn_servers(env, 1, 2, deadline) as (server,):
            made_kinds = endpoints(made["students"], csrf_token())
            kinds = {name: make() for name, make in made_kinds.items()}
            for jobs in kinds.values():
                hammer(server.port, jobs, args.threads, args.warmup, deadline)  # caches, pools
            # The kinds take turns in short slices, round after round: a machine whose speed
            # drifts over a run (a busy neighbour, a throttled core) slows every kind alike.
            results = {name: Figures() for name in kinds}
            used = {name: _no_cpu() for name in kinds}
            ratios: list[tuple[float, float]] = []
            for _ in range(args.rounds):
                rates = {}
                for name, jobs in kinds.items():
                    before = cpu_snapshot([server.process], database)
                    piece = hammer(server.port, jobs, args.threads, args.seconds / args.rounds,
                                   deadline)  # fmt: skip
                    _add_cpu(used[name], before, cpu_snapshot([server.process], database))
                    results[name].add(piece)
                    rates[name] = piece.rate
                base = rates["sign-in page"] or 1.0
                ratios.append((rates["question page"] / base, rates["answer POST"] / base))
            for name, figures in results.items():
                figures.cpu = cpu_report(_no_cpu(), used[name], figures.seconds, figures.requests)
    return {
        "results": results,
        "ratios": ratios,
        "page_queries": made["page_queries"],
        "post_queries": made["post_queries"],
    }


def _no_cpu() -> dict:
    return {"client": 0.0, "workers": {}, "postgres": {}, "busy": 0.0}


def _add_cpu(total: dict, before: dict, after: dict) -> None:
    """Adds one slice's CPU (two cpu_snapshot readings) to a running total of the same shape."""
    for key in ("client", "busy"):
        total[key] += after[key] - before[key]
    for key in ("workers", "postgres"):
        for pid, cpu in after[key].items():
            total[key][pid] = total[key].get(pid, 0.0) + cpu - before[key].get(pid, 0.0)


def report(mode: str, size: int, run_: dict) -> list[tuple[bool, str]]:
    results = run_["results"]
    base = results["sign-in page"].rate or 1.0
    print(f"\n{mode} connections, {size} questions (2 sync workers, {len(results)} kinds):")
    print(f"  {'request':16} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'x sign-in':>10} "
          f"{'errors':>7}  queries")  # fmt: skip
    queries = {"question page": run_["page_queries"], "answer POST": run_["post_queries"]}
    for name, figures in results.items():
        p50, p95 = (percentile(figures.latencies, p) for p in (50, 95))
        print(
            f"  {name:16} {figures.rate:8.0f} {p50:8.1f} {p95:8.1f} {figures.rate / base:10.2f} "
            f"{figures.errors:7}  {queries.get(name, '')}"
        )
    for name, figures in results.items():
        print(f"    {name}: {figures.cpu}")
    pages, posts = zip(*run_["ratios"], strict=True)
    print(f"    round by round, x sign-in: question page {min(pages):.2f}-{max(pages):.2f}, "
          f"answer POST {min(posts):.2f}-{max(posts):.2f} ({len(pages)} rounds)")  # fmt: skip
    page, post = results["question page"].rate / base, results["answer POST"].rate / base
    return [
        (page >= PAGE_GOAL, f"{mode}, {size} questions: question page {page:.2f} x sign-in "
                            f">= {PAGE_GOAL}"),
        (run_["page_queries"] <= PAGE_QUERIES,
         f"{mode}, {size} questions: question page {run_['page_queries']} queries "
         f"<= {PAGE_QUERIES}"),
        (post >= POST_GOAL, f"{mode}, {size} questions: answer POST {post:.2f} x sign-in "
                            f">= {POST_GOAL}"),
        (run_["post_queries"] <= POST_QUERIES,
         f"{mode}, {size} questions: answer POST {run_['post_queries']} queries "
         f"<= {POST_QUERIES}"),
        (not any(f.errors for f in results.values()), f"{mode}, {size} questions: no errors"),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--questions", default="10,100", help="quiz sizes, comma-separated")
    parser.add_argument("--conn", choices=["persistent", "pool", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=10, help="per request kind")
    parser.add_argument(
        "--rounds", type=int, default=5, help="slices per kind, taking turns with the others"
    )
    parser.add_argument("--warmup", type=float, default=2, help="per request kind, not counted")
    parser.add_argument("--threads", type=int, default=8, help="concurrent connections")
    parser.add_argument("--timeout", type=float, default=900, help="overall cap, seconds")
    args = parser.parse_args()
    sizes = [int(n) for n in args.questions.split(",")]
    modes = ["persistent", "pool"] if args.conn == "both" else [args.conn]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = Deadline(max(1.0, args.timeout - CLEANUP_SECONDS))
    goals = []
    try:
        for mode in modes:
            for size in sizes:
                goals += report(mode, size, one_run(args, mode, size, deadline))
    except Timeout as exc:
        print(f"FAIL  {exc}")
        return 2
    print()
    for ok, text in goals:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for ok, _ in goals) else 1


if __name__ == "__main__":
    sys.exit(main())
