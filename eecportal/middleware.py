"""Request guards that apply to every view."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponseBadRequest
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .views import healthz

MAX_PARAMETER_LENGTH = 2000


class RejectMalformedQueryMiddleware:
    """Refuse NUL characters (which PostgreSQL cannot store) in the path, the query or a JSON
    or form body, and oversized query parameters, with 400 before any view reads them.
    File uploads (multipart) may hold any bytes and are checked by their own validators."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        malformed = "\x00" in request.path
        for key, values in request.GET.lists():
            for value in [key, *values]:
                malformed |= "\x00" in value or len(value) > MAX_PARAMETER_LENGTH
        content_type = request.content_type or ""
        if content_type == "application/json" or content_type.endswith("+json"):
            malformed |= b"\x00" in request.body or b"\\u0000" in request.body
        elif content_type == "application/x-www-form-urlencoded":
            malformed |= b"\x00" in request.body or b"%00" in request.body
        if malformed:
            return HttpResponseBadRequest(
                _("The request has a malformed or oversized parameter."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class HealthCheckMiddleware:
    """Answer /healthz before host validation and HTTPS redirects, for load balancers and
    container health checks that call the process by its internal address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path == "/healthz":
            return healthz(request)
        return self.get_response(request)


# The only pages a session without its second factor may use: signing in, setting up the
# authenticator, signing out. Everywhere else it is an anonymous reader.
SECOND_FACTOR_PAGES = {"admin:login", "admin:logout", "admin:two-factor-setup"}


class SecondFactorMiddleware:
    """A staff session that has given its password but not yet its second factor (a new
    account, or one whose authenticator was reset) carries no rights in any channel: pages,
    API, documents, calendars, exports, tiles. Until the code is verified it reaches only the
    set-up screens; the admin site checks the same on its own pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = request.user
        if (
            settings.OTP_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and _url_name(request) not in SECOND_FACTOR_PAGES
        ):
            anonymous = AnonymousUser()
            anonymous.is_verified = lambda: False
            request.user = anonymous
        return self.get_response(request)


def _url_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""
