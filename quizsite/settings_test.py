"""Test settings: the real settings with fast hashing and plain static storage.

The manifest storage needs collectstatic first and 404s the htmx file under live_server.
"""

from __future__ import annotations

from .settings import *  # noqa: F403
from .settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
