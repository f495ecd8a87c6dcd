"""Question banks in the admin: upload, preview, confirm, all or nothing; export and back."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.models import Question, Quiz

pytestmark = pytest.mark.django_db

GIFT = """// 日本の地理
$CATEGORY: 地理

::首都::日本の首都はどこか。{=東京 ~大阪 ~京都#古都です}

富士山は日本一高い山である。{T}

日本の都道府県の数は? {#47:0}

琵琶湖がある県は{=滋賀県 =滋賀}。
"""


def import_url(quiz):
    return reverse("admin:quizzes_quiz_import", args=[quiz.pk])


def upload(client, quiz, name, data: bytes, **headers):
    return client.post(import_url(quiz), {"file": SimpleUploadedFile(name, data)}, **headers)


def listed_errors(page: str) -> list[str]:
    """The problems as the teacher reads them, one per item of the page's error list."""
    (errors,) = re.findall(r'<ul class="errorlist">(.*?)</ul>', page, re.S)
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", errors, re.S)]


def confirm(client, quiz, preview, **extra):
    context = preview.context
    data = {"text": context["text"], "fmt": context["fmt"], "confirm": "on", **extra}
    return client.post(import_url(quiz), data)


def test_teacher_previews_then_confirms_a_gift_import(teacher_client, quiz):
    before = quiz.questions.count()
    preview = upload(teacher_client, quiz, "chiri.gift", ("\ufeff" + GIFT).encode())
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "日本の首都はどこか。" in page and "東京" in page
    assert quiz.questions.count() == before  # nothing saved by a preview
    done = confirm(teacher_client, quiz, preview)
    assert done.status_code == 302
    added = list(quiz.questions.order_by("order")[before:])
    assert [q.kind for q in added] == ["single", "true_false", "numeric", "text"]
    assert added[0].choices.get(is_correct=True).text == "東京"
    assert added[2].numeric_answer == 47
    assert set(added[3].accepted_answer_list()) == {"滋賀県", "滋賀"}


def test_a_file_with_an_error_imports_nothing_and_names_the_line(teacher_client, quiz):
    before = Question.objects.count()
    broken = "良い問題。{=はい ~いいえ}\n\n壊れた問題。{=a ~b\n"
    preview = upload(
        teacher_client, quiz, "broken.gift", broken.encode(), HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert preview.status_code == 400
    page = preview.content.decode()
    assert "errornote" in page
    assert listed_errors(page) == ["3行目・7文字目: 答えの { が } で閉じられていません"]
    forced = confirm(teacher_client, quiz, preview)  # a crafted confirm changes nothing
    assert forced.status_code == 400
    assert Question.objects.count() == before


BROKEN_GIFT = (
    "良い問題。{=はい ~いいえ}\n\n::題 壊れた問題。{T}\n\n数は？{#5..1}\n\n答えは？{=a =b ~c}\n"
)
BROKEN_CSV = (
    "kind,title,prompt,choices,correct,numeric_answer,tolerance,unit,accepted_answers,"
    "explanation,points,category\n"
    "essay,,作文,,,,,,,,,\n"
    "single,,首都は？,東京 | 大阪,3,,,,,,,\n"
    "numeric,,標高は？,,,高い,,,,,,\n"
    "single,首都は？\n"
)


@pytest.mark.parametrize(
    ("name", "data", "lines"),
    [("broken.gift", BROKEN_GIFT, [3, 5, 7]), ("broken.csv", BROKEN_CSV, [2, 3, 4, 5])],
    ids=["gift", "csv"],
)
def test_a_japanese_teacher_reads_the_problems_in_japanese(teacher_client, quiz, name, data, lines):
    teacher_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    preview = upload(teacher_client, quiz, name, data.encode(), HTTP_ACCEPT_LANGUAGE="ja")
    assert preview.status_code == 400
    problems = listed_errors(preview.content.decode())
    assert [int(re.match(r"(\d+)行目", text)[1]) for text in problems] == lines
    for text in problems:
        assert text.count("行目") == 1, text  # the line said once
        # Three ASCII letters or more are English, unless quoted from the file in 「」.
        assert re.findall(r"[A-Za-z]{3,}", re.sub(r"「[^」]*」", "", text)) == [], text


def test_an_english_teacher_reads_the_same_problems_in_english(teacher_client, quiz):
    teacher_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    preview = upload(teacher_client, quiz, "broken.csv", BROKEN_CSV.encode())
    assert listed_errors(preview.content.decode()) == [
        'line 2, column 1 (kind): unknown kind "essay" '
        "(expected single, multiple, true_false, numeric, text)",
        'line 3, column 5 (correct): "3" is not a choice number from 1 to 2',
        'line 4, column 6 (numeric_answer): the numeric answer "高い" is not a number',
        "line 5: expected 12 columns, found 2",
    ]


def test_unsupported_kinds_are_skipped_only_when_the_teacher_agrees(teacher_client, quiz):
    before = quiz.questions.count()
    text = GIFT + "\n作文を書きなさい。{}\n"
    preview = upload(teacher_client, quiz, "mixed.gift", text.encode())
    assert preview.status_code == 200 and preview.context["unsupported"]
    assert confirm(teacher_client, quiz, preview).status_code == 200  # not yet
    assert quiz.questions.count() == before
    assert confirm(teacher_client, quiz, preview, skip_unsupported="on").status_code == 302
    assert quiz.questions.count() == before + 4


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bank.pdf", b"%PDF-1.7"),
        ("bank.gift", "東京{=はい}".encode("shift_jis")),
        ("bank.gift", b""),
        ("bank.csv", b"\x00\x01\x02"),
    ],
    ids=["wrong-type", "not-utf8", "empty", "binary"],
)
def test_a_bad_file_is_refused_clearly(teacher_client, quiz, name, data):
    before = Question.objects.count()
    response = upload(teacher_client, quiz, name, data)
    assert response.status_code == 400
    assert "errornote" in response.content.decode()
    assert Question.objects.count() == before


@pytest.mark.parametrize("fmt", ["gift", "csv"])
def test_export_then_import_gives_the_same_questions(teacher_client, quiz, fmt):
    exported = teacher_client.get(reverse("admin:quizzes_quiz_export", args=[quiz.pk, fmt]))
    assert exported.status_code == 200
    data = exported.content
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # Excel opens Japanese
    copy = Quiz.objects.create(title="コピー", slug=f"copy-{fmt}", owner=quiz.owner)
    preview = upload(teacher_client, copy, f"bank.{fmt}", data)
    assert preview.status_code == 200, preview.content.decode()[:3000]
    assert confirm(teacher_client, copy, preview).status_code == 302

    def shape(q):
        return (
            q.kind, q.prompt, q.explanation, q.points, q.numeric_answer, q.tolerance,
            sorted(q.accepted_answer_list()),
            [(c.text, c.is_correct) for c in q.choices.order_by("order")],
        )  # fmt: skip

    assert [shape(q) for q in copy.questions.order_by("order")] == [
        shape(q) for q in quiz.questions.order_by("order")
    ]


def test_students_cannot_import_or_export(student_client, quiz):
    assert student_client.get(import_url(quiz)).status_code == 302  # to the admin login
    url = reverse("admin:quizzes_quiz_export", args=[quiz.pk, "gift"])
    assert student_client.get(url).status_code == 302


def test_exporting_a_broken_question_says_which_instead_of_failing(teacher_client, quiz):
    single = quiz.questions.get(kind="single")
    single.choices.update(is_correct=True)  # made before the admin's checks existed
    response = teacher_client.get(reverse("admin:quizzes_quiz_export", args=[quiz.pk, "gift"]))
    assert response.status_code == 302
    page = teacher_client.get(response.url).content.decode()
    assert "Nothing was exported" in page or "エクスポート" in page
