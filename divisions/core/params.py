"""What list pages read from their query strings."""

from functools import cache

from django.db.models import Choices
from django.http import HttpRequest


def choice_param(request: HttpRequest, name: str, choices: type[Choices]) -> str:
    """The query string's `name` if it is one of the values of `choices`, otherwise "" (no
    filter)."""
    value = request.GET.get(name, "")
    return value if value in _values(choices) else ""


@cache
def _values(choices: type[Choices]) -> frozenset:
    # (Django builds an enumeration's values anew each time: 40 µs for the provinces.)
    return frozenset(choices.values)
