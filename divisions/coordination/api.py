"""API of the coordination section: the agency registry (read-only), meetings and agreements
(public ones for everyone; all, and writes through the services, for coordination staff)."""

import django_filters
from rest_framework import serializers, viewsets
from rest_framework.permissions import (
    DjangoModelPermissions,
)

from divisions.core.api import JSONRowsList, ModelPermissionsOrAnonReadOnly, ServiceWrites
from divisions.core.provinces import Province

from .models import (
    ActionItem,
    Agency,
    AgendaItem,
    Agreement,
    Contact,
    DataRequest,
    Meeting,
    MeetingSeries,
)
from .selectors import (
    agency_api_rows,
    agency_list,
    agreement_api_rows,
    agreement_list,
    meeting_api_rows,
    meeting_list,
    minutes_shown,
)
from .services import (
    action_item_save,
    agreement_save,
    contact_save,
    contacts_accessed,
    data_request_save,
    meeting_save,
)


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


class AgencyViewSet(JSONRowsList, viewsets.ReadOnlyModelViewSet):
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    lookup_field = "slug"
    api_rows = staticmethod(agency_api_rows)

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

    def to_representation(self, meeting: Meeting) -> dict:
        data = super().to_representation(meeting)
        if not minutes_shown(meeting=meeting, user=self.context["request"].user):
            for item in data["agenda"]:
                item["decision_th"] = item["decision_en"] = ""
        return data


class MeetingViewSet(JSONRowsList, ServiceWrites, viewsets.ModelViewSet):
    """Meetings: public ones for everyone; all of them, and writes, for coordination staff."""

    api_rows = staticmethod(meeting_api_rows)
    page_url = "coordination:meeting-detail"

    serializer_class = MeetingSerializer
    permission_classes = [ModelPermissionsOrAnonReadOnly]
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


class AgreementViewSet(JSONRowsList, ServiceWrites, viewsets.ModelViewSet):
    """Agreements: public ones for everyone; all of them, and writes, for coordination staff."""

    api_rows = staticmethod(agreement_api_rows)
    page_url = "coordination:agreement-detail"

    serializer_class = AgreementSerializer
    permission_classes = [ModelPermissionsOrAnonReadOnly]
    save_service = staticmethod(lambda agreement: agreement_save(agreement=agreement))
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return agreement_list(user=self.request.user)


class ReadersWithPermission(DjangoModelPermissions):
    """Staff records: even reading them takes the model's view permission (contacts are
    personal data; action items and data requests are internal working records)."""

    perms_map = DjangoModelPermissions.perms_map | {
        method: ["%(app_label)s.view_%(model_name)s"] for method in ("GET", "HEAD", "OPTIONS")
    }


class ContactSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="slug", queryset=Agency.objects.all())
    affiliations = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = [
            "id", "name_th", "name_en", "position_th", "position_en", "agency", "phone",
            "email", "language", "active_from", "active_until", "affiliations",
        ]  # fmt: skip

    def get_affiliations(self, contact: Contact) -> list[dict]:
        return [
            {
                "agency": a.agency.slug,
                "position": a.position,
                "from": a.started_on,
                "until": a.ended_on,
            }  # fmt: skip
            for a in contact.affiliations.all()
        ]


class ContactViewSet(ServiceWrites, viewsets.ModelViewSet):
    """Contacts (personal data): for staff with the permission only; a move to another
    agency keeps the earlier affiliations."""

    serializer_class = ContactSerializer
    permission_classes = [ReadersWithPermission]
    save_service = staticmethod(lambda contact: contact_save(contact=contact))
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return (
            Contact.objects.select_related("agency")
            .prefetch_related("affiliations__agency")
            .order_by("pk")
        )

    def finalize_response(self, request, response, *args, **kwargs):
        # Every contact whose personal data this answer shows is logged as accessed.
        if request.method == "GET" and response.status_code == 200:
            data = response.data
            rows = data.get("results", [data]) if isinstance(data, dict) else data
            ids = [row["id"] for row in rows if isinstance(row, dict) and "id" in row]
            contacts_accessed(contacts=Contact.objects.filter(pk__in=ids))
        return super().finalize_response(request, response, *args, **kwargs)


class ActionItemSerializer(serializers.ModelSerializer):
    owner_agency = serializers.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = ActionItem
        fields = [
            "id", "meeting", "agenda_item", "description_th", "description_en", "owner_agency",
            "owner_contact", "due_date", "status", "progress", "closed_at",
        ]  # fmt: skip


class ActionItemFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ActionItem.Status.choices)
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lt")

    class Meta:
        model = ActionItem
        fields = ["meeting", "status", "due_before"]


class ActionItemViewSet(ServiceWrites, viewsets.ModelViewSet):
    """Action items of meetings, for coordination staff; closing one records when."""

    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    permission_classes = [ReadersWithPermission]
    save_service = staticmethod(lambda action: action_item_save(action=action))
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return ActionItem.objects.select_related("owner_agency").order_by("due_date", "pk")


class DataRequestSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="slug", queryset=Agency.objects.all())
    datasets = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = DataRequest
        fields = [
            "id", "agency", "direction", "subject", "details", "status", "received_on",
            "due_on", "closed_on", "datasets",
        ]  # fmt: skip


class DataRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=DataRequest.Status.choices)
    direction = django_filters.ChoiceFilter(choices=DataRequest.Direction.choices)

    class Meta:
        model = DataRequest
        fields = ["status", "direction"]


class DataRequestViewSet(ServiceWrites, viewsets.ModelViewSet):
    """Data-exchange requests from and to agencies, with the datasets they concern."""

    serializer_class = DataRequestSerializer
    filterset_class = DataRequestFilter
    permission_classes = [ReadersWithPermission]
    save_service = staticmethod(lambda request: data_request_save(data_request=request))
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return DataRequest.objects.select_related("agency").prefetch_related("datasets")
