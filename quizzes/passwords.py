"""A teacher sets a new password for a student of her class, from the class page: no e-mail,
which school accounts often lack. An administrator may do it for any student here, and for
anyone at all on the user's page in the admin (Django's own "change password" form).

Setting it signs the student out everywhere (her sessions hold the old password's hash) and
lifts a sign-in pause after too many wrong passwords, so she can sign in at once.
"""

from __future__ import annotations

from axes.utils import reset as reset_sign_in_pause
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .forms import StudentPasswordForm
from .http import sign_in_required
from .people import display_name
from .teach import my_class


@sign_in_required
def set_student_password(request: HttpRequest, class_id: int, student_id: int) -> HttpResponse:
    classroom = my_class(request, class_id)
    pupil = get_object_or_404(classroom.students.all(), pk=student_id)
    form = StudentPasswordForm(pupil, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        reset_sign_in_pause(username=pupil.get_username())
        messages.success(
            request,
            _("%(name)s has a new password. Tell it to her in person; she can sign in with it now.")
            % {"name": display_name(pupil)},
        )
        return redirect(classroom)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "teach/student_password.html",
        {"classroom": classroom, "pupil": pupil, "form": form},
        status=status,
    )
