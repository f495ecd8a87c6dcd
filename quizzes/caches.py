"""A cache in each process's own memory that keeps nothing for long.

The sessions' cache, when no Redis is configured. Django's `cached_db` sessions keep a session
in the cache for as long as the session lasts, and a change made by one gunicorn worker (a
sign-out deletes the session) cannot reach another worker's memory: that worker would go on
trusting its copy for weeks. Here a copy is trusted for MAX_AGE seconds (OPTIONS) at most, then
read again from the database.
"""

from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class ProcessLocalCache(LocMemCache):
    def __init__(self, name: str, params: dict) -> None:
        super().__init__(name, params)
        self.max_age = int(params.get("OPTIONS", {}).get("MAX_AGE", 60))

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT) -> float | None:
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None or timeout > self.max_age:
            timeout = self.max_age
        return super().get_backend_timeout(timeout)
