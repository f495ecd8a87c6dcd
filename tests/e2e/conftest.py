"""End-to-end tests in Debian's headless Chromium, driven by Playwright against live_server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the tests
# (setting up data) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        page = next(
            (
                item.funcargs[name]
                for name in ("page", "nojs_page", "sized_page")
                if item.funcargs.get(name) is not None
            ),
            None,
        )
        if page is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{item.name}.png"), full_page=True)
    return report


def _page(browser, **options):
    context = browser.new_context(locale="ja-JP", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def page(browser):
    context, page = _page(browser)
    yield page
    context.close()


@pytest.fixture
def nojs_page(browser):
    context, page = _page(browser, java_script_enabled=False)
    yield page
    context.close()


VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(browser, request):
    """A Japanese page at a desktop width, then at a phone's."""
    context, page = _page(browser, viewport=VIEWPORTS[request.param])
    yield page
    context.close()


@pytest.fixture
def seeded_server(live_server, transactional_db):
    from django.core.cache import caches
    from django.core.management import call_command

    caches["throttle"].clear()  # its table outlives the flush between browser tests
    call_command("load_seeds", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


class Worker:
    """A real `drafting_worker` process on the test database, started and stopped at will."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.process = None

    def start(self) -> None:
        import subprocess
        import sys

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "quizsite.settings",
            "DATABASE_URL": self.database_url,
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "drafting_worker", "--no-reload", "--interval", "0.2",
             "--no-startup-delay", "-v0"],
            cwd=Path(__file__).resolve().parents[2], env=env,
        )  # fmt: skip

    def kill(self) -> None:
        """Ended at once, as by the out-of-memory killer: no chance to say anything."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except Exception:
                self.kill()


def database_url() -> str:
    """The test database, as a URL a separate process can open."""
    from django.db import connection

    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    return (
        f"postgres://{params['USER']}{password}@{params['HOST'] or '127.0.0.1'}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )


@pytest.fixture
def queue(settings, transactional_db):
    """Tasks go to the database queue, as in production; no worker runs until one is started."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    worker = Worker(database_url())
    yield worker
    worker.stop()
