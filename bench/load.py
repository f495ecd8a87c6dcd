"""A class answering at once: a bounded load benchmark on loopback. Not a test: it prints figures.

    .venv/bin/python bench/load.py              # 200 students
    .venv/bin/python bench/load.py --short      # 20 students, for CI
    .venv/bin/python bench/load.py --pace 1 --students 1000 --timeout 600   # a realistic pace
    .venv/bin/python bench/load.py --pace 1 --students 1000 --servers 2 --timeout 600

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
import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PG = "postgresql://postgres@127.0.0.1:5432/"
SLUG = "north-korea-crypto-theft"
JOIN_CODE = "DEMO26"
TYPED_ANSWER = "4"
RATIO_GOAL = 0.5
P95_GOAL_MS = 100
CLEANUP_SECONDS = 15  # kept out of --timeout for stopping gunicorn and dropping the database

# Run by the project's interpreter with the benchmark's environment: bulk students in the demo
# class, one logged-in session each, written the way django.contrib.auth.login() writes them.
STUDENTS = """
import json, sys
from importlib import import_module
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from quizzes.models import Classroom

count, prefix, join_code = int(sys.argv[1]), sys.argv[2], sys.argv[3]
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
User = get_user_model()
with transaction.atomic():
    users = User.objects.bulk_create(
        User(username=f"{prefix}{i:04d}", password="!load-benchmark") for i in range(count)
    )
    Classroom.objects.get(join_code=join_code).students.add(*users)
    keys = []
    for user in users:
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
print(json.dumps(keys))
"""

INPUT_TAG = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
# The answer form posts to the question's own address.
ANSWER_ACTION = re.compile(r'hx-post="(/attempts/\d+/questions/\d+/)"')
NEXT_LINK = re.compile(r'href="(/attempts/\d+/(?:questions/\d+|result)/)"')


class Timeout(Exception):
    pass


class Failure(Exception):
    """A response other than the expected one; ends that simulated student."""


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return self.at - time.monotonic()

    def check(self, what: str) -> None:
        if self.left() <= 0:
            raise Timeout(f"--timeout reached during {what}")


@dataclass
class Stats:
    requests: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds, of the timed requests
    errors: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    answered: int = 0

    def error(self, what: str, detail: str = "") -> None:
        self.errors[what] += 1
        if len(self.samples) < 3:
            self.samples.append(f"{what}: {detail[:300]}")


class Client:
    """One connection per thread. gunicorn's sync workers close it after every response, and
    http.client opens it again for the next request."""

    def __init__(self, port: int, cookie: str, deadline: Deadline, stats: Stats) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = cookie
        self.deadline = deadline
        self.stats = stats

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict | None = None
    ) -> tuple[int, str, str]:
        self.deadline.check(f"{method} {path}")
        self.conn.timeout = max(0.1, min(30.0, self.deadline.left()))
        self.stats.requests += 1
        try:
            self.conn.request(
                method, path, body=body, headers={"Cookie": self.cookie, **(headers or {})}
            )
            response = self.conn.getresponse()
            data = response.read().decode("utf-8", "replace")
        except Exception:
            self.conn.close()
            raise
        location = urllib.parse.urlsplit(response.getheader("Location") or "").path
        return response.status, location, data


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


def percentile(values: list[float], p: float) -> float:
    """Nearest rank, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1] * 1000


# CPU accounting, to say what the cores were busy with during a phase. "The rest" is the machine's
# busy time less the processes counted: the kernel's loopback networking, PostgreSQL's background
# processes (autovacuum), and anything else running, such as a test suite.
TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    rest = text.rsplit(")", 1)[1].split()
    return (int(rest[11]) + int(rest[12])) / TICK  # utime, stime


def cpu_snapshot(gunicorn: subprocess.Popen | list[subprocess.Popen], database: str) -> dict:
    workers = []
    for server in gunicorn if isinstance(gunicorn, list) else [gunicorn]:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        workers += [int(pid) for pid in children.read_text().split()] if children.exists() else []
    with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchall()
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = (sum(fields[:8]) - fields[3] - fields[4]) / TICK  # all but idle and iowait
    return {
        "client": sum(os.times()[:2]),
        "workers": {pid: process_cpu(pid) for pid in workers},
        "postgres": {row[0]: process_cpu(row[0]) for row in rows},
        "busy": busy,
    }


def cpu_report(before: dict, after: dict, wall: float, requests: int) -> str:
    def used(key: str) -> float:
        return sum(cpu - before[key].get(pid, 0.0) for pid, cpu in after[key].items())

    client = after["client"] - before["client"]
    workers, postgres = used("workers"), used("postgres")
    busy = after["busy"] - before["busy"]
    other = max(0.0, busy - client - workers - postgres)
    cores = os.cpu_count() or 1
    report = (
        f"CPU seconds over {wall:.1f} s x {cores} cores: load generator {client:.1f}, "
        f"gunicorn workers {workers:.1f} ({1000 * workers / max(requests, 1):.1f} ms a request), "
        f"PostgreSQL backends {postgres:.1f}, the rest {other:.1f}; "
        f"machine busy {100 * busy / (wall * cores):.0f}%"
    )
    if wall > 1 and other > 0.2 * wall * cores:
        report += "\n  WARNING: the machine was not idle; these figures are low"
    return report


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


def server_env(database: str, **extra: str) -> dict:
    """The environment of a production-like server on loopback: DEBUG off, a fresh secret, the
    scratch database (or the DATABASE_URL given in `extra`), no HTTPS (no proxy in front)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quizsite.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        **extra,
    }


@contextlib.contextmanager
def scratch_database(name: str):
    """A new PostgreSQL database, dropped on the way out however the benchmark ends."""
    with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=10) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def start_gunicorn(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    """gunicorn with sync workers on 127.0.0.1, in a session of its own (stop_gunicorn)."""
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    if not gunicorn_bin.exists():
        gunicorn_bin = ROOT / ".venv" / "bin" / "gunicorn"
    with log.open("w") as out_file:
        return subprocess.Popen(
            [
                str(gunicorn_bin), "quizsite.wsgi", "--workers", str(workers),
                "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
                "--no-control-socket",  # not ~/.gunicorn/gunicorn.ctl, shared with other servers
            ],
            cwd=ROOT, env=env, stdout=out_file, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd: list[str], env: dict, deadline: Deadline, what: str) -> str:
    try:
        done = subprocess.run(
            cmd, cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=max(1.0, deadline.left()),
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise Timeout(f"--timeout reached during {what}") from exc
    if done.returncode:
        raise RuntimeError(f"{what} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def wait_for_healthz(port: int, gunicorn: subprocess.Popen, log: Path, deadline: Deadline):
    while True:
        deadline.check("gunicorn start")
        if gunicorn.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({gunicorn.returncode}):\n{tail(log)}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.1)


def stop_gunicorn(gunicorn: subprocess.Popen) -> None:
    if gunicorn.poll() is None:
        gunicorn.terminate()  # the master stops its workers
        try:
            gunicorn.wait(10)
            return
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(gunicorn.pid, signal.SIGKILL)  # its own session: the master and its workers
    gunicorn.wait(5)


def tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def print_errors(stats: Stats) -> None:
    for what, count in stats.errors.most_common():
        print(f"    {count} x {what}")
    for sample in stats.samples:
        print(f"    e.g. {' '.join(sample.split())}")


def benchmark(args, env: dict, database: str, deadline: Deadline, log: Path, state: dict) -> int:
    started = time.perf_counter()
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env, deadline, "migrate")
    run([python, "manage.py", "load_seeds"], env, deadline, "load_seeds")
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env, deadline, "collectstatic")
    prefix = f"load{os.getpid()}-"
    out = run(
        [python, "-c", STUDENTS, str(args.students), prefix, JOIN_CODE], env, deadline, "students"
    )
    sessions = json.loads(out.strip().splitlines()[-1])
    print(
        f"setup: database {database}, migrate, load_seeds, collectstatic, {len(sessions)} "
        f"students with sessions: {time.perf_counter() - started:.1f} s"
    )

    if args.pace:
        return paced_benchmark(args, env, database, sessions, prefix, deadline, log, state)
    port = args.port or free_port()
    state["gunicorn"] = gunicorn = start_gunicorn(env, port, args.workers, log)
    state["servers"] = [gunicorn]
    wait_for_healthz(port, gunicorn, log, deadline)
    print(f"gunicorn: {args.workers} workers on 127.0.0.1:{port}")

    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
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

    if (students.errors or health.errors) and log.exists():
        print(f"\nlast lines of the gunicorn log:\n{tail(log)}")

    checks, questions = verify(database, prefix, args.students)
    errors = sum(students.errors.values()) + sum(health.errors.values())
    goals = [
        (ratio >= RATIO_GOAL, f"ratio {ratio:.3f} >= {RATIO_GOAL}", "speed"),
        (p95 <= P95_GOAL_MS, f"answer POST p95 {p95:.0f} ms <= {P95_GOAL_MS} ms", "speed"),
        (errors == 0, f"errors: {errors}", "data"),
    ] + [(ok, text, "data") for ok, text in checks]
    print()
    for ok, text, kind in goals:
        print(f"{'PASS' if ok else 'FAIL'}  {text}  [{kind}]")
    if questions != 14:
        print(f"note: the seed quiz has {questions} questions, not 14")
    data_ok = all(ok for ok, _, kind in goals if kind == "data")
    speed_ok = all(ok for ok, _, kind in goals if kind == "speed")
    return 0 if data_ok and (speed_ok or not args.enforce) else 1


def paced_benchmark(args, env, database, sessions, prefix, deadline, log, state) -> int:
    """The open-loop mode (bench/paced.py): a class at a realistic pace, on one server or
    several sharing the database."""
    import paced

    ports = [free_port() for _ in range(args.servers)]
    logs = [log.with_suffix(f".{n}.log") for n in range(args.servers)]
    state["servers"] = servers = []
    for port, server_log in zip(ports, logs, strict=True):
        servers.append(start_gunicorn(env, port, args.workers, server_log))
    for port, server, server_log in zip(ports, servers, logs, strict=True):
        wait_for_healthz(port, server, server_log, deadline)
    think = paced.THINK_SECONDS * args.pace
    print(
        f"gunicorn: {args.servers} server(s) x {args.workers} sync workers on ports "
        f"{', '.join(map(str, ports))}; pace {args.pace} (think {think:.1f} s on average), "
        f"{args.threads or 64} sending threads"
    )
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    students = [
        paced.Student(f"sessionid={key}; csrftoken={csrf}", ports[n % len(ports)])
        for n, key in enumerate(sessions)
    ]
    before = cpu_snapshot(servers, database)
    with paced.MemoryWatch([server.pid for server in servers]) as memory:
        results, wall = paced.run_class(students, csrf, args.pace, args.threads or 64, deadline)
    after = cpu_snapshot(servers, database)
    goals = paced.report(results, wall, args.students, memory)
    print(f"  {cpu_report(before, after, wall, results.sent)}")
    for server_log in logs:
        if results.errors and server_log.exists():
            print(f"\nlast lines of {server_log.name}:\n{tail(server_log)}")
        server_log.unlink(missing_ok=True)
    checks, _questions = verify(database, prefix, args.students)
    goals += [(ok, text, "data") for ok, text in checks]
    print()
    for ok, text, kind in goals:
        print(f"{'PASS' if ok else 'FAIL' if kind != 'note' else 'NOTE'}  {text}  [{kind}]")
    data_ok = all(ok for ok, _, kind in goals if kind == "data")
    speed_ok = all(ok for ok, _, kind in goals if kind == "speed")
    return 0 if data_ok and (speed_ok or not args.enforce) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--short", action="store_true", help="20 students, for CI")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=0, help="default: one per student")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--database",
        help="use this database (created if missing, kept at the end); default: a fresh "
        "quizsite_load_<pid>, dropped at the end",
    )
    parser.add_argument("--timeout", type=float, default=300, help="overall cap, seconds")
    parser.add_argument("--enforce", action="store_true", help="fail on missed speed goals too")
    parser.add_argument(
        "--pace", type=float, default=0,
        help="open loop: each student thinks 15 s x PACE on average before answering "
        "(bench/paced.py); default: no pauses, every student at once (the stress test)",
    )  # fmt: skip
    parser.add_argument("--servers", type=int, default=1, help="gunicorn servers (with --pace)")
    args = parser.parse_args()
    if args.servers > 1 and not args.pace:
        parser.error("--servers needs --pace")
    if args.short:
        args.students = 20
    if args.students < 1 or args.workers < 1:
        parser.error("--students and --workers must be at least 1")

    # SIGTERM unwinds like Ctrl-C, so gunicorn is stopped and the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = Deadline(max(1.0, args.timeout - CLEANUP_SECONDS))
    database = args.database or f"quizsite_load_{os.getpid()}"
    drop = args.database is None
    env = server_env(database)
    log = Path(tempfile.mkstemp(prefix="quizsite-load-", suffix=".log")[1])
    state: dict = {}
    created = False
    try:
        with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=10) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database]
            ).fetchone()
            if exists and drop:
                raise RuntimeError(f"database {database} exists already")
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
                created = True
        return benchmark(args, env, database, deadline, log, state)
    except Timeout as exc:
        print(f"FAIL  {exc}")
        return 2
    finally:
        for server in state.get("servers", []):
            stop_gunicorn(server)
        if created and drop:
            with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=10) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(database)
                    )
                )
            print(f"dropped database {database}")
        log.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
