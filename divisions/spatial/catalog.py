"""How datasets are described to other catalogs: what CKAN's API and DCAT both say about a
dataset (its distributions, the GD-Catalog values) lives here once."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.urls import reverse
from django.utils import translation

from .models import Dataset

ID_NAMESPACE = uuid.UUID("5f0d8a52-4c0e-4f8e-9a39-0e1f3c2b7a10")

# GD-Catalog (DGA) stores Thai values; the portal stores codes.
GDC_DATA_TYPE = {
    "record": "ข้อมูลระเบียน",
    "statistical": "ข้อมูลสถิติ",
    "geospatial": "ข้อมูลภูมิสารสนเทศเชิงพื้นที่",
    "multiple": "ข้อมูลหลากหลายประเภท",
    "other": "ข้อมูลประเภทอื่นๆ",
}
GDC_FREQUENCY = {
    "unknown": "ไม่ทราบ",
    "year": "ปี",
    "half_year": "ครึ่งปี",
    "quarter": "ไตรมาส",
    "month": "เดือน",
    "week": "สัปดาห์",
    "day": "วัน",
    "real_time": "ตามเวลาจริง",
    "never": "ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล",
}
GDC_GEO_COVERAGE = {
    "none": "ไม่มี",
    "country": "ประเทศ",
    "region": "ภาค",
    "province": "จังหวัด",
    "district": "อำเภอ",
    "subdistrict": "ตำบล",
    "village": "หมู่บ้าน",
    "local_government": "เทศบาล/อบต.",
    "coordinates": "พิกัด",
}
GDC_LANGUAGE = {"th": "ไทย", "en": "อังกฤษ"}
GDC_PUBLIC = "ข้อมูลสาธารณะ"
GDC_OTHER = "อื่นๆ"
# The national schema's licence values (ckanext-thai_gdc's license_id choices).
GDC_LICENSE = {
    "cc-by": "Creative Commons Attributions",
    "cc-by-sa": "Creative Commons Attribution Share-Alike",
    "cc-nc": "Creative Commons Non-Commercial (Any)",
    "odc-by": "Open Data Common",
    "odc-odbl": "Open Data Common",
    "notspecified": "License not specified",
}
# Distribution formats as the national schema's data_format choices name them; anything
# else is "อื่นๆ" with the format named in data_format_other.
GDC_FORMAT = {
    "CSV": "CSV", "XML": "XML", "JSON": "JSON", "GEOJSON": "JSON", "HTML": "HTML",
    "XLS": "XLS", "XLSX": "XLS", "PDF": "PDF", "RDF": "RDF", "SHP": "Shapefile",
    "GPKG": "Database", "GML": "GML", "TIF": "GeoTiff", "TIFF": "GeoTiff", "GEOTIFF": "GeoTiff",
    "TXT": "Text", "JPG": "Image", "JPEG": "Image", "PNG": "Image",
}  # fmt: skip
# The national framework's base layers as the OPAL schema (tgdcschema) spells them.
GDC_GEOGRAPHIC_DATA_SET = {
    "land_parcels": "ชั้นข้อมูลแปลงที่ดิน",
    "boundaries": "ชั้นข้อมูลขอบเขตการปกครอง",
    "transport": "ชั้นข้อมูลเส้นทางคมนาคม",
    "settlements": "ชั้นข้อมูลชุมนุม/อาคาร",
    "forests": "ชั้นข้อมูลป่าไม้",
    "land_use": "ชั้นข้อมูลการใช้ประโยชน์ที่ดิน",
    "water_bodies": "ชั้นข้อมูลแหล่งน้ำ",
    "hydrography": "ชั้นข้อมูลอุทกศาสตร์",
    "survey_marks": "ชั้นข้อมูลหมุดหลักฐานแผนที่",
    "elevation": "ชั้นข้อมูลความสูงภูมิประเทศเชิงตัวเลข",
    "topographic_maps": "ชั้นข้อมูลภาพแผนที่ภูมิประเทศ",
    "orthophotos": "ชั้นข้อมูลแผนที่ภาพถ่ายทางอากาศ",
    "satellite": "ชั้นข้อมูลภาพวาดดาวเทียมดัดแก้",
}
# Only public datasets leave the portal: "disclosed" in the national classification.
GDC_DISCLOSED = "เปิดเผย"
GDC_SCALES = ("1:4,000", "1:10,000", "1:25,000", "1:50,000", "1:250,000")
LICENSE_URLS = {
    "cc-by": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-nc": "https://creativecommons.org/licenses/by-nc/4.0/",
    "odc-by": "https://opendatacommons.org/licenses/by/1-0/",
    "odc-odbl": "https://opendatacommons.org/licenses/odbl/1-0/",
    "notspecified": "",
}
# DCAT's accrualPeriodicity from the EU frequency vocabulary.
FREQUENCY_URIS = {
    "year": "ANNUAL",
    "half_year": "ANNUAL_2",
    "quarter": "QUARTERLY",
    "month": "MONTHLY",
    "week": "WEEKLY",
    "day": "DAILY",
    "real_time": "CONT",
    "never": "NEVER",
    "unknown": "UNKNOWN",
}
LAYER_DOWNLOADS = [
    # (format, media type, url name)
    ("GeoJSON", "application/geo+json", "geojson"),
    ("CSV", "text/csv", "csv"),
    ("GPKG", "application/geopackage+sqlite3", "gpkg"),
    ("SHP", "application/zip", "shp"),
]


def stable_id(kind: str, pk: int | str) -> str:
    """A UUID that never changes for a record, as CKAN identifies things."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{pk}"))


@dataclass(frozen=True)
class Distribution:
    id: str
    name: str
    description: str
    format: str
    media_type: str
    url: str
    is_download: bool
    created: datetime
    modified: datetime


def distributions(dataset: Dataset, absolute) -> list[Distribution]:
    """Every way a dataset's data can be had: its files and links, and for each layer the
    OGC API collection plus the four downloads. `absolute` turns a path into a full URL."""
    result = []
    for resource in dataset.resources.all():
        if resource.kind == resource.Kind.LAYER:
            continue
        is_file = resource.kind == resource.Kind.FILE and bool(resource.file)
        url = absolute(resource.get_download_url()) if is_file else resource.url
        result.append(
            Distribution(
                id=stable_id("resource", resource.pk),
                name=resource.name,
                description=resource.description,
                format=resource.format.upper(),
                media_type="",
                url=url,
                is_download=is_file,
                created=resource.created_at,
                modified=resource.updated_at,
            )
        )
    for layer in dataset.layers.all():
        if not layer.version:
            continue
        collection = reverse("ogc:collection", kwargs={"collection_id": layer.slug})
        result.append(
            Distribution(
                id=stable_id("layer-ogc", layer.pk),
                name=f"{layer.title} (OGC API – Features)",
                description=layer.description,
                format="OGC API Features",
                media_type="application/json",
                url=absolute(collection),
                is_download=False,
                created=layer.created_at,
                modified=layer.updated_at,
            )
        )
        for fmt, media_type, kind in LAYER_DOWNLOADS:
            path = reverse("spatial-data:download", kwargs={"slug": layer.slug, "kind": kind})
            result.append(
                Distribution(
                    id=stable_id(f"layer-{kind}", layer.pk),
                    name=f"{layer.title} ({fmt})",
                    description=layer.description,
                    format=fmt,
                    media_type=media_type,
                    url=absolute(path),
                    is_download=True,
                    created=layer.created_at,
                    modified=layer.updated_at,
                )
            )
    return result


def in_language(dataset: Dataset, field: str, language: str) -> str:
    with translation.override(language):
        return getattr(dataset, field)


def ckan_time(moment: datetime | None) -> str | None:
    """CKAN's timestamps: UTC without an offset."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat()
