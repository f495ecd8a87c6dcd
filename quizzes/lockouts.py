"""Sign-in pauses that grow with repeated failures, and lifting one.

Guessing stays expensive: after LOGIN_FAILURE_LIMIT wrong passwords for one user name from one
address, signing in pauses for LOGIN_FIRST_PAUSE, and every further failure doubles the pause up
to LOGIN_LONGEST_PAUSE; failures are remembered for a day. A classmate behind the school's one
address who types wrong passwords on purpose can therefore only pause a name briefly, a failure
during a pause does not lengthen it, and the student's teacher can lift it on the class page.

django-axes counts the failures in the database (its AccessAttempt rows), so the count is shared
by every worker and server. Its AXES_COOLOFF_TIME is both the window failures are counted in and
the age at which every user's rows are deleted at once; a pause that depends on the request
cannot live there without one user's short pause wiping another's count. So it stays a fixed
memory of a day, and the handler below decides the pause from the count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def pause_after(failures: int) -> timedelta:
    """No pause below the limit; at it the first pause, then twice as long with each failure."""
    limit = settings.AXES_FAILURE_LIMIT
    if failures < limit:
        return timedelta(0)
    doublings = min(failures - limit, 32)  # far past the longest pause already
    return min(settings.LOGIN_FIRST_PAUSE * 2**doublings, settings.LOGIN_LONGEST_PAUSE)


@dataclass(frozen=True)
class Pause:
    failures: int
    until: datetime

    def minutes_left(self, now: datetime | None = None) -> int:
        seconds = (self.until - (now or timezone.now())).total_seconds()
        return max(1, math.ceil(seconds / 60))

    def seconds_left(self, now: datetime | None = None) -> int:
        return max(1, math.ceil((self.until - (now or timezone.now())).total_seconds()))


def remembered_failures(now: datetime | None = None):
    """The failures still counted: those of the last AXES_COOLOFF_TIME (a day)."""
    since = (now or timezone.now()) - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=since)


def pause_of(username: str | None, address: str | None, now=None) -> Pause | None:
    """The pause on signing in as `username` from `address`, if one is running now."""
    now = now or timezone.now()
    rows = remembered_failures(now).filter(username=username, ip_address=address)
    counted = rows.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if not counted["failures"]:
        return None
    until = counted["last"] + pause_after(counted["failures"])
    return Pause(counted["failures"], until) if until > now else None


def paused_usernames(usernames: list[str], now=None) -> set[str]:
    """Which of these user names cannot sign in from some address right now: one query."""
    now = now or timezone.now()
    counts = (
        remembered_failures(now)
        .filter(username__in=usernames)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    )
    return {
        row["username"] for row in counts if row["last"] + pause_after(row["failures"]) > now
    }


def lift(username: str) -> int:
    """Forget the user name's failures from every address, so it can sign in at once."""
    return AxesProxyHandler.reset_attempts(username=username)


class GrowingPauseHandler(AxesDatabaseHandler):
    """django-axes' database handler, locked only while the pause of the count runs."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        username = get_client_username(request, credentials)
        return pause_of(username, request.axes_ip_address) is not None


def lockout_response(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """The 429 page: how long the pause runs, and whom to ask to lift it."""
    username = get_client_username(request, credentials)
    pause = pause_of(username, request.axes_ip_address)
    if pause is None:  # the failure that starts the pause was recorded this very request
        pause = Pause(settings.AXES_FAILURE_LIMIT, timezone.now() + settings.LOGIN_FIRST_PAUSE)
    response = render(
        request, "registration/locked.html", {"minutes": pause.minutes_left()}, status=429
    )
    response["Retry-After"] = str(pause.seconds_left())
    return response
