"""Who is asking: the client address that sign-in throttling counts attempts by."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR; behind a trusted proxy (BEHIND_PROXY=1), the address the proxy saw.

    The proxy appends the client it talked to as the last entry of X-Forwarded-For; entries
    before it come from the client and can be forged, so only the last one is trusted.
    """
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or None
