from __future__ import annotations

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def htmx_scripts() -> SafeString:
    """htmx, and in DEBUG our handler for Django's technical error pages.

    Not django-htmx's `{% htmx_script %}`: in DEBUG it adds a script that replaces the whole
    page with any 400, 403, 404 or 500 answer, and our refusals are 4xx fragments made to be
    swapped into the answer box, with what the student typed and the focus kept.
    """
    scripts = format_html('<script src="{}" defer></script>', static("django_htmx/htmx-2.min.js"))
    if settings.DEBUG:
        scripts += format_html(
            '<script src="{}" defer></script>', static("js/debug-error-pages.js")
        )
    return scripts


@register.filter
def highlight(sentence: str, fact_text: str):
    """The sentence, escaped, with the first occurrence of the fact marked."""
    if not fact_text or fact_text not in sentence:
        return sentence
    before, _, after = sentence.partition(fact_text)
    return format_html("{}<mark>{}</mark>{}", before, fact_text, after)


@register.filter
def person(user) -> str:
    """Family name first in Japanese, given name first in English; else her user name."""
    from ..people import display_name

    return display_name(user) if user is not None else ""


@register.filter
def score(points) -> str:
    """Points as people read them: 8, 7.7 (not 7.67), 0.3; partial credit never looks precise
    beyond what it means."""
    return floatformat(points, -1) if points is not None else ""


@register.filter
def credit(share) -> str:
    """A share of a question's points as a fraction: 2/3, 1/2, 3/4 (never 0.6667)."""
    from fractions import Fraction

    fraction = Fraction(share).limit_denominator(12)
    return f"{fraction.numerator}/{fraction.denominator}"


@register.filter
def time_taken(attempt) -> str:
    """Minutes and seconds from start to finish, or a dash while the attempt is open."""
    if attempt.finished_at is None:
        return "—"
    seconds = max(0, int((attempt.finished_at - attempt.started_at).total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}"


@register.filter
def dict_get(mapping: dict, key):
    return mapping.get(key) if mapping else None
