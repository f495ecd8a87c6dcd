"""What idle connections that send half a request do to gunicorn. Not a test: it prints figures.

    .venv/bin/python bench/slow_clients.py [--nginx]

For each server set-up it starts gunicorn on 127.0.0.1 (two workers, as in the README), opens
some connections that send the first line and one header of a request and then nothing, and
times a normal GET /healthz made meanwhile on a fresh connection (timeout 60 s). With --nginx it
also runs the set-ups behind nginx ($NGINX_BIN or /usr/sbin/nginx, with the README's buffering
settings), the idle connections sent to nginx.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HALF_REQUEST = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"  # no blank line: never finished
NGINX = os.environ.get("NGINX_BIN", "/usr/sbin/nginx")
NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream quizsite {{ server 127.0.0.1:{app_port}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        # nginx reads the whole request before it talks to gunicorn: a slow client costs nginx
        # a connection, never a gunicorn worker.
        client_header_timeout 10s;
        client_body_timeout 10s;
        client_max_body_size 1m;
        proxy_request_buffering on;
        proxy_buffering on;
        location / {{
            proxy_pass http://quizsite;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


@dataclass(frozen=True)
class Setup:
    name: str
    gunicorn_args: tuple[str, ...]
    idle: int
    nginx: bool = False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


def timed_get(port: int, timeout: float = 60) -> float:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
    except TimeoutError:
        return float("inf")
    finally:
        connection.close()
    return time.monotonic() - started


@contextlib.contextmanager
def gunicorn(args: tuple[str, ...]):
    port = free_port()
    env = {**os.environ, "DEBUG": "1", "LOG_LEVEL": "ERROR"}
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "quizsite.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", *args],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_up(port)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@contextlib.contextmanager
def nginx_in_front(app_port: int):
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        conf = Path(folder) / "nginx.conf"
        conf.write_text(NGINX_CONF.format(dir=folder, port=port, app_port=app_port))
        command = [NGINX, "-c", str(conf), "-p", folder, "-e", f"{folder}/error.log"]
        subprocess.run(command, check=True)
        try:
            wait_until_up(port)
            yield port
        finally:
            subprocess.run([*command, "-s", "stop"], check=False)
            time.sleep(0.5)


def measure(setup: Setup) -> tuple[float, float]:
    with gunicorn(setup.gunicorn_args) as app_port:
        front = nginx_in_front(app_port) if setup.nginx else contextlib.nullcontext(app_port)
        with front as port:
            baseline = timed_get(port)
            idle = []
            for _ in range(setup.idle):
                client = socket.create_connection(("127.0.0.1", port))
                client.sendall(HALF_REQUEST)
                idle.append(client)
            time.sleep(1)  # let the workers pick them up
            stalled = timed_get(port)
            for client in idle:
                client.close()
    return baseline, stalled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nginx", action="store_true", help="also measure behind nginx")
    options = parser.parse_args()
    sync, gthread = ("--worker-class", "sync"), ("--worker-class", "gthread", "--threads", "4")
    setups = [
        Setup("sync, 2 workers, 2 idle", sync, 2),
        Setup("gthread, 2 workers x 4 threads, 2 idle", gthread, 2),
        Setup("gthread, 2 workers x 4 threads, 8 idle", gthread, 8),
    ]
    if options.nginx:
        setups += [
            Setup("nginx + sync, 2 workers, 2 idle", sync, 2, nginx=True),
            Setup("nginx + sync, 2 workers, 200 idle", sync, 200, nginx=True),
        ]
    print(f"{'set-up':48} {'alone':>8} {'with idle clients':>18}")
    for setup in setups:
        baseline, stalled = measure(setup)
        print(f"{setup.name:48} {baseline * 1000:6.0f}ms {stalled:16.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
