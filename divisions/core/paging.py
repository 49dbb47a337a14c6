"""Pages of public lists."""

import hashlib
from collections.abc import Callable, Iterable, Mapping
from functools import partial

from django.core.paginator import Page, Paginator
from django.db.models import IntegerField, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.functional import cached_property

from .fragments import fragments_wanted, public_value


class _Count(Subquery):
    """The number of rows of a queryset, as a value of another query (run once by PostgreSQL:
    it depends on no row of the outer query), each query planned as if alone, unlike a count
    over a window, which makes PostgreSQL read every row of the list in the page's order."""

    template = "(SELECT count(*) FROM (%(subquery)s) list)"
    output_field = IntegerField()


# Past this, a page number is taken as "past the last page" without asking the database.
LAST_POSSIBLE_ROW = 10**9


def list_count(
    request: HttpRequest, name: str, records: QuerySet, filters: Mapping, also: Iterable[str] = ()
) -> int | None:
    """The number of `records`, the list named `name` narrowed by `filters` (the values that
    decide which records it holds), kept for anonymous readers as public values are, for
    each set of filters' values: counting the matching records was the largest query of a
    list's pages, profiled (332 of 5,000 projects of a year and sector read 293 table
    pages). None for staff: counted with the keys. `also`: public values the page reads
    next (a filter's choices), read with the count."""
    if not fragments_wanted(request):
        return None
    return public_value(request, list_count_name(name, filters), records.count, also)


def list_count_name(name: str, filters: Mapping) -> str:
    """The name `list_count` keeps the count of the list `name` narrowed by `filters` by."""
    asked = sorted((key, str(value)) for key, value in filters.items() if value)
    digest = hashlib.sha256(repr(asked).encode()).hexdigest()[:32] if asked else "all"
    return f"list-count:{name}:{digest}"


def list_keys_names(name: str, filters: Mapping, start: int, stop: int) -> list[str]:
    """The names `list_keys` keeps the count of the list `name` narrowed by `filters`, and the
    keys of its rows `start` to `stop`, by: a page that reads another public value first
    reads these with it."""
    count = list_count_name(name, filters)
    return [count, f"{count}:keys:{start}:{stop}"]


def list_keys(
    request: HttpRequest,
    name: str,
    records: QuerySet,
    start: int,
    stop: int,
    filters: Mapping,
    also: Iterable[str] = (),
) -> tuple[list, int | None]:
    """`keys_and_count` of the public list named `name` (`records`, narrowed by `filters`),
    its count and the keys of each slice kept for anonymous readers as public values are,
    for each set of filters' values: with its rows kept per record, a page read before
    reads no record (the keys' query was the only SQL of a filtered list's page, and its
    largest part under load, profiled). Staff's are read afresh. `also`: public values the
    page reads next, read with the count."""
    if not fragments_wanted(request):
        return keys_and_count(records, start, stop)
    keys_name = list_keys_names(name, filters, start, stop)[1]
    count = list_count(request, name, records, filters, [keys_name, *also])
    if not start < count:  # an empty list, or past its end
        return [], None
    keys = public_value(
        request, keys_name, lambda: list(records.values_list("pk", flat=True)[start:stop])
    )
    return keys, count


def list_page(
    request: HttpRequest,
    name: str,
    records: QuerySet,
    filters: Mapping,
    number,
    per_page: int,
    rows: Callable[[QuerySet], QuerySet] | None = None,
    also: Iterable[str] = (),
) -> Page:
    """`page_get` of the public list named `name`, its count and keys kept (`list_keys`)."""
    keys = partial(list_keys, request, name, filters=filters, also=also)
    return page_get(records, number, per_page, rows, keys)


def keys_and_count(records: QuerySet, start: int, stop: int) -> tuple[list, int | None]:
    """The primary keys of `records[start:stop]` and the number of all records, in one query;
    the count is None when the slice is empty (an empty list, or past its end)."""
    count = _Count(records.order_by().values("pk"))
    rows = list(records.annotate(list_count=count).values_list("pk", "list_count")[start:stop])
    return [pk for pk, _count in rows], (rows[0][1] if rows else None)


class KeysPage(Page):
    """A page of a list whose keys (`pks`) were read with its count: its records are read, with
    what its rows show, only when asked for, all of them (`object_list`) or those of some
    keys (`records_of`: the rows not kept per record)."""

    def __init__(self, pks: list, number: int, paginator: Paginator, rows: Callable[[], QuerySet]):
        self.pks, self.number, self.paginator, self._rows = pks, number, paginator, rows
        self.label = paginator.object_list.model._meta.label_lower

    @cached_property
    def rows(self) -> QuerySet:
        return self._rows()

    @cached_property
    def object_list(self) -> QuerySet:
        start = (self.number - 1) * self.paginator.per_page
        return self.rows[start : start + self.paginator.per_page]

    def records_of(self, keys: list) -> list:
        return list(self.rows.filter(pk__in=keys))


def page_get(
    records: QuerySet,
    number,
    per_page: int,
    rows: Callable[[QuerySet], QuerySet] | None = None,
    keys: Callable[[QuerySet, int, int], tuple[list, int | None]] = keys_and_count,
) -> Page:
    """`Paginator(records, per_page).get_page(number)` (a page under 1 or past the last is
    the last, anything not a whole number the first), with the page's primary keys (`page.pks`)
    and the list's count read in one query (`keys(records, start, stop)`: or kept,
    `list_keys`), where Django's paginator counts in a query of its own. The page's records
    are read only if its rows are, from `rows(records)` when given: the records with what the
    rows show (columns, related records), a query built only then (building a list's whole
    query was a tenth of a page whose rows are kept per record, profiled)."""
    number = page_number(number)
    bottom = (number - 1) * per_page
    if 0 <= bottom <= LAST_POSSIBLE_ROW:  # (else, as Django has it: the last page)
        pks, count = keys(records, bottom, bottom + per_page)
        if count is not None:  # (else an empty list, or past its last page)
            paginator = Paginator(records, per_page)
            paginator.count = count  # (a cached property: set, it is not read again)
            shaped = (lambda: rows(records)) if rows else (lambda: records)
            return KeysPage(pks, paginator.validate_number(number), paginator, shaped)
    return Paginator(rows(records) if rows else records, per_page).get_page(number)


def page_number(number) -> int:
    """The page asked for, as Django's paginator reads it: anything not a whole number is 1."""
    try:
        return int(number)
    except (TypeError, ValueError):
        return 1
