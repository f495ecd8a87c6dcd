"""How people are named on the site: family name first in Japanese (山田 花子), given name first
in English (Hanako Yamada), the user name when she gave no name. Django's `get_full_name` is
always given name first, which in Japanese reads 花子 山田."""

from __future__ import annotations

from django.utils.translation import get_language


def full_name(user) -> str:
    """Her name in the order of the page's language; empty when she gave none."""
    given, family = user.first_name.strip(), user.last_name.strip()
    family_first = (get_language() or "").startswith("ja")
    parts = [family, given] if family_first else [given, family]
    return " ".join(part for part in parts if part)


def display_name(user) -> str:
    """Her full name, or her user name when she gave none."""
    return full_name(user) or user.get_username()
