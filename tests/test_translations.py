"""Every interface string has a Japanese translation: no entry missing, none fuzzy."""

from __future__ import annotations

import subprocess
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def test_japanese_catalogue_is_complete_and_valid():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip().splitlines()[-1]
    assert "translated messages" in statistics
    assert "untranslated" not in statistics and "fuzzy" not in statistics, statistics


def test_every_interface_string_is_in_the_catalogue(tmp_path):
    """makemessages on a copy of the project finds no msgid that the catalogue lacks."""
    import shutil
    import sys

    root = PO.parents[3]
    for name in ("quizsite", "quizzes", "templates", "locale"):
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(root / "manage.py", tmp_path)
    extracted = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ja", "--no-location", "-v0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "quizsite.settings"},
    )
    assert extracted.returncode == 0, extracted.stderr
    regenerated = tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    compared = subprocess.run(
        ["msgcmp", "--use-untranslated", str(PO), str(regenerated)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )
    assert compared.returncode == 0, compared.stderr
