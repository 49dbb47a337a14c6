from django import forms
from django.contrib import admin, messages
from django.contrib.gis.db.models import GeometryField
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from divisions.core.audit import AuditHistory
from divisions.core.exports import XLSX
from divisions.core.jobs import UploadJobAdmin
from divisions.core.thai import fiscal_year
from divisions.core.widgets import SearchableChoices

from . import services
from .models import (
    Budget,
    Participation,
    Plan,
    PlanNode,
    Project,
    ProjectImport,
    ProjectPair,
    ValueMapping,
)  # fmt: skip


class PlanNodeInline(TranslationTabularInline):
    model = PlanNode
    extra = 0
    fields = ["level", "parent", "code", "title", "position"]


@admin.register(Plan)
class PlanAdmin(AuditHistory, TabbedTranslationAdmin):
    list_display = ["title", "agency", "kind", "start_year", "end_year", "edition"]
    list_filter = ["kind", "edition"]
    search_fields = ["title_th", "title_en", "agency__name_th", "agency__name_en"]
    autocomplete_fields = ["agency", "amends"]
    inlines = [PlanNodeInline]


@admin.register(PlanNode)
class PlanNodeAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "plan", "level"]
    list_filter = ["level"]
    search_fields = ["title_th", "title_en", "code"]
    autocomplete_fields = ["plan", "parent"]


class BudgetInline(admin.TabularInline):
    model = Budget
    extra = 1


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["agency"]


class TranslationFilter(admin.SimpleListFilter):
    title = _("English title")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("yes", _("Has an English title")), ("no", _("Thai only"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(title_en="")
        if self.value() == "no":
            return queryset.filter(title_en="")
        return queryset


@admin.register(Project)
class ProjectAdmin(AuditHistory, SearchableChoices, TabbedTranslationAdmin):
    list_display = ["title", "agency", "status", "province", "district", "budget_total",
                    "is_public", "updated_at"]  # fmt: skip
    list_filter = ["status", "is_public", "sector", "form", "province", TranslationFilter]
    list_select_related = ["agency"]
    search_fields = ["title_th", "title_en", "external_id", "agency__name_th", "agency__name_en"]
    autocomplete_fields = ["agency", "plan", "programme", "agreements", "meetings", "datasets",
                           "agenda_items"]  # fmt: skip
    readonly_fields = ["merged_into", "budget_total"]
    inlines = [BudgetInline, ParticipationInline]
    formfield_overrides = {
        GeometryField: {
            "widget": forms.Textarea(attrs={"rows": 3}),
            "help_text": _(
                "WKT or GeoJSON in longitude and latitude (EPSG:4326), e.g. POINT (100.98 13.36)."
            ),  # fmt: skip
        }
    }

    def save_model(self, request, obj, form, change):
        services.project_save(project=obj, check_duplicates=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Budgets are saved only now: derive the totals and check for duplicates.
        services.project_derive(project=form.instance)
        services.duplicates_check_later([form.instance.pk])


@admin.register(ProjectPair)
class ProjectPairAdmin(admin.ModelAdmin):
    list_display = ["__str__", "first", "second", "score", "band", "verdict", "decided_by"]
    list_filter = ["band", "verdict"]
    list_select_related = ["first", "second", "decided_by"]
    readonly_fields = ["first", "second", "score", "band", "signals", "scored_at", "decided_by",
                       "decided_at"]  # fmt: skip
    fields = [*readonly_fields, "verdict", "reason"]

    def has_add_permission(self, request):
        return False  # pairs come from duplicate detection

    def save_model(self, request, obj, form, change):
        services.pair_decide(pair=obj, verdict=obj.verdict, reason=obj.reason, user=request.user)


def _file_help() -> str:
    return gettext(
        "CSV or XLSX: the flat template (columns %(columns)s) or the agency's own table "
        "(ผ.02, ผ.02/1, ผ.02/2, ผ.03 or its planning system's export) with one budget "
        "column per fiscal year. Every row is checked first; nothing is imported from "
        "a file with a bad row. Values written in the agency's own words (sectors, "
        "places, plans) are listed once for you to map, and remembered."
    ) % {"columns": ", ".join(services.FLAT_COLUMNS)}


class ProjectImportForm(forms.ModelForm):
    class Meta:
        model = ProjectImport
        fields = ["file", "agency", "is_public"]
        help_texts = {"file": lazy(lambda: _file_help(), str)()}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.project_upload_check(upload)
        return upload


@admin.register(ProjectImport)
class ProjectImportAdmin(UploadJobAdmin, admin.ModelAdmin):
    form = ProjectImportForm
    list_select_related = ["created_by"]
    autocomplete_fields = ["agency"]
    change_form_template = "admin/planning/projectimport/change_form.html"
    status_url_name = "planning:import-status"
    report_template = _("Imported {projects} projects: {created} new, {updated} updated.")

    def job_create(self, request, form):
        return services.project_import_create(
            file=form.cleaned_data["file"],
            agency=form.cleaned_data["agency"],
            is_public=form.cleaned_data["is_public"],
            user=request.user,
        )

    def get_urls(self):
        mapping = path(
            "<int:pk>/map/", self.admin_site.admin_view(self.map_view),
            name="planning_projectimport_map",
        )  # fmt: skip
        template = path(
            "template/<str:layout>/", self.admin_site.admin_view(self.template_view),
            name="planning_projectimport_template",
        )  # fmt: skip
        return [mapping, template, *super().get_urls()]

    def template_view(self, request, layout: str):
        """An empty sheet of one layout, headed in the page's language, to send to agencies."""
        if not self.has_add_permission(request) or layout not in services.TEMPLATE_LAYOUTS:
            raise Http404
        language = translation.get_language() or "th"
        content = services.import_template(
            layout=layout, language=language, first_year=fiscal_year(timezone.localdate())
        )
        return HttpResponse(content, headers={
            "Content-Type": XLSX,
            "Content-Disposition": f'attachment; filename="projects-{layout}-{language}.xlsx"',
        })  # fmt: skip

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = (extra_context or {}) | {"templates": [
            (layout, form or _("Flat template")) for layout, (form, *_titles)
            in services.TEMPLATE_LAYOUTS.items()
        ]}  # fmt: skip
        return super().changeform_view(request, object_id, form_url, extra_context)

    @method_decorator(require_POST)
    def map_view(self, request, pk: int):
        """The analyst's answers to the values a file wrote in its own words: remembered for
        the agency, and the file imported again (its new job's page follows)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        job = get_object_or_404(ProjectImport, pk=pk)
        answers = {
            int(name.removeprefix("map-")): value
            for name, value in request.POST.items()
            if name.startswith("map-") and name.removeprefix("map-").isdigit()
        }
        try:
            again = services.project_import_map(job=job, answers=answers, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(
                reverse("admin:planning_projectimport_change", args=[job.pk])
            )
        messages.success(request, _("The mapping is remembered for the agency; the file is "
                                    "being imported again."))  # fmt: skip
        return HttpResponseRedirect(reverse("admin:planning_projectimport_change", args=[again.pk]))


@admin.register(ValueMapping)
class ValueMappingAdmin(admin.ModelAdmin):
    """What agencies' own words mean, as analysts confirmed them while importing; a wrong one
    is deleted here and asked again at the next import."""

    list_display = ["value", "kind", "target", "agency", "created_by", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["agency", "created_by"]
    search_fields = ["value", "target", "agency__name_th", "agency__name_en"]

    def has_add_permission(self, request):
        return False  # made by confirming an import's mapping

    def has_change_permission(self, request, obj=None):
        return False
