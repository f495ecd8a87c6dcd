"""What the HTTP benchmarks share: a scratch PostgreSQL database, gunicorn servers on loopback, a
plain HTTP client, deadlines, percentiles, and where the CPU went.

bench/load.py, bench/live.py and bench/speed.py each measure a different load on the same kind
of production-like server: DEBUG off, sync workers, a database of their own that is dropped
however the run ends. Signed-in sessions are written directly (`signed_in_session`, run inside
the project's Django process), so no password is ever hashed.
"""

from __future__ import annotations

import contextlib
import http.client
import os
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
CLEANUP_SECONDS = 15  # kept out of --timeout for stopping gunicorn and dropping the database


class Timeout(Exception):
    pass


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
    """One connection per thread. gunicorn's sync workers close it after every response (they
    never keep a connection alive), and http.client opens it again for the next request."""

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


def csrf_token() -> str:
    """A CSRF cookie value of Django's form, sent as cookie and header alike."""
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def signed_in_session(user) -> str:
    """A session key of `user`, signed in as django.contrib.auth.login() would sign her in.
    Called inside the project's Django process (the setup scripts run by `run`)."""
    from importlib import import_module

    from django.conf import settings

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


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


def worker_pids(masters: list[int]) -> list[int]:
    """The processes gunicorn's masters forked: their workers."""
    pids = []
    for master in masters:
        children = Path(f"/proc/{master}/task/{master}/children")
        with contextlib.suppress(OSError):
            pids += [int(pid) for pid in children.read_text().split()]
    return pids


def backend_cpu(conn: psycopg.Connection, database: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend serving `database`."""
    rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])
    return {pid: process_cpu(pid) for (pid,) in rows.fetchall()}


def cpu_snapshot(
    servers: list[subprocess.Popen], database: str, conn: psycopg.Connection | None = None
) -> dict:
    if conn is None:
        with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=5) as conn:
            return cpu_snapshot(servers, database, conn)
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    busy = (sum(fields[:8]) - fields[3] - fields[4]) / TICK  # all but idle and iowait
    return {
        "client": sum(os.times()[:2]),
        "workers": {pid: process_cpu(pid) for pid in worker_pids([s.pid for s in servers])},
        "postgres": backend_cpu(conn, database),
        "busy": busy,
    }


class CpuWatch:
    """Where the CPU went over a phase of minutes, sampled every second. A gunicorn worker opens
    a new database connection once its last is CONN_MAX_AGE old, and the old backend's CPU would
    be lost between two snapshots: each backend is counted up to its last sample. The samples
    also say when other work on the machine took the cores (`others_timeline`)."""

    def __init__(self, servers: list[subprocess.Popen], database: str) -> None:
        self.servers, self.database = servers, database
        self.seen: dict[int, float] = {}
        self.samples: list[tuple[float, float, float]] = []  # (when, machine busy, ours)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> CpuWatch:
        self.before = cpu_snapshot(self.servers, self.database)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(5)
        self.after = cpu_snapshot(self.servers, self.database)
        self.after["postgres"] = {**self.seen, **self.after["postgres"]}

    def _run(self) -> None:
        with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=5) as conn:
            while not self.stop.wait(1.0):
                snapshot = cpu_snapshot(self.servers, self.database, conn)
                self.seen.update(snapshot["postgres"])
                ours = (
                    snapshot["client"] + sum(snapshot["workers"].values()) + sum(self.seen.values())
                )
                self.samples.append((time.monotonic(), snapshot["busy"], ours))

    def report(self, wall: float, requests: int) -> str:
        return cpu_report(self.before, self.after, wall, requests)

    def others_timeline(self, window: float) -> str:
        """The share of the cores other work took, window by window, in percent."""
        cores = os.cpu_count() or 1
        shares = []
        for start in range(0, len(self.samples) - 1, int(window)):
            t0, busy0, ours0 = self.samples[start]
            t1, busy1, ours1 = self.samples[min(start + int(window), len(self.samples) - 1)]
            if t1 > t0:
                others = max(0.0, (busy1 - busy0) - (ours1 - ours0))
                shares.append(f"{100 * others / ((t1 - t0) * cores):.0f}")
        return ", ".join(shares) + " %"


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
def scratch_database(name: str, keep: bool = False):
    """A new PostgreSQL database, dropped on the way out however the benchmark ends. With
    `keep`, a database that may exist already, created if missing and never dropped."""
    with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=10) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            raise RuntimeError(f"database {name} exists already")
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        if not keep:
            with psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=10) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
            print(f"dropped database {name}")


@contextlib.contextmanager
def scratch_redis(url: str):
    """A Redis database for the servers' shared cache (REDIS_URL): it must be empty when the run
    starts (no one else's), and is emptied when it ends. No URL, no Redis."""
    if not url:
        yield
        return
    import redis  # redis-py: pip install -e ".[redis]"

    client = redis.Redis.from_url(url)
    if client.dbsize():
        raise RuntimeError(f"the Redis database {url} is not empty: name one no one else uses")
    try:
        yield
    finally:
        client.flushdb()
        client.close()


def run(cmd: list[str], env: dict, deadline: Deadline, what: str) -> str:
    """A setup command (migrate, a setup script), its output; fails the benchmark if it fails."""
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


def prepare(env: dict, deadline: Deadline, seeds: bool = True) -> None:
    """A fresh database made ready to serve: migrated, the seeds loaded, static files collected
    (DEBUG off: whitenoise serves them from the manifest)."""
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env, deadline, "migrate")
    if seeds:
        run([python, "manage.py", "load_seeds"], env, deadline, "load_seeds")
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env, deadline, "collectstatic")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path


@contextlib.contextmanager
def gunicorn_servers(env: dict, count: int, workers: int, deadline: Deadline, port: int = 0):
    """`count` gunicorn servers of `workers` sync workers each, on free ports of 127.0.0.1 (the
    first on `port` if given), answering /healthz; stopped on the way out however the benchmark
    ends, their logs deleted."""
    servers: list[Server] = []
    try:
        for n in range(count):
            log = Path(tempfile.mkstemp(prefix="quizsite-gunicorn-", suffix=".log")[1])
            at = port if port and n == 0 else free_port()
            servers.append(Server(at, start_gunicorn(env, at, workers, log), log))
        for server in servers:
            wait_for_healthz(server, deadline)
        yield servers
    finally:
        for server in servers:
            stop_gunicorn(server.process)
            server.log.unlink(missing_ok=True)


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


def wait_for_healthz(server: Server, deadline: Deadline) -> None:
    while True:
        deadline.check("gunicorn start")
        if server.process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited ({server.process.returncode}):\n{tail(server.log)}"
            )
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
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
