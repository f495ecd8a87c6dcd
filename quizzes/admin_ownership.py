"""What a teacher sees and changes in the admin: her own rows, and choices scoped to her.

A teacher lists and changes only what she owns (her quizzes and their questions, articles and
drafts); a quiz a colleague shared with her she may open read-only. An administrator sees and
changes everything. Every list filter and choice list offers only what she may use, and the
form fields' querysets are what the server validates against, so a hand-made POST with another
teacher's id is refused like a wrong choice.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model

from .models import Attempt, Classroom


class ScopedAdmin:
    """Lists what the user may see (`visible_rows`); changes only what she may change."""

    def get_queryset(self, request):
        return self.visible_rows(super().get_queryset(request), request.user)

    def visible_rows(self, rows, user):
        return rows.owned_by(user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_changeable_by(request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.is_changeable_by(request.user))


class OwnedAdmin(ScopedAdmin):
    """For a model with an owner: whoever adds a row owns it, and no form changes that."""

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "owner"]

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        return [*shown, "owner"] if request.user.is_superuser else shown

    def save_model(self, request, obj, form, change):
        if not change:
            obj.owner = request.user
        super().save_model(request, obj, form, change)


class ChangedWithParent:
    """An inline is changed exactly when its parent is: nothing in a read-only quiz."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_changeable(request, obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and self._parent_changeable(request, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and self._parent_changeable(request, obj)

    @staticmethod
    def _parent_changeable(request, parent) -> bool:
        return parent is None or parent.is_changeable_by(request.user)


class TaughtClassesFilter(admin.RelatedFieldListFilter):
    """A filter on classes that offers only the classes the teacher teaches."""

    def field_choices(self, field, request, model_admin):
        return [(c.pk, str(c)) for c in Classroom.objects.taught_by(request.user)]


def colleagues_of(user):
    """The accounts a teacher may share a quiz with: the other active staff, administrators
    left out (they see every quiz anyway)."""
    staff = get_user_model().objects.filter(is_active=True, is_staff=True, is_superuser=False)
    return staff.exclude(pk=user.pk).order_by("username")


class OwnClassesOnly:
    """An administrator sees every attempt; a teacher only those her classes made at quizzes
    assigned to them (a student of hers who is also in a colleague's class keeps the
    colleague's quizzes to herself)."""

    attempt_path = ""

    def get_queryset(self, request):
        records = super().get_queryset(request)
        if request.user.is_superuser:
            return records
        attempts = Attempt.objects.of_classes_taught_by(request.user)
        if not self.attempt_path:
            return records.filter(pk__in=attempts.values("pk"))
        return records.filter(**{f"{self.attempt_path}__in": attempts})
