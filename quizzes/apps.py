from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str = "default", **kwargs) -> None:
    """`migrate` also creates the throttles' cache table (a no-op once it exists)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self) -> None:
        from . import quiz_content  # noqa: F401  (its signals keep the cached questions current)

        post_migrate.connect(create_cache_table, sender=self)
