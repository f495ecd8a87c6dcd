"""Test settings: the real settings with fast hashing and plain static storage.

The manifest storage needs collectstatic first and 404s the htmx file under live_server.
"""

from __future__ import annotations

from .settings import *  # noqa: F403
from .settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Unit tests run a task at once, in the test's process; the browser tests that need the real
# queue switch to the database backend and start a worker (tests/e2e/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: concurrency tests open real connections from threads,
    # and shared-cache memory databases fail at once where a file waits for the lock.
    # One file per test run, so that two runs at once (CI and a developer) never share one.
    import os
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"quizsite-test-{os.getpid()}.sqlite3")  # noqa: F405
    }

# Tests enforce the policy that production enforces, so a browser test that meets an inline
# script or style fails, whatever DEBUG says.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}  # noqa: F405
CONTENT_SECURITY_POLICY_REPORT_ONLY = None
