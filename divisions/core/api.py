"""What every section's API shares: staff writes go through the section's services; list
pages written by PostgreSQL."""

from datetime import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

from .paging import keys_and_count


class ListFilterBackend(DjangoFilterBackend):
    """Filters narrow lists. A record's own address finds it whatever the query string says,
    so detail views read no filter parameters (and the schema declares none for them). A list
    asked for with paging parameters only is not filtered: building the filter set's form
    (a deep copy of every filter's field) was a sixth of such a request's time, profiled."""

    NOT_FILTERS = frozenset({"limit", "offset", "format"})

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "detail", False) or request.query_params.keys() <= self.NOT_FILTERS:
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

    def paginate_keys(self, records, request) -> list:
        """`paginate_queryset` of the records' primary keys, read with the count in one
        query (DRF counts in a query of its own)."""
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        keys, self.count = keys_and_count(records, self.offset, self.offset + self.limit)
        if self.count is None:  # past the end: DRF's count
            self.count = self.get_count(records)
        self.display_page_controls = self.count > self.limit and self.template is not None
        return keys


class JSONRowsList:
    """A list whose rows PostgreSQL writes as JSON in one query (the viewset's `api_rows`
    selector, built on divisions.core.jsonrows) rather than a serialiser from model instances,
    which was most of a list's time; paging, filters and permissions are DRF's as before.
    What PostgreSQL writes otherwise than DRF is finished here: times in the reader's time
    zone and `url` from the request. Each API's parity test holds the rows to its serialiser."""

    api_rows = None  # (ids=, user=) -> rows in the order of ids
    page_url = ""  # the URL name of a record's page, taking its id, when rows carry a `url`
    time_fields: tuple[str, ...] = ()

    def list(self, request, *args, **kwargs):
        records = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        ids = self.paginator.paginate_keys(records, request)
        rows = type(self).api_rows(ids=ids, user=request.user)
        zone = timezone.get_current_timezone()
        address = self.page_url and request.build_absolute_uri(
            reverse(self.page_url, args=[0])
        ).removesuffix("0/")
        for row in rows:
            for name in self.time_fields:
                if row[name] is not None:
                    row[name] = _iso(datetime.fromisoformat(row[name]).astimezone(zone))
            if address:
                row["url"] = f"{address}{row['id']}/"
        return self.get_paginated_response(rows)


def _iso(moment: datetime) -> str:
    """A time as DRF's DateTimeField writes it (ISO 8601; UTC as Z)."""
    written = moment.isoformat()
    return written.removesuffix("+00:00") + "Z" if written.endswith("+00:00") else written
