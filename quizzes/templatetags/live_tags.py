from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def points(value: int) -> str:
    """Podium points with a thousands separator: 12,450."""
    return f"{int(value):,}"


@register.inclusion_tag("live/_banner.html", takes_context=True)
def live_now_banner(context) -> dict:
    """The "live now" banner on a student's quiz list: the running sessions of her classes.

    A tag, so the quiz list's view stays as it is; one query, for signed-in students only.
    """
    from quizzes.live_models import LiveSession

    user = context["user"]
    sessions = []
    if user.is_authenticated and not user.is_staff:
        running = LiveSession.objects.running().for_student(user)
        sessions = list(running.select_related("quiz", "classroom"))
    return {"sessions": sessions, "user": user, "csrf_token": context.get("csrf_token")}
