"""Per-address rate limits for public forms, counted in Redis so every web process agrees."""

from django.core.cache import cache


class RateLimited(Exception):
    """Too many submissions from one address in a short time."""


def rate_limit(*, scope: str, address: str, limit: tuple[int, int]) -> None:
    """Count one attempt; raise RateLimited past `limit` = (attempts, seconds)."""
    count, seconds = limit
    key = f"rate:{scope}:{address}"
    cache.add(key, 0, timeout=seconds)
    if cache.incr(key) > count:
        raise RateLimited
