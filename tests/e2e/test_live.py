"""A live session in real browsers: the teacher's projector view and three students' phones,
from joining to the podium, one student changing device mid-way; in Japanese and in English.

Expected texts come from the translation catalogue in the page's language, so a page in the
wrong language fails.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from quizzes.models import Answer, Attempt, Classroom, LiveSession
from quizzes.seeding import DEMO_ACCOUNTS, DEMO_JOIN_CODE
from tests.factories import make_quiz

pytestmark = pytest.mark.e2e

LOCALES = {"ja": "ja-JP", "en": "en-US"}
PASSWORD = "live-e2e-password-2026"
QUESTIONS = 3  # single choice, multiple answers, true/false


def t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def ngettext(language: str, singular: str, plural: str, count: int) -> str:
    with translation.override(language):
        return translation.ngettext(singular, plural, count) % {"counter": count}


class Phone:
    """A browser context of its own: a student's phone, or the teacher's laptop."""

    def __init__(self, browser, server, language: str, username: str, password: str) -> None:
        self.browser, self.server, self.language = browser, server, language
        self.username, self.password = username, password
        self.open()

    def open(self) -> None:
        self.context = self.browser.new_context(locale=LOCALES[self.language])
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.goto(f"{self.server.url}/accounts/login/")
        self.page.locator("input[name=username]").fill(self.username)
        self.page.locator("input[name=password]").fill(self.password)
        self.page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
        self.page.wait_for_url(f"{self.server.url}/")

    def close(self) -> None:
        self.context.close()


def expect_question(phone: Phone, position: int) -> None:
    heading = t(phone.language, "Question %(position)s of %(total)s") % {
        "position": position, "total": QUESTIONS,
    }  # fmt: skip
    expect(phone.page.locator("#stage-heading")).to_have_text(heading)


def answer_first_option(phone: Phone) -> None:
    page = phone.page
    page.locator("form.answer-form .option label").first.click()
    page.locator("form.answer-form button[type=submit]").click()
    expect(page.locator(".live-recorded")).to_contain_text(t(phone.language, "Answer recorded"))


@pytest.mark.parametrize("language", list(LOCALES))
def test_a_whole_live_session_with_a_projector_and_three_phones(
    browser, seeded_server, language
):
    server = seeded_server
    classroom = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
    teacher = classroom.teacher
    quiz = make_quiz(QUESTIONS, slug="live-e2e", owner=teacher)
    quiz.classes.add(classroom)
    users = get_user_model().objects
    for name in ("hana", "kenta"):
        classroom.students.add(users.create_user(name, password=PASSWORD))
    phones: list[Phone] = []
    try:
        projector = Phone(
            browser, server, language, "teacher", DEMO_ACCOUNTS["teacher"]["password"]
        )
        phones.append(projector)
        page = projector.page
        page.goto(f"{server.url}/teach/classes/{classroom.pk}/quizzes/{quiz.slug}/live/")
        page.locator("#id_seconds_per_question").fill("120")
        page.get_by_role("button", name=t(language, "Open the live session")).click()
        page.wait_for_url(re.compile(r"/teach/live/\d+/$"))
        session = LiveSession.objects.get(quiz=quiz)
        expect(page.locator(".live-code")).to_have_text(session.code)
        expect(page.locator("figure.qr svg[role=img]")).to_be_visible()

        # Two students join from the banner on their quiz list, the third with the code.
        alice = Phone(browser, server, language, "student", DEMO_ACCOUNTS["student"]["password"])
        hana = Phone(browser, server, language, "hana", PASSWORD)
        kenta = Phone(browser, server, language, "kenta", PASSWORD)
        phones += [alice, hana, kenta]
        for phone in (alice, hana):
            phone.page.get_by_role("button", name=t(language, "Join the live quiz")).click()
            expect(phone.page.locator("#stage-heading")).to_have_text(
                t(language, "You have joined")
            )
        kenta.page.goto(f"{server.url}/live/")
        kenta.page.locator("#live-code").fill(session.code.lower())
        kenta.page.get_by_role("button", name=t(language, "Go")).click()
        kenta.page.get_by_role("button", name=t(language, "Join the live quiz")).click()
        expect(kenta.page.locator("#stage-heading")).to_have_text(t(language, "You have joined"))
        joined = ngettext(language, "%(counter)s student has joined",
                          "%(counter)s students have joined", 3)  # fmt: skip
        expect(page.locator("#live-counts")).to_have_text(joined)
        expect(page.locator("#live-names li")).to_have_count(3)

        page.get_by_role("button", name=t(language, "Start")).click()
        for position in range(1, QUESTIONS + 1):
            expect_question(projector, position)
            if position == 2:
                # kenta's phone dies; he picks up another device and is where the class is.
                kenta.close()
                kenta.open()
                kenta.page.get_by_role("button", name=t(language, "Join the live quiz")).click()
            for phone in (alice, hana, kenta):
                expect_question(phone, position)  # polled in: no reload
                expect(phone.page.locator(".live-seconds")).to_be_visible()
            for phone in (alice, hana):
                answer_first_option(phone)
            answered = t(language, "%(answered)s of %(joined)s have answered") % {
                "answered": 2, "joined": 3,
            }  # fmt: skip
            expect(page.locator("#live-counts")).to_have_text(answered)
            if position != 1:  # kenta lets the first question go by unanswered
                answer_first_option(kenta)
            page.get_by_role("button", name=t(language, "Reveal the answer")).click()
            expect(page.locator(".distribution")).to_be_visible()
            expect(page.locator(".answer-key dt")).to_have_text(t(language, "Correct answer"))
            for phone in (alice, hana, kenta):
                expect(phone.page.locator(".feedback .verdict")).to_be_visible()
            if position == 1:
                expect(kenta.page.locator(".feedback .verdict")).to_have_text(
                    t(language, "You did not answer this question.")
                )
            last = position == QUESTIONS
            label = "Show the podium" if last else "Next question"
            page.get_by_role("button", name=t(language, label)).click()

        expect(page.locator("#stage-heading")).to_have_text(t(language, "Top five"))
        expect(page.locator(".podium li")).to_have_count(3)
        for phone in (alice, hana, kenta):
            expect(phone.page.locator("#stage-heading")).to_have_text(
                t(language, "This live session is over.")
            )
            phone.page.get_by_role("link", name=t(language, "See your results")).click()
            phone.page.wait_for_url(re.compile(r"/attempts/\d+/result/$"))
    finally:
        for phone in phones:
            phone.close()

    attempts = Attempt.objects.filter(quiz=quiz)
    assert attempts.count() == 3 and all(a.is_finished for a in attempts)
    assert Answer.objects.filter(attempt__quiz=quiz).count() == 3 * QUESTIONS - 1
