"""Reading a submitted answer: the POST data in, a grading.Response out, or a clear refusal."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext as _

from . import grading
from .models import Question

MAX_TEXT_LENGTH = 200
MAX_CHOICES = 50


class InvalidAnswer(Exception):
    """The submission cannot be graded; the message says why, for the student."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_answer(question: Question, data: QueryDict) -> tuple[grading.Response, dict]:
    """The response to grade and the JSON to record; the question's choices are prefetched."""
    kind = question.grading_kind
    if kind.uses_choices:
        ids = _choice_ids(question, data.getlist("choice"))
        if kind != grading.Kind.MULTIPLE and len(ids) != 1:
            raise InvalidAnswer(_("Choose exactly one answer."))
        return grading.Response(choice_ids=frozenset(ids)), {"choices": sorted(ids)}

    values = data.getlist("answer")
    if len(values) > 1:
        raise InvalidAnswer(_("Send one answer only."))
    text = values[0].strip() if values else ""
    if not text:
        raise InvalidAnswer(_("Type an answer first."))
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidAnswer(
            _("That answer is too long: at most %(count)d characters.") % {"count": MAX_TEXT_LENGTH}
        )
    if kind == grading.Kind.NUMERIC and grading.parse_number(text, unit=question.unit) is None:
        raise InvalidAnswer(_("Enter a number, for example 1,200 or 16億5050万."))
    return grading.Response(text=text), {"text": text}


def _choice_ids(question: Question, raw: list[str]) -> list[int]:
    if not raw:
        raise InvalidAnswer(_("Choose an answer first."))
    if len(raw) > MAX_CHOICES:
        raise InvalidAnswer(_("Too many choices were sent."))
    try:
        ids = [int(value) for value in raw]
    except ValueError:
        raise InvalidAnswer(_("That choice is not one of this question's options.")) from None
    if len(set(ids)) != len(ids):
        raise InvalidAnswer(_("The same choice was sent twice."))
    own = {choice.pk for choice in question.choices.all()}
    if not own.issuperset(ids):
        raise InvalidAnswer(_("That choice is not one of this question's options."))
    return ids
