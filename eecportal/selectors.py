"""Site-wide reads: the search index, and citizens' privacy requests."""

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramDistance
from django.core.paginator import Paginator
from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from divisions.core.gazetteer import place_names
from divisions.core.thai import known_word, normalize_digits, segment

from .models import PrivacyRequest, SearchEntry, SearchTerm
from .services import PRIVACY_VERIFY_DAYS, SEARCH_CONFIGS

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220
SUGGESTIONS_PER_WORD = 3
MAX_TERM_DISTANCE = 0.7
# Pieces shorter than this before an unfinished word are taken as its start: the dictionary
# holds อุ, so นิคมอุต comes out as นิคม, อุ, ต.
MIN_WORD_BEFORE_CUT = 3


@dataclass(frozen=True)
class SearchResults:
    query: str
    entries: QuerySet
    # The words searched instead when the query as typed found nothing ("did you mean").
    suggestion: str = ""


def search_entries(*, query: str, language: str, section: str = "") -> SearchResults:
    """Ranked public entries for a query: segmented full text (compounds' parts and both forms
    of abbreviations are in the index); when that finds nothing, the last word as the start
    of a longer one, and the query without filler words; then the nearest words of the
    index's vocabulary by trigrams, so misspelt words still work."""
    query = normalize_digits(query).strip()[:MAX_QUERY_LENGTH]
    entries = SearchEntry.objects.filter(language=language)
    if section:
        entries = entries.filter(section=section)
    words = segment(query)
    if not words:
        return SearchResults(query=query, entries=entries.none())
    config = SEARCH_CONFIGS[language]
    # As typed; else without the words readers add around what they look for (ปี 2570).
    for text in dict.fromkeys((query, _without_fillers(query))):
        if text and (found := _first_match(entries, text, config)):
            ts_query, phrase = found
            return SearchResults(query=query, entries=_ranked(entries, ts_query, phrase, config))
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
    # Offered only when the nearest words find something: words of the index that match no
    # entry together (an English place and a Thai word on a Thai page) are no suggestion.
    if not entries.filter(vector=ts_query).exists():
        return SearchResults(query=query, entries=entries.none())
    return SearchResults(
        query=query,
        entries=_ranked(entries, ts_query),
        suggestion=" ".join(terms[0] for terms in alternatives),
    )


# Words a reader adds around what is looked for, dropped when the query finds nothing with
# them: a text says ประจำปี ๒๕๗๐ or พ.ศ. ๒๕๖๖-๒๕๗๐ where the reader types ปี 2570.
QUERY_FILLERS = frozenset({"ปี", "พ.ศ.", "ค.ศ.", "เรื่อง", "ของ", "ที่", "ใน", "และ"})


def _without_fillers(query: str) -> str:
    return " ".join(word for word in segment(query) if word not in QUERY_FILLERS)


def _first_match(entries: QuerySet, query: str, config: str) -> tuple[SearchQuery, str] | None:
    """The query, and its words as a phrase, of the first way of reading `query` that finds
    anything: the words as typed, else the last one as the start of a longer word. A last
    word that is no word of the index, and is one word or has pieces no dictionary holds, is
    taken as cut short first: "environ" matches Environment as typed and should find
    environmental too; นิคมอุต is นิคม and the start of อุตสาหกรรม, not นิคม, อุ and ต."""
    last = query.split()[-1].lower()
    pieces = [piece for piece in segment(last) if any(map(str.isalpha, piece))]
    cut_short = (
        bool(pieces)
        and (len(pieces) == 1 or not all(map(known_word, pieces)))
        and not SearchTerm.objects.filter(word=last).exists()
    )
    for prefix in (True, False) if cut_short else (False, True):
        ts_query, phrase = _words_query(query, config, prefix=prefix)
        if entries.filter(vector=ts_query).exists():
            return ts_query, phrase
    return None


def _lexeme(word: str) -> str:
    """A word as a quoted tsquery lexeme (the query is passed as a parameter; quoting keeps
    the reader's characters from being read as tsquery operators)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _words_query(query: str, config: str, *, prefix: bool) -> tuple[SearchQuery, str]:
    """Every word of the query, and the words as one phrase (tsquery syntax) when there are
    several; with `prefix`, the last word typed (a reader who stopped early, or a phone
    keyboard's half word) may also be the start of a longer one, whether the segmenter
    split what was typed (ท่าเรือแหล: ท่าเรือ, then แหล…) or not (แหลมฉบ…), the pieces it cut
    from the unfinished word taken together (นิคมอุต: นิคม, then อุต…, not อุ and ต…)."""
    chunks = query.split()
    if not prefix:
        groups = [
            "(" + " | ".join(_phrase(text) for text in alternatives) + ")"
            for alternatives in _place_groups(chunks)
        ]
        words = segment(query)
        phrase = " <-> ".join(_lexeme(word) for word in words) if len(words) > 1 else ""
        return SearchQuery(" & ".join(groups), config=config, search_type="raw"), phrase
    head = [_lexeme(word) for word in segment(" ".join(chunks[:-1]))]
    pieces = segment(chunks[-1])
    while (
        len(pieces) > 1
        and not known_word(pieces[-1])
        and (len(pieces[-2]) < MIN_WORD_BEFORE_CUT or not known_word(pieces[-2]))
    ):
        pieces[-2:] = [pieces[-2] + pieces[-1]]
    tail_words = [_lexeme(word) for word in pieces]
    tail_words[-1] += ":*"
    tail = " & ".join(tail_words)
    if len(tail_words) > 1:  # an OR of one term twice makes PostgreSQL scan every row
        tail = f"({_lexeme(chunks[-1])}:* | ({tail}))"
    words = [*head, *tail_words]
    phrase = " <-> ".join(words) if len(words) > 1 else ""
    return SearchQuery(" & ".join([*head, tail]), config=config, search_type="raw"), phrase


def _phrase(text: str) -> str:
    return " <-> ".join(_lexeme(word) for word in segment(text))


PLACE_SPAN = 4  # words: the longest place names (Phra Nakhon Si Ayutthaya)


def _place_groups(chunks: list[str]) -> list[list[str]]:
    """The query as groups of alternatives, each group one word, or a place named in Thai
    or English (with or without tone marks) together with its names in both scripts: Map Ta
    Phut on a Thai page also finds มาบตาพุด, แหลมฉบัง on an English page Laem Chabang."""
    groups, start = [], 0
    while start < len(chunks):
        for end in range(min(len(chunks), start + PLACE_SPAN), start, -1):
            span = " ".join(chunks[start:end])
            if places := place_names(span):
                groups.append(sorted({span, *(name for pair in places for name in pair)}))
                start = end
                break
        else:
            for word in segment(chunks[start]):
                places = place_names(word) if len(word) > 2 else []
                groups.append(sorted({word, *(name for pair in places for name in pair)}))
            start += 1
    return [group for group in groups if any(segment(text) for text in group)]


def _ranked(
    entries: QuerySet, ts_query: SearchQuery, phrase: str = "", config: str = ""
) -> QuerySet:
    """Title above summary above body above compound parts (the vector's weights), the words
    as one phrase above the same words apart, then the newest first."""
    rank = SearchRank(F("vector"), ts_query)
    if phrase:
        rank = rank + SearchRank(F("vector"), SearchQuery(phrase, config=config, search_type="raw"))
    return (
        entries.filter(vector=ts_query)
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "pk")
        .defer("vector")
    )


def search_ranked_keys(results: SearchResults) -> list[int]:
    """The keys of the first COUNT_LIMIT + 1 entries in rank order: every page a reader can
    turn to, and whether there are "more than 1,000" (as search engines say). One query that
    ranks keys only; the rows and texts of the page shown are read after."""
    limit = SearchPaginator.COUNT_LIMIT + 1
    return list(results.entries.values_list("pk", flat=True)[:limit])


class SearchPaginator(Paginator):
    """Pages of a query's ranked entry keys (`search_ranked_keys`); a page's entries are read
    with `search_entry_values`."""

    COUNT_LIMIT = 1000

    @property
    def more_than_limit(self) -> bool:
        return self.count > self.COUNT_LIMIT


SEARCH_HIT_FIELDS = ("id", "url", "title", "section", "is_fallback", "published_at")


def search_entry_values(pks: list[int]) -> dict[int, dict]:
    """What a result shows of each of the entries `pks` (the fields above, its summary and
    body), by key; an entry that left the index since its key was read is left out."""
    entries = SearchEntry.objects.filter(pk__in=pks).values(
        *SEARCH_HIT_FIELDS, summary=F("text__summary"), body=F("text__body")
    )
    return {entry["id"]: entry for entry in entries}


def _nearest_terms(chunk: str) -> list[str]:
    """Vocabulary words closest to what was typed, by trigram distance (a GiST index walk)."""
    return list(
        SearchTerm.objects.annotate(distance=TrigramDistance("word", chunk.lower()))
        .filter(distance__lte=MAX_TERM_DISTANCE)
        .order_by("distance")
        .values_list("word", flat=True)[:SUGGESTIONS_PER_WORD]
    )


def _either_digits(word: str) -> str:
    """A word as a pattern whose digits match in Arabic or Thai (2570 marks ๒๕๗๐)."""
    return "".join(
        f"[{char}{chr(0x0E50 + int(char))}]"
        if char.isdigit() and char.isascii()
        else re.escape(char)
        for char in word
    )


@lru_cache(maxsize=256)
def _query_pattern(query: str) -> re.Pattern | None:
    """The query's words (longest first, either digits) as one pattern: made once for all
    the hits of a page (segmenting the query for each was a tenth of a search's time)."""
    words = sorted({w for w in segment(query) if len(w) > 1}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(_either_digits(w) for w in words), re.IGNORECASE)


def highlight(texts: list[str], query: str) -> SafeString:
    """A snippet around the first query word, from the first of `texts` (summary, body,
    title) that has one, with the query's words marked; the start of the first text that
    has any words otherwise."""
    texts = [text for text in texts if text] or [""]
    pattern = _query_pattern(query)
    if pattern is None:
        return escape(texts[0][:SNIPPET_LENGTH])
    text = next((text for text in texts if pattern.search(text)), texts[0])
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
