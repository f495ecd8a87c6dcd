"""Quizzes, articles and question drafts get an owner; quizzes can be shared with colleagues.

Existing rows get an owner by this rule (README, "Who sees and changes what"):
- a quiz: the teacher of the first class it is assigned to, else the first superuser;
- an article: the owner of its first quiz, else the first superuser;
- a draft: its article's owner.
Without any superuser, the first staff account stands in. With rows to give and no account at
all, the migration stops and says so: create a superuser, then migrate again.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def first_administrator(User):
    for accounts in (User.objects.filter(is_superuser=True), User.objects.filter(is_staff=True)):
        first = accounts.order_by("pk").first()
        if first is not None:
            return first
    return None


def give_owners(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Quiz = apps.get_model("quizzes", "Quiz")
    Article = apps.get_model("quizzes", "Article")
    QuestionDraft = apps.get_model("quizzes", "QuestionDraft")
    Classroom = apps.get_model("quizzes", "Classroom")
    fallback = first_administrator(User)
    unowned = [Quiz.objects.all(), Article.objects.all(), QuestionDraft.objects.all()]
    if fallback is None and any(rows.exists() for rows in unowned):
        raise RuntimeError(
            "Quizzes and articles need an owner, and there is no account to give them to. "
            "Create one with `manage.py createsuperuser`, then run `manage.py migrate` again."
        )
    for quiz in Quiz.objects.all():
        first_class = Classroom.objects.filter(quizzes=quiz).order_by("pk").first()
        quiz.owner_id = first_class.teacher_id if first_class else fallback.pk
        quiz.save(update_fields=["owner"])
    for article in Article.objects.all():
        first_quiz = Quiz.objects.filter(article=article).order_by("pk").first()
        article.owner_id = first_quiz.owner_id if first_quiz else fallback.pk
        article.save(update_fields=["owner"])
    for article in Article.objects.all():
        QuestionDraft.objects.filter(article=article).update(owner_id=article.owner_id)


def owner(null=False):
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="%(class)s_owned",
        to=settings.AUTH_USER_MODEL,
        verbose_name="owner",
    )


class Migration(migrations.Migration):

    dependencies = [
        ("quizzes", "0004_protect_score_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField("article", "owner", owner(null=True)),
        migrations.AddField("quiz", "owner", owner(null=True)),
        migrations.AddField("questiondraft", "owner", owner(null=True)),
        migrations.AddField(
            model_name="quiz",
            name="shared_with",
            field=models.ManyToManyField(
                blank=True,
                help_text="Colleagues who may assign this quiz to their classes, but not change it.",
                related_name="quizzes_shared",
                to=settings.AUTH_USER_MODEL,
                verbose_name="shared with",
            ),
        ),
        migrations.RunPython(give_owners, migrations.RunPython.noop),
        migrations.AlterField("article", "owner", owner()),
        migrations.AlterField("quiz", "owner", owner()),
        migrations.AlterField("questiondraft", "owner", owner()),
        # Each teacher imports a text once; two teachers may each have the same article.
        migrations.AlterField(
            model_name="article",
            name="body_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("owner", "body_hash"), name="one_import_per_text"
            ),
        ),
        migrations.AlterField(
            model_name="quiz",
            name="attempts_allowed",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text=(
                    "With more than one, verdicts, scores and correct answers are shown only in "
                    "the last attempt (and those of earlier attempts once it is finished), so no "
                    "attempt hands out the key to the next."
                ),
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="attempts allowed",
            ),
        ),
    ]
