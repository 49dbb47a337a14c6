"""Public read-only API of the agency registry."""

import django_filters
from rest_framework import serializers, viewsets

from .models import Agency
from .provinces import Province
from .selectors import agency_list


class AgencySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = Agency
        fields = [
            "slug",
            "name_th",
            "name_en",
            "short_name_th",
            "short_name_en",
            "kind",
            "parent",
            "country",
            "province",
            "website",
            "updated_at",
        ]


class AgencyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Agency.Kind.choices)
    province = django_filters.ChoiceFilter(choices=Province.choices)


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    lookup_field = "slug"

    def get_queryset(self):
        return agency_list()
