"""A teacher's whole path in Chromium, timed: from an article to a quiz her student sees.

    .venv/bin/python bench/teacher_path.py ARTICLE [--keep]

On a fresh temporary SQLite database (migrated, seeds loaded, static files collected, DEBUG
off as in production) it starts gunicorn (one sync worker) and one drafting worker, and stops
both at the end, also on failure or Ctrl-C. Headless Chromium then signs in as the demo teacher,
opens Teaching, New quiz from an article, pastes ARTICLE, presses Draft questions, waits for the
drafts, approves the first 10, ticks the demo class, publishes; then signs out, signs in as the
demo student and finds the quiz on her list.

Counted: N, the clicks and key presses that are not typing (filling a field is typing); S, the
wall time from pressing Sign in as the teacher to the class page after Publish; M, the slowest
HTTP response the browser waited for (every request, static files and htmx polls included);
R, the peak RSS of the web server (gunicorn's master and its worker, summed, VmHWM). While the
article is drafted, every change of the progress the teacher sees is recorded: their number and
the longest time between two. The last line is exactly:

    teacher path: N clicks, S s, longest request M ms, web RSS R MB

Targets on a 3,000-character article: N <= 10, S <= 180, M <= 1,000, R < 150; a 200 KB article
drafts with no request over 1 s and the progress changing at least every 3 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from harness import free_port, server_env

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
TEACHER, STUDENT = ("teacher", "teacher-demo-2026"), ("student", "student-demo-2026")
QUIZ_TITLE = "ベンチマークのクイズ"
DRAFTING_TIMEOUT_MS = 600_000

# Each distinct progress text the teacher sees, with the time it appeared (htmx swaps the
# fragment; without a change of text nothing new was shown).
WATCH_PROGRESS = """() => {
  const seen = (window.__progress = []);
  const note = () => {
    const status = document.querySelector("#drafting .drafting-status, #drafting .error-box");
    const text = status ? status.textContent.trim() : "";
    if (text && (!seen.length || seen[seen.length - 1].text !== text)) {
      seen.push({ at: Date.now(), text });
    }
  };
  note();
  new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
}"""


def run(cmd: list[str], env: dict) -> None:
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the web server exited:\n{log.read_text()[-3000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/healthz", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("the web server did not start in 60 s")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def tree(pid: int) -> list[int]:
    """The process and its children (gunicorn's master and its workers)."""
    pids = [pid]
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        for child in children:
            pids += tree(int(child))
    return pids


def peak_rss_mb(pid: int) -> float:
    total = 0
    for each in tree(pid):
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{each}/status").read_text()
            total += int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
    return total / 1024


def loads_spacy(pid: int) -> bool:
    """Whether any web process has spaCy's (or GiNZA's tokenizer's) compiled code mapped."""
    for each in tree(pid):
        with contextlib.suppress(OSError):
            maps = Path(f"/proc/{each}/maps").read_text()
            if "/spacy/" in maps or "/sudachipy/" in maps or "/thinc/" in maps:
                return True
    return False


class Browser:
    """The page, counting the clicks and timing every response."""

    def __init__(self, page) -> None:
        self.page = page
        self.clicks = 0
        self.slowest = (0.0, "")
        self.slowest_not_sign_in = (0.0, "")  # checking a password is slow on purpose
        page.on("requestfinished", self.timed)

    def timed(self, request) -> None:
        timing = request.timing
        if timing["responseEnd"] > 0:
            took = timing["responseEnd"]  # ms from the request's start
            what = (took, f"{request.method} {request.url}")
            self.slowest = max(self.slowest, what)
            if "/accounts/login/" not in request.url:
                self.slowest_not_sign_in = max(self.slowest_not_sign_in, what)

    def click(self, locator) -> None:
        self.clicks += 1
        locator.click()

    def sign_in(self, url: str, who: tuple[str, str]) -> None:
        page = self.page
        page.goto(f"{url}/accounts/login/")
        page.get_by_label("ユーザー名").fill(who[0])
        page.get_by_label("パスワード").fill(who[1])
        self.click(page.get_by_role("button", name="ログイン"))
        page.wait_for_url(f"{url}/")


def teacher_path(browser: Browser, url: str, article: str) -> tuple[float, list[dict]]:
    from playwright.sync_api import expect

    page = browser.page
    started = time.monotonic()
    browser.sign_in(url, TEACHER)
    browser.click(page.get_by_role("link", name="授業"))
    browser.click(page.get_by_role("link", name="記事から新しいクイズを作る"))
    page.get_by_label("記事の本文").fill(article)
    browser.click(page.get_by_role("button", name="問題の下書きを作る"))
    page.wait_for_url(re.compile(r"/teach/articles/\d+/"))
    progress: list[dict] = []
    if page.locator("#drafts").count() == 0:
        from playwright.sync_api import Error

        page.evaluate(WATCH_PROGRESS)
        # htmx reloads the page once the drafts are there: what was seen is kept until then.
        deadline = time.monotonic() + DRAFTING_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            with contextlib.suppress(Error):  # the page being reloaded
                if page.locator("#drafts").count():
                    progress.append({"at": time.time() * 1000, "text": "the drafts, shown"})
                    break
                if page.locator("#drafting .error-box").count():
                    raise RuntimeError(page.locator("#drafting").inner_text())
                progress = page.evaluate("window.__progress || null") or progress
            page.wait_for_timeout(250)
    expect(page.locator("#drafts")).to_be_visible()
    browser.click(page.get_by_role("button", name="承認する"))  # the first 10, its default
    expect(page.locator("#drafts .draft-approved")).to_have_count(10)
    page.get_by_label("タイトル", exact=True).fill(QUIZ_TITLE)
    browser.click(page.get_by_label("デモクラス"))
    browser.click(page.get_by_role("button", name="公開する", exact=True))
    page.wait_for_url(re.compile(r"/teach/classes/\d+/$"))
    expect(page.locator("main")).to_contain_text(QUIZ_TITLE)
    took = time.monotonic() - started

    browser.click(page.get_by_role("button", name="ログアウト"))
    page.wait_for_load_state()
    browser.sign_in(url, STUDENT)
    expect(page.locator("main")).to_contain_text(QUIZ_TITLE)
    return took, progress


def progress_figures(progress: list[dict]) -> str:
    if len(progress) < 2:
        return f"progress: {len(progress)} change seen (the drafts were there at once)"
    gaps = [(b["at"] - a["at"]) / 1000 for a, b in zip(progress, progress[1:], strict=False)]
    span = (progress[-1]["at"] - progress[0]["at"]) / 1000
    return (
        f"progress: {len(progress)} changes over {span:.1f} s, longest gap {max(gaps):.1f} s "
        f"(first: {progress[0]['text'][:40]!r}, last: {progress[-1]['text'][:40]!r})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("article", type=Path, help="a UTF-8 text file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    article = args.article.read_text(encoding="utf-8")
    print(f"article: {args.article}, {len(article):,} characters, {len(article.encode()):,} bytes")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: stop the servers
    folder = Path(tempfile.mkdtemp(prefix="quizsite-teacher-path-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = server_env("", DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}")
    python = sys.executable
    web = worker = None
    log = folder / "web.log"
    try:
        for step in (["migrate"], ["load_seeds"], ["collectstatic", "--noinput"]):
            run([python, "manage.py", *step, "-v0"], env)
        gunicorn = str(Path(python).with_name("gunicorn"))
        web = subprocess.Popen(
            [gunicorn, "quizsite.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}",
             "--no-control-socket"],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        worker = subprocess.Popen(
            [python, "manage.py", "drafting_worker", "--no-reload", "--interval", "0.5", "-v0"],
            cwd=ROOT, env=env, stdout=(folder / "worker.log").open("w"),
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        wait_until_up(url, web, log)
        print(f"web: gunicorn, 1 worker, on {url}; one drafting worker")

        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = chromium.new_context(locale="ja-JP").new_page()
            page.set_default_timeout(30_000)
            browser = Browser(page)
            took, progress = teacher_path(browser, url, article)
            chromium.close()
        rss = peak_rss_mb(web.pid)
        print(progress_figures(progress))
        for label, (ms, what) in [
            ("slowest response", browser.slowest),
            ("slowest response but signing in", browser.slowest_not_sign_in),
        ]:
            print(f"{label}: {ms:.0f} ms, {what}")
        print(f"spaCy loaded in a web process: {loads_spacy(web.pid)}")
        print(
            f"teacher path: {browser.clicks} clicks, {took:.1f} s, "
            f"longest request {browser.slowest[0]:.0f} ms, web RSS {rss:.0f} MB"
        )
        return 0
    finally:
        stop(worker)
        stop(web)
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
