"""Live sessions: a teacher paces a quiz on the projector, her class answers on phones.

The personas of conftest: tanaka (teacher) teaches 1年A組 with alice (student) and owns `quiz`
(5 questions: single, multiple, true/false, number, short text); bob (other_student) is not in
her class; suzuki (other_teacher) teaches another. The interface is pinned to English here.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.live_models import LiveRound
from quizzes.models import Answer, Attempt, LiveSession

from .conftest import htmx
from .factories import right_answer, wrong_answer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def live(quiz, classroom) -> LiveSession:
    session, _ = LiveSession.begin(quiz, classroom)
    return session


def control(client: Client, session: LiveSession, action: str, version: int | None = None):
    session.refresh_from_db()
    url = reverse("live:control", args=[session.pk, action])
    return client.post(url, {"version": session.version if version is None else version})


def join(client: Client, session: LiveSession):
    return client.post(reverse("live:enter", args=[session.code]))


def poll(client: Client, session: LiveSession, token: str):
    url = reverse("live:state", args=[session.code]) + f"?v={token}"
    return client.get(url, HTTP_HX_REQUEST="true")


def answer_url(session: LiveSession, question) -> str:
    return reverse("live:answer", args=[session.code, question.pk])


def current_question(session: LiveSession):
    session.refresh_from_db()
    return session.current_round.question


def my_attempt(student, quiz) -> Attempt:
    return Attempt.objects.get(student=student, quiz=quiz)


@pytest.fixture
def playing(live, teacher_client, student_client):
    """alice has joined and the first question is open."""
    assert join(student_client, live).status_code == 302
    assert control(teacher_client, live, "start").status_code == 302
    live.refresh_from_db()
    return live


# The teacher opens, paces and ends a session.


def test_teacher_opens_a_live_session_from_her_classs_quiz(teacher_client, quiz, classroom):
    url = reverse("live:new", args=[classroom.pk, quiz.slug])
    page = teacher_client.get(url)
    assert page.status_code == 200
    assert "Open the live session" in page.content.decode()
    response = teacher_client.post(
        url, {"seconds_per_question": 30, "speed_bonus": "on", "show_names": "on"}
    )
    session = LiveSession.objects.get()
    assert response.status_code == 302 and response.url == session.get_absolute_url()
    assert (session.seconds_per_question, session.speed_bonus, session.show_names) == (
        30,
        True,
        True,
    )
    assert len(session.code) == 6 and set(session.code) <= set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    projector = teacher_client.get(session.get_absolute_url()).content.decode()
    assert session.code in projector
    assert (
        '<svg role="img" aria-label="QR code of the join address http://testserver/live/'
        in projector
    )
    assert "style=" not in projector and "<script>" not in projector


def test_one_live_session_per_class_at_a_time(teacher_client, live, quiz, classroom):
    url = reverse("live:new", args=[classroom.pk, quiz.slug])
    response = teacher_client.post(url, {"seconds_per_question": 20})
    assert response.url == live.get_absolute_url()
    assert LiveSession.objects.count() == 1
    assert "A live session is running in this class" in teacher_client.get(url).content.decode()


def test_settings_are_checked(teacher_client, quiz, classroom):
    url = reverse("live:new", args=[classroom.pk, quiz.slug])
    response = teacher_client.post(url, {"seconds_per_question": 2})
    assert response.status_code == 400
    assert not LiveSession.objects.exists()


def test_an_unpublished_quiz_is_not_played_live(teacher_client, quiz, classroom):
    quiz.published = False
    quiz.save()
    url = reverse("live:new", args=[classroom.pk, quiz.slug])
    response = teacher_client.post(url, {"seconds_per_question": 20})
    assert response.status_code == 409
    assert "Publish the quiz first" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("projector", "get"),
        ("projector-state", "get"),
        ("counts", "get"),
        ("settings", "post"),
        ("control-start", "post"),
    ],
)
def test_another_teacher_cannot_see_or_control_the_session(live, other_teacher, name, method):
    client = Client()
    client.force_login(other_teacher)
    if name.startswith("control-"):
        url = reverse("live:control", args=[live.pk, name.removeprefix("control-")])
    else:
        url = reverse(f"live:{name}", args=[live.pk])
    response = getattr(client, method)(url, {"version": live.version})
    assert response.status_code == 404
    live.refresh_from_db()
    assert live.phase == LiveSession.Phase.LOBBY and live.version == 1


def test_another_teacher_cannot_open_one_in_her_class(other_teacher, quiz, classroom):
    client = Client()
    client.force_login(other_teacher)
    url = reverse("live:new", args=[classroom.pk, quiz.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"seconds_per_question": 20}).status_code == 404
    assert not LiveSession.objects.exists()


def test_a_whole_session_ends_with_a_podium_and_ordinary_attempts(
    teacher_client, student_client, playing, quiz, student, classroom
):
    attempt = my_attempt(student, quiz)
    for position in range(1, 6):
        question = current_question(playing)
        assert playing.current_round.position == position
        data = right_answer(attempt, question) if position % 2 else wrong_answer(attempt, question)
        assert htmx(student_client, answer_url(playing, question), data).status_code == 200
        assert control(teacher_client, playing, "reveal").status_code == 302
        assert control(teacher_client, playing, "next").status_code == 302
    playing.refresh_from_db()
    assert playing.is_finished
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 3 and attempt.answers.count() == 5
    assert playing.standings[0]["name"] == "alice" and playing.standings[0]["points"] > 1500
    assert playing.class_percent == 60
    projector = teacher_client.get(playing.get_absolute_url()).content.decode()
    assert "Top five" in projector and "Class score: 60.0%" in projector
    # Ordinary attempts: the gradebook, the CSV export, her history and her result page.
    gradebook = teacher_client.get(reverse("teach:gradebook", args=[classroom.pk, quiz.slug]))
    assert "3 / 5" in gradebook.content.decode()
    csv = b"".join(
        teacher_client.get(reverse("teach:answers-csv", args=[classroom.pk, quiz.slug]))
    ).decode()
    assert csv.count("alice") == 5
    assert student_client.get(reverse("quizzes:result", args=[attempt.pk])).status_code == 200
    assert quiz.title in student_client.get(reverse("quizzes:history")).content.decode()


def test_ending_early_closes_every_attempt_with_what_was_answered(
    teacher_client, student_client, playing, quiz, student
):
    attempt = my_attempt(student, quiz)
    question = current_question(playing)
    htmx(student_client, answer_url(playing, question), right_answer(attempt, question))
    assert control(teacher_client, playing, "finish").status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 1
    playing.refresh_from_db()
    assert playing.is_finished and playing.current_round.revealed_at is None


def test_a_double_click_on_next_never_skips_a_question(teacher_client, playing):
    assert control(teacher_client, playing, "reveal").status_code == 302
    playing.refresh_from_db()
    seen = playing.version
    control(teacher_client, playing, "next", version=seen)
    control(teacher_client, playing, "next", version=seen)  # the second click of a double click
    playing.refresh_from_db()
    assert playing.current_round.position == 2
    assert LiveRound.objects.filter(session=playing).count() == 2


def test_more_time_moves_the_close(teacher_client, playing):
    before = playing.current_round.closes_at
    control(teacher_client, playing, "more-time")
    playing.refresh_from_db()
    assert playing.current_round.closes_at == before + timedelta(seconds=10)


def test_an_unknown_action_or_a_missing_version_changes_nothing(teacher_client, live):
    url = reverse("live:control", args=[live.pk, "explode"])
    assert teacher_client.post(url, {"version": 1}).status_code == 404
    url = reverse("live:control", args=[live.pk, "start"])
    assert teacher_client.post(url, {}).status_code == 400
    assert teacher_client.get(url).status_code == 405
    live.refresh_from_db()
    assert live.phase == LiveSession.Phase.LOBBY


def test_closing_the_tab_loses_nothing(teacher_client, playing, quiz, classroom):
    """The projector view opens again from the quiz's live page, where the class is."""
    page = teacher_client.get(reverse("live:new", args=[classroom.pk, quiz.slug])).content
    assert playing.get_absolute_url() in page.decode()
    projector = teacher_client.get(playing.get_absolute_url()).content.decode()
    assert "Question 1 of 5" in projector


# Students join.


def test_a_student_joins_from_the_live_now_banner(student_client, live, quiz):
    page = student_client.get(reverse("quizzes:quiz-list")).content.decode()
    assert "Live now" in page and reverse("live:enter", args=[live.code]) in page
    assert join(student_client, live).url == live.student_url()
    assert join(student_client, live).status_code == 302  # twice: one place, one attempt
    assert live.participants.count() == 1 and Attempt.objects.filter(quiz=quiz).count() == 1


def test_a_student_joins_by_code_as_a_phone_types_it(student_client, live):
    typed = live.code.lower().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    response = student_client.get(reverse("live:join"), {"code": f" {typed} "})
    assert response.status_code == 302 and response.url == live.student_url()
    refused = student_client.get(reverse("live:join"), {"code": "ZZZZZZ"})
    assert refused.status_code == 404
    assert "No live session has this code" in refused.content.decode()


def test_a_student_of_another_class_cannot_join(other_client, live, quiz):
    for response in (other_client.get(live.student_url()), join(other_client, live)):
        assert response.status_code == 403
        assert "This live session is for another class" in response.content.decode()
    assert not live.participants.exists()
    assert "Live now" not in other_client.get(reverse("quizzes:quiz-list")).content.decode()


def test_a_finished_sessions_code_says_it_is_over(teacher_client, student_client, live):
    control(teacher_client, live, "finish")
    response = student_client.get(live.student_url())
    assert response.status_code == 410
    assert "This live session is over." in response.content.decode()
    assert join(student_client, live).status_code == 410
    via_form = student_client.get(reverse("live:join"), {"code": live.code}, follow=True)
    assert "This live session is over." in via_form.content.decode()
    assert "Live now" not in student_client.get(reverse("quizzes:quiz-list")).content.decode()


def test_signing_in_comes_first(anonymous, live):
    response = anonymous.get(live.student_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_teacher_on_the_students_page_is_sent_to_the_projector(teacher_client, live):
    assert teacher_client.get(live.student_url()).url == live.get_absolute_url()


# Polling.


def test_polling_answers_204_until_something_changes(teacher_client, student_client, live):
    join(student_client, live)
    live.refresh_from_db()
    unchanged = poll(student_client, live, live.token())
    assert unchanged.status_code == 204 and unchanged.content == b""
    control(teacher_client, live, "start")
    changed = poll(student_client, live, "1")
    assert changed.status_code == 200
    assert "Question 1 of 5" in changed.content.decode()
    live.refresh_from_db()
    assert f"?v={live.token()}" in changed.content.decode()


def test_polling_is_for_those_who_joined(student_client, other_client, live):
    assert poll(student_client, live, "1").status_code == 404  # not joined yet
    assert poll(other_client, live, "1").status_code == 404


def test_the_question_closes_by_itself_when_time_runs_out(student_client, playing, quiz, student):
    open_token = playing.token()
    assert open_token.endswith("-open")
    LiveRound.objects.filter(pk=playing.current_round_id).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    playing.refresh_from_db()
    assert playing.token().endswith("-closed")
    fragment = poll(student_client, playing, open_token).content.decode()
    assert "Time is up." in fragment and "answer-form" not in fragment
    question = current_question(playing)
    attempt = my_attempt(student, quiz)
    late = htmx(student_client, answer_url(playing, question), right_answer(attempt, question))
    assert late.status_code == 409
    assert "This question is closed: answers are no longer taken." in late.content.decode()
    assert not Answer.objects.exists()


# Answers.


def test_an_answer_is_recorded_once_and_shows_no_verdict_before_the_reveal(
    student_client, playing, quiz, student
):
    question = current_question(playing)
    attempt = my_attempt(student, quiz)
    first = htmx(student_client, answer_url(playing, question), wrong_answer(attempt, question))
    text = first.content.decode()
    assert first.status_code == 200 and "Answer recorded" in text
    assert "Incorrect" not in text and "Correct answer" not in text
    second = htmx(student_client, answer_url(playing, question), right_answer(attempt, question))
    assert second.status_code == 409
    assert (
        "You already answered this question. Your first answer counts." in second.content.decode()
    )
    stored = Answer.objects.get()
    assert stored.outcome == "incorrect"


def test_without_javascript_the_answer_posts_and_the_page_shows_it(
    student_client, playing, quiz, student
):
    question = current_question(playing)
    attempt = my_attempt(student, quiz)
    response = student_client.post(answer_url(playing, question), right_answer(attempt, question))
    assert response.status_code == 302 and response.url == playing.student_url()
    page = student_client.get(playing.student_url()).content.decode()
    assert "Answer recorded" in page and "Refresh" in page


def test_a_question_that_is_not_current_takes_no_answer(student_client, playing, quiz, student):
    attempt = my_attempt(student, quiz)
    later = quiz.questions.order_by("order")[2]
    response = htmx(student_client, answer_url(playing, later), right_answer(attempt, later))
    assert response.status_code == 409
    assert "This question is closed" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_bad_answer_is_refused_with_its_reason(student_client, playing):
    question = current_question(playing)
    response = htmx(student_client, answer_url(playing, question), {})
    assert response.status_code == 400
    assert "Choose an answer first." in response.content.decode()


def test_a_student_must_join_before_answering(student_client, live, teacher_client):
    control(teacher_client, live, "start")
    question = current_question(live)
    response = htmx(student_client, answer_url(live, question), {"choice": "1"})
    assert response.status_code == 403 and not Answer.objects.exists()


def test_no_answer_key_anywhere_before_the_reveal(teacher_client, student_client, playing, quiz):
    question = current_question(playing)  # a single-choice question with an explanation
    pages = [
        student_client.get(playing.student_url()),
        poll(student_client, playing, "0"),
        teacher_client.get(playing.get_absolute_url()),
        teacher_client.get(
            reverse("live:projector-state", args=[playing.pk]) + "?v=0", HTTP_HX_REQUEST="true"
        ),
    ]
    for response in pages:
        text = response.content.decode()
        assert question.explanation not in text
        assert "Correct answer" not in text and "<mark>" not in text and "is-correct" not in text
    control(teacher_client, playing, "reveal")
    for url in (playing.student_url(), playing.get_absolute_url()):
        text = (teacher_client if "teach" in url else student_client).get(url).content.decode()
        assert question.explanation in text and "<mark>1億2,000万人</mark>" in text
        assert "Correct answer" in text


def test_the_reveal_shows_the_distribution_and_each_students_verdict(
    teacher_client, student_client, playing, quiz, student
):
    question = current_question(playing)
    attempt = my_attempt(student, quiz)
    htmx(student_client, answer_url(playing, question), right_answer(attempt, question))
    control(teacher_client, playing, "reveal")
    projector = teacher_client.get(playing.get_absolute_url()).content.decode()
    assert "Correct: 1 · partly correct: 0 · incorrect: 0" in projector
    assert projector.count('value="1" aria-hidden="true"></meter>') == 1  # one pick
    assert '<li class="is-correct">' in projector
    mine = student_client.get(playing.student_url()).content.decode()
    assert "✔</span> Correct" in mine


def test_self_paced_pages_of_a_live_attempt_lead_to_the_live_page(
    teacher_client, student_client, playing, quiz, student
):
    attempt = my_attempt(student, quiz)
    question = current_question(playing)
    for url in (
        reverse("quizzes:attempt", args=[attempt.pk]),
        reverse("quizzes:question", args=[attempt.pk, question.pk]),
        reverse("quizzes:result", args=[attempt.pk]),
    ):
        assert student_client.get(url).url == playing.student_url()
    start = student_client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert start.url == playing.student_url()
    refused = student_client.post(
        reverse("quizzes:question", args=[attempt.pk, question.pk]), right_answer(attempt, question)
    )
    assert refused.status_code == 409 and not Answer.objects.exists()
    control(teacher_client, playing, "finish")
    result = student_client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert result.status_code == 200


def test_a_student_who_reloads_or_changes_device_is_where_the_class_is(
    teacher_client, student_client, playing, quiz, student
):
    attempt = my_attempt(student, quiz)
    question = current_question(playing)
    htmx(student_client, answer_url(playing, question), right_answer(attempt, question))
    other_device = Client()
    other_device.force_login(student)
    page = other_device.get(playing.student_url()).content.decode()
    assert "Question 1 of 5" in page and "Answer recorded" in page
    control(teacher_client, playing, "reveal")
    control(teacher_client, playing, "next")
    page = other_device.get(playing.student_url()).content.decode()
    assert "Question 2 of 5" in page and "answer-form" in page


def test_a_student_with_no_attempt_left_follows_without_answering(
    teacher_client, student_client, live, quiz, student
):
    done = Attempt.start(student, quiz)
    done.finish()
    join(student_client, live)
    control(teacher_client, live, "start")
    page = student_client.get(live.student_url()).content.decode()
    assert "You have no attempt left at this quiz" in page and "answer-form" not in page
    question = current_question(live)
    response = htmx(student_client, answer_url(live, question), {"choice": "1"})
    assert response.status_code == 409 and not Answer.objects.exists()


def test_the_projector_counts_who_joined_and_who_answered(
    teacher_client, student_client, live, quiz, student
):
    counts_url = reverse("live:counts", args=[live.pk])
    join(student_client, live)
    response = teacher_client.get(counts_url + "?c=x", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "1 student has joined" in text and "<li>alice</li>" in text
    token = "1-x"
    assert f"?c={token}" in text
    assert teacher_client.get(f"{counts_url}?c={token}").status_code == 204
    live.show_names = False
    live.save()
    assert "alice" not in teacher_client.get(live.get_absolute_url()).content.decode()
    control(teacher_client, live, "start")
    question = current_question(live)
    attempt = my_attempt(student, quiz)
    htmx(student_client, answer_url(live, question), right_answer(attempt, question))
    text = teacher_client.get(counts_url + "?c=x").content.decode()
    assert "1 of 1 have answered" in text


def test_turning_the_speed_bonus_off_after_the_end_ranks_again(
    teacher_client, student_client, playing, quiz, student
):
    attempt = my_attempt(student, quiz)
    question = current_question(playing)
    htmx(student_client, answer_url(playing, question), right_answer(attempt, question))
    control(teacher_client, playing, "finish")
    playing.refresh_from_db()
    assert 500 <= playing.standings[0]["points"] <= 1000
    url = reverse("live:settings", args=[playing.pk])
    teacher_client.post(url, {"seconds_per_question": 20, "show_names": "on"})
    playing.refresh_from_db()
    assert playing.standings[0]["points"] == 1000 and not playing.speed_bonus


def test_the_live_pages_speak_japanese(teacher_client, student_client, live):
    join(student_client, live)
    page = student_client.get(live.student_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "参加しました" in page and "先生が開始するまでお待ちください。" in page
    projector = teacher_client.get(live.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ja")
    assert "1人が参加しました" in projector.content.decode()
    control(teacher_client, live, "finish")
    over = student_client.get(live.student_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "このライブは終了しました。" in over


def test_the_poll_pass_tells_no_more_than_that_nothing_changed(
    student_client, other_client, playing, student
):
    from quizzes.live import poll_pass

    place = poll_pass(playing.participants.get(student=student))
    state = reverse("live:state", args=[playing.code])
    assert student_client.get(f"{state}?v={playing.token()}&p={place}").status_code == 204
    assert student_client.get(f"{state}?v=0&p={place}").status_code == 200
    # Anything more than "unchanged" goes the whole way: signed in, in the class, joined.
    assert other_client.get(f"{state}?v=0&p={place}").status_code == 404
    forged = f"{playing.participants.get().pk}:forged"
    assert other_client.get(f"{state}?v={playing.token()}&p={forged}").status_code == 404
    page = student_client.get(playing.student_url()).content.decode()
    assert f"&amp;p={place.replace(':', '%3A')}" in page
