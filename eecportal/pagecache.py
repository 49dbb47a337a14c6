"""Whole-page cache for anonymous readers, invalidated by the content generation number
(`divisions.core.fragments` keeps the parts of pages by the same number)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from divisions.core.fragments import GENERATION_KEY, initial_generation

# Part of every key: change it when the stored value's shape changes, so a deploy never
# reads entries written by the previous release.
ENTRY_FORMAT = 3
CACHED_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
EXCLUDED_SEGMENTS = ("/admin/",)


def page_cache_bump() -> None:
    """Make every cached page stale: called whenever public content changes."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        initial_generation()


def _public_page(request: HttpRequest) -> bool:
    """A GET of a page of the public site (not the admin)."""
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(CACHED_PREFIXES)
        and not any(segment in request.path for segment in EXCLUDED_SEGMENTS)
    )


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and _public_page(request)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from Redis; pages that set cookies (forms with a
    CSRF token, signed-in users) are never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            if settings.FRAGMENT_CACHE_SECONDS > 0 and _public_page(request):
                # Read before the view reads any record, so that a fragment is never kept
                # under a generation newer than the records it was rendered from.
                request.content_generation = cache.get(GENERATION_KEY) or initial_generation()
            return self.get_response(request)
        # The scheme too: a page stored over http links and redirects as http pages do.
        key = f"page:{ENTRY_FORMAT}:{request.build_absolute_uri()}"
        # One round trip to Redis: the content generation and the page, stored with the
        # generation it was rendered in; a page of an older generation is a miss.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = initial_generation()
        request.content_generation = generation  # fragments rendered below need it
        cached = found.get(key)
        if cached is not None and cached[0] == generation:
            _generation, content, headers = cached
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            entry = (generation, response.content, dict(response.items()))
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
