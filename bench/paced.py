"""A class at a realistic pace: the open-loop mode of bench/load.py (`--pace F`).

Each student arrives at a random moment of the first 30 s x F (as a class starts), starts the
seed quiz, and for each question opens its page, thinks (a random pause of mean 15 s x F),
answers as htmx does, reads the feedback (1-3 s x F) and opens the next. The requests are
sent when they are due, whatever the server's speed (an open loop: a slow server does not slow
the class down, it makes requests wait), by a pool of threads working through a schedule.
A request sent more than 100 ms after it was due is counted as late: then the load generator,
not the server, was the limit, and the figures say so.

Latency is reported per request kind (start, question page, answer POST) at p50/p95/p99, with
the errors, the web workers' peak memory (VmHWM of each gunicorn worker, sampled through the
run) and the database checks of load.py. With `--servers N`, N gunicorn servers on N ports
share the one database, the students spread across them as a load balancer would; with
`--redis URL` they share one cache of sessions and questions in Redis, as README's deployment
section advises for several servers.
"""

from __future__ import annotations

import heapq
import random
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from harness import Client, Deadline, Stats, Timeout, percentile, worker_pids
from load import ANSWER_ACTION, NEXT_LINK, SLUG, Failure, answer_fields, expect

THINK_SECONDS = 15.0  # a student's mean pause before answering, at --pace 1
READ_SECONDS = (1.0, 3.0)  # reading the feedback before the next question
ARRIVAL_SECONDS = 30.0  # the class arrives over this long
LATE_SECONDS = 0.1
GOAL_P95_MS = 150
GOAL_RSS_MB = 150
WINDOW_SECONDS = 30.0


@dataclass
class Student:
    cookie: str
    port: int
    url: str = ""  # the next question's address, once started
    page: str = ""


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    timeline: list[tuple[float, float]] = field(default_factory=list)  # (answered at, latency)
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)
    late: int = 0
    sent: int = 0
    answered: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def took(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.timeline.append((time.monotonic(), seconds))

    def failed(self, kind: str, detail: str) -> None:
        with self.lock:
            self.errors[kind] += 1
            if len(self.samples) < 5:
                self.samples.append(f"{kind}: {' '.join(detail.split())[:300]}")


class Schedule:
    """Steps of students by the time they are due; threads take the earliest due one."""

    def __init__(self) -> None:
        self.heap: list[tuple[float, int, Student, str]] = []
        self.ready = threading.Condition()
        self.counter = 0
        self.pending = 0  # steps scheduled or running: the run ends at 0

    def add(self, due: float, student: Student, step: str) -> None:
        with self.ready:
            self.counter += 1
            self.pending += 1
            heapq.heappush(self.heap, (due, self.counter, student, step))
            self.ready.notify()

    def done(self) -> None:
        with self.ready:
            self.pending -= 1
            if self.pending == 0:
                self.ready.notify_all()  # the run is over: every thread may stop

    def take(self, deadline: Deadline) -> tuple[float, Student, str] | None:
        with self.ready:
            while True:
                if self.pending == 0 or deadline.left() <= 0:
                    return None
                if self.heap:
                    due = self.heap[0][0]
                    wait = due - time.monotonic()
                    if wait <= 0:
                        due, _, student, step = heapq.heappop(self.heap)
                        return due, student, step
                    self.ready.wait(min(wait, 0.5))
                else:
                    self.ready.wait(0.5)


def step(student: Student, kind: str, csrf: str, deadline: Deadline, results: Results):
    """One request of a student; returns the next step and its delay, or None when done."""
    stats = Stats()
    client = Client(student.port, student.cookie, deadline, stats)
    post = {"X-CSRFToken": csrf, "Content-Type": "application/x-www-form-urlencoded"}
    try:
        started = time.perf_counter()
        if kind == "start":
            status, location, body = client.request("POST", f"/quizzes/{SLUG}/start/", "", post)
            expect(status, 302, "POST start", body)
            status, url, body = client.request("GET", location)
            expect(status, 302, "GET attempt", body)
            results.took("start", time.perf_counter() - started)
            student.url = url
            return "page", 0.0
        if kind == "page":
            status, _, page = client.request("GET", student.url)
            expect(status, 200, "GET question", page)
            results.took("page", time.perf_counter() - started)
            student.page = page
            return "answer", None  # the thinking pause: the caller draws it
        action = ANSWER_ACTION.search(student.page)
        if action is None:
            raise Failure("question page: no answer address", student.page)
        form = urllib.parse.urlencode(answer_fields(student.page))
        headers = {**post, "HX-Request": "true", "HX-Current-URL": student.url}
        status, _, fragment = client.request("POST", action.group(1), form, headers)
        expect(status, 200, "POST answer", fragment)
        results.took("answer", time.perf_counter() - started)
        with results.lock:
            results.answered += 1
        links = NEXT_LINK.findall(fragment)
        if not links:
            raise Failure("answer fragment: no next link", fragment)
        student.url = links[-1]
        return ("page", "read") if "/questions/" in student.url else None
    except Failure as failure:
        results.failed(kind, " ".join(failure.args))
    except Timeout:
        results.failed(kind, "timeout")
    except Exception as exc:  # refused, reset, timed out
        results.failed(kind, f"{type(exc).__name__} {exc}")
    finally:
        client.conn.close()
    return None


def run_class(students: list[Student], csrf: str, pace: float, threads: int,
              deadline: Deadline, seed: int = 1) -> tuple[Results, float]:  # fmt: skip
    """Every student through the quiz at the pace; the results and the wall time."""
    rng = random.Random(seed)
    rng_lock = threading.Lock()
    results = Results()
    schedule = Schedule()
    start = time.monotonic() + 0.5
    for student in students:
        schedule.add(start + rng.uniform(0, ARRIVAL_SECONDS * pace), student, "start")

    def worker() -> None:
        while (taken := schedule.take(deadline)) is not None:
            due, student, kind = taken
            late = time.monotonic() - due > LATE_SECONDS
            with results.lock:
                results.sent += 1
                results.late += late
            try:
                following = step(student, kind, csrf, deadline, results)
                if following is not None:
                    what, delay = following
                    with rng_lock:
                        if delay is None:  # think before answering
                            delay = rng.uniform(0.4, 1.6) * THINK_SECONDS * pace
                        elif delay == "read":
                            delay = rng.uniform(*READ_SECONDS) * pace
                    schedule.add(time.monotonic() + delay, student, what)
            finally:
                schedule.done()

    began = time.perf_counter()
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(max(1.0, deadline.left() + 5))
    if schedule.pending or any(thread.is_alive() for thread in pool):
        raise Timeout(
            f"--timeout reached during the paced run: {results.sent:,} requests sent, "
            f"{results.answered:,} answers, in {time.perf_counter() - began:.0f} s"
        )
    return results, time.perf_counter() - began


def expected_seconds(pace: float, questions: int = 14) -> float:
    """How long a paced run of the seed quiz lasts when the server keeps up: the last arrival,
    then each question's page, thinking, answer and reading."""
    return (ARRIVAL_SECONDS + questions * (THINK_SECONDS + max(READ_SECONDS))) * pace


class MemoryWatch:
    """The gunicorn workers' resident memory, sampled every half second: the peak of each."""

    def __init__(self, masters: list[int]) -> None:
        self.masters = masters
        self.peak_kb: dict[int, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.sample()
        self.stop.set()
        self.thread.join(2)

    def _run(self) -> None:
        while not self.stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        for pid in worker_pids(self.masters):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith(("VmHWM:", "VmRSS:")):
                    kb = int(line.split()[1])
                    self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), kb)

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb.values(), default=0) / 1024


def timeline(answered: list[tuple[float, float]]) -> str:
    """p95 window by window: when in the run the requests waited (the class's arrival, or a
    moment the machine was busy with something else)."""
    if not answered:
        return "none"
    first = min(at for at, _ in answered)
    windows: dict[int, list[float]] = defaultdict(list)
    for at, seconds in answered:
        windows[int((at - first) // WINDOW_SECONDS)].append(seconds)
    return ", ".join(f"{percentile(windows[n], 95):.0f}" for n in range(max(windows) + 1)) + " ms"


def report(results: Results, wall: float, students: int, memory: MemoryWatch) -> list:
    """Prints the figures; returns the goals as (ok, text, kind)."""
    total = sum(len(v) for v in results.latencies.values())
    print(
        f"\npaced: {students} students, {results.sent:,} requests in {wall:.1f} s "
        f"({total / wall:.1f} answered a second), answers {results.answered:,}, "
        f"sent late (> {LATE_SECONDS * 1000:.0f} ms after due) {results.late:,}"
    )
    goals = []
    for kind in ("start", "page", "answer"):
        values = results.latencies.get(kind, [])
        p50, p95, p99 = (percentile(values, p) for p in (50, 95, 99))
        print(
            f"  {kind:7} {len(values):6,} requests: p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
            f"p99 {p99:.0f} ms; errors {results.errors.get(kind, 0)}"
        )
        goals.append((p95 <= GOAL_P95_MS, f"{kind} p95 {p95:.0f} ms <= {GOAL_P95_MS} ms", "speed"))
    for sample in results.samples:
        print(f"    e.g. {sample}")
    print(f"  p95 of every {WINDOW_SECONDS:.0f} s, all kinds: {timeline(results.timeline)}")
    workers = ", ".join(f"{kb / 1024:.0f}" for kb in sorted(memory.peak_kb.values()))
    print(f"  web workers' peak RSS: {workers} MB")
    errors = sum(results.errors.values())
    goals += [
        (memory.peak_mb < GOAL_RSS_MB,
         f"largest web worker's peak RSS {memory.peak_mb:.0f} MB < {GOAL_RSS_MB} MB", "speed"),
        (errors == 0, f"errors: {errors}", "data"),
        (results.late == 0, f"requests sent late by the load generator: {results.late}", "note"),
    ]  # fmt: skip
    return goals
