from __future__ import annotations

import hashlib
import hmac
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Aggregate, Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import grading
from .prepared import PreparedQuery

if TYPE_CHECKING:
    from .quiz_content import QuizContent


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, user) -> OwnedQuerySet:
        """What a user may change: their own rows, or every row for an administrator."""
        if not user.is_authenticated:
            return self.none()
        return self if user.is_superuser else self.filter(owner=user)


class OwnedModel(models.Model):
    """Made by a teacher, who alone changes it (an administrator may change anything).

    The owner is protected: an account that owns something is deactivated, not deleted.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="%(class)s_owned",
        verbose_name=_("owner"),
    )

    class Meta:
        abstract = True

    def is_changeable_by(self, user) -> bool:
        return user.is_authenticated and (user.is_superuser or self.owner_id == user.pk)


class ArticleQuerySet(OwnedQuerySet):
    def same_text(self, text: str, owner) -> ArticleQuerySet:
        """The owner's article with this text, found by its hash: each teacher imports a text
        once."""
        return self.filter(owner=owner, body_hash=body_hash(article_body(text)))

    def import_text(
        self,
        text: str,
        *,
        owner,
        title: str = "",
        source_url: str = "",
        published_on=None,
        language: str = "ja",
    ) -> tuple[Article, bool]:
        """The article for this text, created unless the same text was imported before.

        Every article is made here: the admin's and the teacher's forms, the commands and the
        seeds. The body is stored as `article_body` makes it, so the offsets of extracted facts
        point into it and the same text, however it ends, is found by its hash.
        """
        from .generation.text import normalize, title_for

        body = article_body(text)
        if not body:
            raise ValueError("empty article")
        existing = self.same_text(body, owner).first()
        if existing is not None:
            return existing, False
        title = normalize(title).strip() or title_for(body)
        article = self.create(
            owner=owner,
            title=title,
            body=body,
            source_url=source_url,
            published_on=published_on,
            language=language,
        )
        return article, True


class Article(OwnedModel):
    class Language(models.TextChoices):
        JAPANESE = "ja", _("Japanese")
        ENGLISH = "en", _("English")

    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body"))
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.JAPANESE
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # SHA-256 of the body: a teacher importing the same text twice finds her first import.
    body_hash = models.CharField(max_length=64, null=True, editable=False)
    drafted_at = models.DateTimeField(_("drafted"), null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["owner", "body_hash"], name="one_import_per_text"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body_hash = body_hash(self.body)
        super().save(*args, **kwargs)

    def draft_questions(self, nlp=None, report: ReportProgress | None = None) -> DraftingReport:
        """Extract the facts, draft questions from them, and store both for review.

        Facts a question already uses are kept as they are; drafts still waiting for review are
        replaced; approved and rejected ones stay, and are not proposed again. Nothing is stored
        until the pipeline has finished, so a failure leaves the article and its drafts as they
        were. `report(stage, **counts)` hears how far it has got (the drafting job stores it).
        """
        from .generation.drafting import draft_from, extract

        report = report or _ignore_progress
        report(DraftingJob.Stage.READING)
        extraction = extract(
            self.body,
            title=self.title,
            published=self.published_on,
            nlp=_CountingNlp(nlp, report),
        )
        counts = {"sentences": len(extraction.sentences), "facts": len(extraction.facts)}
        report(DraftingJob.Stage.DRAFTING, **counts)
        result = draft_from(extraction)
        with transaction.atomic():
            # One drafting of an article at a time: a second one waits, then replaces the
            # first one's pending drafts instead of adding to them.
            Article.objects.select_for_update().filter(pk=self.pk).first()
            facts = self._store_facts(extraction)
            self.drafts.filter(status=QuestionDraft.Status.PENDING).delete()
            reviewed = set(self.drafts.values_list("kind", "prompt"))
            drafts = [
                QuestionDraft(
                    owner=self.owner,
                    article=self,
                    fact=facts.get((d.fact.start, d.fact.end)),
                    kind=d.kind,
                    prompt=d.prompt,
                    answer=d.answer,
                    choices=d.choices,
                    explanation=d.explanation,
                    source_sentence=d.source_sentence,
                    score=d.score,
                    numeric_answer=d.numeric_answer,
                    unit=d.unit,
                    accepted_answers="\n".join(d.accepted_answers),
                )
                for d in result.kept
                if (d.kind, d.prompt) not in reviewed
            ]
            QuestionDraft.objects.bulk_create(drafts, batch_size=500)
            self.drafted_at = timezone.now()
            Article.objects.filter(pk=self.pk).update(drafted_at=self.drafted_at)
        return DraftingReport(drafted=len(drafts), rejected=len(result.rejected), **counts)

    def _store_facts(self, extraction) -> dict[tuple[int, int], Fact]:
        """The extracted facts saved, by their span; a few queries whatever their number."""
        known = {(fact.start, fact.end): fact for fact in self.facts.all()}
        new, changed = [], []
        for found in extraction.facts:
            values = {
                "kind": found.kind,
                "text": found.text,
                "sentence": extraction.sentences[found.sentence].text,
            }
            fact = known.get((found.start, found.end))
            if fact is None:
                fact = Fact(article=self, start=found.start, end=found.end, **values)
                known[(found.start, found.end)] = fact
                new.append(fact)
            elif any(getattr(fact, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(fact, name, value)
                if fact.pk is not None and fact not in changed:
                    changed.append(fact)
        Fact.objects.bulk_create(new, batch_size=500)
        Fact.objects.bulk_update(changed, ["kind", "text", "sentence"], batch_size=500)
        if changed:  # bulk_update sends no signal: the quizzes asking about them read them anew
            Quiz.objects.asking_about(changed).bump_content_version()
        return known

    def paragraphs(self) -> list[str]:
        """The body's paragraphs, without a first line that only repeats the title."""
        paragraphs = [p.strip() for p in self.body.splitlines() if p.strip()]
        if paragraphs and paragraphs[0] == self.title.strip():
            paragraphs = paragraphs[1:]
        return paragraphs


@dataclass(frozen=True)
class DraftingReport:
    sentences: int
    facts: int
    drafted: int
    rejected: int


class ReportProgress(Protocol):
    def __call__(self, stage: str, **counts: int) -> None: ...


def _ignore_progress(stage: str, **counts: int) -> None:
    pass


class _CountingNlp:
    """The language model, passed through, counting the sentences it has read.

    Finding names is the long part of drafting (a 200 KB article: about 40 seconds), so the
    teacher is told how many sentences of how many have been read. The model itself is loaded
    on first use, once per process: only a worker drafting an article ever loads it.
    """

    def __init__(self, nlp, report: ReportProgress) -> None:
        self.nlp, self.report = nlp, report

    # The model reads sentences in batches and hands them back a batch at a time: small
    # batches keep the count moving (every half second or so, not every two or three).
    BATCH_SIZE = 16

    def pipe(self, texts, **options):
        from .generation.names import load_nlp

        options["batch_size"] = min(options.get("batch_size", self.BATCH_SIZE), self.BATCH_SIZE)
        texts = list(texts)
        total = len(texts)
        self.report(DraftingJob.Stage.FINDING_FACTS, sentences=total, sentences_read=0)
        nlp = self.nlp if self.nlp is not None else load_nlp()
        for read, doc in enumerate(nlp.pipe(texts, **options), start=1):
            self.report(DraftingJob.Stage.FINDING_FACTS, sentences=total, sentences_read=read)
            yield doc


def article_body(text: str) -> str:
    """An article's text as it is stored, hashed and compared: NFKC-normalised, one kind of
    line end, no BOM, no blank space around it."""
    from .generation.text import normalize

    return normalize(text).strip()


def body_hash(body: str) -> str:
    return hashlib.sha256(body.strip().encode()).hexdigest()


class FactQuerySet(models.QuerySet):
    def usable_by(self, user) -> FactQuerySet:
        """Facts a teacher may link a question to: of her articles, or of her quizzes' articles
        (a copy of a colleague's quiz keeps its article)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        mine = Q(article__owner=user) | Q(article__quizzes__owner=user)
        return self.filter(pk__in=Fact.objects.filter(mine).values("pk"))


class Fact(models.Model):
    class Kind(models.TextChoices):
        DATE = "date", _("date")
        MONEY = "money", _("money")
        QUANTITY = "quantity", _("quantity")
        PERSON = "person", _("person")
        PLACE = "place", _("place")
        ORGANISATION = "organisation", _("organisation")
        OTHER = "other", _("other")

    # Names, whose natural variants a typed answer may be (grading.name_variants).
    NAME_KINDS = frozenset({Kind.PERSON, Kind.PLACE, Kind.ORGANISATION})

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="facts", verbose_name=_("article")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.CharField(_("answer text"), max_length=300)
    sentence = models.TextField(_("source sentence"))
    start = models.PositiveIntegerField(_("start offset"), help_text=_("Offset in the body."))
    end = models.PositiveIntegerField(_("end offset"))

    objects = FactQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="fact_span"),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.get_kind_display()})"


class QuizQuerySet(OwnedQuerySet):
    def assignable_by(self, user) -> QuizQuerySet:
        """Quizzes a teacher may assign to her classes: her own and those shared with her."""
        return self._of_teacher(user, Q(owner=user) | Q(shared_with=user))

    def usable_by(self, user) -> QuizQuerySet:
        """Quizzes a teacher may see and preview, not always change: those she may assign, and
        those already assigned to a class she teaches (even if no longer shared with her)."""
        return self._of_teacher(
            user, Q(owner=user) | Q(shared_with=user) | Q(classes__teacher=user)
        )

    def _of_teacher(self, user, condition: Q) -> QuizQuerySet:
        # An administrator may use every quiz; an anonymous visitor none.
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk__in=Quiz.objects.filter(condition).values("pk"))

    def visible_to(self, user) -> QuizQuerySet:
        """Published quizzes a user may take: those assigned to a class they are in or teach.

        An administrator sees every published quiz; an anonymous visitor none.
        """
        if not user.is_authenticated:
            return self.none()
        published = self.filter(published=True)
        if user.is_superuser:
            return published
        mine = Q(classes__students=user) | Q(classes__teacher=user)
        return published.filter(pk__in=Quiz.objects.filter(mine).values("pk"))

    def with_question_count(self) -> QuizQuerySet:
        return self.annotate(question_count=Count("questions"))

    def asking_about(self, facts) -> QuizQuerySet:
        """Quizzes with a question on one of these facts."""
        return self.filter(pk__in=Question.objects.filter(fact__in=facts).values("quiz_id"))

    def bump_content_version(self) -> int:
        """Their questions, options or facts changed: what students read of them is read anew."""
        return self.update(content_version=F("content_version") + 1)

    def create_for(self, article: Article | None, *, title: str, slug: str = "", **fields) -> Quiz:
        """A new quiz (unpublished unless `published=True` is given), on an article or none.

        Every quiz the app makes is made here (the admin's add page saves the slug its teacher
        typed); without a slug, `new_slug` makes one from the title.
        """
        return self.create(title=title, slug=slug or new_slug(title), article=article, **fields)


def new_slug(title: str) -> str:
    """A new quiz's address that no other quiz has: the title in ASCII letters (or "quiz") and
    a random suffix."""
    from django.utils.crypto import get_random_string
    from django.utils.text import slugify

    base = slugify(title, allow_unicode=False) or "quiz"
    return f"{base[:80]}-{get_random_string(6).lower()}"


JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in class


def new_join_code() -> str:
    from django.utils.crypto import get_random_string

    return get_random_string(6, JOIN_CODE_ALPHABET)


class ClassroomQuerySet(models.QuerySet):
    def taught_by(self, user) -> ClassroomQuerySet:
        """The classes a user may manage: their own, or every class for an administrator."""
        if not user.is_authenticated:
            return self.none()
        return self if user.is_superuser else self.filter(teacher=user)


# What a copy of a quiz does not take from it: its own identity, owner and publication.
NOT_COPIED = {
    "id",
    "title",
    "slug",
    "owner",
    "article",
    "published",
    "created_at",
    "content_version",
}


class Quiz(OwnedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    article = models.ForeignKey(
        Article,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quizzes",
        verbose_name=_("article"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    classes = models.ManyToManyField(
        "Classroom", blank=True, related_name="quizzes", verbose_name=_("classes")
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="quizzes_shared",
        verbose_name=_("shared with"),
        help_text=_("Colleagues who may assign this quiz to their classes, but not change it."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no time limit.")
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "With more than one, verdicts, scores and correct answers are shown only in the "
            "last attempt (and those of earlier attempts once it is finished), so no attempt "
            "hands out the key to the next."
        ),
    )
    shuffle_questions = models.BooleanField(_("shuffle the questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle the options"), default=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    # Part of the cache keys of what its students read (quizzes/quiz_content.py): raised by
    # every change to its questions, their options or their facts, so no edit is served stale.
    content_version = models.PositiveIntegerField(default=0, editable=False)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quizzes:quiz-detail", args=[self.slug])

    def save(self, *args, **kwargs) -> None:
        # The content version only ever goes up, by `bump_content_version`'s UPDATE: a quiz read
        # before a bump and saved after it must not set it back, or the content cached under
        # the old number would be served again.
        if not self._state.adding and kwargs.get("update_fields") is None:
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.name != "content_version"
                and field.attname not in deferred
            ]
        super().save(*args, **kwargs)

    @cached_property
    def content(self) -> QuizContent:
        """Its questions as students meet them, from the cache where it has them."""
        from .quiz_content import QuizContent

        return QuizContent(self)

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The quiz must close after it opens.")})

    def append_questions(self, questions, *, validate: bool = True) -> list[Question]:
        """Save (unsaved question, [(option text, correct)]) pairs after the last question.

        The one way questions join a quiz: the seeds, the drafts, the banks, a copy and the
        tests' factories all come here. All or nothing, one adder at a time per quiz (the quiz
        row is locked), and every question is checked first as the admin checks it: its fields,
        its kind's key, its options (ValidationError, naming each broken question). A copy
        (`validate=False`) takes saved questions as they are: an unfinished quiz copies
        unfinished.
        """
        with transaction.atomic():
            Quiz.objects.select_for_update().get(pk=self.pk)
            last = self.questions.aggregate(last=models.Max("order"))["last"] or 0
            new = []
            for offset, (question, options) in enumerate(questions, start=1):
                question.quiz, question.order = self, last + offset
                choices = [
                    Choice(text=text, is_correct=correct, order=number)
                    for number, (text, correct) in enumerate(options, start=1)
                ]
                new.append((question, choices))
            if validate:
                problems = [
                    question_problem(question.order, question, problem)
                    for question, choices in new
                    for problem in new_question_problems(question, choices)
                ]
                if problems:
                    raise ValidationError(problems)
            for question, choices in new:
                question.save()
                for choice in choices:
                    choice.question = question
                Choice.objects.bulk_create(choices)
            Quiz.objects.filter(pk=self.pk).bump_content_version()  # bulk_create sends no signal
            self.content_version = Quiz.objects.values_list("content_version", flat=True).get(
                pk=self.pk
            )
            self.__dict__.pop("content", None)  # this instance reads the new questions too
        return [question for question, _ in new]

    def duplicate(self, owner) -> Quiz:
        """The owner's unpublished copy with its questions and options, assigned to no class
        and shared with no one: a colleague copies a quiz shared with her to change it."""
        with transaction.atomic():
            saved = Quiz.objects.select_related("article").get(pk=self.pk)
            settings = {
                field.attname: getattr(saved, field.attname)
                for field in Quiz._meta.concrete_fields
                if field.name not in NOT_COPIED
            }
            copy = Quiz.objects.create_for(
                saved.article,
                title=f"{saved.title} (copy)"[:200],
                slug=new_slug(saved.slug),
                owner=owner,
                published=False,
                **settings,
            )
            questions = []
            for question in saved.questions.prefetch_related("choices"):
                options = [(choice.text, choice.is_correct) for choice in question.choices.all()]
                question.pk = None
                questions.append((question, options))
            copy.append_questions(questions, validate=False)
        return copy

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.opens_at is None or self.opens_at <= now) and not self.has_closed(now)

    def has_closed(self, now=None) -> bool:
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    def publishing_problems(self, questions: list[Question] | None = None) -> list[str]:
        """Why students could not finish this quiz: each broken question, by number and prompt.

        `questions` are the quiz's questions as they are about to be saved (the admin's quiz
        page passes its edited ones); by default, the saved ones.
        """
        if questions is None:
            questions = list(self.questions.prefetch_related("choices"))
        return [
            question_problem(number, question, problem)
            for number, question in enumerate(questions, start=1)
            for problem in question.problems()
        ]

    def publish(self) -> None:
        """Open the quiz to its classes, unless a question is broken (ValidationError, by name)."""
        problems = self.publishing_problems()
        if problems:
            raise ValidationError(problems)
        Quiz.objects.filter(pk=self.pk).update(published=True)
        self.published = True


class QuestionQuerySet(models.QuerySet):
    def owned_by(self, user) -> QuestionQuerySet:
        """A question belongs to its quiz's owner."""
        return self.filter(quiz__in=Quiz.objects.owned_by(user))

    def usable_by(self, user) -> QuestionQuerySet:
        return self.filter(quiz__in=Quiz.objects.usable_by(user))


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = grading.Kind.SINGLE.value, _("single choice")
        MULTIPLE = grading.Kind.MULTIPLE.value, _("multiple answers")
        TRUE_FALSE = grading.Kind.TRUE_FALSE.value, _("true or false")
        NUMERIC = grading.Kind.NUMERIC.value, _("number")
        TEXT = grading.Kind.TEXT.value, _("short text")

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="questions", verbose_name=_("quiz")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    prompt = models.TextField(_("prompt"))
    explanation = models.TextField(_("explanation"), blank=True)
    points = models.PositiveSmallIntegerField(_("points"), default=1)
    fact = models.ForeignKey(
        Fact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("fact"),
    )
    numeric_answer = models.DecimalField(
        _("numeric answer"), max_digits=30, decimal_places=6, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=30, decimal_places=6, default=Decimal(0)
    )
    unit = models.CharField(
        _("unit"), max_length=20, blank=True, help_text=_("Shown after the number box.")
    )
    accepted_answers = models.TextField(
        _("accepted answers"), blank=True, help_text=_("For short text: one per line.")
    )
    accept_name_variants = models.BooleanField(
        _("accept natural variants of the names"),
        default=False,
        help_text=_(
            "Short text: also accept a name without a title, 株式会社 or 都/府/県/市/町/村/区, "
            "and a common short form (鹿児島 for 鹿児島県, 国連 for 国際連合). When the "
            "question's fact is a person, her family name alone too (岸田 for 岸田文雄首相)."
        ),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "order"], name="question_order_unique"),
        ]

    def __str__(self) -> str:
        return self.prompt[:60]

    @property
    def grading_kind(self) -> grading.Kind:
        return grading.Kind(self.kind)

    def is_changeable_by(self, user) -> bool:
        return self.quiz.is_changeable_by(user)

    @property
    def source_sentence(self) -> str:
        return self.fact.sentence if self.fact_id else ""

    def clean(self) -> None:
        if self.kind == self.Kind.NUMERIC and self.numeric_answer is None:
            raise ValidationError({"numeric_answer": _("A number question needs its answer.")})
        if self.tolerance is not None and self.tolerance < 0:
            raise ValidationError({"tolerance": _("The tolerance cannot be negative.")})
        if self.kind == self.Kind.TEXT and not self.accepted_answer_list():
            raise ValidationError(
                {"accepted_answers": _("A short-text question needs at least one answer.")}
            )

    def problems(self) -> list[str]:
        """Everything that would keep students from answering this question: its key and its
        options (the saved ones, prefetched; an unsaved question has none yet)."""
        found = []
        try:
            self.clean()
        except ValidationError as invalid:
            found.extend(invalid.messages)
        options = [choice.is_correct for choice in self.choices.all()] if self.pk else []
        if problem := options_problem(self.kind, options):
            found.append(problem)
        return found

    def accepted_answer_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.accepted_answers.splitlines() if line.strip())

    def answer_key(self) -> grading.AnswerKey:
        """The key to grade with; uses the prefetched choices, so no query of its own."""
        return grading.AnswerKey(
            kind=self.grading_kind,
            correct_choice_ids=frozenset(c.pk for c in self.choices.all() if c.is_correct),
            choice_ids=frozenset(c.pk for c in self.choices.all()),
            numeric_answer=self.numeric_answer,
            tolerance=self.tolerance,
            unit=self.unit,
            accepted_answers=self.accepted_answer_list(),
            name_variants=self.accept_name_variants,
            name_kind=self.name_kind() if self.accept_name_variants else "",
        )

    def name_kind(self) -> str:
        """Whose name the answer is, from the question's fact (select_related by the callers):
        a person's, a place's, an organisation's, or "" when it does not say."""
        kind = self.fact.kind if self.fact_id else ""
        return kind if kind in Fact.NAME_KINDS else ""

    def correct_answer_display(self) -> str:
        if self.grading_kind.uses_choices:
            return "、".join(c.text for c in self.choices.all() if c.is_correct)
        if self.grading_kind == grading.Kind.NUMERIC and self.numeric_answer is not None:
            value = self.numeric_answer.normalize()
            number = f"{value:,f}" if value == value.to_integral() else f"{value:f}"
            return f"{number}{self.unit}"
        answers = self.accepted_answer_list()
        return answers[0] if answers else ""


def options_problem(kind: str, correct: list[bool]) -> str:
    """What is wrong with a question's options, given whether each is correct ("" if nothing).

    The one rule for the question's admin page, publishing a quiz and every other path.
    """
    count, right = len(correct), sum(correct)
    if kind == Question.Kind.SINGLE and (count < 2 or right != 1):
        return gettext("A single-choice question needs two options or more, exactly one correct.")
    if kind == Question.Kind.MULTIPLE and (count < 2 or right < 1):
        return gettext(
            "A multiple-answer question needs two options or more, at least one correct."
        )
    if kind == Question.Kind.TRUE_FALSE and (count != 2 or right != 1):
        return gettext("A true/false question has exactly two options, one of them correct.")
    if kind in (Question.Kind.NUMERIC, Question.Kind.TEXT) and count:
        return gettext("Number and short-text questions take no options.")
    return ""


def question_problem(number: int, question: Question, problem: str) -> str:
    """A problem, saying which question has it: by its number in the quiz and its prompt."""
    return gettext("Question %(number)d (%(prompt)s): %(problem)s") % {
        "number": number,
        "prompt": Truncator(question.prompt).chars(40),
        "problem": problem,
    }


def new_question_problems(question: Question, choices: list[Choice]) -> list[str]:
    """What keeps an unsaved question and its options from joining a quiz ([] if nothing)."""
    found = []
    try:
        question.full_clean(exclude=["quiz", "fact"])
    except ValidationError as invalid:
        found.extend(invalid.messages)
    for choice in choices:
        try:
            choice.full_clean(exclude=["question"])
        except ValidationError as invalid:
            found.extend(invalid.messages)
    if problem := options_problem(question.kind, [choice.is_correct for choice in choices]):
        found.append(problem)
    return found


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text


class Classroom(models.Model):
    """A teacher's class: students join it with its code, and quizzes are assigned to it."""

    name = models.CharField(_("name"), max_length=100)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="classes_taught",
        verbose_name=_("teacher"),
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="classes", verbose_name=_("students")
    )
    join_code = models.CharField(
        _("join code"), max_length=12, unique=True, default=new_join_code, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teach:class", args=[self.pk])

    def enroll(self, user) -> None:
        """Make the user a student of the class; a staff account never becomes one."""
        if not may_be_a_student(user):
            raise NotAStudent
        self.students.add(user)

    def invite(self, username: str, invited_by) -> None:
        """Invite the active student account with this user name, if there is one.

        The student joins only when she accepts. Nothing tells the teacher whether the name
        exists: an unknown name, a staff account, a member, a repeated or declined invitation
        all end the same, silently.
        """
        from django.contrib.auth import get_user_model

        student = get_user_model().objects.filter(username=username, is_active=True).first()
        if student is None or not may_be_a_student(student):
            return
        if self.students.filter(pk=student.pk).exists():
            return
        try:
            with transaction.atomic():
                invitation, created = ClassInvitation.objects.get_or_create(
                    classroom=self, student=student, defaults={"invited_by": invited_by}
                )
        except IntegrityError:  # the same invitation, sent a moment ago from another tab
            return
        if not created and invitation.status == ClassInvitation.Status.ACCEPTED:
            # She accepted once and has left the class since: ask her again.
            invitation.status, invitation.invited_by = ClassInvitation.Status.PENDING, invited_by
            invitation.answered_at = None
            invitation.save(update_fields=["status", "invited_by", "answered_at"])


class NotAStudent(Exception):
    """Staff accounts (teachers, administrators) cannot be students of a class."""


def may_be_a_student(user) -> bool:
    return not (user.is_staff or user.is_superuser)


class ClassInvitationQuerySet(models.QuerySet):
    def pending_for(self, user) -> ClassInvitationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(student=user, status=ClassInvitation.Status.PENDING)


class ClassInvitation(models.Model):
    """A teacher asks a student, by user name, to join her class; the student decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("class")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="class_invitations",
        verbose_name=_("student"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = ClassInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("class invitation")
        verbose_name_plural = _("class invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "student"], name="one_invitation_per_class_and_student"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.classroom}"

    def accept(self) -> None:
        """She joins the class; a student account that became staff since cannot."""
        with transaction.atomic():
            self.classroom.enroll(self.student)
            self._answer(self.Status.ACCEPTED)

    def decline(self) -> None:
        self._answer(self.Status.DECLINED)

    def _answer(self, status: str) -> None:
        self.status, self.answered_at = status, timezone.now()
        self.save(update_fields=["status", "answered_at"])


class AttemptFinished(Exception):
    """The attempt is closed: nothing more can be recorded in it."""


class AttemptQuerySet(models.QuerySet):
    def of(self, user) -> AttemptQuerySet:
        return self.filter(student=user) if user.is_authenticated else self.none()

    def of_classes_taught_by(self, user) -> AttemptQuerySet:
        """Attempts a teacher may read: by a student of one of her classes, at a quiz assigned
        to that same class. An administrator reads every attempt."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        taught = Classroom.objects.filter(
            teacher=user, students=OuterRef("student"), quizzes=OuterRef("quiz")
        )
        return self.filter(Exists(taught))

    def with_final_finished(self) -> AttemptQuerySet:
        """Annotate whether the student has finished her last allowed attempt at the quiz, which
        `reveals_results` would otherwise ask the database for, attempt by attempt."""
        final = Attempt.objects.filter(
            student=OuterRef("student"),
            quiz=OuterRef("quiz"),
            number__gte=OuterRef("quiz__attempts_allowed"),
            finished_at__isnull=False,
        )
        return self.annotate(final_finished=Exists(final))

    def with_answered(self) -> AttemptQuerySet:
        """With what each attempt had answered when it was read, in the same query (the
        (question, points) pairs of `Attempt.answered`, as one text: `answered_pairs`).

        Never for an attempt read under its lock: the subquery reads the answers as they were
        when the statement began, and a lock it waits for is released by the commit of an answer
        it would then miss. What is read under the lock is read after it (`answered`)."""
        pairs = (
            Answer.objects.filter(attempt=OuterRef("pk"))
            .order_by()
            .values("attempt")
            .annotate(
                pairs=TextList(
                    Concat(
                        Cast("question_id", models.TextField()),
                        Value(":"),
                        Cast("points", models.TextField()),
                        output_field=models.TextField(),
                    )
                )
            )
            .values("pairs")
        )
        return self.annotate(answered_pairs=Subquery(pairs, output_field=models.TextField()))

    def unfinished(self) -> AttemptQuerySet:
        return self.filter(finished_at__isnull=True)

    def locked(self) -> AttemptQuerySet:
        """Read with their rows locked until the transaction ends (SELECT ... FOR UPDATE on
        PostgreSQL; SQLite takes its write lock when the transaction begins). The attempt's row
        alone, not its quiz's: a whole class answers the same quiz at once."""
        return self.select_for_update(of=("self",))

    def finish_all(self) -> int:
        """Close these attempts in one UPDATE, each with the total of its answers, as
        `Attempt.finish` does one by one; those already closed stay as they are."""
        total = (
            Answer.objects.filter(attempt=OuterRef("pk"))
            .values("attempt")
            .annotate(total=Sum("points"))
            .values("total")
        )
        score = Coalesce(Subquery(total), Value(Decimal(0)), output_field=models.DecimalField())
        return self.unfinished().update(finished_at=timezone.now(), score=score)


@dataclass(frozen=True)
class Progress:
    """Where a student stands in a run through questions: their order and those answered."""

    question_ids: list[int]
    answered_ids: frozenset[int] = frozenset()

    @property
    def total(self) -> int:
        return len(self.question_ids)

    @property
    def next_unanswered(self) -> int | None:
        return next((q for q in self.question_ids if q not in self.answered_ids), None)

    def position(self, question_id: int) -> int:
        return self.question_ids.index(question_id) + 1

    def following(self, question_id: int) -> int | None:
        """The question after this one in the order, answered or not."""
        at = self.position(question_id)
        return self.question_ids[at] if at < self.total else None

    def with_answered(self, question_id: int) -> Progress:
        return Progress(self.question_ids, self.answered_ids | {question_id})


class Attempt(models.Model):
    # Score history is never lost silently: a student or quiz with attempts cannot be deleted.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("student"),
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz")
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, default=Decimal(0))
    max_score = models.PositiveIntegerField(_("maximum score"), default=0)
    number = models.PositiveSmallIntegerField(_("attempt number"), default=1)
    # Fixed when the attempt starts: changing the quiz's time limit later changes no one's clock.
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        indexes = [models.Index(fields=["student", "quiz"])]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "quiz"],
                condition=Q(finished_at__isnull=True),
                name="one_open_attempt_per_quiz",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} – {self.quiz}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @classmethod
    def start(cls, student, quiz: Quiz, *, timed: bool = True) -> Attempt:
        """The student's unfinished attempt, or a new one while attempts remain; else the last.

        The caller checks that the quiz is open. A new attempt gets the quiz's time limit unless
        it is not `timed` (in a live session the teacher paces the questions). Results are
        revealed only once no later attempt can use them (`reveals_results`), so a retake is
        never taken with the key in hand.
        """
        mine = cls.objects.of(student).filter(quiz=quiz)
        open_attempts = mine.unfinished()
        existing = open_attempts.first()
        if existing:
            return existing.expire_if_due()
        taken = mine.count()
        if taken >= quiz.attempts_allowed:
            return mine.order_by("-number").first()
        total = quiz.questions.aggregate(total=Sum("points"))["total"] or 0
        now = timezone.now()
        deadline = None
        if timed and quiz.time_limit_minutes:
            deadline = now + timezone.timedelta(minutes=quiz.time_limit_minutes)
        try:
            with transaction.atomic():
                return cls.objects.create(
                    student=student,
                    quiz=quiz,
                    max_score=total,
                    number=taken + 1,
                    started_at=now,
                    deadline=deadline,
                )
        except IntegrityError:  # a second tab started it a moment ago
            return open_attempts.get()

    def record_answer(
        self,
        question: Question,
        verdict: grading.Verdict,
        response: dict,
        question_count: int | None,
    ) -> tuple[Answer, bool]:
        """Store the first answer to a question; later or concurrent ones get that first answer.

        For a caller that read the attempt before its transaction (a live session's answer):
        the attempt is read again, locked, and `record` stores the answer. AttemptFinished if
        the attempt is closed, or its time is up (it is closed then, with what was answered).
        """
        try:
            with transaction.atomic():
                locked = Attempt.objects.locked().select_related("quiz").get(pk=self.pk)
                answered = locked.answered()
                answer = locked.answer_to(question, answered)
                created = answer is None
                if created and not locked.expire_if_due(answered).is_finished:
                    answer = locked.record(question, verdict, response, answered, question_count)
                self.finished_at, self.score = locked.finished_at, locked.score
        except IntegrityError:  # the constraint behind the lock: one recorded without it
            return Answer.objects.get(attempt=self, question=question), False
        if answer is None:
            raise AttemptFinished
        return answer, created

    def record(
        self,
        question: Question,
        verdict: grading.Verdict,
        response: dict,
        answered: Answered,
        question_count: int | None,
    ) -> Answer:
        """Store her answer to a question she has not answered yet, in this open attempt.

        The caller holds the attempt locked (`Attempt.objects.locked()`, in a transaction) and
        read what was `answered` under that lock, so answers to one attempt are recorded one at
        a time and it finishes exactly once: the answer to the last of `question_count`
        questions finishes it; with None the caller does (a live session, when it ends). The
        unique constraint on (attempt, question) is the last line of defence.
        """
        answer = Answer.objects.create(
            attempt=self,
            question=question,
            response=response,
            outcome=verdict.outcome.value,
            credit=verdict.credit,
            points=verdict.points(question.points),
        )
        if question_count is not None and len(answered) + 1 >= question_count:
            self.finish(answered.total + answer.points)
        return answer

    def finish(self, total: Decimal | None = None) -> bool:
        """Close the attempt and total its score; True only for the call that closed it.

        `total`: the points of all its answers, read while the attempt is locked, so none can be
        added meanwhile; without it, they are totalled by a query.
        """
        now = timezone.now()
        if total is None:
            total = self.answers.aggregate(total=Sum("points"))["total"] or Decimal(0)
        closed = Attempt.objects.filter(pk=self.pk, finished_at__isnull=True).update(
            finished_at=now, score=total
        )
        if closed:
            self.finished_at, self.score = now, total
        return bool(closed)

    def get_absolute_url(self) -> str:
        return reverse("quizzes:attempt", args=[self.pk])

    @cached_property
    def reveals_results(self) -> bool:
        """Whether the student may see this attempt's verdicts, score and correct answers.

        Only once no later attempt can use them: in her last allowed attempt, in earlier ones
        once she has finished the last, and in all of them once the quiz has closed. Before
        that, a verdict on a true/false question, any "correct", even a total of zero, would be
        the key to her next attempt.
        """
        quiz = self.quiz
        if self.number >= quiz.attempts_allowed or quiz.has_closed():
            return True
        final_finished = getattr(self, "final_finished", None)  # annotated on lists
        if final_finished is None:
            others = Attempt.objects.filter(student_id=self.student_id, quiz_id=self.quiz_id)
            final_finished = (
                others.filter(number__gte=quiz.attempts_allowed).exclude(finished_at=None).exists()
            )
        return final_finished

    def is_due(self, now=None) -> bool:
        """Past its deadline, or its quiz has closed."""
        now = now or timezone.now()
        closes = self.quiz.closes_at
        return (self.deadline is not None and now >= self.deadline) or (
            closes is not None and now >= closes
        )

    def expire_if_due(self, answered: Answered | None = None) -> Attempt:
        """Close an attempt whose time is up, with what was answered; the server's clock rules.
        (`answered`, read under the attempt's lock, saves `finish` its query.)"""
        if not self.is_finished and self.is_due():
            self.finish(answered.total if answered is not None else None)
        return self

    def progress(self, answered: Answered | None = None) -> Progress:
        """Where the student stands in this attempt: the quiz's order (cached), and what she
        answered, from `answered` (read already) or one query."""
        if answered is None:
            answered = self.answered()
        question_ids = self.ordered_question_ids(self.quiz.content.question_ids)
        return Progress(question_ids, frozenset(answered.points))

    def answered(self) -> Answered:
        """The questions she has answered in this attempt and the points of each, in one query
        that reads no answer's content (its SQL built once per connection: prepared.py)."""
        return Answered(dict(ANSWERED_IN_ATTEMPT.all(None, attempt_id=self.pk)))

    def answered_when_read(self) -> Answered:
        """What she had answered when this attempt was read with `with_answered`: no query."""
        return Answered.from_text(self.answered_pairs)

    def answer_to(self, question: Question, answered: Answered) -> Answer | None:
        """Her answer to the question, if `answered` says she gave one: one more query then."""
        if question.pk not in answered:
            return None
        answer = ANSWER_TO.first(None, attempt_id=self.pk, question_id=question.pk)
        if answer is not None:
            Answer.attempt.field.set_cached_value(answer, self)
        return answer

    def ordered_question_ids(self, question_ids: list[int]) -> list[int]:
        """The quiz's questions in this attempt's order: shuffled, if the quiz says so, with a
        secret per-attempt key, so a reload shows the same order."""
        if not self.quiz.shuffle_questions:
            return question_ids
        return sorted(question_ids, key=lambda qid: self._key(f"questions:{qid}"))

    def _key(self, label: str) -> bytes:
        message = f"{label}:{self.pk}".encode()
        return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()

    def choices_for(self, question: Question) -> list[Choice]:
        """The question's options in this attempt's order, from its prefetched choices.

        Single and multiple choice are shuffled with a secret, per-attempt key, so neither the
        order a teacher typed them in nor their database ids can hint at the right one; the
        page posts positions in this order. True/false keeps its authored order.
        """
        choices = list(question.choices.all())
        shuffled = question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
        if shuffled and self.quiz.shuffle_choices:
            random.Random(self._key(f"choices:{question.pk}")).shuffle(choices)
        return choices


@dataclass(frozen=True)
class Answered:
    """What an attempt's answers say of where it stands: the questions answered (its keys) and
    the points each earned."""

    points: dict[int, Decimal]

    def __contains__(self, question_id: int) -> bool:
        return question_id in self.points

    def __len__(self) -> int:
        return len(self.points)

    @property
    def total(self) -> Decimal:
        return sum(self.points.values(), Decimal(0))

    @classmethod
    def from_text(cls, pairs: str | None) -> Answered:
        """From `AttemptQuerySet.with_answered`'s text, "question:points,..." (None: none)."""
        cent = Decimal("0.01")  # Answer.points' places: SQLite may give 1 or 0.5 for 1.00, 0.50
        points = {}
        for pair in pairs.split(",") if pairs else ():
            question_id, earned = pair.split(":")
            points[int(question_id)] = Decimal(earned).quantize(cent)
        return cls(points)


class TextList(Aggregate):
    """An expression's values joined by commas into one text: string_agg on PostgreSQL,
    group_concat on SQLite. Its values must not contain a comma."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


class Answer(models.Model):
    class Outcome(models.TextChoices):
        CORRECT = grading.Outcome.CORRECT.value, _("correct")
        PARTIAL = grading.Outcome.PARTIAL.value, _("partly correct")
        INCORRECT = grading.Outcome.INCORRECT.value, _("incorrect")

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    response = models.JSONField(_("submitted"), default=dict)
    outcome = models.CharField(_("verdict"), max_length=16, choices=Outcome.choices)
    credit = models.DecimalField(_("credit"), max_digits=5, decimal_places=4)
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=2)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["answered_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id}: {self.outcome}"

    @property
    def chosen_ids(self) -> set[int]:
        return set(self.response.get("choices", []))

    def display(self) -> str:
        """What the student gave, as text; uses the question's prefetched choices."""
        if "choices" in self.response:
            chosen = self.chosen_ids
            return "、".join(c.text for c in self.question.choices.all() if c.pk in chosen)
        return self.response.get("text", "")


ANSWERED_IN_ATTEMPT = PreparedQuery(
    "answered_in_attempt",
    lambda variant, *, attempt_id: Answer.objects.filter(attempt_id=attempt_id)
    .order_by()
    .values_list("question_id", "points"),
    "attempt_id",
)
ANSWER_TO = PreparedQuery(
    "answer_to",
    lambda variant, *, attempt_id, question_id: Answer.objects.filter(
        attempt_id=attempt_id, question_id=question_id
    ),
    "attempt_id",
    "question_id",
)


class RegradeQuerySet(models.QuerySet):
    def seen_in(self, classroom: Classroom, quiz: Quiz) -> RegradeQuerySet:
        """What a class's teacher is told of on its gradebook: changes for everyone to the
        quiz's questions, and changes for one student of her class."""
        of_quiz = self.filter(question__quiz=quiz)
        for_everyone = Q(answer__isnull=True)
        for_her_students = Q(answer__attempt__student__classes=classroom)
        return of_quiz.filter(for_everyone | for_her_students).distinct()


class Regrade(models.Model):
    """A teacher's change to recorded marks (quizzes/regrading.py), kept for the record."""

    class Action(models.TextChoices):
        ACCEPT_FOR_EVERYONE = "accept_for_everyone", _("answer accepted for everyone")
        NO_CREDIT = "no_credit", _("question counts for nothing")
        ACCEPT_FOR_STUDENT = "accept_for_student", _("answer accepted for one student")

    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="regrades", verbose_name=_("question")
    )
    action = models.CharField(_("change"), max_length=32, choices=Action.choices)
    text = models.CharField(_("answer accepted"), max_length=500, blank=True)
    answer = models.ForeignKey(
        Answer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="regrades",
        verbose_name=_("answer"),
    )  # only when accepted for one student
    points_before = models.PositiveSmallIntegerField(_("points before"), null=True, blank=True)
    answers_changed = models.PositiveIntegerField(_("answers changed"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="regrades",
        verbose_name=_("changed by"),
    )
    at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = RegradeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change to marks")
        verbose_name_plural = _("changes to marks")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.question_id}"


class QuestionDraftQuerySet(OwnedQuerySet):
    def best_first(self) -> QuestionDraftQuerySet:
        """The pipeline's rank: its score orders the drafts, best first."""
        return self.order_by("-score", "id")

    def to_review(self) -> QuestionDraftQuerySet:
        return self.filter(status=QuestionDraft.Status.PENDING, question__isnull=True)

    def approved_unused(self) -> QuestionDraftQuerySet:
        return self.filter(status=QuestionDraft.Status.APPROVED, question__isnull=True)

    def approve_first(self, count: int) -> int:
        """Approve the best `count` drafts still waiting for review; how many were approved."""
        first = list(self.to_review().best_first().values_list("pk", flat=True)[:count])
        return self.filter(pk__in=first).update(status=QuestionDraft.Status.APPROVED)

    def add_to_new_quiz(self, title: str, owner) -> tuple[Quiz, list[Question]]:
        """A new, unpublished quiz of the owner's, on the first draft's article, with these
        drafts as its questions."""
        with transaction.atomic():
            first = self.select_related("article").first()
            quiz = Quiz.objects.create_for(
                first.article if first else None, title=title, owner=owner, published=False
            )
            return quiz, self.add_to_quiz(quiz)

    def add_to_quiz(self, quiz: Quiz) -> list[Question]:
        """Make real questions of these drafts, after the quiz's last question, in score order.

        Drafts already added are skipped; each added draft is marked approved and linked.
        """
        with transaction.atomic():
            drafts = list(self.filter(question__isnull=True).order_by("-score", "id"))
            added = quiz.append_questions(
                (
                    Question(
                        kind=draft.kind,
                        prompt=draft.prompt,
                        explanation=draft.explanation,
                        fact=draft.fact,
                        numeric_answer=draft.numeric_answer,
                        unit=draft.unit,
                        accepted_answers=draft.accepted_answers or draft.answer,
                        accept_name_variants=draft.kind == Question.Kind.TEXT
                        and draft.fact is not None
                        and draft.fact.kind in Fact.NAME_KINDS,
                    ),
                    [(text, text == draft.answer) for text in draft.choices],
                )
                for draft in drafts
            )
            for draft, question in zip(drafts, added, strict=True):
                draft.question = question
                draft.status = QuestionDraft.Status.APPROVED
                draft.save(update_fields=["question", "status"])
        return added


class QuestionDraft(OwnedModel):
    """A question the drafting pipeline proposed; a teacher approves, edits or rejects it.

    Students never see a draft: it becomes a Question only when a teacher adds it to a quiz.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("to review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("article")
    )
    fact = models.ForeignKey(
        Fact, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("fact")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Question.Kind.choices)
    prompt = models.TextField(_("prompt"))
    answer = models.CharField(_("answer"), max_length=300)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    source_sentence = models.TextField(_("source sentence"))
    score = models.FloatField(_("score"), default=0)
    numeric_answer = models.DecimalField(
        _("numeric answer"), max_digits=30, decimal_places=6, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    accepted_answers = models.TextField(_("accepted answers"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    question = models.OneToOneField(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name=_("question"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = QuestionDraftQuerySet.as_manager()
    blank = grading.BLANK  # the gap in a cloze stem, for templates to mark

    class Meta:
        ordering = ["article", "-score", "id"]
        verbose_name = _("question draft")
        verbose_name_plural = _("question drafts")

    def __str__(self) -> str:
        return self.prompt.splitlines()[-1][:60] if self.prompt else ""

    def stem_of(self) -> str:
        """The question without its instruction line."""
        return self.prompt.split("\n", 1)[-1]

    def asks(self) -> set[str]:
        """What a student must know to answer it: the fact, however the article writes it."""
        return {self.answer, self.fact.text} if self.fact_id else {self.answer}

    @property
    def stem(self) -> str:
        """The question itself, without the instruction line before it."""
        return self.prompt.split("\n", 1)[-1]

    @property
    def hidden_text(self) -> str:
        """What the blank hides, as the source sentence writes it (select the fact along)."""
        return self.fact.text if self.fact_id else self.answer

    def toggle(self, status: str) -> None:
        """Approve or reject; the same button again puts the draft back to review.

        A draft already added to a quiz stays as it is: its question is what students answer.
        """
        if self.question_id is not None:
            return
        self.status = self.Status.PENDING if self.status == status else status
        QuestionDraft.objects.filter(pk=self.pk, question__isnull=True).update(status=self.status)


class DraftingJobQuerySet(models.QuerySet):
    def start(self, article: Article, owner) -> DraftingJob:
        """A drafting job for the article, queued for a worker; the only way one is made."""
        from .tasks import draft_questions

        job = self.create(article=article, owner=owner)
        result = draft_questions.enqueue(job.pk)
        DraftingJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
        job.refresh_from_db()
        return job

    def of(self, user) -> DraftingJobQuerySet:
        """A teacher's own jobs: nobody else follows them, administrators included."""
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def running(self) -> DraftingJobQuerySet:
        return self.filter(stage__in=DraftingJob.RUNNING)


class DraftingJob(models.Model):
    """One run of the drafting pipeline over an article, started by a teacher, done by a worker.

    The worker writes the stage and counts as it goes; the teacher's page reads them. A job
    queued with no worker to take it, or running with a worker that died, never says so itself:
    `state` tells those apart from the clock.
    """

    class Stage(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        READING = "reading", _("reading the article")
        FINDING_FACTS = "finding_facts", _("finding facts")
        DRAFTING = "drafting", _("drafting questions")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    RUNNING = (Stage.READING, Stage.FINDING_FACTS, Stage.DRAFTING)
    STEPS = (Stage.QUEUED, Stage.READING, Stage.FINDING_FACTS, Stage.DRAFTING, Stage.DONE)

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="drafting_jobs", verbose_name=_("article")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="drafting_jobs",
        verbose_name=_("started by"),
    )
    task_id = models.CharField(_("task"), max_length=64, blank=True, editable=False)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.QUEUED)
    sentences = models.PositiveIntegerField(_("sentences"), default=0)
    sentences_read = models.PositiveIntegerField(_("sentences read"), default=0)
    facts = models.PositiveIntegerField(_("facts"), default=0)
    drafts = models.PositiveIntegerField(_("drafts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last report"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = DraftingJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("drafting job")
        verbose_name_plural = _("drafting jobs")
        indexes = [models.Index(fields=["owner", "article", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.get_stage_display()}"

    def get_absolute_url(self) -> str:
        return reverse("teach:drafting-job", args=[self.pk])

    def report(self, stage: str, **changes) -> None:
        """Store how far the worker has got; also its sign of life."""
        now = timezone.now()
        changes = {"stage": stage, "updated_at": now, **changes}
        if stage in (self.Stage.DONE, self.Stage.FAILED):
            changes["finished_at"] = now
        DraftingJob.objects.filter(pk=self.pk).update(**changes)
        for name, value in changes.items():
            setattr(self, name, value)

    def fail(self, error: BaseException) -> None:
        self.report(self.Stage.FAILED, error=f"{type(error).__name__}: {error}"[:1000])

    @property
    def state(self) -> str:
        """The stage, or what the clock says about it: `stalled` (queued, and no worker seems
        to be running), `lost` (its worker went silent mid-way)."""
        now = timezone.now()
        if self.stage == self.Stage.QUEUED:
            if now - self.created_at < settings.DRAFTING_QUEUE_PATIENCE:
                return self.stage
            return "waiting" if self.worker_is_busy(now) else "stalled"
        if self.stage in self.RUNNING and now - self.updated_at > settings.DRAFTING_SILENCE_LIMIT:
            return "lost"
        return self.stage

    def worker_is_busy(self, now) -> bool:
        """Another job is running and reported lately: the worker is alive, just occupied."""
        lively = DraftingJob.objects.running().exclude(pk=self.pk)
        return lively.filter(updated_at__gte=now - settings.DRAFTING_SILENCE_LIMIT).exists()

    @property
    def is_over(self) -> bool:
        return self.state in (self.Stage.DONE, self.Stage.FAILED, "lost")

    @property
    def percent(self) -> int:
        """How far along, for a progress bar: finding facts is most of the time."""
        if self.stage == self.Stage.FINDING_FACTS and self.sentences:
            return 10 + 80 * self.sentences_read // self.sentences
        return {self.Stage.READING: 5, self.Stage.DRAFTING: 92, self.Stage.DONE: 100}.get(
            self.stage, 0
        )


# Live sessions live in a module of their own; imported here so Django registers their models.
from .live_models import LiveParticipant, LiveRound, LiveSession  # noqa: E402, F401
