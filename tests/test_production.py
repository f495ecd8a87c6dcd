"""Production mode: DEBUG off needs a SECRET_KEY, and `check --deploy` has nothing to say."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7" * 30 + "-production-key-for-the-deploy-check",
    "ALLOWED_HOSTS": "quiz.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "DJANGO_SETTINGS_MODULE": "quizsite.settings",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_a_secret_key_refuses_to_start():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_are_secure_and_proxy_aware():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.DEBUG]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION, "BEHIND_PROXY": "1", "SECURE_SSL_REDIRECT": "0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '[true, true, false, 31536000, ["HTTP_X_FORWARDED_PROTO", "https"], false]'
    )


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_migrate_creates_the_throttle_table(tmp_path):
    import sqlite3

    database = tmp_path / "fresh.sqlite3"
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{database}"}
    result = manage("migrate", "--noinput", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(database) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "quizsite_throttle" in tables


# --- what a production server sends ----------------------------------------------------------

SERVE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client

# Without collectstatic's manifest here, name static files as they are.
plain = "django.contrib.staticfiles.storage.StaticFilesStorage"
settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": plain}}

client = Client()
answers = []
for request in json.loads(sys.argv[1]):
    method, path = request.pop("method", "get"), request.pop("path")
    response = getattr(client, method)(path, **request)
    answers.append({
        "status": response.status_code,
        "headers": {name.lower(): value for name, value in response.headers.items()},
        "cookies": {name: {**dict(morsel), "value": morsel.value}
                    for name, morsel in response.cookies.items()},
        "body": response.content.decode()[:200] if not response.streaming else "",
    })
print(json.dumps(answers))
"""

HOST = {"HTTP_HOST": "quiz.example.org"}


def served(requests: list[dict], **env: str) -> list[dict]:
    """Each request's status, headers and cookies, answered by a server in production mode."""
    import json

    result = subprocess.run(
        [sys.executable, "-c", SERVE, json.dumps(requests)],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def directives(policy: str) -> dict[str, set[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: set(sources) for name, *sources in parts}


POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "connect-src": {"'self'"},
    "font-src": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'none'"},
    "object-src": {"'none'"},
}


def test_every_response_in_production_carries_the_content_security_policy():
    answers = served(
        [
            {"path": "/accounts/login/", "secure": True, **HOST},
            {"path": "/no-such-page/", "secure": True, **HOST},
            {"path": "/accounts/login/?next=%00", "secure": True, **HOST},
            {"method": "delete", "path": "/accounts/signup/", "secure": True, **HOST},
            {"path": "/healthz", "secure": True, **HOST},
            {"path": "/accounts/login/", **HOST},  # the redirect to HTTPS
        ]
    )
    assert [answer["status"] for answer in answers] == [200, 404, 400, 405, 200, 301]
    for answer in answers:
        assert directives(answer["headers"]["content-security-policy"]) == POLICY
        assert "content-security-policy-report-only" not in answer["headers"]


def test_development_reports_the_same_policy_without_enforcing_it():
    env = {"DEBUG": "1", "ALLOWED_HOSTS": "quiz.example.org"}
    [answer] = served([{"path": "/accounts/login/", **HOST}], **env)
    assert answer["status"] == 200
    assert directives(answer["headers"]["content-security-policy-report-only"]) == POLICY
    assert "content-security-policy" not in answer["headers"]


def test_the_language_cookie_is_secure_and_same_site_lax_in_production():
    [answer] = served(
        [{"method": "post", "path": "/i18n/setlang/", "data": {"language": "en"}, "secure": True,
          **HOST}]
    )  # fmt: skip
    assert answer["status"] == 302
    cookie = answer["cookies"]["django_language"]
    assert cookie["value"] == "en"
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_healthz_answers_over_plain_http_behind_a_proxy_while_pages_go_to_https():
    plain = {"HTTP_X_FORWARDED_PROTO": "http", **HOST}
    health, page = served(
        [{"path": "/healthz", **plain}, {"path": "/accounts/login/", **plain}], BEHIND_PROXY="1"
    )
    assert (health["status"], health["body"]) == (200, "ok")
    assert page["status"] == 301
    assert page["headers"]["location"] == "https://quiz.example.org/accounts/login/"


def test_no_template_has_an_inline_script_style_or_event_handler():
    import re

    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
    )
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
