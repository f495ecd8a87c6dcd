"""A teacher's path on /teach/: paste an article, draft in the background, review the drafts as
cards, publish them as a quiz to her class; every bad input refused, nothing stored.

Tasks run at once here (the test settings' ImmediateBackend); tests/e2e runs a real worker.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from quizzes.generation import quality
from quizzes.models import Article, DraftingJob, Question, QuestionDraft, Quiz

from .conftest import htmx

pytestmark = pytest.mark.django_db

ARTICLE = (
    "東京都の新予算\n\n"
    "東京都は2024年3月、総額38億円の防災予算を決めた。\n"
    "予算は都内の62校の耐震工事に使われる。\n"
    "工事は2025年4月に始まり、2027年3月に終わる予定だ。\n"
    "小池百合子知事は「都民の安全を守る」と話した。\n\n"
    "防災予算のうち12億円は、多摩地域の18か所の避難所に充てる。\n"
    "都によると、避難所の収容人数は合わせて約4万2,000人に増える。\n"
    "非常用の発電機は2026年度までに340台を配備する。\n"
    "備蓄する飲料水は前年度比35%増の260万リットルとなる。\n"
    "都議会は6月12日の本会議で予算案を可決した。\n"
    "賛成は98票、反対は24票だった。\n"
    "耐震工事の対象校のうち、最も古い校舎は1962年に建てられた。\n"
)
NEW = reverse("teach:new-article")


@pytest.fixture(autouse=True)
def in_english(teacher_client, other_teacher_client):
    """Messages are checked in English; in Japanese where a test asks for it."""
    for client in (teacher_client, other_teacher_client):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def paste(client, body: str = ARTICLE, **fields):
    data = {"body": body, "title": "", "source_url": "", "published_on": "", "language": "ja"}
    data.update(fields)
    return client.post(NEW, data)


@pytest.fixture
def drafted(teacher_client) -> Article:
    """The article pasted and drafted (at once, in this process)."""
    response = paste(teacher_client)
    assert response.status_code == 302
    return Article.objects.get()


def page_of(client, article: Article, **headers) -> str:
    response = client.get(reverse("teach:article", args=[article.pk]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_teacher_pastes_an_article_and_sees_her_drafts_best_first(teacher_client, teacher):
    response = paste(teacher_client, published_on="2024-03-05")
    article = Article.objects.get()
    assert response.url == reverse("teach:article", args=[article.pk])
    assert article.title == "東京都の新予算" and str(article.published_on) == "2024-03-05"
    job = DraftingJob.objects.get()
    assert (job.owner, job.article, job.stage) == (teacher, article, "done")
    assert job.sentences >= 4 and job.facts >= 4 and job.drafts == article.drafts.count() > 0
    assert job.task_id
    page = page_of(teacher_client, article)
    best = article.drafts.best_first().first()
    assert page.index(f'id="draft-{best.pk}"') < page.index('id="publish"')
    assert "<mark>【　　】</mark>" in page  # the blank, marked in the stem


def test_the_page_marks_the_right_option_and_the_hidden_words(teacher_client, drafted):
    draft = drafted.drafts.filter(kind="single").select_related("fact").first()
    page = page_of(teacher_client, drafted)
    card = page[page.index(f'id="draft-{draft.pk}"') :]
    card = card[: card.index("</li>\n", card.index("</blockquote>"))]
    assert '<li class="right"><span aria-hidden="true">✔</span>' in card
    assert f"right answer:</span> {draft.answer}</li>" in card
    assert f"<mark>{draft.fact.text}</mark>" in card


def test_the_best_drafts_are_open_none_giving_another_away_and_the_rest_folded(
    teacher_client, drafted
):
    total = drafted.drafts.count()
    assert total > 15, "the article should give more than 15 drafts"
    page = page_of(teacher_client, drafted)
    folded = page[page.index('<details class="more-drafts">') :]
    ranked = list(drafted.drafts.select_related("fact").best_first())
    shown = [d for d in ranked if f'id="draft-{d.pk}"' not in folded]
    assert 5 <= len(shown) <= 15 and shown == ranked[: len(shown)]
    for draft in shown:
        for other in shown:
            if other is not draft:
                assert not any(quality.mentions(draft.stem_of(), x) for x in other.asks())


@pytest.mark.parametrize(
    ("upload", "body", "message"),
    [
        (("kiji.txt", "東京".encode("shift_jis")), "", "not UTF-8"),
        (("kiji.txt", b""), "", "empty"),
        (None, "   \n ", "empty"),
        (("kiji.txt", b"\x89PNG\r\n\x1a\n\x00\x00"), "", "not a text file"),
        (("kiji.txt", "あ".encode() * 70_000), "", "larger than 200 KB"),
        (None, "あ" * 70_000, "larger than 200 KB"),
        (("kiji.pdf", b"%PDF-1.7"), "", ".txt or .md"),
        (("kiji.txt", ARTICLE.encode()), ARTICLE, "not both"),
    ],
    ids=[
        "not-utf8", "empty-file", "blank-text", "binary", "file-too-large", "text-too-large",
        "wrong-type", "both",
    ],
)  # fmt: skip
def test_a_bad_article_is_refused_with_its_reason_and_nothing_is_stored(
    teacher_client, upload, body, message
):
    data = {"body": body, "title": "", "language": "ja"}
    if upload is not None:
        data["file"] = SimpleUploadedFile(*upload)
    response = teacher_client.post(NEW, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Article.objects.exists() and not DraftingJob.objects.exists()


def test_a_paste_far_over_the_limit_is_refused_with_the_limit(teacher_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = teacher_client.post(NEW, {"body": "あ" * 1000, "language": "ja"})
    assert response.status_code == 413
    assert "larger than 200 KB" in response.content.decode()
    assert not Article.objects.exists()


def test_a_bad_date_or_address_is_refused(teacher_client):
    response = paste(teacher_client, published_on="5 March", source_url="not a url")
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_the_same_text_twice_goes_to_the_first_import_without_drafting_again(
    teacher_client, drafted
):
    jobs = DraftingJob.objects.count()
    again = paste(teacher_client, body=ARTICLE + "\n", title="別の題")
    assert again.url == reverse("teach:article", args=[drafted.pk])
    assert Article.objects.count() == 1 and DraftingJob.objects.count() == jobs
    page = teacher_client.get(again.url).content.decode()
    assert "This article was imported before: 東京都の新予算" in page


def test_a_teacher_follows_only_her_own_drafting_jobs(
    teacher_client, other_teacher_client, drafted
):
    job = DraftingJob.objects.get()
    url = reverse("teach:drafting-job", args=[job.pk])
    assert other_teacher_client.get(url).status_code == 404
    assert other_teacher_client.get(url, HTTP_HX_REQUEST="true").status_code == 404
    assert teacher_client.get(url, HTTP_HX_REQUEST="true").status_code == 200
    # Her colleague cannot open the article at all: it is hers.
    article_url = reverse("teach:article", args=[drafted.pk])
    assert other_teacher_client.get(article_url).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["new-article", "article", "start-drafting", "approve-first", "publish", "drafting-job"],
)
def test_students_and_visitors_find_no_authoring_page(student_client, anonymous, drafted, name):
    job = DraftingJob.objects.get()
    args = [] if name == "new-article" else [job.pk if name == "drafting-job" else drafted.pk]
    url = reverse(f"teach:{name}", args=args)
    assert student_client.get(url).status_code in (404, 405)
    assert student_client.post(url, {}).status_code == 404
    assert anonymous.get(url).status_code in (302, 405)  # to sign in, or a form's address


def test_posting_pages_refuse_a_get(teacher_client, drafted):
    draft = drafted.drafts.first()
    for url in (
        reverse("teach:start-drafting", args=[drafted.pk]),
        reverse("teach:approve-first", args=[drafted.pk]),
        reverse("teach:publish", args=[drafted.pk]),
        reverse("teach:draft-status", args=[draft.pk]),
    ):
        assert teacher_client.get(url).status_code == 405
    assert QuestionDraft.objects.filter(status="approved").count() == 0


def test_approve_and_reject_toggle_in_place_and_back(teacher_client, drafted):
    draft = drafted.drafts.best_first().first()
    url = reverse("teach:draft-status", args=[draft.pk])
    card = htmx(teacher_client, url, {"status": "approved"})
    assert card.status_code == 200
    html = card.content.decode()
    assert html.lstrip().startswith(f'<li class="card draft draft-approved" id="draft-{draft.pk}"')
    assert 'value="approved" class="toggle approve"' in html and 'aria-pressed="true"' in html
    draft.refresh_from_db()
    assert draft.status == "approved"
    htmx(teacher_client, url, {"status": "approved"})  # the same button again: back to review
    draft.refresh_from_db()
    assert draft.status == "pending"
    plain = teacher_client.post(url, {"status": "rejected"})  # without JavaScript
    assert plain.status_code == 302 and plain.url.endswith(f"#draft-{draft.pk}")
    draft.refresh_from_db()
    assert draft.status == "rejected"


@pytest.mark.parametrize("status", ["", "pending", "added", "approved\x00"])
def test_a_bad_toggle_is_refused(teacher_client, drafted, status):
    draft = drafted.drafts.first()
    response = teacher_client.post(
        reverse("teach:draft-status", args=[draft.pk]), {"status": status}
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == "pending"


def test_a_missing_draft_or_job_is_a_404(teacher_client):
    assert teacher_client.post(reverse("teach:draft-status", args=[999]), {}).status_code == 404
    assert teacher_client.get(reverse("teach:drafting-job", args=[999])).status_code == 404
    assert teacher_client.get(reverse("teach:article", args=[999])).status_code == 404


def test_editing_a_draft_checks_it_as_the_admin_does(teacher_client, drafted):
    draft = drafted.drafts.filter(kind="single").first()
    url = reverse("teach:draft-edit", args=[draft.pk])
    form = htmx_get(teacher_client, url)
    assert 'name="unit"' not in form and 'name="numeric_answer"' not in form
    options = list(draft.choices)
    data = {"prompt": draft.prompt, "choices": "\n".join(options), "answer": "どれでもない"}
    refused = htmx(teacher_client, url, data)
    assert refused.status_code == 400
    assert "The answer must be one of the options." in refused.content.decode()
    options[options.index(draft.answer)] = "約38億円"
    saved = htmx(teacher_client, url, {**data, "answer": "約38億円", "choices": "\n".join(options)})
    assert saved.status_code == 200 and "約38億円" in saved.content.decode()
    draft.refresh_from_db()
    assert draft.answer == "約38億円" and "約38億円" in draft.choices and draft.kind == "single"


def htmx_get(client, url: str) -> str:
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def draft_of_kind(article: Article, kind: str) -> QuestionDraft:
    """A draft of this kind: the pipeline asks each fact once, in the kind that suits it best,
    so a kind it did not choose here is made by hand, as the admin lets a teacher do."""
    draft = article.drafts.filter(kind=kind).first()
    if draft is not None:
        return draft
    numeric = kind == "numeric"
    return QuestionDraft.objects.create(
        article=article,
        owner=article.owner,
        kind=kind,
        answer="62校" if numeric else "東京都",
        numeric_answer=62 if numeric else None,
        unit="校" if numeric else "",
        accepted_answers="" if numeric else "東京都",
        prompt="【　　】に入るものを答えなさい。\n予算は都内の【　　】の耐震工事に使われる。",
        source_sentence="予算は都内の62校の耐震工事に使われる。",
        choices=[],
    )


@pytest.mark.parametrize(
    ("kind", "fields", "absent"),
    [("numeric", ["numeric_answer", "unit"], "choices"), ("text", ["accepted_answers"], "unit")],
)
def test_the_edit_form_asks_only_for_what_the_kind_uses(
    teacher_client, drafted, kind, fields, absent
):
    draft = draft_of_kind(drafted, kind)
    form = htmx_get(teacher_client, reverse("teach:draft-edit", args=[draft.pk]))
    for name in fields:
        assert f'name="{name}"' in form
    assert f'name="{absent}"' not in form


def test_a_number_draft_needs_its_number(teacher_client, drafted):
    draft = draft_of_kind(drafted, "numeric")
    url = reverse("teach:draft-edit", args=[draft.pk])
    refused = teacher_client.post(url, {"prompt": draft.prompt, "numeric_answer": "", "unit": ""})
    assert refused.status_code == 400
    assert "A number question needs its numeric answer." in refused.content.decode()
    draft.refresh_from_db()
    assert draft.numeric_answer is not None


def test_without_javascript_editing_is_a_page_of_its_own(teacher_client, drafted):
    draft = drafted.drafts.filter(kind="single").first()
    url = reverse("teach:draft-edit", args=[draft.pk])
    page = teacher_client.get(url).content.decode()
    assert "<!doctype html>" in page and 'name="choices"' in page
    data = {
        "prompt": draft.prompt + "（改）",
        "choices": "\n".join(draft.choices),
        "answer": draft.answer,
    }
    saved = teacher_client.post(url, data)
    assert saved.status_code == 302 and saved.url.endswith(f"#draft-{draft.pk}")


def test_approve_the_first_n_approves_the_best_still_to_review(teacher_client, drafted):
    ranked = list(drafted.drafts.best_first())
    ranked[1].toggle("rejected")
    response = teacher_client.post(reverse("teach:approve-first", args=[drafted.pk]), {"count": 3})
    assert response.status_code == 302 and response.url.endswith("#publish")
    approved = set(drafted.drafts.filter(status="approved").values_list("pk", flat=True))
    assert approved == {ranked[0].pk, ranked[2].pk, ranked[3].pk}


@pytest.mark.parametrize("count", ["0", "-1", "many", "", "100000"])
def test_approve_the_first_n_refuses_a_bad_number(teacher_client, drafted, count):
    url = reverse("teach:approve-first", args=[drafted.pk])
    response = teacher_client.post(url, {"count": count})
    assert response.status_code == 400
    assert not drafted.drafts.filter(status="approved").exists()


def publish(client, article, classroom, **changes):
    data = {
        "title": "防災予算クイズ", "classes": [classroom.pk], "time_limit_minutes": "",
        "attempts_allowed": "1", "shuffle_choices": "on", "opens_at": "", "closes_at": "",
    }  # fmt: skip
    data.update(changes)
    return client.post(reverse("teach:publish", args=[article.pk]), data)


def test_publishing_makes_a_quiz_her_students_see_at_once(
    teacher_client, student_client, drafted, classroom
):
    teacher_client.post(reverse("teach:approve-first", args=[drafted.pk]), {"count": 5})
    chosen = list(drafted.drafts.filter(status="approved").best_first())
    response = publish(teacher_client, drafted, classroom)
    assert response.status_code == 302 and response.url == classroom.get_absolute_url()
    quiz = Quiz.objects.get(title="防災予算クイズ")
    assert quiz.published and quiz.article == drafted and list(quiz.classes.all()) == [classroom]
    assert (quiz.attempts_allowed, quiz.time_limit_minutes, quiz.shuffle_choices) == (1, None, True)
    prompts = list(quiz.questions.values_list("prompt", flat=True))
    assert prompts == [d.prompt for d in chosen]
    assert set(drafted.drafts.exclude(question=None).values_list("pk", flat=True)) == {
        d.pk for d in chosen
    }
    assert quiz.title in student_client.get("/").content.decode()
    class_page = teacher_client.get(response.url).content.decode()
    assert quiz.title in class_page


def test_publishing_again_adds_only_newly_approved_drafts(teacher_client, drafted, classroom):
    teacher_client.post(reverse("teach:approve-first", args=[drafted.pk]), {"count": 2})
    publish(teacher_client, drafted, classroom)
    teacher_client.post(reverse("teach:approve-first", args=[drafted.pk]), {"count": 1})
    publish(teacher_client, drafted, classroom, title="第2回")
    assert Quiz.objects.get(title="防災予算クイズ").questions.count() == 2
    assert Quiz.objects.get(title="第2回").questions.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"classes": []}, "Choose at least one class."),
        ({"title": ""}, "This field is required."),
        ({"attempts_allowed": "0"}, "greater than or equal to 1"),
        ({"time_limit_minutes": "-5"}, "greater than or equal to 0"),
        (
            {"opens_at": "2026-12-10T09:00", "closes_at": "2026-12-09T09:00"},
            "The quiz must close after it opens.",
        ),
        ({"opens_at": "tomorrow"}, "Enter a valid date/time."),
    ],
    ids=["no-class", "no-title", "no-attempts", "negative-time", "closes-first", "bad-date"],
)
def test_a_bad_publish_is_refused_and_makes_no_quiz(
    teacher_client, drafted, classroom, changes, message
):
    drafted.drafts.approve_first(3)
    response = publish(teacher_client, drafted, classroom, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Quiz.objects.exists() and not Question.objects.exists()


def test_a_draft_that_cannot_be_a_question_stops_the_publishing_and_says_which(
    teacher_client, drafted, classroom
):
    drafted.drafts.approve_first(3)
    broken = drafted.drafts.filter(status="approved", kind="single").first()
    broken.choices = [broken.answer, broken.answer]  # its answer twice: two correct options
    broken.save()
    response = publish(teacher_client, drafted, classroom)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The quiz cannot be published while a question is broken:" in page
    assert "exactly one correct" in page
    assert not Quiz.objects.exists() and not Question.objects.exists()
    assert not drafted.drafts.exclude(question=None).exists()


def test_publishing_needs_an_approved_draft(teacher_client, drafted, classroom):
    response = publish(teacher_client, drafted, classroom)
    assert response.status_code == 400
    assert "Approve at least one draft first." in response.content.decode()
    assert not Quiz.objects.exists()


def test_a_teacher_cannot_publish_to_a_colleagues_class(
    teacher_client, other_teacher, drafted, classroom
):
    from quizzes.models import Classroom

    theirs = Classroom.objects.create(name="2年B組", teacher=other_teacher)
    drafted.drafts.approve_first(2)
    response = publish(teacher_client, drafted, classroom, classes=[theirs.pk])
    assert response.status_code == 400
    assert not Quiz.objects.exists()
    page = page_of(teacher_client, drafted)
    assert "2年B組" not in page and "1年A組" in page


# Drafting again, failures and the worker's health.


def test_drafting_again_replaces_pending_drafts_and_keeps_reviewed_ones(teacher_client, drafted):
    ranked = list(drafted.drafts.best_first())
    approved, rejected = ranked[0], ranked[1]
    approved.toggle("approved")
    rejected.toggle("rejected")
    pending_before = set(drafted.drafts.filter(status="pending").values_list("pk", flat=True))
    for _ in range(2):
        response = teacher_client.post(reverse("teach:start-drafting", args=[drafted.pk]))
        assert response.status_code == 302
    assert DraftingJob.objects.filter(stage="done").count() == 3
    approved.refresh_from_db()
    rejected.refresh_from_db()
    assert (approved.status, rejected.status) == ("approved", "rejected")
    pending = set(drafted.drafts.filter(status="pending").values_list("pk", flat=True))
    assert pending and not pending & pending_before  # replaced, not kept alongside
    pairs = list(drafted.drafts.values_list("kind", "prompt"))
    assert len(pairs) == len(set(pairs))  # never duplicated, reviewed ones not proposed again


def test_a_drafting_that_fails_leaves_the_article_and_its_drafts_and_says_so(
    teacher_client, drafted, monkeypatch
):
    before = sorted(drafted.drafts.values_list("pk", "status", "prompt"))
    facts = drafted.facts.count()

    def broken(extraction):
        raise RuntimeError("the pipeline broke")

    monkeypatch.setattr("quizzes.generation.drafting.draft_from", broken)
    teacher_client.post(reverse("teach:start-drafting", args=[drafted.pk]))
    job = DraftingJob.objects.first()
    assert job.stage == "failed" and job.error == "RuntimeError: the pipeline broke"
    assert sorted(drafted.drafts.values_list("pk", "status", "prompt")) == before
    assert drafted.facts.count() == facts
    page = page_of(teacher_client, drafted)
    assert "Drafting stopped with an error." in page and "Try again" in page


def test_a_worker_that_went_silent_mid_way_is_reported(teacher_client, teacher, drafted):
    job = DraftingJob.objects.create(article=drafted, owner=teacher, stage="finding_facts")
    DraftingJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    job.refresh_from_db()
    assert job.state == "lost" and job.is_over
    page = page_of(teacher_client, drafted)
    assert "the worker drafting this article stopped" in page and "Try again" in page
    assert "http-equiv" not in page  # nothing more to wait for


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ja", "下書き作成の処理が動いていません"),
        ("en", "Question drafting is not running."),
    ],
)
def test_with_no_worker_the_teacher_is_told_after_ten_seconds(
    teacher_client, teacher, drafted, language, message
):
    DraftingJob.objects.all().delete()  # the fixture's job, done
    job = DraftingJob.objects.create(article=drafted, owner=teacher)
    assert job.state == "queued"
    teacher_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    assert message not in page_of(teacher_client, drafted)
    DraftingJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(seconds=11))
    page = page_of(teacher_client, drafted)
    fragment = htmx_get(teacher_client, reverse("teach:drafting-job", args=[job.pk]))
    assert message in page and "manage.py drafting_worker" in page
    assert message in fragment and 'hx-trigger="every 1s"' in fragment  # still watching
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page


def test_a_busy_worker_is_not_mistaken_for_a_missing_one(teacher, other_teacher, drafted):
    busy = DraftingJob.objects.create(article=drafted, owner=other_teacher, stage="reading")
    waiting = DraftingJob.objects.create(article=drafted, owner=teacher)
    DraftingJob.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(seconds=30)
    )
    waiting.refresh_from_db()
    assert waiting.state == "waiting"
    DraftingJob.objects.filter(pk=busy.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert waiting.state == "stalled"


def test_progress_is_polled_until_done_then_the_page_reloads(teacher_client, teacher, drafted):
    job = DraftingJob.objects.create(
        article=drafted, owner=teacher, stage="finding_facts", sentences=40, sentences_read=10
    )
    url = reverse("teach:drafting-job", args=[job.pk])
    running = teacher_client.get(url, HTTP_HX_REQUEST="true")
    assert "Finding facts: 10 of 40 sentences read" in running.content.decode()
    assert 'hx-trigger="every 1s"' in running.content.decode()
    assert "HX-Refresh" not in running
    job.report(DraftingJob.Stage.DONE, drafts=3)
    done = teacher_client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    plain = teacher_client.get(url)
    assert plain.status_code == 302 and plain.url.endswith("#drafting")


def test_the_admins_draft_button_starts_the_same_task(teacher_client, teacher):
    article, _ = Article.objects.import_text(ARTICLE, owner=teacher)
    response = teacher_client.post(reverse("admin:quizzes_article_draft", args=[article.pk]))
    assert response.status_code == 302
    assert response.url == reverse("teach:article", args=[article.pk]) + "#drafting"
    job = DraftingJob.objects.get()
    assert (job.owner, job.article, job.stage) == (teacher, article, "done")
    assert article.drafts.exists()


def test_line_ends_a_browser_sends_do_not_push_an_article_over_the_limit():
    from quizzes.forms import ARTICLE_MAX_BYTES, InvalidArticle, check_article_text

    line = "あ" * 99 + "\n"  # 298 bytes
    text = line * (ARTICLE_MAX_BYTES // len(line.encode()))
    assert check_article_text(text.replace("\n", "\r\n"))  # as a textarea posts it
    with pytest.raises(InvalidArticle):
        check_article_text(text + line)


def test_an_article_with_no_checkable_fact_says_so_plainly(teacher_client):
    # Headlines only: no sentence states a date, an amount, a number or a name.
    response = paste(teacher_client, body="首相が会見\n株価が反落\n台風が北上\n")
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.drafts.count() == 0
    page = page_of(teacher_client, article)
    assert "No checkable fact was found in this article" in page
    japanese = page_of(teacher_client, article, HTTP_ACCEPT_LANGUAGE="ja")
    assert "この記事からは確かめられる事実が見つかりませんでした。" in japanese
