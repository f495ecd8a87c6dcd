"""What students read of a quiz, kept in the cache: the order of its questions, and each question
with its options and its fact.

None of it changes during an attempt unless a teacher changes it, and every change raises the
quiz's `content_version` (the signals below, `Quiz.append_questions`, an article's facts drafted
again), which is part of every key: after a change the old entries are never read again and age
out. So the question's page and the answer POST read their question without a query.

Whether the quiz is published, open, or assigned to a class of the student's is never cached:
every request reads it with the attempt, so a teacher's change takes effect at once.
"""

from __future__ import annotations

import hashlib

import django
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import Choice, Fact, Question, Quiz

# A school day and its night: the entries of an old version age out.
TIMEOUT = 24 * 60 * 60


def _format() -> str:
    """Part of every key: what another Django or another shape of the models wrote (a deploy,
    with Redis running on) is never read back."""
    fields = [f.attname for model in (Question, Choice, Fact) for f in model._meta.concrete_fields]
    return hashlib.sha256(repr([django.__version__, fields]).encode()).hexdigest()[:12]


FORMAT = _format()


class QuizContent:
    """A quiz's questions at the version its row was read with.

    A request reads the cache once, on first use; a miss loads every question of the quiz
    (two queries) and caches them all for the requests to come.
    """

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        created = int(quiz.created_at.timestamp() * 1_000_000)  # a reused id is another quiz
        self.prefix = f"quiz-content:{FORMAT}:{quiz.pk}:{created}:{quiz.content_version}"
        self._order: list[int] | None = None
        self._questions: dict[int, Question | None] = {}

    @property
    def question_ids(self) -> list[int]:
        """Its questions' ids in the quiz's order (an attempt may shuffle them)."""
        if self._order is None:
            self._read()
        return self._order

    def question(self, question_id: int) -> Question | None:
        """One of its questions, with its options and fact; None if it is not the quiz's."""
        if question_id not in self._questions:
            self._read(question_id)
        return self._questions[question_id]

    def _key(self, name: object) -> str:
        return f"{self.prefix}:{name}"

    def _read(self, question_id: int | None = None) -> None:
        order_key, question_key = self._key("order"), self._key(question_id)
        found = cache.get_many([order_key] if question_id is None else [order_key, question_key])
        order, question = found.get(order_key), found.get(question_key)
        if order is None or (question is None and question_id in order):
            order, loaded = self._load()
            question = loaded.get(question_id)
        self._order = order
        if question_id is not None:
            if question is not None:
                question.quiz = self.quiz  # its own row, not a copy kept in the cache
            self._questions[question_id] = question

    def _load(self) -> tuple[list[int], dict[int, Question]]:
        questions = Question.objects.filter(quiz_id=self.quiz.pk)
        loaded = {q.pk: q for q in questions.select_related("fact").prefetch_related("choices")}
        order = list(loaded)
        entries = {self._key(pk): question for pk, question in loaded.items()}
        cache.set_many({self._key("order"): order, **entries}, TIMEOUT)
        return order, loaded


# Every change to a question, an option or a fact raises the version of the quizzes that show
# it, in the same transaction as the change. Saves through QuerySet.update() or bulk_create()
# send no signal: the code that makes them raises the version itself.


@receiver([post_save, post_delete], sender=Question)
def question_changed(sender, instance: Question, **kwargs) -> None:
    Quiz.objects.filter(pk=instance.quiz_id).bump_content_version()


@receiver([post_save, post_delete], sender=Choice)
def option_changed(sender, instance: Choice, **kwargs) -> None:
    its_quiz = Question.objects.filter(pk=instance.question_id).values("quiz_id")
    Quiz.objects.filter(pk__in=its_quiz).bump_content_version()


@receiver(post_save, sender=Fact)
def fact_changed(sender, instance: Fact, created: bool, **kwargs) -> None:
    if not created:  # a new fact is in no question yet
        Quiz.objects.asking_about([instance]).bump_content_version()


@receiver(pre_delete, sender=Fact)
def fact_deleted(sender, instance: Fact, **kwargs) -> None:
    # Before its questions lose it: they are set to no fact by an UPDATE, which sends no signal.
    Quiz.objects.asking_about([instance]).bump_content_version()
