"""API of the coordination section: the agency registry (read-only), meetings and agreements
(public ones for everyone; all, and writes through the services, for coordination staff)."""

import django_filters
from rest_framework import serializers, viewsets
from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly

from eecportal.api import ServiceWrites

from .models import Agency, AgendaItem, Agreement, Meeting, MeetingSeries
from .provinces import Province
from .selectors import agency_list, agreement_list, meeting_list
from .services import agreement_save, meeting_save


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


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["number", "title_th", "title_en", "decision_th", "decision_en"]


class MeetingSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="slug", queryset=MeetingSeries.objects.all())
    agencies = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Agency.objects.all(), required=False
    )
    agenda = AgendaItemSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id", "series", "number", "year_be", "title_th", "title_en", "kind", "mode",
            "place_th", "place_en", "link", "starts_at", "ends_at", "agencies", "is_public",
            "minutes_status", "agenda", "url",
        ]  # fmt: skip

    def get_url(self, meeting: Meeting) -> str:
        return self.context["request"].build_absolute_uri(meeting.get_absolute_url())


class MeetingViewSet(ServiceWrites, viewsets.ModelViewSet):
    """Meetings: public ones for everyone; all of them, and writes, for coordination staff."""

    serializer_class = MeetingSerializer
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]
    save_service = staticmethod(lambda meeting: meeting_save(meeting=meeting))
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return meeting_list(user=self.request.user).prefetch_related("agencies", "agenda")


class AgreementSerializer(serializers.ModelSerializer):
    parties = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id", "registry_number", "title_th", "title_en", "kind", "scope", "status",
            "themes", "signed_on", "effective_on", "expires_on", "auto_renews", "is_public",
            "parties", "url",
        ]  # fmt: skip

    def get_parties(self, agreement: Agreement) -> list[str]:
        return [party.agency.slug for party in agreement.parties.all()]

    def get_url(self, agreement: Agreement) -> str:
        return self.context["request"].build_absolute_uri(agreement.get_absolute_url())


class AgreementViewSet(ServiceWrites, viewsets.ModelViewSet):
    """Agreements: public ones for everyone; all of them, and writes, for coordination staff."""

    serializer_class = AgreementSerializer
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]
    save_service = staticmethod(lambda agreement: agreement_save(agreement=agreement))
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return agreement_list(user=self.request.user)
