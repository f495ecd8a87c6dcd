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
