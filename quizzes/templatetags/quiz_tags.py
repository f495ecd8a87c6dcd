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
