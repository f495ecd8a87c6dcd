"""Steps the browser stories share: signing in, starting the seed quiz, answering a question."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from quizzes.seeding import DEMO_ACCOUNTS

SEED_SLUG = "north-korea-crypto-theft"
SEED_QUESTIONS = 14
QUESTION_URL = re.compile(r"/attempts/\d+/questions/\d+/$")
RESULT_URL = re.compile(r"/attempts/\d+/result/$")
ANSWER = "解答する"


def sign_in(page, server, username: str = "student", password: str | None = None) -> None:
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password or DEMO_ACCOUNTS[username]["password"])
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{server.url}/")


def sign_out(page) -> None:
    page.get_by_role("button", name="ログアウト").click()
    page.wait_for_load_state()


def start_seed_quiz(page, server) -> None:
    """From anywhere, signed in: the seed quiz's page, then its first question."""
    page.goto(f"{server.url}/quizzes/{SEED_SLUG}/")
    page.locator("form[action$='/start/'] button[type=submit]").click()
    page.wait_for_url(QUESTION_URL)


def fill_first_answer(page) -> None:
    """Pick the first option, or type 4 into a number or short-text question."""
    form = page.locator("form.answer-form")
    form.wait_for()
    if form.locator(".option").count():
        form.locator(".option label").first.click()
    else:
        page.locator("#answer-input").fill("4")


def answer_first(page) -> None:
    fill_first_answer(page)
    page.get_by_role("button", name=ANSWER).click()


def expect_position(page, position: int, total: int = SEED_QUESTIONS) -> None:
    expect(page.locator(".progress-count")).to_have_text(f"{position} / {total}")
