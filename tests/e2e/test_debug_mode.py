"""With DEBUG on (`make run`): refusals stay in place, and Django's technical error pages, which
a developer needs in full, still replace the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt, Question

from .helpers import ANSWER, SEED_SLUG, sign_in, start_seed_quiz

pytestmark = pytest.mark.e2e


def test_a_server_error_under_htmx_shows_djangos_debug_page_in_full(
    page, seeded_server, settings, monkeypatch
):
    from quizzes import views

    settings.DEBUG = True

    def boom(*args, **kwargs):
        raise RuntimeError("grading broke on purpose")

    monkeypatch.setattr(views.grading, "grade", boom)
    text = Question.objects.filter(quiz__slug=SEED_SLUG, kind="text").first()
    sign_in(page, seeded_server)
    start_seed_quiz(page, seeded_server)
    attempt = Attempt.objects.get(student__username="student")
    page.goto(f"{seeded_server.url}/attempts/{attempt.pk}/questions/{text.pk}/")
    page.locator("#answer-input").fill("ラザルス")
    page.get_by_role("button", name=ANSWER).click()
    expect(page.locator("#summary h1")).to_contain_text("RuntimeError")
    expect(page.locator("header.site-header")).to_have_count(0)
