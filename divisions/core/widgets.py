"""Form widgets shared by the sections' admin pages."""

import secrets

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import (
    AdminDateWidget,
    AdminFileWidget,
    AdminSplitDateTime,
    AdminTimeWidget,
    FilteredSelectMultiple,
    get_select2_language,
)
from django.contrib.gis.geos import GEOSGeometry
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _


class LatLonWidget(forms.MultiWidget):
    """A map point typed as latitude and longitude (WGS 84).

    GeoDjango's map widget starts with an inline script and loads OpenLayers from a CDN,
    which the portal's Content-Security-Policy and offline rule both forbid.
    """

    template_name = "includes/latlon_widget.html"

    def __init__(self, attrs=None):
        number = {"step": "any", "inputmode": "decimal"}
        super().__init__(
            [
                forms.NumberInput(attrs=number | {"aria-label": _("Latitude")}),
                forms.NumberInput(attrs=number | {"aria-label": _("Longitude")}),
            ],
            attrs,
        )

    def decompress(self, value):
        if not value:
            return [None, None]
        point = value if isinstance(value, GEOSGeometry) else GEOSGeometry(value)
        return [point.y, point.x]

    def value_from_datadict(self, data, files, name):
        latitude, longitude = super().value_from_datadict(data, files, name)
        if latitude in (None, "") and longitude in (None, ""):
            return ""
        return f"SRID=4326;POINT({longitude} {latitude})"


class RichTextWidget(forms.Textarea):
    """Rich text edited with Trix, served by the portal (no CDN, no inline script): the HTML
    goes in a hidden input the form posts, and is sanitised on save like any other."""

    template_name = "includes/rich_text_widget.html"

    class Media:
        css = {"all": ["vendor/trix/trix.css", "eecportal/rich-text.css"]}
        js = ["vendor/trix/trix.umd.min.js", "eecportal/rich-text.js"]


class ChoicePicker(FilteredSelectMultiple):
    """The admin's two-list picker with a search box, for a list of coded choices
    (divisions.core.fields.ChoiceArrayField names its lists after the field)."""

    template_name = "includes/choice_picker.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__("", is_stacked=False, attrs=attrs, choices=choices)


KEPT_FILE_SECONDS = 3600


class KeptFileInput(AdminFileWidget):
    """The admin's file input, keeping a chosen file when the form comes back with errors: the
    upload is put in the cache, under a random key the form carries in a hidden field, only
    when the form is shown again (a saved form keeps nothing), and is used again (and checked
    again) when the form is sent without another file. Files larger than a document upload
    may be (layer and project imports) are not kept."""

    template_name = "includes/kept_file_input.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self._upload: UploadedFile | None = None  # chosen in this submission
        self._kept: tuple[str, str] | None = None  # (key, file name) carried by the form

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if isinstance(upload, UploadedFile):
            self._upload = upload
        elif upload is None and isinstance(key := data.get(f"{name}__kept"), str):
            if self._kept is None and (stored := cache.get(f"kept-file:{key}")):
                file_name, content_type, content = stored
                self._upload = SimpleUploadedFile(file_name, content, content_type)
                self._kept = (key, file_name)
            upload = self._upload
        return upload

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        upload, limit = self._upload, settings.MAX_DOCUMENT_UPLOAD_MB * 1024 * 1024
        if self._kept is None and upload is not None and upload.size <= limit:
            key = secrets.token_urlsafe(24)
            upload.seek(0)
            cache.set(
                f"kept-file:{key}", (upload.name, upload.content_type, upload.read()),
                KEPT_FILE_SECONDS,
            )  # fmt: skip
            upload.seek(0)
            self._kept = (key, upload.name)
        context["widget"]["kept"] = self._kept
        return context


LONG_CHOICES = 20


class SearchableSelect(forms.Select):
    """A long list of coded choices (77 provinces, every country) with a search box: the
    admin's own select2 on a plain <select>, which works as one without script."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "searchable-select", **(attrs or {})}, choices)

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"
        language = get_select2_language()
        translations = (f"admin/js/vendor/select2/i18n/{language}.js",) if language else ()
        return forms.Media(
            js=(f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js", *translations,
                "admin/js/jquery.init.js", "eecportal/searchable-select.js"),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css",
                            "admin/css/autocomplete.css")},
        )  # fmt: skip


class SearchableChoices:
    """ModelAdmin mixin: a choice field with more than LONG_CHOICES options gets a search box."""

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        long = len(list(db_field.choices)) > LONG_CHOICES  # (countries are a lazy iterator)
        if long and db_field.name not in self.radio_fields:
            kwargs.setdefault("widget", SearchableSelect)
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class BuddhistEraDateWidget(AdminDateWidget):
    """The admin's date input; its picker heads months with the Buddhist-era year in Thai."""

    class Media:
        js = ["eecportal/calendar-buddhist-era.js"]


class BuddhistEraSplitDateTime(AdminSplitDateTime):
    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, [BuddhistEraDateWidget, AdminTimeWidget], attrs)
