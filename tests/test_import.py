"""Importing an article: from a file or pasted text, in the admin and on the command line."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from quizzes.forms import InvalidArticle, read_article_file
from quizzes.models import Article

pytestmark = pytest.mark.django_db

ARTICLE = "東京の記事\n\n2024年3月、東京都は38億円の予算を決めた。\n"


def test_a_utf8_file_with_bom_and_windows_line_ends_is_read():
    text = read_article_file("a.txt", "\ufeff東京\r\n本文。".encode())
    assert text.startswith("東京")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", "東京".encode("shift_jis"), "UTF-8"),
        ("a.txt", b"", "empty"),
        ("a.txt", b"  \n\n ", "empty"),
        ("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        ("a.txt", "あ".encode() * 70_000, "200 KB"),
        ("a.pdf", b"%PDF-1.7", ".txt or .md"),
        ("a.txt", "本文\x07です".encode(), "not a text file"),
    ],
    ids=["shift-jis", "empty", "blank", "binary", "too-large", "wrong-type", "control"],
)
def test_a_bad_file_is_refused_with_a_clear_reason(name, data, message):
    with translation.override("en"), pytest.raises(InvalidArticle, match=message):
        read_article_file(name, data)


def test_import_stores_the_normalised_text_once(teacher):
    first, created = Article.objects.import_text(
        "ＮＨＫ「国際報道」\r\n２０２４年３月。", owner=teacher
    )
    assert created and first.body == "NHK「国際報道」\n2024年3月。"
    assert first.title == "NHK「国際報道」"
    again, created_again = Article.objects.import_text(
        "ＮＨＫ「国際報道」\n２０２４年３月。 ", owner=teacher
    )
    assert not created_again and again.pk == first.pk
    assert Article.objects.count() == 1


def test_import_article_command(tmp_path, admin_user):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = StringIO()
    call_command("import_article", str(path), "--published", "2024-03-05", stdout=out)
    article = Article.objects.get()
    assert article.title == "東京の記事"
    assert str(article.published_on) == "2024-03-05"
    call_command("import_article", str(path), stdout=out)
    assert Article.objects.count() == 1
    assert "already imported" in out.getvalue()
    assert article.owner == admin_user  # no --owner: the first administrator's


def test_import_article_command_gives_the_article_to_the_named_teacher(tmp_path, teacher):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    call_command("import_article", str(path), "--owner", "tanaka", stdout=StringIO())
    assert Article.objects.get().owner == teacher


@pytest.mark.parametrize(
    ("args", "message"),
    [([], "no administrator to own the article"), (["--owner", "nobody"], "no active account")],
)
def test_import_article_command_without_an_owner_stores_nothing(tmp_path, args, message):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_article", str(path), *args, stdout=StringIO())
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"\xff\xfe\x00\x00", [], "not UTF-8|not a text file"),
        (b"", [], "empty"),
        (ARTICLE.encode(), ["--published", "5 March"], "YYYY-MM-DD"),
    ],
)
def test_import_article_command_refuses_bad_input_and_stores_nothing(
    tmp_path, content, args, message
):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("import_article", str(path), *args, stdout=StringIO())
    assert not Article.objects.exists()


def test_import_article_command_on_a_missing_file():
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_article", "/no/such/article.txt", stdout=StringIO())


def test_teacher_imports_an_uploaded_file_in_the_admin(teacher_client):
    upload = SimpleUploadedFile("kiji.txt", ARTICLE.encode())
    response = teacher_client.post(
        reverse("admin:quizzes_article_add"),
        {"title": "", "source_url": "", "published_on": "", "language": "ja", "body": "",
         "file": upload},
    )  # fmt: skip
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.title == "東京の記事"
    assert "38億円" in article.body


def test_teacher_pastes_text_in_the_admin_and_a_duplicate_is_refused(teacher_client):
    data = {"title": "記事", "language": "ja", "body": ARTICLE}
    assert teacher_client.post(reverse("admin:quizzes_article_add"), data).status_code == 302
    again = teacher_client.post(reverse("admin:quizzes_article_add"), data)
    assert again.status_code == 200
    assert "imported before" in again.content.decode() or "インポート済み" in again.content.decode()
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "body"),
    [
        (SimpleUploadedFile("kiji.txt", "東京".encode("cp932")), ""),
        (SimpleUploadedFile("kiji.docx", b"PK\x03\x04"), ""),
        (None, ""),
        (SimpleUploadedFile("kiji.txt", ARTICLE.encode()), ARTICLE),
    ],
    ids=["not-utf8", "wrong-format", "nothing", "both"],
)
def test_a_bad_import_in_the_admin_shows_an_error_and_stores_nothing(teacher_client, upload, body):
    data = {"title": "", "language": "ja", "body": body}
    if upload is not None:
        data["file"] = upload
    response = teacher_client.post(reverse("admin:quizzes_article_add"), data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not Article.objects.exists()


def test_draft_questions_json_contract_touches_no_database(tmp_path, django_assert_num_queries):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = StringIO()
    with django_assert_num_queries(0):
        call_command("draft_questions", str(path), "--json", stdout=out)
    drafts = json.loads(out.getvalue())
    assert drafts
    for draft in drafts:
        assert {"kind", "prompt", "answer", "choices", "fact_kind", "source_sentence"} <= set(draft)
        assert isinstance(draft["choices"], list)
        if draft["kind"] in ("numeric", "text"):
            assert draft["choices"] == []
    assert any(d["answer"] == "38億円" for d in drafts)


def test_editing_an_article_into_a_copy_of_another_is_refused(teacher_client, teacher):
    first, _ = Article.objects.import_text(ARTICLE, owner=teacher)
    second, _ = Article.objects.import_text("別の記事\n\n本文です。", owner=teacher)
    response = teacher_client.post(
        reverse("admin:quizzes_article_change", args=[second.pk]),
        {"title": "別の記事", "language": "ja", "body": ARTICLE,
         "facts-TOTAL_FORMS": "0", "facts-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    second.refresh_from_db()
    assert second.body == "別の記事\n\n本文です。"
