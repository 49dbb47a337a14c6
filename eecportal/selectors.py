"""Site-wide reads: the search index, and citizens' privacy requests."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramDistance
from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from divisions.core.thai import normalize_digits, segment

from .models import PrivacyRequest, SearchEntry, SearchTerm
from .services import PRIVACY_VERIFY_DAYS, SEARCH_CONFIGS

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220
SUGGESTIONS_PER_WORD = 3
MAX_TERM_DISTANCE = 0.7


@dataclass(frozen=True)
class SearchResults:
    query: str
    entries: QuerySet
    # The words searched instead when the query as typed found nothing ("did you mean").
    suggestion: str = ""


def search_entries(*, query: str, language: str, section: str = "") -> SearchResults:
    """Ranked public entries for a query: segmented full text; when that finds nothing, the
    nearest words of the index's vocabulary by trigrams, so misspelt or cut words still work."""
    query = normalize_digits(query).strip()[:MAX_QUERY_LENGTH]
    entries = SearchEntry.objects.filter(language=language)
    if section:
        entries = entries.filter(section=section)
    words = segment(query)
    if not words:
        return SearchResults(query=query, entries=entries.none())
    config = SEARCH_CONFIGS[language]
    ts_query = SearchQuery(" ".join(words), config=config, search_type="plain")
    if entries.filter(vector=ts_query).exists():
        return SearchResults(query=query, entries=_ranked(entries, ts_query))
    alternatives = [_nearest_terms(chunk) for chunk in query.split()]
    if not all(alternatives):
        return SearchResults(query=query, entries=entries.none())
    ts_query = None
    for terms in alternatives:
        either = None
        for term in terms:
            one = SearchQuery(" ".join(segment(term)), config=config, search_type="plain")
            either = one if either is None else either | one
        ts_query = either if ts_query is None else ts_query & either
    return SearchResults(
        query=query,
        entries=_ranked(entries, ts_query),
        suggestion=" ".join(terms[0] for terms in alternatives),
    )


def _ranked(entries: QuerySet, ts_query: SearchQuery) -> QuerySet:
    return (
        entries.filter(vector=ts_query)
        .annotate(rank=SearchRank(F("vector"), ts_query))
        .order_by("-rank", "-published_at", "pk")
    )


def _nearest_terms(chunk: str) -> list[str]:
    """Vocabulary words closest to what was typed, by trigram distance (a GiST index walk)."""
    return list(
        SearchTerm.objects.annotate(distance=TrigramDistance("word", chunk.lower()))
        .filter(distance__lte=MAX_TERM_DISTANCE)
        .order_by("distance")
        .values_list("word", flat=True)[:SUGGESTIONS_PER_WORD]
    )


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


def privacy_request_get_by_token(*, token: str) -> PrivacyRequest:
    """The request a link belongs to; unverified links stop working after a week."""
    cutoff = timezone.now() - timedelta(days=PRIVACY_VERIFY_DAYS)
    return PrivacyRequest.objects.exclude(
        status=PrivacyRequest.Status.UNVERIFIED, created_at__lt=cutoff
    ).get(token=token)


def privacy_requests_waiting() -> dict:
    """Open requests for the staff dashboard: how many, how many overdue, the next due."""
    now = timezone.now()
    waiting = PrivacyRequest.objects.filter(status=PrivacyRequest.Status.OPEN)
    return waiting.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(due_at__lt=now)),
        next_due=Min("due_at"),
    )
