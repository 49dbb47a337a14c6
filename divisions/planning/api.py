"""API of the plan-integration section: public projects for everyone; all of them, and writes
through the services, for plan analysts."""

import json

import django_filters
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from divisions.coordination.models import Agency
from divisions.core.api import JSONRowsList, ModelPermissionsOrAnonReadOnly, ServiceWrites
from divisions.core.provinces import Province

from .models import Budget, Participation, Plan, Project, Sector
from .selectors import MATCH_FIELDS, project_api_rows, project_list
from .services import project_budgets_set, project_save


@extend_schema_field(OpenApiTypes.OBJECT)
class GeoJSONField(serializers.Field):
    """A geometry as a GeoJSON object in longitude and latitude (EPSG:4326)."""

    def to_representation(self, value):
        return json.loads(value.geojson)

    def to_internal_value(self, data):
        try:
            geometry = GEOSGeometry(json.dumps(data), srid=4326)
        except (GDALException, GEOSException, ValueError, TypeError) as error:
            raise serializers.ValidationError("A GeoJSON geometry is expected.") from error
        if not geometry.valid:
            raise serializers.ValidationError("The geometry is not valid.")
        return geometry


class BudgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Budget
        fields = ["fiscal_year", "kind", "source", "amount"]


class ParticipationSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Participation
        fields = ["agency", "role"]


class ProjectSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="slug", queryset=Agency.objects.all())
    plan = serializers.PrimaryKeyRelatedField(
        queryset=Plan.objects.all(), required=False, allow_null=True
    )
    location = GeoJSONField(required=False, allow_null=True)
    # Read from lists the view prefetches (to_attr): no related manager per project. Budgets
    # sent with a project replace its budgets.
    budgets = BudgetSerializer(many=True, required=False, source="budget_list")
    participations = ParticipationSerializer(many=True, read_only=True, source="participation_list")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id", "external_id", "agency", "plan", "title_th", "title_en", "objective_th",
            "objective_en", "target_th", "target_en", "kpi_th", "kpi_en", "form", "flagship",
            "sector", "target_industries", "status", "planned_start", "planned_end",
            "actual_start", "actual_end", "province", "district", "subdistrict", "village",
            "location", "is_public", "fiscal_years", "budget_total", "budgets",
            "participations", "merged_into", "updated_at", "url",
        ]  # fmt: skip
        read_only_fields = ["status", "fiscal_years", "budget_total", "merged_into"]

    def get_url(self, project: Project) -> str:
        return self.context["request"].build_absolute_uri(project.get_absolute_url())


class ProjectFilter(django_filters.FilterSet):
    province = django_filters.ChoiceFilter(choices=Province.choices)
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    status = django_filters.ChoiceFilter(choices=Project.Status.choices)
    agency = django_filters.CharFilter(field_name="agency__slug", max_length=80)
    fiscal_year = django_filters.NumberFilter(
        method="in_fiscal_year", label="Budgeted in this fiscal year (BE)", min_value=2500,
        max_value=2700,
    )  # fmt: skip

    def in_fiscal_year(self, queryset, name, value):
        return queryset.filter(fiscal_years__contains=[int(value)])


class ProjectViewSet(JSONRowsList, ServiceWrites, viewsets.ModelViewSet):
    """Projects: public ones for everyone; all of them, and writes, for plan analysts.
    Status changes and merges go through the review queue and the admin."""

    api_rows = staticmethod(project_api_rows)
    page_url = "planning:project-detail"

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    permission_classes = [ModelPermissionsOrAnonReadOnly]
    save_service = staticmethod(lambda project: project_save(project=project))
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _save(self, serializer):
        budgets = serializer.validated_data.pop("budget_list", None)
        with transaction.atomic():  # the project and its budgets, or neither
            super()._save(serializer)
            if budgets is not None:
                try:
                    project_budgets_set(project=serializer.instance, budgets=budgets)
                except DjangoValidationError as error:
                    raise serializers.ValidationError({"budgets": error.messages}) from error
        # Answer with the project as the API reads it, budgets and participants included.
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def get_queryset(self):
        return (
            project_list(user=self.request.user)
            .defer(*MATCH_FIELDS)
            .prefetch_related(
                Prefetch("budgets", queryset=Budget.objects.all(), to_attr="budget_list"),
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related("agency").order_by("pk"),
                    to_attr="participation_list",
                ),
            )
            .order_by("pk")
        )
