"""Reading a submitted answer: the POST data in, a grading.Response out, or a clear refusal."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm, UserCreationForm
from django.core.validators import MaxLengthValidator
from django.http import QueryDict
from django.utils.translation import gettext as _

from . import grading
from .models import Choice, Question

MAX_TEXT_LENGTH = 200
MAX_CHOICES = 50


class InvalidAnswer(Exception):
    """The submission cannot be graded; the message says why, for the student."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_answer(
    question: Question, choices: list[Choice], data: QueryDict
) -> tuple[grading.Response, dict]:
    """The response to grade and the JSON to record.

    `choices` is the question's options in the order the student saw them: the form posts
    1-based positions in that order, never database ids.
    """
    kind = question.grading_kind
    if kind.uses_choices:
        ids = _choice_ids(choices, data.getlist("choice"))
        if kind != grading.Kind.MULTIPLE and len(ids) != 1:
            raise InvalidAnswer(_("Choose exactly one answer."))
        return grading.Response(choice_ids=frozenset(ids)), {"choices": sorted(ids)}

    values = data.getlist("answer")
    if len(values) > 1:
        raise InvalidAnswer(_("Send one answer only."))
    text = visible_part(values[0]) if values else ""
    if not text:
        raise InvalidAnswer(_("Type an answer first."))
    if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in text):
        raise InvalidAnswer(_("The answer contains control characters; type it again."))
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidAnswer(
            _("That answer is too long: at most %(count)d characters.") % {"count": MAX_TEXT_LENGTH}
        )
    if kind == grading.Kind.NUMERIC and grading.parse_number(text, unit=question.unit) is None:
        raise InvalidAnswer(_("Enter a number, for example 1,200 or 16億5050万."))
    return grading.Response(text=text), {"text": text}


# Letters that draw nothing: the Hangul fillers and the blank braille pattern.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_invisible(ch: str) -> bool:
    """White space, a format character (zero-width space, direction marks and overrides, BOM,
    word joiner: Unicode category Cf) or a blank letter."""
    return ch.isspace() or unicodedata.category(ch) == "Cf" or ch in BLANK_LETTERS


def visible_part(text: str) -> str:
    """The text without the invisible characters around it: only those, and it is empty."""
    start, end = 0, len(text)
    while start < end and is_invisible(text[start]):
        start += 1
    while end > start and is_invisible(text[end - 1]):
        end -= 1
    return text[start:end]


@dataclass(frozen=True)
class SentAnswer:
    """What a refused form held, to show it back: the student corrects it, never retypes it."""

    text: str = ""
    positions: frozenset[int] = frozenset()


def sent_answer(data: QueryDict) -> SentAnswer:
    typed = data.get("answer", "")
    text = "".join(ch for ch in typed if unicodedata.category(ch) not in {"Cc", "Cs"})
    positions = frozenset(
        int(value)
        for value in data.getlist("choice")[:MAX_CHOICES]
        if value.isascii() and value.isdigit() and len(value) < 4
    )
    return SentAnswer(text[:MAX_TEXT_LENGTH], positions)


def _choice_ids(choices: list[Choice], raw: list[str]) -> list[int]:
    if not raw or raw == [""]:
        raise InvalidAnswer(_("Choose an answer first."))
    if len(raw) > MAX_CHOICES:
        raise InvalidAnswer(_("Too many choices were sent."))
    not_an_option = InvalidAnswer(_("That choice is not one of this question's options."))
    if not all(value.isascii() and value.isdigit() and len(value) < 4 for value in raw):
        raise not_an_option
    positions = [int(value) for value in raw]
    if len(set(positions)) != len(positions):
        raise InvalidAnswer(_("The same choice was sent twice."))
    if not all(1 <= position <= len(choices) for position in positions):
        raise not_an_option
    return [choices[position - 1].pk for position in positions]


ARTICLE_MAX_BYTES = 200 * 1024
ARTICLE_EXTENSIONS = (".txt", ".md")


class InvalidArticle(ValueError):
    """An article file or text that cannot be imported; the message says why."""


def read_article_file(name: str, data: bytes) -> str:
    """The text of an uploaded article: UTF-8 .txt or .md, not empty, not binary, ≤ 200 KB."""
    if not name.lower().endswith(ARTICLE_EXTENSIONS):
        raise InvalidArticle(_("Upload a .txt or .md file."))
    if len(data) > ARTICLE_MAX_BYTES:
        raise InvalidArticle(
            _("The file is larger than %(size)d KB.") % {"size": ARTICLE_MAX_BYTES // 1024}
        )
    if b"\x00" in data:
        raise InvalidArticle(_("This is not a text file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidArticle(
            _("The file is not UTF-8 text. Save it as UTF-8 (not Shift_JIS) and upload it again.")
        ) from None
    return check_article_text(text)


def article_too_large() -> InvalidArticle:
    return InvalidArticle(
        _("The article is larger than %(size)d KB.") % {"size": ARTICLE_MAX_BYTES // 1024}
    )


def check_article_text(text: str) -> str:
    if not text.strip():
        raise InvalidArticle(_("The article is empty."))
    # A browser sends a textarea's line ends as CRLF: the same text pasted or uploaded is
    # measured the same.
    if len(text.replace("\r\n", "\n").encode()) > ARTICLE_MAX_BYTES:
        raise article_too_large()
    controls = sum(
        1 for ch in text if unicodedata.category(ch) in {"Cc", "Cs"} and ch not in "\n\r\t"
    )
    if controls:
        raise InvalidArticle(_("This is not a text file."))
    return text


class UserNameLengthChecked:
    """Sign-in refuses a user name longer than any account's with a form error.

    AuthenticationForm sets the field's max_length only after the field is built, so no
    validator enforced it and a longer name reached the sign-in throttle's 255-character
    column: a 500 on PostgreSQL.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class AdminSignInForm(UserNameLengthChecked, AdminAuthenticationForm):
    pass


class JoinCodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("label", _("Class join code"))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return unicodedata.normalize("NFKC", value or "").strip().upper()


def class_for_code(code: str):
    from .models import Classroom

    classroom = Classroom.objects.filter(join_code=code).first() if code else None
    if code and classroom is None:
        raise forms.ValidationError(_("No class has this code. Check it with your teacher."))
    return classroom


class FocusFirstError:
    """After a refusal, the first field in error takes the focus (autofocus: no JavaScript) and
    says it is invalid and why; templates render the fields with `{{ field }}` or read these
    attributes, give the message the id `<field id>-error`, and autofocus the box of an error
    of the whole form, which comes first."""

    def full_clean(self) -> None:
        super().full_clean()
        if not self.errors:
            return
        for field in self.fields.values():  # Django's forms autofocus the user name
            field.widget.attrs.pop("autofocus", None)
        for name in self.fields:  # an error of the whole form is focused by the template
            if name in self.errors:
                attrs = self.fields[name].widget.attrs
                attrs["autofocus"] = True
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"
                break


class SignInForm(FocusFirstError, UserNameLengthChecked, AuthenticationForm):
    pass


class SignUpForm(FocusFirstError, UserCreationForm):
    join_code = JoinCodeField(
        required=False, help_text=_("From your teacher; you can also join later.")
    )

    class Meta(UserCreationForm.Meta):
        # Family name first, as a Japanese form asks: 姓, then 名.
        fields = ["username", "last_name", "first_name"]
        labels = {"last_name": _("Family name"), "first_name": _("Given name")}

    def clean_join_code(self):
        code = self.cleaned_data["join_code"]
        self.classroom = class_for_code(code)
        return code


class JoinClassForm(FocusFirstError, forms.Form):
    join_code = JoinCodeField()

    def clean_join_code(self):
        code = self.cleaned_data["join_code"]
        self.classroom = class_for_code(code)
        return code


class AddStudentForm(forms.Form):
    # A form field refuses NUL and other junk that the database would choke on.
    username = forms.CharField(max_length=150, strip=True)


class StudentPasswordForm(FocusFirstError, SetPasswordForm):
    """A new password for a student, set by her teacher (or an administrator): no e-mail."""
