"""Whole stories in a real browser: a student's quiz from sign-in to history, with and without
JavaScript; a refused answer; a teacher's edit in the admin reaching students; back, forward and
reload in the middle of an attempt; the keyboard alone.

Every story runs twice: with DEBUG off, as in production, and with DEBUG on, as under `make run`,
where django-htmx's debug handler once replaced the whole page with any 4xx answer."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Answer, Attempt, Question, Quiz

from .helpers import (
    ANSWER,
    QUESTION_URL,
    RESULT_URL,
    SEED_QUESTIONS,
    SEED_SLUG,
    answer_first,
    expect_position,
    sign_in,
    start_seed_quiz,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True, params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def take_the_whole_quiz(page, in_place: bool) -> None:
    """Answer every question (first option, or 4) and follow Next to the result page.

    With htmx (`in_place`), a marker set on the page before each Answer must survive it: the
    feedback is swapped in, not loaded with a new page. Without JavaScript the form posts and
    the server redirects back to the same question, now with its feedback.
    """
    for position in range(1, SEED_QUESTIONS + 1):
        expect_position(page, position)
        question_url = page.url
        page.evaluate("position => { window.__marker = position }", position)
        answer_first(page)
        feedback = page.locator("#answer-area .feedback")
        expect(feedback).to_be_visible()
        assert page.url == question_url
        marker = page.evaluate("window.__marker")
        if in_place:
            assert marker == position, f"question {position}: the page was loaded again"
        else:
            assert marker is None, f"question {position}: no JavaScript, yet no new page"
        expect(page.locator("form.answer-form")).to_have_count(0)
        page.locator(".next a").click()
        page.wait_for_url(lambda url, before=question_url: url != before)
    page.wait_for_url(RESULT_URL)


def check_result_and_history(page, server) -> None:
    attempt = Attempt.objects.get(student__username="student")
    assert attempt.is_finished
    assert attempt.answers.count() == SEED_QUESTIONS
    expect(page.locator(".score")).to_be_visible()
    expect(page.locator("ol.review > li")).to_have_count(SEED_QUESTIONS)

    page.goto(f"{server.url}/history/")
    title = Quiz.objects.get(slug=SEED_SLUG).title
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(title)
    expect(rows.first).to_contain_text(f"/ {attempt.max_score}")
    chart = page.locator('figure.chart svg[role="img"]')
    expect(chart).to_have_count(1)
    assert title in chart.locator("desc").text_content()


def test_student_takes_the_whole_quiz_with_feedback_in_place(page, seeded_server):
    sign_in(page, seeded_server)
    start_seed_quiz(page, seeded_server)
    take_the_whole_quiz(page, in_place=True)
    check_result_and_history(page, seeded_server)


def test_student_takes_the_whole_quiz_without_javascript(nojs_page, seeded_server):
    page = nojs_page
    sign_in(page, seeded_server)
    start_seed_quiz(page, seeded_server)
    take_the_whole_quiz(page, in_place=False)
    check_result_and_history(page, seeded_server)


def test_a_word_typed_into_a_number_question_is_refused_in_place(page, seeded_server, debug):
    numeric = Question.objects.filter(quiz__slug=SEED_SLUG, kind="numeric").first()
    sign_in(page, seeded_server)
    start_seed_quiz(page, seeded_server)
    attempt = Attempt.objects.get(student__username="student")
    page.goto(f"{seeded_server.url}/attempts/{attempt.pk}/questions/{numeric.pk}/")
    question_url = page.url
    page.evaluate("window.__marker = 'still here'")
    page.locator("#answer-input").fill("たくさん")
    page.get_by_role("button", name=ANSWER).click()

    error = page.locator("#answer-area #answer-error")
    expect(error).to_have_text("数値を入力してください（例: 1,200 や 16億5050万）。")
    # In place: the same page, styled, its header still there, nothing recorded.
    assert page.evaluate("window.__marker") == "still here"
    assert page.url == question_url
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator("#question-prompt")).to_be_visible()
    assert not attempt.answers.exists()
    # What she typed is kept, and the focus is in the box, ready to correct it.
    expect(page.locator("#answer-input")).to_have_value("たくさん")
    expect(page.locator("#answer-input")).to_be_focused()

    page.locator("#answer-input").fill("16億5050万")
    page.get_by_role("button", name=ANSWER).click()
    expect(page.locator("#answer-area .feedback")).to_be_visible()
    assert attempt.answers.count() == 1


def test_a_teachers_edit_in_the_admin_reaches_students(browser, page, seeded_server):
    question = Question.objects.filter(quiz__slug=SEED_SLUG).order_by("order", "id").first()
    new_prompt = "改訂した問題文：北朝鮮の暗号資産窃取について、正しいものはどれですか。"
    assert question.prompt != new_prompt

    sign_in(page, seeded_server, "teacher")
    page.goto(f"{seeded_server.url}/admin/quizzes/question/{question.pk}/change/")
    page.locator("#id_prompt").fill(new_prompt)
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/admin/quizzes/question/(\?.*)?$"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    question.refresh_from_db()
    assert question.prompt == new_prompt

    context = browser.new_context(locale="ja-JP")
    try:
        student = context.new_page()
        student.set_default_timeout(10_000)
        sign_in(student, seeded_server)
        start_seed_quiz(student, seeded_server)
        attempt = Attempt.objects.get(student__username="student")
        student.goto(f"{seeded_server.url}/attempts/{attempt.pk}/questions/{question.pk}/")
        expect(student.locator("#question-prompt")).to_have_text(new_prompt)
    finally:
        context.close()


def expect_locked_feedback(page, position: int) -> None:
    expect_position(page, position)
    expect(page.locator("#answer-area .feedback")).to_be_visible()
    expect(page.locator("form.answer-form")).to_have_count(0)


def back_reload_forward(page, server, *, check_back: bool) -> None:
    """Answer Q1, go on to Q2, press back, reload, go forward: one answer, Q2 still open."""
    sign_in(page, server)
    start_seed_quiz(page, server)
    first_url = page.url
    answer_first(page)
    expect_locked_feedback(page, 1)
    page.locator(".next a").click()
    page.wait_for_url(lambda url: url != first_url)
    expect_position(page, 2)
    second_url = page.url

    page.go_back()
    assert page.url == first_url
    if check_back:
        expect_locked_feedback(page, 1)
    page.reload()
    assert page.url == first_url
    expect_locked_feedback(page, 1)

    page.go_forward()
    assert page.url == second_url
    expect_position(page, 2)
    expect(page.locator("form.answer-form")).to_be_visible()
    # Focus moves on to the next question: its heading, so its prompt is read first.
    expect(page.locator("#question-heading")).to_be_focused()
    expect(page.locator("#answer-area .feedback")).to_have_count(0)
    attempt = Attempt.objects.get(student__username="student")
    assert Answer.objects.filter(attempt=attempt).count() == 1
    assert not attempt.is_finished

    # Still answerable: the second answer is recorded as the second, nothing else.
    answer_first(page)
    expect_locked_feedback(page, 2)
    assert Answer.objects.filter(attempt=attempt).count() == 2


def test_back_button_shows_the_locked_feedback(page, seeded_server):
    back_reload_forward(page, seeded_server, check_back=True)


def test_reload_and_forward_after_back_keep_an_attempt_consistent(page, seeded_server):
    back_reload_forward(page, seeded_server, check_back=False)


def tab_until(page, selector: str, limit: int = 40) -> int:
    """Press Tab until the focused element matches selector; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return presses
    focused = page.evaluate("document.activeElement?.outerHTML.slice(0, 200)")
    raise AssertionError(f"{limit} Tabs never reached {selector}; the focus is on {focused}")


def test_keyboard_alone_answers_and_moves_on(page, seeded_server):
    sign_in(page, seeded_server)
    start_seed_quiz(page, seeded_server)
    expect_position(page, 1)
    assert page.locator("form.answer-form .option").count() > 1, "the first question has options"

    question_url = page.url
    tab_until(page, "form.answer-form #choice-1")
    page.keyboard.press("Space")
    expect(page.locator("form.answer-form .option input").first).to_be_checked()
    # A radio group is one stop: the next Tab leaves it for the Answer button.
    assert tab_until(page, "form.answer-form button[type=submit]") == 1
    page.keyboard.press("Enter")

    expect(page.locator("#answer-area .feedback")).to_be_visible()
    expect(page.locator(".feedback:focus-within")).to_have_count(1)
    tab_until(page, ".next a", limit=10)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != question_url and QUESTION_URL.search(url) is not None)
    expect_position(page, 2)
    expect(page.locator("form.answer-form")).to_be_visible()
