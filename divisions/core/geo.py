"""Records of any section as map features (fid, properties, geom), the way the spatial
section's live collections read them; sections call these instead of importing it."""

from django.db.models import CharField, ExpressionWrapper, F, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject, NullIf
from django.urls import reverse
from django.utils import translation

# Thailand (about 97.3–105.7°E, 5.6–20.5°N) with a margin that keeps coastal and border data
# in: anything outside is a wrong coordinate system, a typing error or swapped coordinates.
THAILAND = (95.0, 4.0, 108.0, 22.0)


def translated(field: str):
    """A translated field in the active language, Thai where it has none."""
    language = translation.get_language() or "th"
    return Coalesce(
        NullIf(F(f"{field}_{language}"), Value("")), F(f"{field}_th"), output_field=CharField()
    )


def page_address(url_name: str, key: str = "pk"):
    """The record's page, built in SQL from a URL pattern that takes its primary key."""
    sample = reverse(url_name, kwargs={key: 0})
    prefix, suffix = sample.rsplit("0", 1)
    return Concat(Value(prefix), Cast("pk", CharField()), Value(suffix))


def map_rows(records: QuerySet, *, properties: dict, location: str = "location") -> QuerySet:
    """Records with a place, as features: their primary key, the given properties, and the
    geometry column itself (GeoDjango would select it as EWKB bytes, which no spatial index
    can serve)."""
    return (
        records.filter(**{f"{location}__isnull": False})
        .annotate(
            fid=F("pk"),
            geom=ExpressionWrapper(F(location), output_field=TextField()),
            properties=JSONObject(**properties),
        )
        .values("fid", "properties", "geom")
    )
