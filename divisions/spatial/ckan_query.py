"""The Solr query syntax CKAN clients send in package_search's q, fq and fq_list, read into
Django Q objects: field:value terms, quoted phrases, [from TO to] ranges, field:(a OR b),
+required and -excluded clauses, AND, OR, NOT and parentheses. Clauses side by side must all
hold (CKAN's AND default), OR joins its neighbours first: the national harvester's
`organization:a OR organization:b metadata_modified:[… TO *]` reads as
(a OR b) AND modified since."""

import re
from collections.abc import Callable

from django.db.models import Q

TOKEN = re.compile(
    r"""\s*(?:
      (?P<open>\()|(?P<close>\))
    | (?P<term>[+-]?(?:[\w.]+:)?(?:"[^"]*"|\[[^\]]*\]|\{[^}]*\}|\([^()]*\)|[^\s()]+))
    )""",
    re.VERBOSE,
)
ALL = Q(pk__isnull=False)


class QueryError(ValueError):
    """A query CKAN's search would refuse too (a "Search Query Error")."""


def parse(text: str, term: Callable[[str, str], Q]) -> Q:
    """The condition `text` expresses; `term(field, value)` turns one term into a condition
    (field "" for a bare word), raising QueryError for a field it does not know."""
    tokens = _tokens(text)
    position = 0

    def clauses(closing: bool) -> Q:
        nonlocal position
        condition, any_clause = ALL, False
        while position < len(tokens):
            if tokens[position] == ")":
                if not closing:
                    raise QueryError("Unbalanced parentheses")
                return condition if any_clause else ALL
            if tokens[position] == "AND":
                position += 1
                continue
            condition &= either()
            any_clause = True
        if closing:
            raise QueryError("Unbalanced parentheses")
        return condition

    def either() -> Q:
        nonlocal position
        condition = unary()
        while position < len(tokens) and tokens[position] == "OR":
            position += 1
            condition |= unary()
        return condition

    def unary() -> Q:
        nonlocal position
        if position >= len(tokens):
            raise QueryError("The query ends too early")
        token = tokens[position]
        position += 1
        if token == "NOT":
            return ~unary()
        if token == "(":
            inner = clauses(closing=True)
            position += 1  # the ")"
            return inner
        if token in (")", "OR"):
            raise QueryError(f"Unexpected {token}")
        sign, token = (token[0], token[1:]) if token[0] in "+-" else ("", token)
        condition = _term(token, term)
        return ~condition if sign == "-" else condition

    return clauses(closing=False)


def _tokens(text: str) -> list[str]:
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise QueryError(f"Cannot read the query at: {text[position : position + 30]}")
        tokens.append(match.group("open") or match.group("close") or match.group("term"))
        position = match.end()
    return tokens


def _term(token: str, term: Callable[[str, str], Q]) -> Q:
    if token in ("*:*", "*"):
        return ALL
    field, colon, value = token.partition(":")
    if not colon or not re.fullmatch(r"[\w.]+", field):
        field, value = "", token
    if value.startswith("(") and value.endswith(")"):  # field:(a OR b)
        return parse(value[1:-1], lambda _field, one: term(field, one))
    return term(field, value.strip('"'))
