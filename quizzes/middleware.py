from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .http import error_page, method_not_allowed


class RequestSizeLimitMiddleware:
    """Refuse any request body over MAX_REQUEST_BYTES before anything reads it.

    Django's own limit leaves out uploaded file parts; no page here takes more than an article
    of 200 KB, so a larger body is a mistake or an attack, answered with a 413.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            message = _("That request is too large.")
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class NulInQueryStringMiddleware:
    """A NUL in the query string, raw or as %00, is a 400 before any view or filter reads it.

    No address here takes one, and PostgreSQL refuses NUL in text, so a filter or lookup that
    passed it on would end in a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in query or "%00" in query:
            message = _("This address contains a null character, which no page accepts.")
            return error_page(request, 400, message)
        return self.get_response(request)


class MethodAllowlistMiddleware:
    """Pages are read with GET (or HEAD) and changed with POST; anything else is a 405.

    A view marked `post_only` takes POST alone. PUT, PATCH, DELETE and friends would otherwise
    reach views written for GET and be answered as if they were one.
    """

    DEFAULT = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        allowed = getattr(view_func, "allowed_methods", self.DEFAULT)
        if request.method in allowed:
            return None
        return method_not_allowed(request, allowed)
