"""Reads of the site-wide search index."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordDistance
from django.db.models import F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import SearchEntry
from .services import SEARCH_CONFIGS
from .thai import normalize_digits, segment

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220
FALLBACK_LIMIT = 50


@dataclass(frozen=True)
class SearchResults:
    query: str
    entries: QuerySet


def search_entries(*, query: str, language: str, section: str = "") -> SearchResults:
    """Ranked public entries: segmented full text first; trigrams only when that finds nothing,
    so misspelt or partial words still find something without slowing ordinary searches."""
    query = normalize_digits(query).strip()[:MAX_QUERY_LENGTH]
    entries = SearchEntry.objects.filter(language=language)
    if section:
        entries = entries.filter(section=section)
    words = segment(query)
    if not words:
        return SearchResults(query=query, entries=entries.none())
    ts_query = SearchQuery(" ".join(words), config=SEARCH_CONFIGS[language], search_type="plain")
    matches = entries.filter(vector=ts_query)
    if matches.exists():
        ranked = matches.annotate(rank=SearchRank(F("vector"), ts_query))
        return SearchResults(query=query, entries=ranked.order_by("-rank", "-published_at", "pk"))
    # Nearest titles by trigram word distance: a GiST index walk that stops at the limit.
    nearest = (
        entries.filter(title__trigram_word_similar=query)
        .annotate(distance=TrigramWordDistance(query, "title"))
        .order_by("distance", "pk")[:FALLBACK_LIMIT]
    )
    return SearchResults(query=query, entries=nearest)


def highlight(text: str, query: str) -> SafeString:
    """A snippet of text around the first query word, with query words marked."""
    words = sorted({w for w in segment(query) if len(w) > 1}, key=len, reverse=True)
    if not words:
        return escape(text[:SNIPPET_LENGTH])
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - SNIPPET_LENGTH // 3) if first else 0
    snippet = text[start : start + SNIPPET_LENGTH]
    marked = pattern.sub(lambda m: f"\0{m.group(0)}\1", snippet)
    html = escape(marked).replace("\0", "<mark>").replace("\1", "</mark>")
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_LENGTH < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - escaped above
