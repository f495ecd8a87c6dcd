"""A class answering at once: a bounded load benchmark on loopback. Not a test: it prints figures.

    .venv/bin/python bench/load.py              # 200 students
    .venv/bin/python bench/load.py --short      # 20 students, for CI
    .venv/bin/python bench/load.py --pace 1 --students 1000    # a realistic pace: 5 minutes
    .venv/bin/python bench/load.py --pace 1 --students 1000 --servers 2
    .venv/bin/python bench/load.py --pace 1 --students 1000 --servers 2 --redis redis://127.0.0.1:6379/14

With --pace, students think before they answer and arrive as a class does (an open loop:
bench/paced.py says how, and what it reports). Without it, the stress test below.

It creates a fresh PostgreSQL database (dropped at the end, even on failure), migrates it, loads
the seeds, collects the static files, creates the students with logged-in sessions (no password
is ever hashed), starts gunicorn on 127.0.0.1, and lets every student take the seed quiz at the
same moment: start, then for each question in the server's order, the question page and the
answer (posted as htmx does). Then /healthz is hammered with as many threads and requests as
there were answers, as a baseline for what the server and this machine can do at all. Finally
the database is checked: every answer recorded exactly once, every attempt finished with the
right score.

Goals: answer POSTs/s >= 0.5 x healthz/s, answer p95 <= 100 ms, zero errors, zero lost or
doubled answers. The exit code is 0 only when there were no errors and the data checks pass;
the two speed goals are reported, and enforced only with --enforce.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import threading
import time
import urllib.parse

import psycopg
from harness import (
    CLEANUP_SECONDS,
    PG,
    Client,
    CpuWatch,
    Deadline,
    Stats,
    Timeout,
    cpu_report,
    cpu_snapshot,
    csrf_token,
    gunicorn_servers,
    percentile,
    prepare,
    print_errors,
    run,
    scratch_database,
    scratch_redis,
    server_env,
    tail,
)

SLUG = "north-korea-crypto-theft"
JOIN_CODE = "DEMO26"
TYPED_ANSWER = "4"
RATIO_GOAL = 0.5
P95_GOAL_MS = 100

# Run by the project's interpreter with the benchmark's environment: bulk students in the demo
# class, one signed-in session each.
STUDENTS = """
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from bench.harness import signed_in_session
from quizzes.models import Classroom

count, prefix, join_code = int(sys.argv[1]), sys.argv[2], sys.argv[3]
User = get_user_model()
with transaction.atomic():
    users = User.objects.bulk_create(
        User(username=f"{prefix}{i:04d}", password="!load-benchmark") for i in range(count)
    )
    Classroom.objects.get(join_code=join_code).students.add(*users)
    keys = [signed_in_session(user) for user in users]
print(json.dumps(keys))
"""

INPUT_TAG = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
# The answer form posts to the question's own address.
ANSWER_ACTION = re.compile(r'hx-post="(/attempts/\d+/questions/\d+/)"')
NEXT_LINK = re.compile(r'href="(/attempts/\d+/(?:questions/\d+|result)/)"')


class Failure(Exception):
    """A response other than the expected one; ends that simulated student."""


def expect(status: int, wanted: int, what: str, body: str) -> None:
    if status != wanted:
        raise Failure(f"{what}: {status}", body)


def answer_fields(page: str) -> dict[str, str]:
    """The first option, or the typed answer, of the page's answer form."""
    for tag in INPUT_TAG.findall(page):
        attrs = dict(ATTRIBUTE.findall(tag))
        if attrs.get("name") == "choice":
            return {"choice": attrs["value"]}
        if attrs.get("name") == "answer":
            return {"answer": TYPED_ANSWER}
    raise Failure("question page: no answer form", page)


def take_quiz(client: Client, csrf: str) -> None:
    post = {"X-CSRFToken": csrf, "Content-Type": "application/x-www-form-urlencoded"}
    status, location, body = client.request("POST", f"/quizzes/{SLUG}/start/", "", post)
    expect(status, 302, "POST start", body)
    status, url, body = client.request("GET", location)
    expect(status, 302, "GET attempt", body)
    while "/questions/" in url:
        status, _, page = client.request("GET", url)
        expect(status, 200, "GET question", page)
        action = ANSWER_ACTION.search(page)
        if action is None:
            raise Failure("question page: no answer address", page)
        form = urllib.parse.urlencode(answer_fields(page))
        start = time.perf_counter()
        status, _, fragment = client.request(
            "POST", action.group(1), form, {**post, "HX-Request": "true", "HX-Current-URL": url}
        )
        client.stats.latencies.append(time.perf_counter() - start)
        expect(status, 200, "POST answer", fragment)
        client.stats.answered += 1
        links = NEXT_LINK.findall(fragment)
        if not links:
            raise Failure("answer fragment: no next link", fragment)
        url = links[-1]


def student_work(port: int, sessions: list[str], csrf: str, deadline: Deadline):
    def work(stats: Stats) -> None:
        for session in sessions:
            client = Client(port, f"sessionid={session}; csrftoken={csrf}", deadline, stats)
            try:
                take_quiz(client, csrf)
            except Failure as failure:
                stats.error(*failure.args)
            except Timeout:
                stats.error("timeout")
                return
            except Exception as exc:  # connection refused or reset, socket timeout...
                stats.error(f"exception {type(exc).__name__}", str(exc))
            finally:
                client.conn.close()

    return work


def healthz_work(port: int, count: int, deadline: Deadline):
    def work(stats: Stats) -> None:
        client = Client(port, "", deadline, stats)
        for _ in range(count):
            start = time.perf_counter()
            try:
                status, _, body = client.request("GET", "/healthz")
            except Timeout:
                stats.error("timeout")
                return
            except Exception as exc:
                stats.error(f"exception {type(exc).__name__}", str(exc))
                continue
            stats.latencies.append(time.perf_counter() - start)
            if status != 200:
                stats.error(f"GET /healthz: {status}", body)
        client.conn.close()

    return work


def run_phase(works: list, deadline: Deadline, what: str) -> tuple[float, Stats]:
    """Every work in its own thread, released together; wall time until the last one ends."""
    barrier = threading.Barrier(len(works) + 1)
    per_thread = [Stats() for _ in works]

    def runner(work, stats: Stats) -> None:
        try:
            barrier.wait(timeout=max(1.0, deadline.left()))
        except threading.BrokenBarrierError:
            stats.error("barrier broken")
            return
        work(stats)

    threads = [
        threading.Thread(target=runner, args=(work, stats), daemon=True)
        for work, stats in zip(works, per_thread, strict=True)
    ]
    for thread in threads:
        thread.start()
    try:
        barrier.wait(timeout=max(1.0, deadline.left()))
    except threading.BrokenBarrierError as exc:
        raise Timeout(f"--timeout reached while starting the {what} threads") from exc
    start = time.perf_counter()
    for thread in threads:
        thread.join(max(0.0, deadline.left()))
    wall = time.perf_counter() - start
    if any(thread.is_alive() for thread in threads):
        done = sum(stats.requests for stats in per_thread)
        raise Timeout(f"--timeout reached during the {what}, {done:,} requests in {wall:.1f} s")
    total = Stats()
    for stats in per_thread:
        total.requests += stats.requests
        total.latencies += stats.latencies
        total.errors += stats.errors
        for sample in stats.samples:
            if sample not in total.samples and len(total.samples) < 5:
                total.samples.append(sample)
        total.answered += stats.answered
    return wall, total


def verify(database: str, prefix: str, students: int) -> tuple[list[tuple[bool, str]], int]:
    pattern = prefix + "%"
    mine = "SELECT a.id FROM quizzes_attempt a JOIN auth_user u ON u.id = a.student_id "
    mine += "WHERE u.username LIKE %(p)s"
    with psycopg.connect(PG + database, connect_timeout=10) as conn:

        def one(query: str) -> int:
            return conn.execute(query, {"p": pattern, "slug": SLUG}).fetchone()[0]

        questions = one(
            "SELECT count(*) FROM quizzes_question q JOIN quizzes_quiz z ON z.id = q.quiz_id "
            "WHERE z.slug = %(slug)s"
        )
        attempts = one(f"SELECT count(*) FROM ({mine}) m")
        with_attempt = one(
            "SELECT count(DISTINCT a.student_id) FROM quizzes_attempt a "
            "JOIN auth_user u ON u.id = a.student_id WHERE u.username LIKE %(p)s"
        )
        answers = one(f"SELECT count(*) FROM quizzes_answer WHERE attempt_id IN ({mine})")
        doubled = one(
            "SELECT count(*) FROM (SELECT attempt_id, question_id FROM quizzes_answer "
            f"WHERE attempt_id IN ({mine}) GROUP BY 1, 2 HAVING count(*) > 1) d"
        )
        incomplete = one(
            f"SELECT count(*) FROM ({mine}) m WHERE (SELECT count(*) FROM quizzes_answer x "
            f"WHERE x.attempt_id = m.id) <> {questions}"
        )
        unfinished = one(
            f"SELECT count(*) FROM quizzes_attempt WHERE id IN ({mine}) AND finished_at IS NULL"
        )
        wrong_score = one(
            f"SELECT count(*) FROM quizzes_attempt a WHERE a.id IN ({mine}) AND a.score <> "
            "(SELECT coalesce(sum(points), 0) FROM quizzes_answer x WHERE x.attempt_id = a.id)"
        )
    expected = students * questions
    checks = [
        (
            attempts == students and with_attempt == students,
            f"one attempt per student: {attempts} attempts for {with_attempt} of {students}",
        ),
        (
            answers == expected,
            f"answers recorded: {answers} of {students} x {questions} = {expected}",
        ),
        (doubled == 0, f"(attempt, question) pairs answered twice: {doubled}"),
        (incomplete == 0, f"attempts without exactly {questions} answers: {incomplete}"),
        (unfinished == 0, f"attempts left unfinished: {unfinished}"),
        (wrong_score == 0, f"attempts whose score is not the sum of their points: {wrong_score}"),
    ]
    return checks, questions


def benchmark(args, env: dict, database: str, deadline: Deadline) -> int:
    started = time.perf_counter()
    prepare(env, deadline)
    prefix = f"load{os.getpid()}-"
    out = run(
        [sys.executable, "-c", STUDENTS, str(args.students), prefix, JOIN_CODE],
        env, deadline, "students",
    )  # fmt: skip
    sessions = json.loads(out.strip().splitlines()[-1])
    print(
        f"setup: database {database}, migrate, load_seeds, collectstatic, {len(sessions)} "
        f"students with sessions: {time.perf_counter() - started:.1f} s"
    )
    with gunicorn_servers(env, args.servers, args.workers, deadline, args.port) as servers:
        if args.pace:
            return paced_benchmark(args, database, sessions, prefix, deadline, servers)
        return stress_benchmark(args, database, sessions, prefix, deadline, servers[0])


def stress_benchmark(args, database: str, sessions: list[str], prefix: str, deadline, server):
    """Every student at once, no pause between clicks; then /healthz as a baseline."""
    port, gunicorn = server.port, [server.process]
    print(f"gunicorn: {args.workers} workers on 127.0.0.1:{port}")
    csrf = csrf_token()
    threads = min(args.threads or args.students, args.students)
    shares = [sessions[i::threads] for i in range(threads)]
    before = cpu_snapshot(gunicorn, database)
    wall, students = run_phase(
        [student_work(port, share, csrf, deadline) for share in shares], deadline, "student load"
    )
    after = cpu_snapshot(gunicorn, database)
    answers = students.answered
    answer_rate = answers / wall
    print(
        f"\nstudents: {args.students} at once ({threads} threads), {students.requests:,} "
        f"requests in {wall:.2f} s = {students.requests / wall:.0f} requests/s"
    )
    print(f"  answer POSTs: {answers:,} = {answer_rate:.1f}/s")
    p50, p95, p99 = (percentile(students.latencies, p) for p in (50, 95, 99))
    print(f"  answer POST latency: p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms")
    print(f"  errors: {sum(students.errors.values())}")
    print_errors(students)
    print(f"  {cpu_report(before, after, wall, students.requests)}")

    healthz_total = answers or args.students * 14
    counts = [healthz_total // threads + (i < healthz_total % threads) for i in range(threads)]
    before = cpu_snapshot(gunicorn, database)
    hwall, health = run_phase(
        [healthz_work(port, count, deadline) for count in counts], deadline, "healthz baseline"
    )
    after = cpu_snapshot(gunicorn, database)
    health_rate = len(health.latencies) / hwall
    ratio = answer_rate / health_rate if health_rate else 0.0
    request_ratio = students.requests / wall / health_rate if health_rate else 0.0
    h50, h95 = percentile(health.latencies, 50), percentile(health.latencies, 95)
    print(
        f"\nhealthz baseline: {health.requests:,} requests ({threads} threads) in {hwall:.2f} s "
        f"= {health_rate:.0f}/s; p50 {h50:.0f} ms, p95 {h95:.0f} ms; "
        f"errors: {sum(health.errors.values())}"
    )
    print_errors(health)
    print(f"  {cpu_report(before, after, hwall, health.requests)}")
    print(
        f"ratio: answer POSTs/s / healthz/s = {ratio:.3f} "
        f"(all student requests/s / healthz/s = {request_ratio:.3f})"
    )

    if students.errors or health.errors:
        print(f"\nlast lines of the gunicorn log:\n{tail(server.log)}")

    checks, questions = verify(database, prefix, args.students)
    errors = sum(students.errors.values()) + sum(health.errors.values())
    goals = [
        (ratio >= RATIO_GOAL, f"ratio {ratio:.3f} >= {RATIO_GOAL}", "speed"),
        (p95 <= P95_GOAL_MS, f"answer POST p95 {p95:.0f} ms <= {P95_GOAL_MS} ms", "speed"),
        (errors == 0, f"errors: {errors}", "data"),
    ] + [(ok, text, "data") for ok, text in checks]
    if questions != 14:
        print(f"note: the seed quiz has {questions} questions, not 14")
    return verdict(goals, args.enforce)


def paced_benchmark(args, database: str, sessions: list[str], prefix: str, deadline, servers):
    """The open-loop mode (bench/paced.py): a class at a realistic pace, on one server or
    several sharing the database."""
    import paced

    think = paced.THINK_SECONDS * args.pace
    caches = f"Redis {args.redis}" if args.redis else "each worker's own memory"
    print(
        f"gunicorn: {args.servers} server(s) x {args.workers} sync workers on ports "
        f"{', '.join(str(s.port) for s in servers)}; sessions and questions cached in {caches}; "
        f"pace {args.pace} (think {think:.1f} s on average), {args.threads or 64} sending threads"
    )
    csrf = csrf_token()
    students = [
        paced.Student(f"sessionid={key}; csrftoken={csrf}", servers[n % len(servers)].port)
        for n, key in enumerate(sessions)
    ]
    processes = [server.process for server in servers]
    with (
        CpuWatch(processes, database) as cpu,
        paced.MemoryWatch([p.pid for p in processes]) as memory,
    ):
        results, wall = paced.run_class(students, csrf, args.pace, args.threads or 64, deadline)
    goals = paced.report(results, wall, args.students, memory)
    print(f"  {cpu.report(wall, results.sent)}")
    window = paced.WINDOW_SECONDS
    print(f"  the cores other work took, every {window:.0f} s: {cpu.others_timeline(window)}")
    if results.errors:
        for server in servers:
            print(f"\nlast lines of the log of the server on port {server.port}:")
            print(tail(server.log))
    checks, _questions = verify(database, prefix, args.students)
    return verdict(goals + [(ok, text, "data") for ok, text in checks], args.enforce)


def verdict(goals: list[tuple[bool, str, str]], enforce: bool) -> int:
    """Prints each goal met or missed; the exit code: 0 when the data goals are met (and, with
    --enforce, the speed goals too)."""
    print()
    for ok, text, kind in goals:
        print(f"{'PASS' if ok else 'FAIL' if kind != 'note' else 'NOTE'}  {text}  [{kind}]")
    data_ok = all(ok for ok, _, kind in goals if kind == "data")
    speed_ok = all(ok for ok, _, kind in goals if kind == "speed")
    return 0 if data_ok and (speed_ok or not enforce) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--short", action="store_true", help="20 students, for CI")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=0,
        help="default: one per student; with --pace, 64 sending threads",
    )  # fmt: skip
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--database",
        help="use this database (created if missing, kept at the end); default: a fresh "
        "quizsite_load_<pid>, dropped at the end",
    )
    parser.add_argument(
        "--timeout", type=float,
        help="overall cap, seconds; default 300, or with --pace 2 minutes more than 1.5 x the "
        "run's expected length",
    )  # fmt: skip
    parser.add_argument("--enforce", action="store_true", help="fail on missed speed goals too")
    parser.add_argument(
        "--pace", type=float, default=0,
        help="open loop: each student thinks 15 s x PACE on average before answering "
        "(bench/paced.py); default: no pauses, every student at once (the stress test)",
    )  # fmt: skip
    parser.add_argument("--servers", type=int, default=1, help="gunicorn servers (with --pace)")
    parser.add_argument(
        "--redis", default="",
        help="REDIS_URL for the servers, e.g. redis://127.0.0.1:6379/14: an empty Redis database, "
        "emptied again at the end (needs redis-py: pip install -e '.[redis]'); default: none, "
        "each worker caches in its own memory",
    )  # fmt: skip
    args = parser.parse_args()
    if args.servers > 1 and not args.pace:
        parser.error("--servers needs --pace")
    if args.short:
        args.students = 20
    if args.timeout is None:
        import paced

        args.timeout = 120 + 1.5 * paced.expected_seconds(args.pace) if args.pace else 300
    if args.students < 1 or args.workers < 1:
        parser.error("--students and --workers must be at least 1")

    # SIGTERM unwinds like Ctrl-C, so gunicorn is stopped and the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = Deadline(max(1.0, args.timeout - CLEANUP_SECONDS))
    database = args.database or f"quizsite_load_{os.getpid()}"
    env = server_env(database, **({"REDIS_URL": args.redis} if args.redis else {}))
    try:
        with scratch_database(database, keep=bool(args.database)), scratch_redis(args.redis):
            return benchmark(args, env, database, deadline)
    except Timeout as exc:
        print(f"FAIL  {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
