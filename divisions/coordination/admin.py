from django import forms
from django.contrib import admin, messages
from django.contrib.gis.db.models import PointField
from django.db import models
from django.utils.translation import gettext as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from divisions.core.audit import AuditHistory
from divisions.core.exports import table_response
from divisions.core.widgets import LatLonWidget, SearchableChoices

from . import selectors, services
from .models import (
    ActionItem,
    Affiliation,
    Agency,
    AgendaItem,
    Agreement,
    AgreementParty,
    Attendance,
    Contact,
    DataRequest,
    Document,
    Meeting,
    MeetingSeries,
    Obligation,
    Reminder,
)


@admin.register(Agency)
class AgencyAdmin(AuditHistory, SearchableChoices, TabbedTranslationAdmin):
    list_display = ["name", "short_name", "kind", "province", "country", "updated_at"]
    list_filter = ["kind", "province"]
    search_fields = ["name_th", "name_en", "short_name_th", "short_name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["parent"]
    formfield_overrides = {PointField: {"widget": LatLonWidget}}


class TableExports:
    """Admin actions that download the selected rows as CSV or XLSX."""

    actions = ["export_csv", "export_xlsx"]
    export_name = ""
    export_rows = None  # a selector: queryset -> (header, rows)

    @admin.action(description=_("Download the selected as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        header, rows = self.export_rows(queryset)
        return table_response(name=self.export_name, header=header, rows=rows, fmt="csv")

    @admin.action(description=_("Download the selected as XLSX"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        header, rows = self.export_rows(queryset)
        return table_response(name=self.export_name, header=header, rows=rows, fmt="xlsx")


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Contact)
class ContactAdmin(AuditHistory, TabbedTranslationAdmin):
    list_display = ["name", "position", "agency", "email", "phone"]
    list_filter = ["agency__kind"]
    search_fields = ["name_th", "name_en", "email", "agency__name_th", "agency__name_en"]
    autocomplete_fields = ["agency"]
    inlines = [AffiliationInline]

    def save_model(self, request, obj, form, change):
        # A move to another agency or position closes the old affiliation and opens one.
        services.contact_save(contact=obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            services.contacts_accessed(contacts=[response.context_data["original"]])
        return response


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(TabbedTranslationAdmin):
    list_display = ["name", "organiser"]
    search_fields = ["name_th", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["organiser"]


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["kind", "title", "file", "is_public"]


# The meeting form's inlines are stacked, fields side by side where they are short: as tables
# their Thai and English text boxes made the form 2,500 px wide on a 1,366 px screen.
SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}


class AgendaItemInline(TranslationStackedInline):
    model = AgendaItem
    extra = 1
    fields = [("number", "position", "parent"), "title", "decision", "agreement"]
    autocomplete_fields = ["agreement"]
    formfield_overrides = SHORT_TEXT

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":  # only items of the meeting being edited
            meeting_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = AgendaItem.objects.filter(meeting_id=meeting_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AgendaItem)
class AgendaItemAdmin(TabbedTranslationAdmin):
    """Found by projects and datasets that link to what a meeting discussed."""

    list_display = ["__str__", "meeting"]
    search_fields = ["number", "title_th", "title_en", "meeting__title_th", "meeting__title_en"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["agreement"]
    raw_id_fields = ["meeting", "parent"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1
    autocomplete_fields = ["agency", "contact"]
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 24})}}


class ActionItemInline(TranslationStackedInline):
    model = ActionItem
    extra = 1
    fields = ["description", ("owner_agency", "owner_contact"), ("due_date", "status"), "progress"]
    autocomplete_fields = ["owner_agency", "owner_contact"]
    formfield_overrides = SHORT_TEXT


@admin.register(Meeting)
class MeetingAdmin(AuditHistory, TableExports, TabbedTranslationAdmin):
    export_name = "meetings"
    export_rows = staticmethod(selectors.meeting_export_rows)
    list_display = ["title", "series", "number", "year_be", "starts_at", "is_public"]
    list_filter = ["series", "kind", "is_public", "minutes_status"]
    search_fields = ["title_th", "title_en"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["agencies"]
    formfield_overrides = {PointField: {"widget": LatLonWidget}}
    inlines = [AgendaItemInline, AttendanceInline, ActionItemInline, DocumentInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, object_id)
        carried = (
            selectors.action_items_carried_over(meeting=meeting, user=request.user)
            if meeting
            else []
        )
        minutes_languages = [("th", _("Thai")), ("en", _("English"))]
        return super().change_view(
            request, object_id, form_url,
            (extra_context or {}) | {"carried_over": carried,
                                     "minutes_languages": minutes_languages},
        )  # fmt: skip

    def save_model(self, request, obj, form, change):
        services.meeting_save(meeting=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ActionItem:
            return super().save_formset(request, form, formset, change)
        for action in formset.save(commit=False):
            services.action_item_save(action=action)
        for action in formset.deleted_objects:
            action.delete()
        formset.save_m2m()
        return None


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 2
    autocomplete_fields = ["agency"]


class ObligationInline(TranslationTabularInline):
    model = Obligation
    extra = 1


@admin.register(Agreement)
class AgreementAdmin(AuditHistory, TableExports, TabbedTranslationAdmin):
    export_name = "agreements"
    export_rows = staticmethod(selectors.agreement_export_rows)
    list_display = [
        "registry_number",
        "title",
        "kind",
        "scope",
        "status",
        "expires_on",
        "is_public",
    ]
    list_filter = ["kind", "scope", "status", "is_public"]
    search_fields = ["registry_number", "title_th", "title_en", "parties__agency__name_th"]
    autocomplete_fields = ["umbrella", "renews", "focal_persons"]
    inlines = [AgreementPartyInline, ObligationInline, DocumentInline]

    def save_model(self, request, obj, form, change):
        services.agreement_save(agreement=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The parties are saved only now: compare them with active agreements.
        for other in services.agreement_overlaps(agreement=form.instance):
            messages.warning(
                request,
                _(
                    "%(other)s, with the same parties, is in force over the same period: "
                    "consider amending it instead of signing a new agreement."
                )
                % {"other": other},
            )


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["key", "recipients", "sent_at"]
    search_fields = ["key", "recipients"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DataRequest)
class DataRequestAdmin(AuditHistory, admin.ModelAdmin):
    list_display = ["subject", "agency", "direction", "status", "received_on", "due_on"]
    list_filter = ["direction", "status"]
    search_fields = ["subject", "agency__name_th", "agency__name_en"]
    autocomplete_fields = ["agency"]


@admin.register(ActionItem)
class ActionItemAdmin(AuditHistory, TableExports, TabbedTranslationAdmin):
    export_name = "action-items"
    export_rows = staticmethod(selectors.action_item_export_rows)
    list_display = ["description", "meeting", "owner_agency", "due_date", "status"]
    list_filter = ["status", "meeting__series"]
    search_fields = ["description_th", "description_en"]
    list_select_related = ["meeting__series", "owner_agency"]
    autocomplete_fields = ["owner_agency", "owner_contact"]
    readonly_fields = ["meeting", "agenda_item"]

    def has_add_permission(self, request):
        return False  # action items are raised in a meeting

    def save_model(self, request, obj, form, change):
        services.action_item_save(action=obj)
