from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def highlight(sentence: str, fact_text: str):
    """The sentence, escaped, with the first occurrence of the fact marked."""
    if not fact_text or fact_text not in sentence:
        return sentence
    before, _, after = sentence.partition(fact_text)
    return format_html("{}<mark>{}</mark>{}", before, fact_text, after)


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
