"""What list pages read from their query strings."""

from django.http import HttpRequest


def choice_param(request: HttpRequest, name: str, allowed) -> str:
    """The query string's `name` if it is one of `allowed`, otherwise "" (no filter)."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""
