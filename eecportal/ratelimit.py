"""Per-address rate limits for public forms, counted in Redis so every web process agrees."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


class RateLimited(Exception):
    """Too many submissions from one address in a short time."""


def rate_limit(*, scope: str, address: str, limit: tuple[int, int]) -> None:
    """Count one attempt; raise RateLimited past `limit` = (attempts, seconds)."""
    count, seconds = limit
    key = f"rate:{scope}:{address}"
    cache.add(key, 0, timeout=seconds)
    if cache.incr(key) > count:
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
