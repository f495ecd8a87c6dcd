"""Loading the demo content: the seed article, its hand-checked quiz and the demo accounts.

Idempotent by design: what exists already is left exactly as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Article, Classroom, Fact, Question, Quiz

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"

# Development-only passwords, printed by load_seeds and given in the README.
DEMO_ACCOUNTS = {
    "student": {"password": "student-demo-2026", "staff": False, "superuser": False},
    "teacher": {"password": "teacher-demo-2026", "staff": True, "superuser": False},
    "admin": {"password": "admin-demo-2026", "staff": True, "superuser": True},
}
TEACHERS_GROUP = "Teachers"
DEMO_CLASS = "デモクラス"
DEMO_JOIN_CODE = "DEMO26"
# Teachers author and run classes; attempts and answers they see on their own pages, scoped to
# their classes, never in the admin where every student's would be listed.
TEACHER_MODELS = ["article", "fact", "quiz", "question", "choice", "questiondraft", "classroom"]


class SeedError(ValueError):
    pass


@dataclass
class SeedReport:
    created: list[str]
    kept: list[str]


def load_quiz_file(path: Path, report: SeedReport, owner) -> Quiz:
    """The quiz of a seed file and its article, both the owner's, unless the quiz exists."""
    data = json.loads(path.read_text(encoding="utf-8"))
    slug = data["quiz"]["slug"]
    existing = Quiz.objects.filter(slug=slug).first()
    if existing is not None:
        report.kept.append(f"quiz {slug}")
        return existing
    with transaction.atomic():
        article = _article(path.parent, data["article"], report, owner)
        quiz = Quiz.objects.create_for(
            article,
            owner=owner,
            slug=slug,
            title=data["quiz"]["title"],
            description=data["quiz"].get("description", ""),
            published=data["quiz"].get("published", True),
        )
        quiz.append_questions(_question(article, item) for item in data["questions"])
    report.created.append(f"quiz {slug} ({len(data['questions'])} questions)")
    return quiz


def _article(folder: Path, meta: dict, report: SeedReport, owner) -> Article:
    body = (folder / meta["file"]).read_text(encoding="utf-8")
    article, created = Article.objects.import_text(
        body,
        owner=owner,
        title=meta["title"],
        language=meta.get("language", "ja"),
        source_url=meta.get("source_url", ""),
        published_on=meta.get("published_on"),
    )
    if created:
        report.created.append(f"article {meta['file']}")
    return article


def _question(article: Article, item: dict) -> tuple[Question, list[tuple[str, bool]]]:
    """A seed question and its options, for `Quiz.append_questions`."""
    question = Question(
        kind=item["kind"],
        prompt=item["prompt"],
        explanation=item.get("explanation", ""),
        points=item.get("points", 1),
        fact=_fact(article, item["fact"]) if "fact" in item else None,
        numeric_answer=Decimal(item["numeric_answer"]) if "numeric_answer" in item else None,
        tolerance=Decimal(item.get("tolerance", "0")),
        unit=item.get("unit", ""),
        accepted_answers="\n".join(item.get("accepted_answers", [])),
        accept_name_variants=item.get("accept_name_variants", False),
    )
    return question, [(choice["text"], choice["correct"]) for choice in item.get("choices", [])]


def _fact(article: Article, item: dict) -> Fact:
    sentence, text = item["sentence"], item["text"]
    sentence_at = article.body.find(sentence)
    if sentence_at < 0 or text not in sentence:
        raise SeedError(f"fact {text!r} or its sentence is not in the article")
    start = sentence_at + sentence.index(text)
    fact, _ = Fact.objects.get_or_create(
        article=article,
        start=start,
        end=start + len(text),
        defaults={"kind": item["kind"], "text": text, "sentence": sentence},
    )
    return fact


def ensure_demo_accounts(report: SeedReport) -> None:
    teachers, created = Group.objects.get_or_create(name=TEACHERS_GROUP)
    if created:
        teachers.permissions.set(
            Permission.objects.filter(
                content_type__app_label="quizzes", content_type__model__in=TEACHER_MODELS
            )
        )
        report.created.append(f"group {TEACHERS_GROUP}")
    User = get_user_model()
    for username, account in DEMO_ACCOUNTS.items():
        if User.objects.filter(username=username).exists():
            report.kept.append(f"user {username}")
            continue
        user = User(username=username, is_staff=account["staff"], is_superuser=account["superuser"])
        user.set_password(account["password"])
        user.save()
        if username == "teacher":
            user.groups.add(teachers)
        report.created.append(f"user {username}")


def ensure_demo_class(quizzes: list[Quiz], report: SeedReport) -> None:
    User = get_user_model()
    if Classroom.objects.filter(join_code=DEMO_JOIN_CODE).exists():
        report.kept.append(f"class {DEMO_CLASS}")
        return
    classroom = Classroom.objects.create(
        name=DEMO_CLASS, teacher=User.objects.get(username="teacher"), join_code=DEMO_JOIN_CODE
    )
    classroom.enroll(User.objects.get(username="student"))
    classroom.quizzes.add(*quizzes)
    report.created.append(f"class {DEMO_CLASS} (join code {DEMO_JOIN_CODE})")


def load_seeds(folder: Path = SEEDS_DIR) -> SeedReport:
    report = SeedReport(created=[], kept=[])
    with transaction.atomic():
        ensure_demo_accounts(report)
        teacher = get_user_model().objects.get(username="teacher")
        quizzes = [
            load_quiz_file(path, report, owner=teacher)
            for path in sorted(folder.glob("*.quiz.json"))
        ]
        ensure_demo_class(quizzes, report)
    return report
