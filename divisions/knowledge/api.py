"""Public read-only API of published knowledge items."""

from datetime import UTC

import django_filters
from django.db.models import Q
from rest_framework import serializers, viewsets

from divisions.core.api import JSONRowsList
from divisions.core.provinces import Province

from .models import Item, Topic
from .selectors import item_api_rows, item_public_list


class ItemSerializer(serializers.ModelSerializer):
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Item
        fields = [
            "id",
            "kind",
            "title_th",
            "title_en",
            "summary_th",
            "summary_en",
            "body_th",
            "body_en",
            "topics",
            "provinces",
            "tags",
            "published_at",
            "updated_at",
            "url",
        ]

    def get_url(self, item: Item) -> str:
        return self.context["request"].build_absolute_uri(item.get_absolute_url())


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 time with any offset Python accepts, compared in UTC: PostgreSQL refuses
    offsets beyond ±15:59, which Python and the schema allow."""

    def filter(self, qs, value):
        return super().filter(qs, value.astimezone(UTC) if value else value)


class ItemFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Item.Kind.choices)
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", to_field_name="slug", queryset=Topic.objects.all()
    )
    province = django_filters.ChoiceFilter(choices=Province.choices, method="filter_province")
    language = django_filters.ChoiceFilter(
        choices=[("th", "th"), ("en", "en")],
        method="filter_language",
        help_text="Only items that have a title in this language.",
    )
    published_after = UtcDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="published_at", lookup_expr="lt")

    def filter_province(self, queryset, name, value):
        return queryset.filter(provinces__contains=[value])

    def filter_language(self, queryset, name, value):
        return queryset.filter(~Q(**{f"title_{value}": ""}))


class ItemViewSet(JSONRowsList, viewsets.ReadOnlyModelViewSet):
    serializer_class = ItemSerializer
    api_rows = staticmethod(item_api_rows)
    page_url = "knowledge:item-detail"
    filterset_class = ItemFilter

    def get_queryset(self):
        return item_public_list()
