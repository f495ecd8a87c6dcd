"""A whole live session under gunicorn: a teacher paces it, N students poll and answer.

    .venv/bin/python bench/live.py --students 100
    .venv/bin/python bench/live.py --students 300
    .venv/bin/python bench/live.py --students 20 --questions 3 --seconds 8   # a quick look

It creates a temporary PostgreSQL database `live_bench_<pid>` (dropped at the end, even on
failure or Ctrl-C), migrates it, loads the seeds, collects the static files, creates N students
in the demo class with signed-in sessions (no password hashed), and starts gunicorn with 2 sync
workers on a free port of 127.0.0.1, DEBUG off. Then, as in a classroom:

- the teacher opens a live session of the seed quiz (14 questions) for the demo class, waits for
  everyone to join, starts it, lets each question's countdown (default 20 s) run out, reveals
  it, waits a few seconds, and goes on to the next, until the podium; her projector polls its
  counts once a second;
- every student joins through the page, then polls the state endpoint once a second (as htmx's
  `every 1s` does), and answers each question once, the first option or `4`, at a random moment
  within its countdown, posted as htmx posts it.

Afterwards the database is checked: every answer a student sent is stored once, every attempt is
finished with the sum of its points. The last line is

    live: N students, poll p95 X ms, answer p95 Y ms, errors E, answers stored S/T

where the polls are the students' (204s and the 200s that bring a new stage), the answers their
POSTs, E every response other than the expected one (and every exception), S the answers in the
database and T those the students sent. The exit code is 0 when E = 0 and S = T; the speed goals
(with 100 students: poll p95 <= 100 ms, answer p95 <= 150 ms) are printed, and enforced only with
--enforce.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

import psycopg
from harness import (
    CLEANUP_SECONDS,
    PG,
    Client,
    CpuWatch,
    Deadline,
    Stats,
    Timeout,
    csrf_token,
    gunicorn_servers,
    percentile,
    prepare,
    print_errors,
    run,
    scratch_database,
    server_env,
    tail,
)
from load import JOIN_CODE, SLUG, STUDENTS

POLL_SECONDS = 1.0
POLL_GOAL_MS, ANSWER_GOAL_MS = 100, 150  # with 100 students

# The teacher's signed-in session and her class's id, written as django.contrib.auth would.
TEACHER = """
import json
import django
django.setup()
from bench.harness import signed_in_session
from quizzes.models import Classroom

classroom = Classroom.objects.select_related("teacher").get(join_code=%r)
print(json.dumps({"class_id": classroom.pk, "session": signed_in_session(classroom.teacher)}))
"""

POLLER = re.compile(r'/state/\?(v=[\w-]+)&amp;(p=[^"]+)"')
CODE = re.compile(r'class="live-code"[^>]*>(\w{6})<')
VERSION = re.compile(r'name="version" value="(\d+)"')
ANSWER_ACTION = re.compile(r'action="(/live/\w+/questions/(\d+)/answer/)"')
CHOICE = re.compile(r'name="choice" value="(\d+)"')
COUNTS_TOKEN = re.compile(r'counts/\?c=([\w-]+)"')


class Failure(Exception):
    pass


@dataclass
class Classroom:
    """What the simulated students share: the session's code, and when to stop."""

    code: str = ""
    finished: threading.Event = field(default_factory=threading.Event)


@dataclass
class Student:
    polls: list[float] = field(default_factory=list)
    answers: list[float] = field(default_factory=list)
    sent: int = 0
    joined: bool = False


def expect(status: int, wanted: set[int], what: str, body: str) -> None:
    if status not in wanted:
        raise Failure(f"{what}: {status} {' '.join(body.split())[:200]}")


def answer_form(fragment: str) -> tuple[str, dict[str, str]] | None:
    """The answer form of a question stage: where it posts and what to send, or None."""
    action = ANSWER_ACTION.search(fragment)
    if action is None:
        return None
    choice = CHOICE.search(fragment)
    return action.group(1), {"choice": choice.group(1)} if choice else {"answer": "4"}


def student_work(
    port: int, cookie: str, csrf: str, room: Classroom, seconds: float, deadline: Deadline,
    stats: Stats, me: Student,
) -> None:  # fmt: skip
    client = Client(port, cookie, deadline, stats)
    post = {"X-CSRFToken": csrf, "Content-Type": "application/x-www-form-urlencoded"}
    try:
        status, _, body = client.request("POST", f"/live/{room.code}/join/", "", post)
        expect(status, {302}, "POST join", body)
        status, _, page = client.request("GET", f"/live/{room.code}/")
        expect(status, {200}, "GET live page", page)
        me.joined = True
        query = "&".join(POLLER.search(page).groups())
        answered: set[str] = set()
        due: tuple[float, str, dict] | None = None
        next_poll = time.monotonic() + random.uniform(0, POLL_SECONDS)  # not all in step
        while not room.finished.is_set():
            now = time.monotonic()
            if due is not None and due[0] <= now:
                _, action, data = due
                due = None
                start = time.perf_counter()
                status, _, body = client.request(
                    "POST", action, urllib.parse.urlencode(data), {**post, "HX-Request": "true"}
                )
                me.answers.append(time.perf_counter() - start)
                me.sent += 1
                expect(status, {200}, "POST answer", body)
                continue
            wake = next_poll if due is None else min(next_poll, due[0])
            if wake > now:
                time.sleep(wake - now)
                continue
            # As htmx's `every 1s`: the next poll a second after this one starts, and never a
            # burst to catch up after a slow answer.
            next_poll = max(next_poll, now) + POLL_SECONDS
            start = time.perf_counter()
            status, _, body = client.request(
                "GET", f"/live/{room.code}/state/?{query}", None, {"HX-Request": "true"}
            )
            me.polls.append(time.perf_counter() - start)
            expect(status, {200, 204}, "GET state", body)
            if status == 204:
                continue
            found = POLLER.search(body)
            if found is None:  # the last stage polls no more: the podium
                if "podium" not in body:
                    raise Failure(f"stage without a poller: {body[:200]}")
                return
            query = "&".join(found.groups())
            form = answer_form(body)
            if form is not None and form[0] not in answered:
                answered.add(form[0])
                # A random moment within the countdown, leaving a second for the request.
                at = time.monotonic() + random.uniform(0, max(0.0, seconds - 2 * POLL_SECONDS))
                due = (at, *form)
    except Timeout:
        raise
    except Exception as error:  # noqa: BLE001 (reported, and ends this student)
        stats.error(
            type(error).__name__ if not isinstance(error, Failure) else "failure", str(error)
        )


def teacher_work(
    port: int, cookie: str, csrf: str, class_id: int, room: Classroom, args, students: list,
    deadline: Deadline, stats: Stats, counts: list[float], ready: threading.Event,
) -> None:  # fmt: skip
    client = Client(port, cookie, deadline, stats)
    post = {"X-CSRFToken": csrf, "Content-Type": "application/x-www-form-urlencoded"}
    try:
        form = urllib.parse.urlencode(
            {"seconds_per_question": args.seconds, "speed_bonus": "on", "show_names": "on"}
        )
        status, location, body = client.request(
            "POST", f"/teach/classes/{class_id}/quizzes/{SLUG}/live/", form, post
        )
        expect(status, {302}, "POST new live session", body)
        projector = location
        status, _, page = client.request("GET", projector)
        room.code = CODE.search(page).group(1)
        ready.set()
        joining = time.monotonic() + 120
        while sum(s.joined for s in students) < len(students):
            deadline.check("students joining")
            if time.monotonic() > joining:
                raise Failure("not every student joined within 2 minutes")
            time.sleep(0.2)
        stop_counts = threading.Event()
        poller = threading.Thread(
            target=projector_counts, args=(client_for(port, cookie, deadline), projector,
                                           stop_counts, counts, stats), daemon=True,
        )  # fmt: skip
        poller.start()

        def act(action: str) -> None:
            status, _, page = client.request("GET", projector)
            expect(status, {200}, "GET projector", page)
            version = VERSION.search(page).group(1)
            status, _, body = client.request(
                "POST", f"{projector}{action}/", urllib.parse.urlencode({"version": version}),
                post,
            )  # fmt: skip
            expect(status, {302}, f"POST {action}", body)

        act("start")
        for position in range(1, args.questions + 1):
            time.sleep(args.seconds + 0.5)  # the countdown runs out
            act("reveal")
            time.sleep(args.reveal_seconds)
            act("next" if position < args.questions else "finish")
        stop_counts.set()
        poller.join(5)
        deadline_after = time.monotonic() + 10  # the students see the podium at their next poll
        while any(t.is_alive() for t in threading.enumerate() if t.name.startswith("student")):
            if time.monotonic() > deadline_after:
                break
            time.sleep(0.2)
    except Timeout:
        raise
    except Exception as error:  # noqa: BLE001
        stats.error("teacher", str(error))
    finally:
        ready.set()
        room.finished.set()


def client_for(port: int, cookie: str, deadline: Deadline) -> Client:
    return Client(port, cookie, deadline, Stats())


def projector_counts(client: Client, projector: str, stop, counts: list[float], stats: Stats):
    token = "0"
    while not stop.is_set():
        start = time.perf_counter()
        status, _, body = client.request(
            "GET", f"{projector}counts/?c={token}", None, {"HX-Request": "true"}
        )
        counts.append(time.perf_counter() - start)
        if status not in (200, 204):
            stats.error("projector counts", f"{status} {body[:200]}")
        found = COUNTS_TOKEN.search(body)
        if found:
            token = found.group(1)
        stop.wait(POLL_SECONDS)


def verify(database: str, prefix: str) -> dict[str, int]:
    mine = (
        "SELECT a.id FROM quizzes_attempt a JOIN auth_user u ON u.id = a.student_id "
        "WHERE u.username LIKE %(p)s"
    )
    with psycopg.connect(PG + database, connect_timeout=10) as conn:

        def one(query: str) -> int:
            return conn.execute(query, {"p": prefix + "%"}).fetchone()[0]

        return {
            "attempts": one(f"SELECT count(*) FROM ({mine}) m"),
            "answers": one(f"SELECT count(*) FROM quizzes_answer WHERE attempt_id IN ({mine})"),
            "unfinished": one(
                f"SELECT count(*) FROM quizzes_attempt WHERE id IN ({mine}) AND finished_at IS NULL"
            ),
            "wrong_score": one(
                f"SELECT count(*) FROM quizzes_attempt a WHERE a.id IN ({mine}) AND a.score <> "
                "(SELECT coalesce(sum(points), 0) FROM quizzes_answer x WHERE x.attempt_id = a.id)"
            ),
        }


def benchmark(args, env: dict, database: str, deadline: Deadline) -> int:
    started = time.perf_counter()
    prepare(env, deadline)
    python = sys.executable
    prefix = f"live{os.getpid()}-"
    out = run(
        [python, "-c", STUDENTS, str(args.students), prefix, JOIN_CODE], env, deadline, "students"
    )
    sessions = json.loads(out.strip().splitlines()[-1])
    out = run([python, "-c", TEACHER % JOIN_CODE], env, deadline, "teacher")
    teacher = json.loads(out.strip().splitlines()[-1])
    print(
        f"setup: database {database}, migrate, load_seeds, collectstatic, {len(sessions)} "
        f"students and the teacher with sessions: {time.perf_counter() - started:.1f} s"
    )
    with gunicorn_servers(env, 1, args.workers, deadline) as (server,):
        print(f"gunicorn: {args.workers} sync workers on 127.0.0.1:{server.port}")
        return class_session(args, database, sessions, teacher, prefix, deadline, server)


def class_session(args, database, sessions, teacher, prefix, deadline, server) -> int:
    """The teacher and the students through the live session; its figures and checks."""
    port, gunicorn = server.port, [server.process]
    csrf = csrf_token()
    room = Classroom()
    stats = Stats()
    teacher_stats = Stats()
    counts: list[float] = []
    students = [Student() for _ in sessions]
    ready = threading.Event()
    teacher_thread = threading.Thread(
        target=teacher_work, name="teacher",
        args=(port, f"sessionid={teacher['session']}; csrftoken={csrf}", csrf,
              teacher["class_id"], room, args, students, deadline, teacher_stats, counts, ready),
    )  # fmt: skip
    with CpuWatch(gunicorn, database) as cpu:
        wall_start = time.perf_counter()
        teacher_thread.start()
        ready.wait(60)
        if not room.code:
            raise RuntimeError("the teacher could not open the live session")
        print(f"live session {room.code}: {args.questions} questions, {args.seconds} s each")
        threads = [
            threading.Thread(
                target=student_work,
                name=f"student-{n}",
                daemon=True,
                args=(
                    port,
                    f"sessionid={key}; csrftoken={csrf}",
                    csrf,
                    room,
                    args.seconds,
                    deadline,
                    stats,
                    me,
                ),
            )  # fmt: skip
            for n, (key, me) in enumerate(zip(sessions, students, strict=True))
        ]
        for thread in threads:
            thread.start()
        teacher_thread.join(max(1.0, deadline.left()))
        for thread in threads:
            thread.join(max(0.1, min(15.0, deadline.left())))
        wall = time.perf_counter() - wall_start
    if teacher_thread.is_alive():
        raise Timeout("--timeout reached during the session")

    polls = [x for s in students for x in s.polls]
    answers = [x for s in students for x in s.answers]
    sent = sum(s.sent for s in students)
    errors = sum(stats.errors.values()) + sum(teacher_stats.errors.values())
    poll_p50, poll_p95, poll_p99 = (percentile(polls, p) for p in (50, 95, 99))
    ans_p50, ans_p95, ans_p99 = (percentile(answers, p) for p in (50, 95, 99))
    print(
        f"\n{len(polls):,} polls ({len(polls) / wall:.0f}/s) and {len(answers):,} answers "
        f"in {wall:.1f} s"
    )
    print(f"  poll latency: p50 {poll_p50:.0f} ms, p95 {poll_p95:.0f} ms, p99 {poll_p99:.0f} ms")
    print(f"  answer latency: p50 {ans_p50:.0f} ms, p95 {ans_p95:.0f} ms, p99 {ans_p99:.0f} ms")
    print(f"  projector counts: {len(counts)} polls, p95 {percentile(counts, 95):.0f} ms")
    print(f"  {cpu.report(wall, stats.requests + teacher_stats.requests)}")
    if errors:
        print(f"  errors: {errors}")
        print_errors(stats)
        print_errors(teacher_stats)
        print(f"\nlast lines of the gunicorn log:\n{tail(server.log)}")

    checks = verify(database, prefix)
    stored = checks["answers"]
    print(
        f"database: {checks['attempts']} attempts, {checks['unfinished']} unfinished, "
        f"{checks['wrong_score']} with a score other than the sum of their points"
    )
    data_ok = (
        errors == 0 and stored == sent and checks["unfinished"] == 0
        and checks["wrong_score"] == 0 and checks["attempts"] == args.students
    )  # fmt: skip
    speed_ok = poll_p95 <= POLL_GOAL_MS and ans_p95 <= ANSWER_GOAL_MS
    print(
        f"goals with 100 students: poll p95 <= {POLL_GOAL_MS} ms "
        f"{'met' if poll_p95 <= POLL_GOAL_MS else 'MISSED'}, answer p95 <= {ANSWER_GOAL_MS} ms "
        f"{'met' if ans_p95 <= ANSWER_GOAL_MS else 'MISSED'}"
    )
    print(
        f"live: {args.students} students, poll p95 {poll_p95:.0f} ms, answer p95 {ans_p95:.0f} ms, "
        f"errors {errors}, answers stored {stored}/{sent}"
    )
    return 0 if data_ok and (speed_ok or not args.enforce) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=20, help="countdown per question")
    parser.add_argument("--questions", type=int, default=14, help="how many of the seed's 14")
    parser.add_argument("--reveal-seconds", type=float, default=3, help="pause after a reveal")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--timeout", type=float, default=900, help="overall cap, seconds")
    parser.add_argument("--enforce", action="store_true", help="fail on missed speed goals too")
    args = parser.parse_args()
    if args.students < 1 or not 1 <= args.questions <= 14 or args.seconds < 5:
        parser.error("--students >= 1, 1 <= --questions <= 14, --seconds >= 5")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = Deadline(max(1.0, args.timeout - CLEANUP_SECONDS))
    database = f"live_bench_{os.getpid()}"
    env = server_env(database)
    try:
        with scratch_database(database):
            return benchmark(args, env, database, deadline)
    except Timeout as exc:
        print(f"FAIL  {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
