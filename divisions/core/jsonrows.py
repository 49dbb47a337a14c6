"""Records written as JSON by PostgreSQL for the list APIs: one query for a page of rows, each
row's text put into the response as PostgreSQL wrote it (divisions.core.api.JSONRowsList, which
also keeps each row as fragments are kept), instead of a model instance and a serialiser field
per value, or a Python object per row decoded and written again."""

import re

from django.db import connection
from django.utils import timezone


def json_rows(
    *, fields: list[tuple[str, str]], source: str, ids: list[int], url: str = ""
) -> dict[int, str]:
    """The records `ids` as JSON objects (text) of `fields` ((name, SQL expression) pairs over
    `source`, a FROM clause whose main table is aliased `r`), by id; with `url`, each object
    ends with `url`: that address followed by the record's id and a slash."""
    if url:
        fields = [*fields, ("url", "%s || r.id || '/'")]
    pairs = ", ".join(f"'{name}', {expression}" for name, expression in fields)
    sql = (
        f"SELECT r.id, json_build_object({pairs})::text "  # noqa: S608 - from code
        f"FROM {source} WHERE r.id = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*([url] if url else []), list(ids)])
        return dict(cursor.fetchall())


def local_time(column: str) -> str:
    """SQL writing the timestamp `column` as DRF's DateTimeField does: ISO 8601 in the current
    time zone, with microseconds only when there are any, and a zero UTC offset as Z (`%%`:
    the query it is part of is run with parameters)."""
    zone = timezone.get_current_timezone_name()
    if not re.fullmatch(r"[A-Za-z0-9_+\-/]+", zone):  # a setting's name, checked all the same
        raise ValueError(f"not a time zone name: {zone!r}")
    local = f"({column} AT TIME ZONE '{zone}')"
    offset = f"({local} - ({column} AT TIME ZONE 'UTC'))"  # an interval
    seconds = f"date_part('epoch', {offset})::int"  # date_part: extract's numeric is slower
    shown = f"CASE WHEN {seconds} %% 60 = 0 THEN 'HH24:MI' ELSE 'HH24:MI:SS' END"
    return f"""CASE WHEN {column} IS NULL THEN NULL ELSE
        to_char({local}, 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN date_part('microseconds', {column})::int %% 1000000 = 0 THEN ''
                ELSE to_char({local}, '.US') END
        || CASE WHEN {seconds} = 0 THEN 'Z'
                WHEN {seconds} > 0 THEN '+' || to_char({offset}, {shown})
                ELSE '-' || to_char(-{offset}, {shown}) END
    END"""


def linked_slugs(*, link: str, own: str, other: str, table: str, order: str) -> str:
    """SQL for the slugs of the records of `table` linked to the row `r` through the table
    `link` (columns `own` to r, `other` to the record), as a JSON array in `order` (SQL over
    the link `k` and the record `o`)."""
    return f"""COALESCE((
        SELECT json_agg(o.slug ORDER BY {order})
        FROM {link} k JOIN {table} o ON o.id = k.{other}
        WHERE k.{own} = r.id), '[]'::json)"""
