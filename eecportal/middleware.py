"""Request guards that apply to every view."""

from django.http import HttpRequest, HttpResponseBadRequest
from django.utils.translation import gettext as _

from .views import healthz

MAX_PARAMETER_LENGTH = 2000


class RejectMalformedQueryMiddleware:
    """Refuse NUL bytes and oversized query parameters with 400 before any view reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        for key, values in request.GET.lists():
            for value in [key, *values]:
                if "\x00" in value or len(value) > MAX_PARAMETER_LENGTH:
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
