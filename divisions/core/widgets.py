"""Form widgets shared by the sections' admin pages."""

from django import forms
from django.contrib.gis.geos import GEOSGeometry
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
