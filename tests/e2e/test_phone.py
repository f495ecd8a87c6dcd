"""Pages made for a phone: Chromium at 390×844, the width of the phone the class used."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Classroom
from quizzes.seeding import DEMO_ACCOUNTS, DEMO_JOIN_CODE

from .helpers import SEED_SLUG, answer_first, start_seed_quiz

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

# Latin words whose letters do not all sit on one line: "Sco / re" is one.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  const range = document.createRange();
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.data.matchAll(/[A-Za-z]{2,}/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
        );
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture(params=["ja-JP", "en-US"])
def phone(browser, request):
    context = browser.new_context(locale=request.param, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in_as(page, server, username: str) -> None:
    page.goto(f"{server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_ACCOUNTS[username]["password"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/")


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("username", ["student", "teacher"])
def test_the_header_is_one_compact_row(phone, seeded_server, username):
    sign_in_as(phone, seeded_server, username)
    header = phone.locator("header.site-header").bounding_box()
    assert header["height"] <= 56, header
    items = phone.locator("header.site-header").locator("a:visible, button:visible")
    boxes = [items.nth(i).bounding_box() for i in range(items.count())]
    assert len(boxes) >= 4
    middles = {round(box["y"] + box["height"] / 2) for box in boxes}
    assert max(middles) - min(middles) <= 4, boxes  # one row
    assert all(box["x"] + box["width"] <= PHONE["width"] for box in boxes), boxes


def test_next_stays_in_view_after_every_answer(browser, seeded_server):
    context = browser.new_context(locale="ja-JP", viewport=PHONE)
    page = context.new_page()
    try:
        sign_in_as(page, seeded_server, "student")
        start_seed_quiz(page, seeded_server)
        for _position in range(1, 6):
            question_url = page.url
            answer_first(page)
            expect(page.locator("#answer-area .feedback")).to_be_visible()
            expect(page.locator(".feedback:focus-within")).to_have_count(1)
            # The feedback's verdict is read first, and Next is on the screen with it.
            assert in_view(page, "#answer-area .verdict")
            assert in_view(page, ".next a"), page.locator(".next a").bounding_box()
            page.locator(".next a").click()
            page.wait_for_url(lambda url, before=question_url: url != before)
    finally:
        context.close()


def test_statistics_are_cards_in_plain_words_with_no_word_broken(phone, seeded_server):
    sign_in_as(phone, seeded_server, "teacher")
    classroom = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
    phone.goto(f"{seeded_server.url}/teach/classes/{classroom.pk}/quizzes/{SEED_SLUG}/statistics/")
    cards = phone.locator(".stat-card")
    expect(cards).to_have_count(14)
    for n in range(cards.count()):
        assert cards.nth(n).bounding_box()["width"] >= PHONE["width"] - 40
    # Once 24,700 px, a column of one character per line; now about a screen per two cards.
    assert phone.evaluate("document.documentElement.scrollHeight") < 14 * 600
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(phone.locator("#terms")).to_be_attached()
    assert phone.evaluate(BROKEN_WORDS, "main") == []


def test_the_gradebook_breaks_no_word(phone, seeded_server):
    sign_in_as(phone, seeded_server, "teacher")
    classroom = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
    phone.goto(f"{seeded_server.url}/teach/classes/{classroom.pk}/quizzes/{SEED_SLUG}/")
    assert phone.evaluate(BROKEN_WORDS, "main") == []
    assert phone.evaluate(BROKEN_WORDS, "header") == []


def test_japanese_breaks_between_phrases_and_labels_stay_whole(browser, seeded_server):
    context = browser.new_context(locale="ja-JP", viewport=PHONE)
    page = context.new_page()
    try:
        sign_in_as(page, seeded_server, "student")
        start_seed_quiz(page, seeded_server)
        word_break = "s => getComputedStyle(document.querySelector(s)).wordBreak"
        assert page.evaluate(word_break, "#question-heading") == "auto-phrase"
        assert page.evaluate(word_break, "#question-prompt") == "auto-phrase"
        # A label such as ログアウト is never split across two lines.
        sign_out = page.locator("header button", has_text="ログアウト")
        assert sign_out.evaluate("b => b.getClientRects().length") == 1
        assert sign_out.bounding_box()["height"] < 30
    finally:
        context.close()


def test_the_result_opens_with_the_tally_and_a_grid_that_jumps_to_each_question(
    browser, seeded_server
):
    from .helpers import SEED_QUESTIONS

    context = browser.new_context(locale="ja-JP", viewport=PHONE)
    page = context.new_page()
    try:
        sign_in_as(page, seeded_server, "student")
        start_seed_quiz(page, seeded_server)
        for _position in range(SEED_QUESTIONS):
            question_url = page.url
            answer_first(page)
            page.locator(".next a").click()
            page.wait_for_url(lambda url, before=question_url: url != before)
        tally = re.compile(r"^14問中\d+問正解(、\d+問部分正解)?（\d+%）$")
        expect(page.locator(".score")).to_have_text(tally)
        cells = page.locator(".question-grid .cell")
        expect(cells).to_have_count(SEED_QUESTIONS)
        # The whole grid is on the first screen, in rows of squares a thumb can hit.
        assert in_view(page, ".question-grid")
        assert cells.first.bounding_box()["height"] >= 44
        cells.nth(11).click()
        page.wait_for_url(re.compile(r"#q-12$"))
        assert in_view(page, "#q-12 .prompt"), (
            page.locator("#q-12 .prompt").bounding_box(), page.evaluate("window.scrollY")
        )
    finally:
        context.close()
