"""The list APIs whose rows PostgreSQL writes (divisions.core.api.JSONRowsList) are held to
what their serialiser writes for the same records: values, types, order of keys and rows."""

import json

from django.test import RequestFactory
from django.utils import translation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request


def serialiser_output(viewset, path: str, user, language: str) -> list[dict]:
    """What the viewset's serialiser writes for every record its list may show the user,
    rendered as DRF renders it, in `language`."""
    with translation.override(language):
        request = Request(RequestFactory().get(path, HTTP_HOST="testserver"))
        request.user = user
        view = viewset(request=request, format_kwarg=None, action="list")
        serializer = view.get_serializer(view.get_queryset(), many=True)
        return json.loads(JSONRenderer().render(serializer.data))


def assert_same(listed: list[dict], expected: list[dict]) -> None:
    for got, want in zip(listed, expected, strict=True):
        differing = {key: (got.get(key), want.get(key)) for key in {*got, *want}
                     if got.get(key) != want.get(key)}  # fmt: skip
        assert not differing, f"row {want.get('id', want.get('slug'))}: {differing}"
    assert [list(row) for row in listed] == [list(row) for row in expected]  # order of keys
