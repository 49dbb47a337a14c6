from django import forms
from django.contrib import admin
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from divisions.core.audit import AuditHistory
from divisions.core.jobs import UploadJobAdmin

from . import services
from .models import Dataset, HarvestSource, ImportJob, Layer, LayerAttribute, Resource
from .quality import quality_summary


class ResourceInline(TranslationStackedInline):
    model = Resource
    extra = 0
    fields = ["name", "kind", "file", "url", "format", "description", "position"]


@admin.register(Dataset)
class DatasetAdmin(AuditHistory, TabbedTranslationAdmin):
    # Stewards see their weakest datasets first.
    list_display = ["title", "quality_grade", "publisher", "category", "classification",
                    "updated_at"]  # fmt: skip
    list_filter = ["quality_grade", "classification", "category", "license", "publisher"]
    ordering = [F("quality_score").asc(nulls_first=True), "pk"]
    readonly_fields = ["quality_report"]
    search_fields = ["title_th", "title_en", "slug", "keywords"]
    list_select_related = ["publisher"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["publisher", "data_requests", "agenda_items"]
    inlines = [ResourceInline]
    fieldsets = [
        (None, {"fields": ["slug", "title", "description", "objective", "classification"]}),
        (_("Data quality"), {"fields": ["quality_report"]}),
        (
            _("Catalog metadata (GD-Catalog)"),
            {
                "fields": [
                    "publisher", "maintainer", "maintainer_email", "keywords", "data_type",
                    "category", "license", "update_frequency", "update_frequency_interval",
                    "geo_coverage", "provinces", "data_source", "languages",
                    "temporal_start", "temporal_end", "source_url",
                ]
            },
        ),
        (
            _("Geospatial metadata"),
            {"fields": ["geographic_data_set", "equivalent_scale", "positional_accuracy",
                        "reference_period", "release_date"]},
        ),
        (
            _("Coordination"),
            {"fields": ["data_requests", "agenda_items"]},
        ),
    ]  # fmt: skip

    def save_model(self, request, obj, form, change):
        services.dataset_save(dataset=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Its files and links count too: measured once they are saved.
        services.dataset_quality_refresh(dataset_ids=[form.instance.pk])

    @admin.display(description=_("quality"))
    def quality_report(self, dataset: Dataset) -> str:
        summary = quality_summary(dataset) if dataset.pk else None
        if summary is None:
            return _("Measured when the dataset is saved.")
        return render_to_string("spatial/_quality.html", {"quality": summary})

    def delete_model(self, request, obj):
        services.dataset_delete(dataset=obj)

    def delete_queryset(self, request, queryset):
        for dataset in queryset:
            services.dataset_delete(dataset=dataset)


class LayerAttributeInline(TranslationTabularInline):
    model = LayerAttribute
    extra = 0
    fields = ["name", "type", "label", "position"]
    readonly_fields = ["name", "type"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # attributes come from the imported data


@admin.register(Layer)
class LayerAdmin(TabbedTranslationAdmin):
    list_display = ["title", "dataset", "geometry_type", "feature_count", "updated_at", "upload"]
    list_filter = ["geometry_type", "dataset__classification"]
    search_fields = ["title_th", "title_en", "slug"]
    list_select_related = ["dataset"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["dataset"]
    inlines = [LayerAttributeInline]
    readonly_fields = ["geometry_type", "feature_count", "version"]

    def delete_model(self, request, obj):
        services.layer_delete(layer=obj)

    def delete_queryset(self, request, queryset):
        for layer in queryset:
            services.layer_delete(layer=layer)

    @admin.display(description=_("data"))
    def upload(self, layer: Layer) -> str:
        url = reverse("admin:spatial_importjob_add") + f"?layer={layer.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Upload data"))


class ImportJobForm(forms.ModelForm):
    class Meta:
        model = ImportJob
        fields = ["layer", "file"]
        help_texts = {
            "file": _(
                "GeoJSON, zipped Shapefile (.shp, .shx, .dbf and .prj), GeoPackage, KML, or CSV "
                "with longitude and latitude columns. The layer's data is replaced only when "
                "the whole file imports."
            )
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.layer_upload_check(upload)
        return upload


@admin.register(ImportJob)
class ImportJobAdmin(UploadJobAdmin, admin.ModelAdmin):
    form = ImportJobForm
    list_display = ["layer", *UploadJobAdmin.list_display[1:]]
    list_select_related = ["layer", "created_by"]
    autocomplete_fields = ["layer"]
    status_url_name = "spatial:import-status"
    report_template = _("Imported {features} features; {repaired} invalid geometries repaired.")

    def job_create(self, request, form):
        return services.import_job_create(
            layer=form.cleaned_data["layer"], file=form.cleaned_data["file"], user=request.user
        )

    def get_changeform_initial_data(self, request):
        return {"layer": request.GET.get("layer")}


@admin.register(HarvestSource)
class HarvestSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "publisher", "is_active", "last_harvested_at"]
    autocomplete_fields = ["publisher"]
    readonly_fields = ["last_harvested_at", "report"]
    actions = ["harvest_now"]

    @admin.display(description=_("last report"))
    def report(self, source: HarvestSource) -> str:
        """The last harvest as staff read it: counts, the datasets skipped and why."""
        return render_to_string("admin/spatial/harvest_report.html", {"report": source.last_report})

    @admin.action(description=_("Harvest the selected catalogs now"))
    def harvest_now(self, request, queryset):
        from .tasks import harvest_source_task

        for source in queryset:
            harvest_source_task.delay(source.pk)
        self.message_user(
            request, _("Harvesting has started; the report appears here when it is done.")
        )
