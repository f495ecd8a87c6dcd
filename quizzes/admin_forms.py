"""Forms of the authoring admin: importing an article, a question's options and a quiz's
questions, adding drafts to a quiz, a class's quizzes."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import grading
from .forms import InvalidArticle, check_article_text, read_article_file
from .models import (
    Answer,
    Article,
    Classroom,
    Question,
    QuestionDraft,
    Quiz,
    article_body,
    options_problem,
)


class ArticleImportForm(forms.ModelForm):
    """Paste the text or upload a UTF-8 .txt/.md file; the same text twice is refused.

    `owner` (set by the admin or the teacher's page) is the teacher importing: only her own
    articles count. A form that would rather go on with the first import sets
    `refuse_duplicates` off; saving then finds that import (`created` says which happened).
    """

    owner = None
    refuse_duplicates = True

    source_url = forms.URLField(
        label=_("source URL"), max_length=500, required=False, assume_scheme="https"
    )
    file = forms.FileField(
        label=_("or upload a file"),
        required=False,
        help_text=_("UTF-8 .txt or .md, at most 200 KB."),
    )

    class Meta:
        model = Article
        fields = ["title", "source_url", "published_on", "language", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Left empty: the first line of the article.")
        self.fields["body"].required = False
        self.fields["body"].label = _("Article text")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        text = cleaned.get("body") or ""
        if upload and text.strip():
            raise forms.ValidationError(_("Paste the text or upload a file, not both."))
        try:
            if upload:
                text = read_article_file(upload.name, upload.read())
            else:
                text = check_article_text(text)
        except InvalidArticle as invalid:
            raise forms.ValidationError(str(invalid)) from None
        body = article_body(text)
        existing = Article.objects.same_text(body, self.owner).first()
        if existing is not None and self.refuse_duplicates:
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("This article was imported before:"),
                    reverse("admin:quizzes_article_change", args=[existing.pk]),
                    existing.title,
                )
            )
        cleaned["body"] = body  # an empty title is import_text's to make
        return cleaned

    def save(self, commit: bool = True) -> Article:
        """The article, made (or found) by `Article.objects.import_text`, as every article is."""
        data = self.cleaned_data
        self.instance, self.created = Article.objects.import_text(
            data["body"],
            owner=self.owner,
            title=data["title"],
            source_url=data.get("source_url") or "",
            published_on=data.get("published_on"),
            language=data.get("language") or Article.Language.JAPANESE,
        )
        self.save_m2m = lambda: None  # an article has no many-to-many fields
        return self.instance


class ArticleChangeForm(forms.ModelForm):
    """Editing an article: its text may not become a copy of another of the owner's articles."""

    owner = None

    source_url = forms.URLField(
        label=_("source URL"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Article
        fields = ["title", "source_url", "published_on", "language", "body"]

    def clean_body(self):
        body = article_body(self.cleaned_data["body"])
        duplicate = Article.objects.same_text(body, self.owner).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(_("Another article already has this text."))
        return body


class ChoiceFormSet(forms.BaseInlineFormSet):
    """The options must fit the question's kind: a broken question never reaches students."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problem = options_problem(self.instance.kind, [bool(d.get("is_correct")) for d in kept])
        if problem:
            raise forms.ValidationError(problem)


class QuestionFormSet(forms.BaseInlineFormSet):
    """A quiz's questions on its page: an answered one is never deleted, and a published quiz
    keeps no broken one."""

    def clean(self):
        super().clean()
        doomed = [f.instance.pk for f in self.deleted_forms if f.instance.pk]
        if doomed and Answer.objects.filter(question_id__in=doomed).exists():
            raise forms.ValidationError(
                _(
                    "Students have answered a question marked for deletion: it is kept, so their "
                    "results stay. Unpublish or duplicate the quiz instead."
                )
            )
        if self.instance.published and not any(self.errors):
            problems = self.instance.publishing_problems(self.questions_as_saved())
            if problems:
                lead = _("The quiz cannot be published while a question is broken:")
                raise forms.ValidationError([lead, *problems])

    def questions_as_saved(self) -> list[Question]:
        """The questions as this page would leave them: edited, added, not deleted, in order."""
        doomed = self.deleted_forms
        kept = [
            form.instance
            for form in self.forms
            if (form.has_changed() or form.instance.pk) and form not in doomed
        ]
        prefetch_related_objects([question for question in kept if question.pk], "choices")
        return sorted(kept, key=lambda question: (question.order, question.pk or 0))


class QuestionInlineForm(forms.ModelForm):
    class Meta:
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "accepted_answers": forms.Textarea(attrs={"rows": 2, "cols": 20}),
        }


class AddToQuizForm(forms.Form):
    """Drafts go into one of the teacher's own quizzes, or a new one."""

    quiz = forms.ModelChoiceField(
        label=_("Add to this quiz"), queryset=Quiz.objects.none(), required=False
    )
    new_title = forms.CharField(label=_("or to a new quiz titled"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = Quiz.objects.owned_by(user)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("quiz")) == bool((cleaned.get("new_title") or "").strip()):
            raise forms.ValidationError(_("Choose a quiz or give a new quiz's title, not both."))
        return cleaned


class ClassroomForm(forms.ModelForm):
    """A class and the quizzes assigned to it.

    `teacher` (set by the admin) is who edits it: she may assign her own quizzes and those
    shared with her; quizzes assigned already stay on offer, so saving keeps them.
    """

    teacher = None
    quizzes = forms.ModelMultipleChoiceField(
        label=_("quizzes"),
        queryset=Quiz.objects.none(),
        required=False,
        widget=FilteredSelectMultiple(_("quizzes"), is_stacked=False),
        help_text=_("Your quizzes and those colleagues shared with you."),
    )

    class Meta:
        model = Classroom
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = Quiz.objects.assignable_by(self.teacher)
        if self.instance.pk:
            assigned = self.instance.quizzes.all()
            offered = offered | Quiz.objects.filter(pk__in=assigned.values("pk"))
            self.initial["quizzes"] = list(assigned.values_list("pk", flat=True))
        self.fields["quizzes"].queryset = offered.order_by("title")


class QuestionDraftForm(forms.ModelForm):
    """A draft as a teacher edits it: options one per line, and the answer must be one of them."""

    choices = forms.CharField(
        label=_("choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One option per line, the answer among them (multiple choice only)."),
    )

    class Meta:
        model = QuestionDraft
        fields = [
            "status", "kind", "prompt", "answer", "choices", "numeric_answer", "unit",
            "accepted_answers", "explanation",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["choices"] = "\n".join(self.instance.choices)

    def clean_choices(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["choices"].splitlines()]
        return [line for line in lines if line]

    def clean(self):
        cleaned = super().clean()
        # A form that does not let the kind change checks against the draft's own kind.
        kind = cleaned.get("kind") if "kind" in self.fields else self.instance.kind
        answer = (cleaned.get("answer") or "").strip()
        options = cleaned.get("choices") or []
        if kind not in {k.value for k in grading.Kind}:
            return cleaned  # the kind field says what is wrong
        kind = grading.Kind(kind)
        if kind.uses_choices:
            if len(set(options)) != len(options):
                raise forms.ValidationError(_("Two options are the same."))
            if answer not in options:
                raise forms.ValidationError(_("The answer must be one of the options."))
            if problem := options_problem(kind, [option == answer for option in options]):
                raise forms.ValidationError(problem)
        if kind.takes_number and cleaned.get("numeric_answer") is None:
            raise forms.ValidationError(_("A number question needs its numeric answer."))
        return cleaned


class BankImportForm(forms.Form):
    """A GIFT or CSV file, read and checked; `parsed` holds what it would create."""

    file = forms.FileField(
        label=_("GIFT or CSV file"),
        required=False,
        help_text=_("UTF-8 .gift, .txt or .csv, at most 200 KB."),
    )
    text = forms.CharField(required=False, widget=forms.HiddenInput)
    fmt = forms.ChoiceField(
        choices=[("gift", "GIFT"), ("csv", "CSV")], required=False, widget=forms.HiddenInput
    )
    skip_unsupported = forms.BooleanField(
        label=_("Skip the questions of kinds this app does not support"), required=False
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        from .banks import decode_upload, parse_csv, parse_gift

        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            name = upload.name.lower()
            if not name.endswith((".gift", ".txt", ".csv")):
                raise forms.ValidationError(_("Upload a .gift, .txt or .csv file."))
            if upload.size > 200 * 1024:
                raise forms.ValidationError(_("The file is larger than 200 KB."))
            try:
                self.text = decode_upload(upload.read())
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
            self.fmt = "csv" if name.endswith(".csv") else "gift"
            cleaned["confirm"] = False  # a new file is always previewed first
        elif cleaned.get("text"):
            self.text, self.fmt = cleaned["text"], cleaned.get("fmt") or "gift"
        else:
            raise forms.ValidationError(_("Choose a file to import."))
        self.parsed = (parse_csv if self.fmt == "csv" else parse_gift)(self.text)
        return cleaned
