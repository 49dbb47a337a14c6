"""What every section's API shares: staff writes go through the section's services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination


class ListFilterBackend(DjangoFilterBackend):
    """Filters narrow lists. A record's own address finds it whatever the query string says,
    so detail views read no filter parameters (and the schema declares none for them)."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "detail", False):
            return queryset
        return super().filter_queryset(request, queryset, view)


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
