"""HTTP helpers every view module shares: signing in first, which methods a view takes, and the
error pages, including Django's handlers for 400, 403, 404, 500 and a failed CSRF check.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render, resolve_url
from django.template import loader
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect


def sign_in_required(view):
    """Sign in first. Unlike Django's `login_required`, an htmx request whose session expired
    sends the whole page to sign in, rather than the sign-in form landing inside the answer box,
    and the page she was on is where she comes back to."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        login_url = resolve_url(settings.LOGIN_URL)
        if request.htmx:
            back = request.htmx.current_url_abs_path or request.get_full_path()
            return HttpResponseClientRedirect(redirect_to_login(back, login_url).url)
        return redirect_to_login(request.get_full_path(), login_url)

    return wrapper


def method_not_allowed(request: HttpRequest, allowed: tuple[str, ...]) -> HttpResponse:
    """A 405 that tells a person who followed a link what happened."""
    if allowed == ("POST",):
        message = _("This address only accepts a submitted form.")
    else:
        message = _("This address does not accept that method.")
    response = error_page(request, 405, message)
    response["Allow"] = ", ".join(allowed)
    return response


def post_only(view):
    """Like require_POST, with a message for people."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "POST":
            return method_not_allowed(request, ("POST",))
        return view(request, *args, **kwargs)

    wrapper.allowed_methods = ("POST",)  # read by MethodAllowlistMiddleware
    return wrapper


def error_page(
    request: HttpRequest, status: int, message: str, link: tuple[str, str] | None = None
) -> HttpResponse:
    """The page saying what went wrong, or only its message for htmx to swap in."""
    template = "error.html#error-message" if getattr(request, "htmx", False) else "error.html"
    context = {"status": status, "message": message, "link": link}
    return render(request, template, context, status=status)


def bad_request(request, exception=None):
    return error_page(request, 400, _("The request could not be understood."))


def permission_denied(request, exception=None):
    return error_page(request, 403, _("You do not have access to this page."))


def page_not_found(request, exception=None):
    return error_page(request, 404, _("There is nothing at this address, or it is not yours."))


SERVER_ERROR_FRAGMENT = (
    '<div class="error-box" role="alert"><p>エラーが発生しました。'
    "記録済みの解答は失われていません。少し待ってからもう一度お試しください。</p>"
    "<p>Something went wrong. Your recorded answers are safe; please try again in a moment.</p>"
    "</div>"
)


def server_error(request):
    # Kept free of anything that could fail again: no database, no context processors.
    if request.headers.get("HX-Request") == "true":
        return HttpResponse(SERVER_ERROR_FRAGMENT, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    return error_page(request, 403, _("Your form had expired. Reload the page and send it again."))
