"""Throttles on signing up, joining a class and adding a student: per address and per account.

Counts live in the database (the `throttle` cache, Django's DatabaseCache in the table
`quizsite_throttle`), so every gunicorn worker and every server behind the load balancer shares
them. A count is a set of numbered slots in a fixed window (an hour by default): a request takes
the first free slot with `cache.add`, which inserts a row or fails on the key that another
request inserted first, so two workers at the same instant never take the same slot, and no
request gets through once every slot of the window is taken. (`cache.incr` reads and writes
back, and would lose counts under concurrency.)
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import ngettext

from .http import error_page
from .security import client_ip


@dataclass(frozen=True)
class Refusal:
    action: str
    seconds_left: int

    @property
    def minutes_left(self) -> int:
        return max(1, math.ceil(self.seconds_left / 60))


def address_of(request: HttpRequest) -> str:
    """The client's address; for IPv6 its /64 network, which one household or phone holds."""
    address = client_ip(request) or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address) + "/64"
    return str(parsed)


def take_slot(key: str, limit: int, timeout: int) -> bool:
    """Count one request under `key`; False when `limit` were counted already."""
    cache = caches["throttle"]
    slots = [f"{key}:{n}" for n in range(limit)]
    taken = cache.get_many(slots)
    return any(slot not in taken and cache.add(slot, 1, timeout) for slot in slots)


def hit(request: HttpRequest, action: str, now: float | None = None) -> Refusal | None:
    """Count this request against each of the action's limits; a Refusal if one is reached."""
    period = int(settings.THROTTLE_PERIOD.total_seconds())
    now = time.time() if now is None else now
    window = int(now // period)
    seconds_left = period - int(now % period)
    for per, limit in settings.THROTTLES[action].items():
        if per == "account":
            if not request.user.is_authenticated:
                continue
            who = f"user{request.user.pk}"
        else:
            who = address_of(request)
        if not take_slot(f"{action}:{per}:{who}:{window}", limit, seconds_left + 60):
            return Refusal(action, seconds_left)
    return None


def refusal_message(refusal: Refusal) -> str:
    minutes = refusal.minutes_left
    if refusal.action == "signup":
        message = ngettext(
            "Many accounts were just created from this network. Try again in %(minutes)d "
            "minute.",
            "Many accounts were just created from this network. Try again in %(minutes)d "
            "minutes.",
            minutes,
        )
    elif refusal.action == "join":
        message = ngettext(
            "Too many tries at a class code. Check the code with your teacher and try again "
            "in %(minutes)d minute.",
            "Too many tries at a class code. Check the code with your teacher and try again "
            "in %(minutes)d minutes.",
            minutes,
        )
    else:
        message = ngettext(
            "Too many students were added in a short time. Try again in %(minutes)d minute.",
            "Too many students were added in a short time. Try again in %(minutes)d minutes.",
            minutes,
        )
    return message % {"minutes": minutes}


def throttled(action: str):
    """Count each POST to the view; over a limit, a 429 page that says how long to wait."""

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                refusal = hit(request, action)
                if refusal is not None:
                    response = error_page(request, 429, refusal_message(refusal))
                    response["Retry-After"] = str(refusal.seconds_left)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
