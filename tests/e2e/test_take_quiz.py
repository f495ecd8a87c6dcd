"""A student takes the seed quiz in a real browser, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Answer
from quizzes.seeding import DEMO_ACCOUNTS

pytestmark = pytest.mark.e2e


def sign_in(page, server, username="student"):
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(DEMO_ACCOUNTS[username]["password"])
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{server.url}/")


def answer_first_option(page):
    page.locator(".option label").first.click()
    page.get_by_role("button", name="解答する").click()


def test_feedback_appears_in_place_without_a_page_load(page, seeded_server):
    sign_in(page, seeded_server)
    page.get_by_role("link", name="北朝鮮のサイバー攻撃と資金調達").click()
    page.get_by_role("button", name="クイズを始める").click()
    page.wait_for_url(re.compile(r"/questions/\d+/$"))
    assert page.locator(".progress-count").inner_text() == "1 / 14"
    question_url = page.url
    page.evaluate("window.__stillTheSamePage = true")

    answer_first_option(page)
    feedback = page.locator(".feedback")
    feedback.wait_for()
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was reloaded"
    assert page.url == question_url
    assert feedback.locator(".verdict").inner_text().strip() in {
        "✘ 不正解 (1点中0点)",
        "✔ 正解 (1点中1点)",
    }
    assert feedback.locator("blockquote mark").count() == 1
    expect(feedback).to_be_focused()  # focus moves once htmx has settled the swap
    status = page.locator("#answer-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() in {"正解", "不正解"}

    page.get_by_role("link", name="次の問題へ").click()
    page.wait_for_url(re.compile(r"/questions/\d+/$"))
    assert page.locator(".progress-count").inner_text() == "2 / 14"
    assert Answer.objects.count() == 1


def test_quiz_works_without_javascript(nojs_page, seeded_server):
    page = nojs_page
    sign_in(page, seeded_server)
    page.goto(f"{seeded_server.url}/quizzes/north-korea-crypto-theft/")
    page.get_by_role("button", name="クイズを始める").click()
    page.wait_for_url(re.compile(r"/questions/\d+/$"))
    answer_first_option(page)
    page.locator(".feedback").wait_for()
    assert page.locator(".feedback blockquote").count() == 1
    page.get_by_role("link", name="次の問題へ").click()
    assert page.locator(".progress-count").inner_text() == "2 / 14"
    # An empty submit is refused with a message, and nothing is recorded.
    page.get_by_role("button", name="解答する").click()
    assert page.get_by_role("alert").inner_text() == "先に答えを選んでください。"
    assert Answer.objects.count() == 1
