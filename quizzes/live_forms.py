"""Forms of live sessions: a session's settings, and a student's live code."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .live_models import LiveSession


class LiveSettingsForm(forms.ModelForm):
    class Meta:
        model = LiveSession
        fields = ["seconds_per_question", "speed_bonus", "show_names"]


class LiveCodeForm(forms.Form):
    code = forms.CharField(label=_("Live code"), max_length=12)

    def clean_code(self) -> str:
        # Full-width letters and lower case, as a phone keyboard may type them, are the same code.
        code = unicodedata.normalize("NFKC", self.cleaned_data["code"]).strip().upper()
        if not LiveSession.objects.filter(code=code).exists():
            raise forms.ValidationError(_("No live session has this code. Check the projector."))
        return code
