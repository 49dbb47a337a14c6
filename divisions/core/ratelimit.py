"""Per-address rate limits for public forms and expensive endpoints, counted in Redis so
every web process agrees."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext


class RateLimited(Exception):
    """Too many submissions from one address in a short time."""


def rate_limit(*, scope: str, address: str, limit: tuple[int, int]) -> None:
    """Count one attempt; raise RateLimited past `limit` = (attempts, seconds)."""
    count, seconds = limit
    if cache.count(f"rate:{scope}:{address}", seconds) > count:
        raise RateLimited


def client_address(request: HttpRequest) -> str:
    """The reader's address. Behind TRUSTED_PROXY_COUNT reverse proxies it is the entry the
    outermost trusted proxy appended to X-Forwarded-For; without one, REMOTE_ADDR (else all
    readers would share the proxy's address, and one flood would lock everyone out)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def endpoint_limit_exceeded(request: HttpRequest, scope: str) -> HttpResponse | None:
    """Count a request to an expensive endpoint against its reader's address: the 429 answer
    past `settings.ENDPOINT_RATE_LIMITS[scope]` (requests, seconds), else None."""
    try:
        endpoint_count(request, scope)
    except RateLimited:
        return endpoint_refusal(scope)
    return None


def endpoint_count(request: HttpRequest, scope: str) -> None:
    """Count a request to an expensive endpoint; raise RateLimited past its limit."""
    limit = settings.ENDPOINT_RATE_LIMITS[scope]
    rate_limit(scope=scope, address=client_address(request), limit=limit)


def endpoint_refusal(scope: str) -> HttpResponse:
    """The answer past the limit, in the reader's language, saying when to try again."""
    return HttpResponse(
        gettext("Too many requests from your address. Try again in a minute."),
        status=429,
        headers={"Retry-After": str(settings.ENDPOINT_RATE_LIMITS[scope][1])},
        content_type="text/plain; charset=utf-8",
    )


def limited(scope: str):
    """View decorator: `endpoint_limit_exceeded` before the view runs."""

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            return endpoint_limit_exceeded(request, scope) or view(request, *args, **kwargs)

        return wrapped

    return decorator
