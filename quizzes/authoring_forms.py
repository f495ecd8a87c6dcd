"""Forms of the teacher's path from an article to a quiz (`authoring`).

The rules are the admin's: importing an article and editing a draft subclass its forms, so the
two interfaces refuse the same things with the same words.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import grading
from .admin_forms import ArticleImportForm, QuestionDraftForm
from .models import Classroom, Quiz

OPEN_DRAFTS = 15  # cards shown open; the rest are folded away, best first
APPROVE_FIRST_DEFAULT = 10


class NewArticleForm(ArticleImportForm):
    """The admin's import form; the same text again goes on with its first import."""

    refuse_duplicates = False

    class Meta(ArticleImportForm.Meta):
        fields = ["body", "title", "source_url", "published_on", "language"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["body", "file", "title", "source_url", "published_on", "language"])


class DraftEditForm(QuestionDraftForm):
    """The admin's draft form, with only what the draft's kind uses: its kind stays."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = fields_for_kind(self.instance.kind)
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        self.order_fields(wanted)
        if "prompt" in self.fields:
            self.fields["prompt"].widget.attrs["rows"] = 3
        if "choices" in self.fields:
            self.fields["choices"].widget.attrs["rows"] = 4


def fields_for_kind(kind: str) -> list[str]:
    """What a teacher edits on a draft of this kind: never a unit on a choice question."""
    if grading.Kind(kind).takes_number:
        return ["prompt", "numeric_answer", "unit"]
    if grading.Kind(kind).takes_words:
        return ["prompt", "answer", "accepted_answers"]
    return ["prompt", "choices", "answer"]


class ApproveFirstForm(forms.Form):
    count = forms.IntegerField(
        label=_("Approve the first"), min_value=1, max_value=500, initial=APPROVE_FIRST_DEFAULT
    )


class PublishForm(forms.ModelForm):
    """A title, the classes (hers alone), and the quiz settings with the model's defaults."""

    classes = forms.ModelMultipleChoiceField(
        label=_("Assign to"),
        queryset=Classroom.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one class.")},
    )

    class Meta:
        model = Quiz
        fields = [
            "title", "classes", "time_limit_minutes", "attempts_allowed", "shuffle_questions",
            "shuffle_choices", "opens_at", "closes_at",
        ]  # fmt: skip
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classes"].queryset = Classroom.objects.taught_by(user)

    def settings(self) -> dict:
        """The quiz's fields as the form cleaned them, for `Quiz.objects.create_for`."""
        names = [name for name in self.Meta.fields if name not in ("title", "classes")]
        return {name: self.cleaned_data[name] for name in names}
