"""What every section's API shares: staff writes go through the section's services; list
pages written by PostgreSQL."""

import json
from functools import partial

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import renderers, serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

from .fragments import per_key
from .paging import list_keys


class ListFilterBackend(DjangoFilterBackend):
    """Filters narrow lists. A record's own address finds it whatever the query string says,
    so detail views read no filter parameters (and the schema declares none for them). A list
    asked for with paging parameters only is not filtered: building the filter set's form
    (a deep copy of every filter's field) was a sixth of such a request's time, profiled."""

    NOT_FILTERS = frozenset({"limit", "offset", "format"})

    @classmethod
    def filters_asked(cls, request) -> dict[str, list[str]]:
        """The parameters asked for that are no paging ones, with their values."""
        params = request.query_params
        return {name: params.getlist(name) for name in params.keys() - cls.NOT_FILTERS}

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "detail", False) or not self.filters_asked(request):
            return queryset
        return super().filter_queryset(request, queryset, view)


class ModelPermissionsOrAnonReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """DRF's: anyone reads, writes take the model's permission. Reading takes no permission
    there either; answered here without building the view's queryset to learn its model."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)


class ServiceWrites:
    """Staff write through the same services as the admin; their rules answer 400."""

    save_service = None  # (instance) -> instance

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    def _save(self, serializer):
        many = {k: v for k, v in serializer.validated_data.items() if isinstance(v, list)}
        fields = {k: v for k, v in serializer.validated_data.items() if k not in many}
        instance = serializer.instance or serializer.Meta.model()
        for name, value in fields.items():
            setattr(instance, name, value)
        try:
            with transaction.atomic():
                type(self).save_service(instance)
                for name, value in many.items():
                    getattr(instance, name).set(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        serializer.instance = instance


class Pagination(LimitOffsetPagination):
    """limit/offset paging with bounds PostgreSQL can take (a 64-bit OFFSET at most)."""

    max_limit = 1000
    max_offset = 10**12

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), self.max_offset)

    def paginate_keys(self, records, request, keys) -> list:
        """`paginate_queryset` of the records' primary keys, with the count, as
        `keys(records, start, stop)` gives them (`list_keys`: in one query, where DRF counts
        in a query of its own, or kept)."""
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        keys, self.count = keys(records, self.offset, self.offset + self.limit)
        if self.count is None:  # past the end: DRF's count
            self.count = self.get_count(records)
        self.display_page_controls = self.count > self.limit and self.template is not None
        return keys


class RowsJSON(str):
    """A list's rows as the JSON text PostgreSQL wrote (divisions.core.jsonrows)."""


class JSONRenderer(renderers.JSONRenderer):
    """DRF's, putting rows written by PostgreSQL into the page as they are: decoding them
    and writing them again was most of a list's time after the query, profiled. Asked for
    indented (the browsable API), the rows are decoded and written by DRF."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data.get("results") if isinstance(data, dict) else None
        if isinstance(rows, RowsJSON):
            page = super().render({**data, "results": []}, accepted_media_type, renderer_context)
            if page.endswith(b'"results":[]}'):
                return page[: -len(b"[]}")] + rows.encode() + b"}"
            data = {**data, "results": json.loads(rows)}
        return super().render(data, accepted_media_type, renderer_context)


class JSONRowsList:
    """A list whose rows PostgreSQL writes as JSON in one query (the viewset's `api_rows`
    selector, built on divisions.core.jsonrows: times in the reader's time zone, and `url`
    from the request's address) rather than a serialiser from model instances, which was
    most of a list's time; paging, filters and permissions are DRF's as before. Each API's
    parity test holds the rows to its serialiser. Rows are kept for anonymous readers as
    list pages' rows are (divisions.core.fragments), and written only for those not kept."""

    api_rows = None  # (ids=, user=, url=) -> each record's row as JSON text, by id
    page_url = ""  # the URL name of a record's page, taking its id, when rows carry a `url`

    def list(self, request, *args, **kwargs):
        records = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        filters = ListFilterBackend.filters_asked(request)
        ids = self.paginator.paginate_keys(
            records, request, partial(list_keys, request, f"api:{self.basename}", filters=filters)
        )
        address = self.page_url and request.build_absolute_uri(
            reverse(self.page_url, args=[0])
        ).removesuffix("0/")
        rows = per_key(
            request, f"api:{self.basename}", records.model._meta.label_lower, ids,
            lambda wanted: type(self).api_rows(ids=wanted, user=request.user, url=address),
            vary=[address, timezone.get_current_timezone_name()],
        )  # fmt: skip
        return self.get_paginated_response(RowsJSON("[" + ",".join(rows) + "]"))
