"""Page weight of a question and the time until its feedback shows. Not a test: it prints figures.

    .venv/bin/python bench/weight.py [--answers 50]

Targets (1 KB = 1,000 bytes):
- a question page's HTML <= 12 KB;
- its first load, the HTML and the CSS and JavaScript it references, each gzip -6, <= 40 KB;
- the feedback fragment htmx swaps in after an answer <= 3 KB;
- and, measured (no target), the time from a click on Answer to the feedback in the page, in
  headless Chromium against `manage.py runserver` on this machine: median and 95th percentile.

Sizes come from Django's test client in this process, on a temporary SQLite database with the
seed quiz, with DEBUG off as a student is served (plain static storage instead of the manifest,
so no collectstatic is needed; the URLs are a few characters shorter than the hashed ones).
The latency runs `runserver` (DEBUG=1) on a free loopback port on another temporary database,
with four extra students in the demo class, each taking the seed quiz (14 questions) until the
number of answers is reached.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ORIGINAL_ENV = dict(os.environ)

SLUG = "north-korea-crypto-theft"
KB = 1000
HTML_TARGET = 12 * KB
FIRST_LOAD_TARGET = 40 * KB
FRAGMENT_TARGET = 3 * KB
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
STUDENTS = 4
PASSWORD = "bench-weight-2026"

MAKE_STUDENTS = f"""
import django
django.setup()
from django.contrib.auth import get_user_model
from quizzes.models import Classroom
from quizzes.seeding import DEMO_JOIN_CODE
classroom = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
for n in range(1, {STUDENTS} + 1):
    user = get_user_model().objects.create_user(f"bench{{n}}", password={PASSWORD!r})
    classroom.students.add(user)
"""

# Installed before each answer: the time of the click on Answer, of the first DOM change that
# holds the feedback (a MutationObserver), and of the next animation frame, the one painting it.
ARM = """() => {
  const bench = (window.__bench = {});
  const area = document.getElementById("answer-area");
  document.addEventListener("click", (event) => {
    if (bench.click === undefined && event.target.closest("form.answer-form [type=submit]")) {
      bench.click = performance.now();
    }
  }, { capture: true });
  new MutationObserver((records, observer) => {
    if (area.querySelector(".feedback")) {
      bench.shown = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => { bench.painted = performance.now(); });
    }
  }).observe(area, { childList: true, subtree: true });
}"""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def kb(size: float) -> str:
    return f"{size / KB:.1f} KB"


class Assets(HTMLParser):
    """The stylesheets and scripts a page references."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and "stylesheet" in (found.get("rel") or "").split() and found.get("href"):
            self.urls.append(found["href"])
        elif tag == "script" and found.get("src"):
            self.urls.append(found["src"])


@dataclass
class Weights:
    first_html: int
    html: list[int]  # each question page, unanswered
    largest_html: bytes
    assets: list[tuple[str, bytes]]
    fragments: list[int]  # each feedback fragment


def weigh(tmp: Path) -> Weights:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="quizsite.settings",
        DATABASE_URL=f"sqlite:///{tmp / 'weight.sqlite3'}",
        ALLOWED_HOSTS="testserver",
        DEBUG="0",
        SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
    )
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.templatetags.static import static
    from django.test import Client
    from django.test.utils import override_settings

    from quizzes.models import Attempt, Quiz

    call_command("migrate", verbosity=0)
    call_command("load_seeds", stdout=StringIO())
    student = get_user_model().objects.get(username="student")
    quiz = Quiz.objects.get(slug=SLUG)
    client = Client()
    client.force_login(student)
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
        started = client.post(f"/quizzes/{quiz.slug}/start/", secure=True)
        assert started.status_code == 302, started.status_code
        attempt = Attempt.objects.get(student=student, quiz=quiz)
        questions = {q.pk: q for q in quiz.questions.prefetch_related("choices")}
        html, fragments, pages = [], [], []
        for question_id in attempt.ordered_question_ids(list(questions)):
            url = f"/attempts/{attempt.pk}/questions/{question_id}/"
            page = client.get(url, secure=True)
            assert page.status_code == 200 and b"answer-form" in page.content, url
            html.append(len(page.content))
            pages.append(page.content)
            has_options = bool(questions[question_id].choices.all())
            answer = {"choice": "1"} if has_options else {"answer": "4"}
            htmx = {"HX-Request": "true", "HX-Current-URL": f"https://testserver{url}"}
            fragment = client.post(url, answer, secure=True, headers=htmx)
            assert fragment.status_code == 200 and b'class="feedback' in fragment.content, url
            assert b"<html" not in fragment.content, "a whole page, not a fragment"
            fragments.append(len(fragment.content))
        assert Attempt.objects.get(pk=attempt.pk).is_finished
        largest = max(pages, key=len)
        parser = Assets()
        parser.feed(largest.decode())
        prefix = static("")
        assets = []
        for url in parser.urls:
            path = urlsplit(url).path
            assert path.startswith(prefix), f"{url} is not one of our static files"
            found = finders.find(path.removeprefix(prefix))
            assert found, f"no static file for {url}"
            assets.append((path.removeprefix(prefix), Path(found).read_bytes()))
    return Weights(html[0], html, largest, assets, fragments)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(tmp: Path) -> tuple[subprocess.Popen, str, Path]:
    env = {
        **ORIGINAL_ENV,
        "DJANGO_SETTINGS_MODULE": "quizsite.settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'serve.sqlite3'}",
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("SECRET_KEY", None)
    python = sys.executable
    quiet = {"env": env, "cwd": ROOT, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], **quiet)
    subprocess.run([python, "manage.py", "load_seeds"], **quiet)
    subprocess.run([python, "-c", MAKE_STUDENTS], **quiet)
    port = free_port()
    log = tmp / "runserver.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"runserver exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/accounts/login/", timeout=2) as response:
                if response.status == 200:
                    return server, base, log
        except OSError:
            if time.monotonic() > deadline:
                server.terminate()
                raise RuntimeError(
                    f"runserver did not answer in 30 s:\n{log.read_text()}"
                ) from None
            time.sleep(0.2)


def measure_latency(base: str, answers: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    question_url = re.compile(r"/attempts/\d+/questions/\d+/$")
    shown, painted = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in range(1, STUDENTS + 1):
                if len(shown) >= answers:
                    break
                context = browser.new_context(locale="ja-JP")
                page = context.new_page()
                page.set_default_timeout(15_000)
                page.goto(f"{base}/accounts/login/")
                page.locator("#id_username").fill(f"bench{n}")
                page.locator("#id_password").fill(PASSWORD)
                page.locator("main form button[type=submit]").click()
                page.wait_for_url(f"{base}/")
                page.goto(f"{base}/quizzes/{SLUG}/")
                page.locator("main form[action$='/start/'] button[type=submit]").click()
                page.wait_for_url(question_url)
                while len(shown) < answers:
                    form = page.locator("form.answer-form")
                    form.wait_for()
                    page.evaluate(ARM)
                    if form.locator(".option").count():
                        form.locator(".option label").first.click()
                    else:
                        page.locator("#answer-input").fill("4")
                    form.locator("button[type=submit]").click()
                    page.wait_for_function("window.__bench.painted !== undefined")
                    times = page.evaluate("window.__bench")
                    shown.append(times["shown"] - times["click"])
                    painted.append(times["painted"] - times["click"])
                    before = page.url
                    page.locator(".next a").click()
                    page.wait_for_url(lambda url, before=before: url != before)
                    if not question_url.search(page.url):
                        break  # the result page: this student has answered every question
                context.close()
        finally:
            browser.close()
    return shown, painted


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=50, help="answers timed (default 50)")
    args = parser.parse_args()
    if not 1 <= args.answers <= STUDENTS * 14:
        parser.error(f"--answers must be between 1 and {STUDENTS * 14}")

    tmp = Path(tempfile.mkdtemp(prefix="quizsite-weight-"))
    try:
        weights = weigh(tmp)
        server, base, _log = start_server(tmp)
        try:
            shown, painted = measure_latency(base, args.answers)
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    html_gz = gz(weights.largest_html)
    asset_gz = [(name, len(data), gz(data)) for name, data in weights.assets]
    first_load = html_gz + sum(size for _, _, size in asset_gz)
    largest_html = max(weights.html)
    largest_fragment = max(weights.fragments)

    def verdict(value: float, target: float) -> str:
        return "ok" if value <= target else "OVER"

    rows = [
        ("question page HTML, first question", f"{weights.first_html:,} B", "", ""),
        (
            f"question page HTML, largest of {len(weights.html)}",
            f"{largest_html:,} B ({kb(largest_html)})",
            "≤ 12 KB",
            verdict(largest_html, HTML_TARGET),
        ),
        ("  its HTML, gzip -6", f"{html_gz:,} B", "", ""),
    ]
    for name, raw, packed in asset_gz:
        rows.append((f"  {name} ({raw:,} B), gzip -6", f"{packed:,} B", "", ""))
    rows += [
        (
            "first load: HTML + CSS + JS, gzip -6",
            f"{first_load:,} B ({kb(first_load)})",
            "≤ 40 KB",
            verdict(first_load, FIRST_LOAD_TARGET),
        ),
        (
            f"feedback fragment (htmx POST), largest of {len(weights.fragments)}",
            f"{largest_fragment:,} B ({kb(largest_fragment)})",
            "≤ 3 KB",
            verdict(largest_fragment, FRAGMENT_TARGET),
        ),
        (
            "feedback fragment, median",
            f"{statistics.median(weights.fragments):,.0f} B",
            "",
            "",
        ),
        (
            f"click on Answer → feedback in the DOM, {len(shown)} answers",
            f"median {statistics.median(shown):.1f} ms, p95 {p95(shown):.1f} ms, "
            f"max {max(shown):.1f} ms",
            "",
            "",
        ),
        (
            "click on Answer → next animation frame",
            f"median {statistics.median(painted):.1f} ms, p95 {p95(painted):.1f} ms",
            "",
            "",
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    header = ("what", "measured", "target", "")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
