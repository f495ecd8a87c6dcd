"""The teacher's path in a real browser, with a real worker process drafting in the background:
from pasting an article to a quiz her student sees, with and without JavaScript; with no
worker running, and with a worker killed mid-way."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizzes.models import Article, DraftingJob, Quiz
from quizzes.seeding import DEMO_CLASS

from .helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MARATHON = (SEEDS / "eval" / "sport_marathon.txt").read_text(encoding="utf-8")
ARTICLE_URL = re.compile(r"/teach/articles/\d+/")
NOT_RUNNING = "下書き作成の処理が動いていません"


def paste_and_draft(page, server, text: str = MARATHON) -> None:
    """From the quiz list, signed in as the teacher: two clicks to the form, one to draft."""
    page.get_by_role("link", name="授業").click()
    page.get_by_role("link", name="記事から新しいクイズを作る").click()
    page.get_by_label("記事の本文").fill(text)
    page.get_by_role("button", name="問題の下書きを作る").click()
    page.wait_for_url(ARTICLE_URL)


def pasted_article() -> Article:
    return Article.objects.get(title=MARATHON.splitlines()[0])


def drafts_are_shown(page) -> None:
    expect(page.locator("#drafts ol.drafts > li").first).to_be_visible(timeout=60_000)


def approve_first_ten_and_publish(page, title: str, approved: int = 10) -> None:
    page.get_by_role("button", name="承認する").click()
    expect(page.locator("#drafts .draft-approved")).to_have_count(approved)
    page.get_by_label("タイトル", exact=True).fill(title)
    page.get_by_label(DEMO_CLASS).check()
    page.get_by_role("button", name="公開する", exact=True).click()
    page.wait_for_url(re.compile(r"/teach/classes/\d+/$"))
    expect(page.locator("main")).to_contain_text(title)


def student_sees(page, server, title: str) -> None:
    sign_out(page)
    sign_in(page, server, "student")
    expect(page.locator("main")).to_contain_text(title)


def test_teacher_publishes_a_quiz_from_an_article_with_javascript(page, seeded_server, queue):
    queue.start()
    sign_in(page, seeded_server, "teacher")
    paste_and_draft(page, seeded_server)
    # htmx polls the progress and reloads the page once, when the drafts are there.
    drafts_are_shown(page)
    job = DraftingJob.objects.get()
    assert job.stage == "done" and job.drafts > 10 and job.owner.username == "teacher"

    # A toggle acts in place: a marker set on the page survives it.
    page.evaluate("window.__marker = 1")
    first = page.locator("#drafts ol.drafts > li").first
    first.get_by_role("button", name="却下").click()
    expect(first).to_have_class(re.compile("draft-rejected"))
    first = page.locator("#drafts ol.drafts > li").first
    first.get_by_role("button", name="却下").click()
    expect(first).to_have_class(re.compile("draft-pending"))
    # An edit in place, refused as the admin refuses it, then saved.
    card = page.locator("#drafts ol.drafts > li.draft-pending").filter(has=page.locator(".options"))
    card = card.first
    draft_id = card.get_attribute("id")
    card.get_by_role("link", name="編集").click()
    form = page.locator(f"#{draft_id} form")
    form.get_by_label("解答").fill("どれでもない")
    form.get_by_role("button", name="保存").click()
    expect(page.locator(f"#{draft_id} .error-box")).to_be_visible()
    form.get_by_role("link", name="キャンセル").click()
    expect(page.locator(f"#{draft_id} .stem")).to_be_visible()
    assert page.evaluate("window.__marker") == 1, "the page was loaded again"

    approve_first_ten_and_publish(page, "マラソンのクイズ")
    quiz = Quiz.objects.get(title="マラソンのクイズ")
    assert quiz.published and quiz.questions.count() == 10
    student_sees(page, seeded_server, "マラソンのクイズ")


def test_teacher_publishes_a_quiz_from_an_article_without_javascript(
    nojs_page, seeded_server, queue
):
    page = nojs_page
    queue.start()
    sign_in(page, seeded_server, "teacher")
    paste_and_draft(page, seeded_server)
    drafts_are_shown(page)  # the page refreshed itself until the drafts were there
    first = page.locator("#drafts ol.drafts > li").first
    first.get_by_role("button", name="承認").click()  # a plain form post, back to the card
    page.wait_for_load_state()
    expect(page.locator("#drafts ol.drafts > li").first).to_have_class(re.compile("draft-approved"))
    # One approved by hand, then the first ten still to review.
    approve_first_ten_and_publish(page, "マラソンのクイズ（JSなし）", approved=11)
    assert Quiz.objects.get(title="マラソンのクイズ（JSなし）").questions.count() == 11
    student_sees(page, seeded_server, "マラソンのクイズ（JSなし）")


def test_with_no_worker_running_the_teacher_is_told_and_drafting_starts_with_one(
    page, seeded_server, queue
):
    sign_in(page, seeded_server, "teacher")
    paste_and_draft(page, seeded_server)
    drafting = page.locator("#drafting")
    expect(drafting).to_contain_text("ワーカーを待っています")
    expect(drafting).to_contain_text(NOT_RUNNING, timeout=20_000)  # after 10 s
    expect(drafting).to_contain_text("manage.py drafting_worker")
    assert pasted_article().drafts.count() == 0
    queue.start()  # what the administrator is asked to do
    drafts_are_shown(page)
    expect(page.locator("main")).not_to_contain_text(NOT_RUNNING)


def test_a_worker_killed_mid_way_leaves_the_drafts_and_try_again_works(
    page, seeded_server, queue, settings
):
    settings.DRAFTING_SILENCE_LIMIT = settings.DRAFTING_SILENCE_LIMIT / 6  # 5 s, not 30
    queue.start()
    sign_in(page, seeded_server, "teacher")
    paste_and_draft(page, seeded_server)
    drafts_are_shown(page)
    article = pasted_article()
    before = sorted(article.drafts.values_list("pk", "prompt"))
    # Draft again, and kill the worker while it reads: the first drafts stay as they were.
    article.body = article.body + "\n\n" + "\n\n".join([MARATHON] * 12)
    article.save()
    page.get_by_role("button", name="問題の下書きを作り直す").click()
    job = DraftingJob.objects.order_by("-id").first()
    deadline = time.monotonic() + 60
    while job.stage != "finding_facts" and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.stage == "finding_facts", job.stage
    queue.kill()
    drafting = page.locator("#drafting")
    expect(drafting).to_contain_text("途中で止まりました", timeout=20_000)
    assert sorted(article.drafts.values_list("pk", "prompt")) == before
    queue.start()
    drafting.get_by_role("button", name="もう一度試す").click()
    expect(page.locator("#drafting .drafting-status")).to_contain_text("完了:", timeout=90_000)
    assert DraftingJob.objects.order_by("-id").first().stage == "done"
