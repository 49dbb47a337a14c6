"""Records written as JSON by PostgreSQL for the list APIs: one query for a page of rows,
instead of a model instance and a serialiser field per value (divisions.core.api.JSONRowsList).
"""

from django.db import connection


def json_rows(*, fields: list[tuple[str, str]], source: str, ids: list[int]) -> list[dict]:
    """The records `ids`, in that order, each a JSON object of `fields` ((name, SQL expression)
    pairs over `source`, a FROM clause whose main table is aliased `r`)."""
    pairs = ", ".join(f"'{name}', {expression}" for name, expression in fields)
    sql = (
        f"SELECT json_build_object({pairs}) FROM {source} "  # noqa: S608 - from code, not input
        "WHERE r.id = ANY(%s) ORDER BY array_position(%s, r.id)"
    )
    ids = list(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids, ids])
        return [row for (row,) in cursor.fetchall()]


def linked_slugs(*, link: str, own: str, other: str, table: str, order: str) -> str:
    """SQL for the slugs of the records of `table` linked to the row `r` through the table
    `link` (columns `own` to r, `other` to the record), as a JSON array in `order` (SQL over
    the link `k` and the record `o`)."""
    return f"""COALESCE((
        SELECT json_agg(o.slug ORDER BY {order})
        FROM {link} k JOIN {table} o ON o.id = k.{other}
        WHERE k.{own} = r.id), '[]'::json)"""
