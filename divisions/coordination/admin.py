from django.contrib import admin
from django.contrib.gis.db.models import PointField
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from eecportal.widgets import LatLonWidget

from . import selectors, services
from .models import ActionItem, Agency, AgendaItem, Attendance, Contact, Meeting, MeetingSeries


@admin.register(Agency)
class AgencyAdmin(TabbedTranslationAdmin):
    list_display = ["name", "short_name", "kind", "province", "country", "updated_at"]
    list_filter = ["kind", "province"]
    search_fields = ["name_th", "name_en", "short_name_th", "short_name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["parent"]


@admin.register(Contact)
class ContactAdmin(TabbedTranslationAdmin):
    list_display = ["name", "position", "agency", "email", "phone"]
    list_filter = ["agency__kind"]
    search_fields = ["name_th", "name_en", "email", "agency__name_th", "agency__name_en"]
    autocomplete_fields = ["agency"]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(TabbedTranslationAdmin):
    list_display = ["name", "organiser"]
    search_fields = ["name_th", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["organiser"]


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 1
    fields = ["position", "number", "title", "decision"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1
    autocomplete_fields = ["agency", "contact"]


class ActionItemInline(TranslationTabularInline):
    model = ActionItem
    extra = 1
    fields = ["description", "owner_agency", "owner_contact", "due_date", "status", "progress"]
    autocomplete_fields = ["owner_agency", "owner_contact"]


@admin.register(Meeting)
class MeetingAdmin(TabbedTranslationAdmin):
    list_display = ["title", "series", "number", "year_be", "starts_at", "is_public"]
    list_filter = ["series", "kind", "is_public", "minutes_status"]
    search_fields = ["title_th", "title_en"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["agencies"]
    formfield_overrides = {PointField: {"widget": LatLonWidget}}
    inlines = [AgendaItemInline, AttendanceInline, ActionItemInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, object_id)
        carried = (
            selectors.action_items_carried_over(meeting=meeting, user=request.user)
            if meeting
            else []
        )
        return super().change_view(
            request, object_id, form_url, (extra_context or {}) | {"carried_over": carried}
        )

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
