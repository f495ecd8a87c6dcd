"""Building quizzes for tests: every kind of question, as many as a test asks for."""

from __future__ import annotations

import itertools
from decimal import Decimal

from quizzes.models import Article, Fact, Question, Quiz

KINDS = ["single", "multiple", "true_false", "numeric", "text"]

ARTICLE_BODY = (
    "国連の調査\n\n"
    "2023年の調査では、世界で1億2,000万人が避難を余儀なくされた。\n"
    "調査は国連難民高等弁務官事務所(UNHCR)がまとめた。"
)


def author():
    """Who wrote a quiz when a test does not care: a teacher of no class of the personas'."""
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="author", defaults={"is_staff": True})
    return user


def make_article(owner=None) -> Article:
    article, _ = Article.objects.import_text(
        ARTICLE_BODY, title="国連の調査", owner=owner or author()
    )
    return article


def make_quiz(
    questions: int = 5, *, slug: str = "test-quiz", published: bool = True, owner=None
) -> Quiz:
    owner = owner or author()
    article = make_article(owner)
    sentence = "2023年の調査では、世界で1億2,000万人が避難を余儀なくされた。"
    start = ARTICLE_BODY.index("1億2,000万人")
    fact = Fact.objects.create(
        article=article,
        kind="quantity",
        text="1億2,000万人",
        sentence=sentence,
        start=start,
        end=start + len("1億2,000万人"),
    )
    quiz = Quiz.objects.create_for(
        article, title=f"テスト {slug}", slug=slug, published=published, owner=owner
    )
    kinds = itertools.islice(itertools.cycle(KINDS), questions)
    quiz.append_questions(
        question_of_kind(kind, number, fact) for number, kind in enumerate(kinds, start=1)
    )
    return quiz


def question_of_kind(
    kind: str, number: int, fact: Fact | None = None
) -> tuple[Question, list[tuple[str, bool]]]:
    """An unsaved question of this kind and its options, for `Quiz.append_questions`."""
    question = Question(
        kind=kind,
        prompt=f"問{number}: 避難を余儀なくされた人は何人か。",
        explanation="記事によると1億2,000万人である。",
        points=1,
        fact=fact,
        numeric_answer=Decimal("120000000") if kind == "numeric" else None,
        tolerance=Decimal("0"),
        unit="人" if kind == "numeric" else "",
        accepted_answers="UNHCR\n国連難民高等弁務官事務所" if kind == "text" else "",
    )
    if kind == "single":
        options = [
            ("8,000万人", False),
            ("1億2,000万人", True),
            ("2億人", False),
            ("5,000万人", False),
        ]
    elif kind == "multiple":
        options = [("2023年", True), ("国連", True), ("2019年", False), ("世界銀行", False)]
    elif kind == "true_false":
        options = [("正しい", True), ("誤り", False)]
    else:
        options = []
    return question, options


def positions(attempt, question: Question, correct: bool) -> list[int]:
    """Where the right (or wrong) options stand in this attempt's order, as the form posts them."""
    shown = attempt.choices_for(question)
    return [i for i, c in enumerate(shown, start=1) if c.is_correct == correct]


def right_answer(attempt, question: Question) -> dict:
    """The POST data of a fully correct answer."""
    if question.kind in ("single", "multiple", "true_false"):
        return {"choice": positions(attempt, question, True)}
    if question.kind == "numeric":
        return {"answer": "1億2000万"}
    return {"answer": question.accepted_answer_list()[0]}


def wrong_answer(attempt, question: Question) -> dict:
    if question.kind in ("single", "multiple", "true_false"):
        return {"choice": positions(attempt, question, False)[:1]}
    if question.kind == "numeric":
        return {"answer": "5"}
    return {"answer": "まちがい"}
