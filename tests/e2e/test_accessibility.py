"""axe-core on every kind of page we serve, in Japanese, at a desktop width and a phone's.

WCAG 2.0 and 2.1, levels A and AA, and the best practice that landmarks be told apart
(landmark-unique); no rule is turned off. Of the admin, the pages teachers use (an article, a
quiz with its questions, the drafts list) are in, and must have no critical or serious
violation; the rest of the admin is Django's own and out of scope.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from quizzes.models import Attempt, Classroom, DraftingJob, QuestionDraft, Quiz
from quizzes.seeding import DEMO_JOIN_CODE
from tests.factories import positions

from .helpers import (
    ANSWER,
    SEED_QUESTIONS,
    SEED_SLUG,
    answer_first,
    sign_in,
    sign_out,
    start_seed_quiz,
)

pytestmark = pytest.mark.e2e

AXE = Axe()
User = get_user_model()
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # A best practice beside them: landmarks of one role each say which is which.
    "rules": {"landmark-unique": {"enabled": True}},
    "resultTypes": ["violations"],
}


class Audit:
    """Runs axe on each page it is shown and keeps every violation, to report them all."""

    def __init__(self, page):
        self.page = page
        self.pages: list[str] = []
        self.violations: list[str] = []

    def __call__(self, name: str, impacts: tuple[str, ...] = ()) -> None:
        """Audit the page; `impacts`, when given, keeps only violations of those impacts."""
        self.page.wait_for_load_state()
        results = AXE.run(self.page, options=OPTIONS).response
        self.pages.append(name)
        for violation in results["violations"]:
            if impacts and violation["impact"] not in impacts:
                continue
            targets = "; ".join(
                " ".join(str(part) for part in node["target"]) for node in violation["nodes"][:3]
            )
            more = len(violation["nodes"]) - 3
            self.violations.append(
                f"{name} ({self.page.url}): {violation['id']} [{violation['impact']}]"
                f" {violation['help']} -> {targets}" + (f" (+{more} more)" if more > 0 else "")
            )

    def check(self) -> None:
        report = "\n".join(self.violations)
        if report:
            print(report)
        assert not self.violations, f"{len(self.violations)} axe violations:\n{report}"


def attempt_of(username: str) -> Attempt:
    return Attempt.objects.get(student__username=username)


def answer_the_rest(page, server, audit: Audit) -> None:
    """Posts the other answers, as the form would: one right, the rest wrong, so the result
    shows both. Audits the first typed question's page on the way."""
    attempt = attempt_of("student")
    answered = set(attempt.answers.values_list("question_id", flat=True))
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    typed_seen = right_given = False
    rest = attempt.quiz.questions.exclude(pk__in=answered).prefetch_related("choices")
    for question in rest.order_by("order", "id"):
        url = f"{server.url}/attempts/{attempt.pk}/questions/{question.pk}/"
        has_options = bool(question.choices.all())
        if not has_options and not typed_seen:
            typed_seen = True
            page.goto(url)
            expect(page.locator("#answer-input")).to_be_visible()
            audit("question with a typed answer (unanswered)")
        if question.kind in ("single", "true_false") and not right_given:
            right_given = True
            form = {"choice": str(positions(attempt, question, correct=True)[0])}
        elif has_options:
            form = {"choice": str(positions(attempt, question, correct=False)[0])}
        else:
            form = {"answer": "99999" if question.kind == "numeric" else "まちがい"}
        response = page.request.post(
            url, form=form, headers={"X-CSRFToken": token}, max_redirects=0
        )
        assert response.status == 302, f"{url}: {response.status} {response.text()[:300]}"
    assert typed_seen and right_given
    assert attempt.answers.count() == SEED_QUESTIONS


def test_every_page_has_no_axe_violations(sized_page, seeded_server):
    page, server = sized_page, seeded_server
    audit = Audit(page)

    # Signed out.
    page.goto(f"{server.url}/accounts/login/")
    audit("login")
    page.goto(f"{server.url}/accounts/signup/")
    audit("signup")
    page.get_by_role("button", name="アカウントを作成").click()
    expect(page.locator(".field-error").first).to_be_visible()
    # The focus is on the first field in error, which says why.
    expect(page.locator("[aria-invalid='true']:focus")).to_have_count(1)
    audit("signup, refused (400)")
    page.goto(f"{server.url}/accounts/login/")
    page.locator("#id_username").fill("student")
    page.locator("#id_password").fill("wrong password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-box:focus")).to_have_count(1)
    audit("login, refused")
    page.goto(f"{server.url}/")
    audit("quiz list, signed out")
    page.goto(f"{server.url}/no-such-page/")
    expect(page.locator(".error-box h1")).to_be_visible()
    audit("404")

    # A student takes the quiz, with an invitation to another class waiting.
    classroom = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
    other = Classroom.objects.create(name="2年B組", teacher=classroom.teacher)
    other.invite("student", invited_by=classroom.teacher)
    sign_in(page, server)
    expect(page.locator(".invitations")).to_be_visible()
    audit("quiz list")
    page.goto(f"{server.url}/quizzes/{SEED_SLUG}/")
    audit("quiz detail")
    start_seed_quiz(page, server)
    audit("question (unanswered)")
    page.get_by_role("button", name=ANSWER).click()  # nothing chosen: a 400 swapped in
    expect(page.locator("#answer-error")).to_be_visible()
    audit("question, empty answer refused (400 via htmx)")
    # The same refusal as a whole page, as without JavaScript: submit() bypasses htmx.
    with page.expect_navigation():  # to the question's own address, which answers a POST
        page.evaluate("document.querySelector('form.answer-form').submit()")
    expect(page.locator("#answer-error")).to_be_visible()
    audit("question, empty answer refused (400 page)")
    answer_first(page)
    expect(page.locator("#answer-area .feedback")).to_be_visible()
    audit("question with feedback (htmx)")
    answer_the_rest(page, server, audit)
    page.goto(f"{server.url}/attempts/{attempt_of('student').pk}/result/")
    expect(page.locator(".question-grid .cell")).to_have_count(SEED_QUESTIONS)
    expect(page.locator(".review .feedback-correct").first).to_be_visible()
    expect(page.locator(".review .feedback-incorrect").first).to_be_visible()
    audit("result, with answers right and wrong")
    page.get_by_role("link", name="間違えた問題を練習する").click()
    expect(page.locator(".preview-banner")).to_be_visible()
    audit("practice (unanswered)")
    answer_first(page)
    expect(page.locator("#answer-area .feedback")).to_be_visible()
    audit("practice with feedback (htmx)")
    page.goto(f"{server.url}/quizzes/{SEED_SLUG}/")
    audit("quiz detail with an attempt")
    page.goto(f"{server.url}/history/")
    audit("history")
    page.goto(f"{server.url}/classes/join/")
    audit("join a class")
    page.get_by_role("button", name="参加する").click()
    expect(page.locator("#join-error")).to_be_visible()
    audit("join a class, refused (400)")
    sign_out(page)

    # A classmate types wrong passwords for her name: signing in pauses.
    for _ in range(5):
        page.goto(f"{server.url}/accounts/login/")
        page.get_by_label("ユーザー名").fill("student")
        page.get_by_label("パスワード").fill("wrong")
        page.get_by_role("button", name="ログイン").click()
    expect(page.locator(".error-box h1")).to_have_text("ログインを一時停止しています")
    audit("sign-in paused (429)")

    # Her teacher.
    classroom = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
    quiz = Quiz.objects.get(slug=SEED_SLUG)
    sign_in(page, server, "teacher")
    page.goto(f"{server.url}/teach/")
    audit("teacher: classes")
    page.goto(f"{server.url}/teach/classes/{classroom.pk}/")
    expect(page.locator(".paused")).to_be_visible()
    audit("teacher: class, a student's sign-in paused")
    page.get_by_role("button", name="student さんのログイン停止を解除する").click()
    expect(page.locator(".messages")).to_contain_text("student さんは再びログインできます。")
    expect(page.locator(".paused")).to_have_count(0)
    audit("teacher: class")
    page.get_by_role("link", name="student さんの新しいパスワードを設定").click()
    audit("teacher: a new password for a student")
    page.locator("#id_new_password1").fill("a new pass phrase 2027")
    page.locator("#id_new_password2").fill("another pass phrase")
    page.get_by_role("button", name="新しいパスワードを設定する").click()
    expect(page.locator("#id_new_password2")).to_be_focused()
    audit("teacher: a new password, refused (400)")
    page.goto(f"{server.url}/teach/classes/{classroom.pk}/quizzes/{quiz.slug}/")
    expect(page.locator("table tbody tr")).to_have_count(1)
    audit("teacher: gradebook")
    page.goto(f"{server.url}/teach/classes/{classroom.pk}/quizzes/{quiz.slug}/statistics/")
    audit("teacher: statistics")
    attempt = attempt_of("student")
    page.goto(f"{server.url}/teach/classes/{classroom.pk}/attempts/{attempt.pk}/")
    audit("teacher: an attempt answer by answer")
    page.locator("form[action$='/accept/'] button").first.click()
    expect(page.locator(".messages")).to_be_visible()
    audit("teacher: an answer accepted for one student")
    typed = quiz.questions.filter(kind="text").first()
    page.goto(f"{server.url}/teach/classes/{classroom.pk}/quizzes/{quiz.slug}/questions/{typed.pk}/")
    audit("teacher: a question's answers and changes to its marks")
    page.locator("#accept-text").fill("ラザルス・グループ")
    page.get_by_role("button", name="全員について正解にする", exact=True).click()
    expect(page.locator(".regrades")).to_be_visible()
    audit("teacher: an answer accepted for everyone, recorded")
    page.goto(f"{server.url}/teach/classes/{classroom.pk}/quizzes/{quiz.slug}/")
    expect(page.locator(".regrades li")).to_have_count(2)
    audit("teacher: gradebook with changes to the marks")
    student = classroom.students.get(username="student")
    page.goto(f"{server.url}/teach/classes/{classroom.pk}/students/{student.pk}/")
    audit("teacher: a student's history")
    page.goto(f"{server.url}/teach/preview/{quiz.slug}/")
    expect(page.locator(".preview-banner")).to_be_visible()
    audit("teacher: preview")
    answer_first(page)
    expect(page.locator("#answer-area .feedback")).to_be_visible()
    audit("teacher: preview with feedback")
    page.goto(f"{server.url}/teach/classes/{classroom.pk + 1000}/")
    expect(page.locator(".error-box h1")).to_be_visible()
    audit("teacher: 404")
    author_pages(page, server, audit, quiz)

    audit.check()


def author_pages(page, server, audit: Audit, quiz: Quiz) -> None:
    """The teacher's path from an article to a quiz, and the admin pages she uses."""
    article = quiz.article
    draft_some(article)
    page.goto(f"{server.url}/teach/articles/new/")
    audit("teacher: new quiz from an article")
    page.get_by_role("button", name="問題の下書きを作る").click()  # nothing pasted: refused
    expect(page.locator(".error-box")).to_be_visible()
    page.wait_for_load_state()  # the refused post has landed before the next page is asked for
    audit("teacher: new quiz from an article, refused (400)")
    job = DraftingJob.objects.create(
        article=article, owner=User.objects.get(username="teacher"), stage="finding_facts",
        sentences=40, sentences_read=12,
    )  # fmt: skip
    page.goto(f"{server.url}/teach/articles/{article.pk}/")
    expect(page.locator("#drafting progress")).to_be_visible()
    audit("teacher: article, drafting in progress")
    job.report(DraftingJob.Stage.DONE, drafts=3)
    page.goto(f"{server.url}/teach/articles/{article.pk}/")
    expect(page.locator("#drafts")).to_be_visible()
    audit("teacher: article with its drafts")
    first = page.locator("#drafts ol.drafts > li").first
    first.get_by_role("link", name="編集").click()
    expect(page.locator("#drafts form.stack").first).to_be_visible()
    audit("teacher: a draft edited in place")
    page.get_by_role("button", name="公開する", exact=True).click()  # no class chosen: refused
    expect(page.locator("#publish .field-error").first).to_be_visible()
    audit("teacher: publish refused (400)")

    serious = ("critical", "serious")
    page.goto(f"{server.url}/admin/")
    expect(page.locator("#site-name")).to_contain_text("quizsite")
    audit("admin: index", serious)
    page.goto(f"{server.url}/admin/quizzes/article/{article.pk}/change/")
    audit("admin: an article with its facts", serious)
    page.goto(f"{server.url}/admin/quizzes/quiz/{quiz.pk}/change/")
    audit("admin: a quiz with its questions", serious)
    page.goto(f"{server.url}/admin/quizzes/questiondraft/?article__id__exact={article.pk}")
    audit("admin: the drafts list", serious)


def draft_some(article) -> None:
    for n, status in enumerate(["pending", "approved", "rejected"]):
        QuestionDraft.objects.create(
            article=article, owner=article.owner, kind="single",
            prompt=f"問{n}\n北朝鮮は【　　】を盗んだ。",
            answer="暗号資産", choices=["暗号資産", "金塊", "美術品", "株券"],
            source_sentence="北朝鮮は暗号資産を盗んだ。", score=1 - n / 10, status=status,
        )  # fmt: skip


def test_live_pages_have_no_axe_violations(browser, sized_page, seeded_server):
    """The projector view in each phase, and a student's live page beside it, same width."""
    from quizzes.models import LiveSession
    from tests.factories import make_quiz

    page, server = sized_page, seeded_server
    classroom = Classroom.objects.get(join_code=DEMO_JOIN_CODE)
    quiz = make_quiz(2, slug="live-axe", owner=classroom.teacher)
    quiz.classes.add(classroom)
    teacher, student = Audit(page), None
    sign_in(page, server, "teacher")
    page.goto(f"{server.url}/teach/classes/{classroom.pk}/quizzes/{quiz.slug}/live/")
    teacher("teacher: live session settings")
    page.get_by_role("button", name="ライブを開く").click()
    page.wait_for_url(re.compile(r"/teach/live/\d+/$"))
    session = LiveSession.objects.get(quiz=quiz)

    context = browser.new_context(locale="ja-JP", viewport=page.viewport_size)
    try:
        phone = context.new_page()
        phone.set_default_timeout(10_000)
        student = Audit(phone)
        sign_in(phone, server)
        expect(phone.locator(".live-banner")).to_be_visible()
        student("quiz list with a live session")
        phone.goto(f"{server.url}/live/")
        student("join a live quiz by code")
        phone.goto(f"{server.url}/live/{session.code}/")
        student("live page, not joined yet")
        phone.get_by_role("button", name="ライブに参加する").click()
        expect(phone.locator("#stage-heading")).to_have_text("参加しました")
        student("live page: waiting to start")
        expect(page.locator("#live-names li")).to_have_count(1)
        teacher("projector: waiting, with the code and the QR code")

        page.get_by_role("button", name="開始").click()
        expect(page.locator(".live-seconds")).to_be_visible()
        teacher("projector: a question with its countdown")
        expect(phone.locator("form.answer-form")).to_be_visible()
        student("live page: a question")
        phone.get_by_role("button", name=ANSWER).click()  # nothing chosen: refused
        expect(phone.locator("#answer-error")).to_be_visible()
        student("live page: an empty answer refused")
        phone.locator("form.answer-form .option label").first.click()
        phone.get_by_role("button", name=ANSWER).click()
        expect(phone.locator(".live-recorded")).to_be_visible()
        student("live page: answer recorded")
        page.get_by_role("button", name="正解を発表する").click()
        expect(page.locator(".distribution")).to_be_visible()
        teacher("projector: the reveal")
        expect(phone.locator(".feedback .verdict")).to_be_visible()
        student("live page: the verdict")
        page.get_by_role("button", name="次の問題へ").click()
        expect(phone.locator(".live-seconds")).to_be_visible()
        page.get_by_role("button", name="ライブを終了する").click()
        expect(page.locator(".podium")).to_be_visible()
        teacher("projector: the podium")
        expect(phone.locator(".podium")).to_be_visible()
        student("live page: the end")
    finally:
        context.close()
    teacher.check()
    student.check()
