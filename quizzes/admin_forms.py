"""Forms of the authoring admin: importing an article, adding drafts to a quiz."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import InvalidArticle, check_article_text, read_article_file
from .generation.text import normalize
from .models import Article, Quiz, body_hash


class ArticleImportForm(forms.ModelForm):
    """Paste the text or upload a UTF-8 .txt/.md file; the same text twice is refused."""

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
        body = normalize(text).strip()
        existing = Article.objects.filter(body_hash=body_hash(body)).first()
        if existing is not None:
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("This article was imported before:"),
                    reverse("admin:quizzes_article_change", args=[existing.pk]),
                    existing.title,
                )
            )
        cleaned["body"] = body
        if not (cleaned.get("title") or "").strip():
            cleaned["title"] = body.splitlines()[0].strip()[:300]
        return cleaned


class ArticleChangeForm(forms.ModelForm):
    """Editing an article: its text may not become a copy of another article's."""

    source_url = forms.URLField(
        label=_("source URL"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Article
        fields = ["title", "source_url", "published_on", "language", "body"]

    def clean_body(self):
        body = normalize(self.cleaned_data["body"]).strip()
        duplicate = Article.objects.filter(body_hash=body_hash(body)).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(_("Another article already has this text."))
        return body


class AddToQuizForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=_("Add to this quiz"), queryset=Quiz.objects.all(), required=False
    )
    new_title = forms.CharField(label=_("or to a new quiz titled"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("quiz")) == bool((cleaned.get("new_title") or "").strip()):
            raise forms.ValidationError(_("Choose a quiz or give a new quiz's title, not both."))
        return cleaned
