"""The Content-Security-Policy holds in a real browser: no page needs an inline script or style.

The tests enforce the production policy (quizsite/settings_test.py). Every violation the
browser reports (`securitypolicyviolation` events and its console's "Refused to ..." lines) is
collected across a whole student story, with htmx swapping feedback in place, and across the
teacher's pages and the admin pages a teacher uses.
"""

from __future__ import annotations

import re

import pytest

from quizzes.models import Quiz

from .helpers import (
    QUESTION_URL,
    RESULT_URL,
    SEED_QUESTIONS,
    SEED_SLUG,
    answer_first,
    sign_in,
    sign_out,
    start_seed_quiz,
)

pytestmark = pytest.mark.e2e

REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} on ${document.location.pathname}`
  );
});
"""


class PolicyWatch:
    """Collects every CSP violation and every page served without the enforced policy."""

    def __init__(self, page) -> None:
        self.violations: list[str] = []
        self.unprotected: list[str] = []
        self.pages: list[str] = []
        page.expose_function("reportCspViolation", self._report)
        page.add_init_script(REPORTER)
        page.on("console", self._console)
        page.on("response", self._response)

    def _report(self, violation: str) -> None:
        self.violations.append(violation)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(f"console: {message.text}")

    def _response(self, response) -> None:
        if response.request.resource_type != "document":
            return
        self.pages.append(response.url)
        policy = response.headers.get("content-security-policy", "")
        if "script-src 'self'" not in policy or "style-src 'self'" not in policy:
            self.unprotected.append(f"{response.status} {response.url}: {policy!r}")

    def check(self, at_least: int) -> None:
        assert len(self.pages) >= at_least, self.pages
        assert not self.unprotected, "\n".join(self.unprotected)
        assert not self.violations, "\n".join(self.violations)


def test_a_whole_student_story_meets_no_policy_violation(page, seeded_server):
    watch = PolicyWatch(page)
    server = seeded_server.url
    sign_in(page, seeded_server)
    page.goto(f"{server}/quizzes/{SEED_SLUG}/")
    start_seed_quiz(page, seeded_server)
    for position in range(1, SEED_QUESTIONS + 1):
        answer_first(page)
        page.locator(".feedback").wait_for()  # swapped in by htmx, no page load
        page.locator("p.next a").click()
        page.wait_for_url(QUESTION_URL if position < SEED_QUESTIONS else RESULT_URL)
    page.goto(f"{server}/history/")
    page.locator("svg").first.wait_for()
    page.goto(f"{server}/classes/join/")
    page.goto(f"{server}/no-such-page/")
    sign_out(page)
    watch.check(at_least=SEED_QUESTIONS + 6)


def test_a_timed_question_and_the_teachers_pages_meet_no_policy_violation(page, seeded_server):
    quiz = Quiz.objects.get(slug=SEED_SLUG)
    quiz.time_limit_minutes = 20  # the countdown script runs on the question page
    quiz.save()
    watch = PolicyWatch(page)
    server = seeded_server.url
    sign_in(page, seeded_server)
    start_seed_quiz(page, seeded_server)
    page.locator(".countdown-left").wait_for()
    sign_out(page)

    sign_in(page, seeded_server, "teacher")
    page.goto(f"{server}/teach/")
    page.locator("main a[href*='/teach/classes/']").first.click()
    page.wait_for_url(re.compile(r"/teach/classes/\d+/$"))
    class_url = page.url
    page.goto(f"{class_url}quizzes/{SEED_SLUG}/")
    page.goto(f"{class_url}quizzes/{SEED_SLUG}/statistics/")
    page.goto(f"{server}/teach/preview/{SEED_SLUG}/")
    for path in (
        "/admin/",
        "/admin/quizzes/quiz/",
        f"/admin/quizzes/quiz/{quiz.pk}/change/",
        f"/admin/quizzes/question/{quiz.questions.first().pk}/change/",
        f"/admin/quizzes/article/{quiz.article_id}/change/",
        "/admin/quizzes/questiondraft/",
    ):
        page.goto(f"{server}{path}")
    watch.check(at_least=12)
