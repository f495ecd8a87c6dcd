"""A student's score history as inline SVG, drawn on the server: no JavaScript, no requests.

The chart is an image for assistive technology (role="img" with a <title> and <desc>), so the
description the caller passes must say in words what the picture shows. Points are spaced by
their rank in time, not by date: five attempts on one evening would otherwise be one blot.
Colours are currentColor, so the chart follows the page's text colour, dark mode included, and
no style attribute is needed (a Content-Security-Policy without 'unsafe-inline' stays possible).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe

# Characters XML 1.0 forbids even when escaped; one in a quiz title would break the whole page.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The prefix becomes two ids listed in aria-labelledby, which splits on whitespace.
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

# Font size in viewBox units: the default 640-wide chart is drawn about half size on a 375 px
# phone, so 18 stays near 10 px there.
FONT_SIZE = 18
MARGIN_LEFT = 64  # room for "100%"
MARGIN_RIGHT = 16
MARGIN_TOP = 14
MARGIN_BOTTOM = 30  # room for the first and last dates
MAX_RADIUS = 6.0
MIN_RADIUS = 2.0


@dataclass(frozen=True)
class Point:
    when: datetime  # already in the viewer's time zone: only its date is printed
    percent: float
    label: str  # e.g. the quiz title, shown in the point's tooltip


def score_chart_svg(
    points: Sequence[Point],
    *,
    title: str,
    description: str,
    width: int = 640,
    height: int = 240,
    id_prefix: str = "chart",
) -> SafeString:
    """A complete <svg> element, safe to put in a page as it is (every text in it is escaped);
    pass a different id_prefix for each chart on one page."""
    if not _ID.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must be a letter then letters, digits, - or _: {id_prefix!r}")
    for point in points:
        if not math.isfinite(point.percent):
            raise ValueError(f"percent must be a finite number: {point.percent!r}")
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%"'
        f' role="img" aria-labelledby="{title_id} {desc_id}" font-size="{FONT_SIZE}"'
        ' font-family="sans-serif" fill="currentColor">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(description)}</desc>',
    ]
    if not points:
        parts.append(
            f'<text x="{_n(width / 2)}" y="{_n(height / 2)}" text-anchor="middle"'
            ' dominant-baseline="middle">—</text>'
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))

    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM

    def y_of(percent: float) -> float:
        # Clamped so a bonus above 100 % or a penalty below 0 stays inside the frame.
        return bottom - (bottom - top) * min(100.0, max(0.0, percent)) / 100

    # Gridlines and labels of the y axis; the labels sit left of the plot, right-aligned.
    for percent in (0, 50, 100):
        y = _n(y_of(percent))
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="currentColor"'
            ' stroke-opacity="0.25" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y}" text-anchor="end" dominant-baseline="middle">'
            f"{percent}%</text>"
        )

    ordered = sorted(points, key=lambda p: p.when)  # stable: equal times keep the caller's order
    count = len(ordered)
    step = (right - left) / (count - 1) if count > 1 else 0.0
    # Crowded histories get smaller dots so neighbours stay apart.
    radius = MAX_RADIUS if count == 1 else max(MIN_RADIUS, min(MAX_RADIUS, step / 2.5))
    xy = [
        (left + i * step if count > 1 else (left + right) / 2, y_of(point.percent))
        for i, point in enumerate(ordered)
    ]

    first, last = ordered[0].when.date(), ordered[-1].when.date()
    date_y = _n(height - 8)
    if count > 1 and first != last:
        parts.append(f'<text x="{left}" y="{date_y}">{first.isoformat()}</text>')
        parts.append(f'<text x="{right}" y="{date_y}" text-anchor="end">{last.isoformat()}</text>')
    else:
        parts.append(
            f'<text x="{_n((left + right) / 2)}" y="{date_y}" text-anchor="middle">'
            f"{first.isoformat()}</text>"
        )

    if count > 1:
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in xy)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="currentColor" stroke-width="2"'
            ' stroke-linejoin="round"/>'
        )
    parts.append("<g>")
    for point, (x, y) in zip(ordered, xy, strict=True):
        tooltip = f"{point.label}: {_percent(point.percent)}%"
        parts.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius)}">'
            f"<title>{_text(tooltip)}</title></circle>"
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))


def _text(value: str) -> str:
    return html.escape(_NOT_XML.sub("", value), quote=True)


def _n(value: float) -> str:
    """A coordinate with one decimal, without a trailing ".0" to keep the markup short."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _percent(value: float) -> str:
    # Half up, as people round: 62.5 % reads 63 %, not Python's banker's 62 %.
    return str(math.floor(value + 0.5))
