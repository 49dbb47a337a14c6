"""A dataset's data-quality grade: four measured dimensions, each with what to fix.

- completeness: the national catalog's metadata that is filled in (GD-Catalog fields, both
  languages, and for geospatial data its scale, accuracy, bounds and reference period);
- timeliness: the age of the newest data against the dataset's own update frequency;
- machine readability: downloadable, structured, non-proprietary, openly licensed;
- validity: the layers' geometries (repairs in the last import) and attribute types (numbers
  or dates stored as text).

Scores are 0–1; the grade is their mean as A–E. Issues are codes, named in the reader's
language where they are shown (`issue_label`). Validity is not measured for datasets without
layers and does not count against them."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils.translation import gettext_lazy as _

from .catalog import distributions
from .models import Dataset, ImportJob

DIMENSIONS = {
    "completeness": _("Completeness of the metadata"),
    "timeliness": _("Timeliness"),
    "machine_readability": _("Machine readability"),
    "validity": _("Validity of the data"),
}
# Grade thresholds on the mean score, best first.
GRADES = [("A", 0.9), ("B", 0.75), ("C", 0.6), ("D", 0.4), ("E", 0.0)]

# The national schema's fields, by the portal's field names (its text in Thai, the national
# catalog's language); geospatial ones on top for geospatial data. English title and
# description too: the portal is bilingual.
COMPLETENESS_FIELDS = [
    "title_en", "description_en", "objective_th", "keywords", "data_source", "maintainer",
    "maintainer_email", "languages", "temporal_start", "release_date",
]  # fmt: skip
GEOSPATIAL_FIELDS = ["equivalent_scale", "positional_accuracy", "reference_period", "extent"]

# Days between updates for each frequency (per one update in the period).
PERIOD_DAYS = {
    "year": 365, "half_year": 183, "quarter": 92, "month": 31, "week": 7, "day": 1,
    "real_time": 1,
}  # fmt: skip

# Formats a program reads as data; of those, the ones no vendor owns.
MACHINE_READABLE = {
    "CSV", "JSON", "GEOJSON", "GPKG", "SHP", "XML", "RDF", "TTL", "JSONLD", "KML", "GML",
    "XLS", "XLSX", "ODS", "OGC API FEATURES", "WFS", "WMS",
}  # fmt: skip
PROPRIETARY = {"XLS", "XLSX"}

ISSUES = {
    "no_data": _("The dataset offers no data yet: add a layer, a file or a link."),
    "stale": _(
        "The data is older than its update frequency allows: upload the newest data or "
        "correct the update frequency."
    ),
    "frequency_unknown": _("The update frequency is unknown: state how often it is updated."),
    "no_download": _("Nothing can be downloaded: offer the data as a file or a layer."),
    "not_machine_readable": _(
        "No resource is in a format programs read as data (such as CSV, GeoJSON or GeoPackage)."
    ),
    "proprietary_only": _(
        "The data is only in a vendor's format: add an open format such as CSV or ODS."
    ),
    "no_open_license": _("The license is not specified: choose an open license."),
    "geometry_repaired": _(
        "%(layer)s: %(count)s of its geometries were invalid and repaired on import: check "
        "them at the source."
    ),
    "numbers_as_text": _(
        "%(layer)s: the attribute %(attribute)s holds numbers or dates stored as text."
    ),
}

NUMBER_OR_DATE = r"^\s*-?[0-9][0-9,]*(\.[0-9]+)?\s*$|^[0-9]{4}-[0-9]{2}-[0-9]{2}"


@dataclass
class Assessment:
    scores: dict[str, float | None]
    issues: dict[str, list]

    @property
    def score(self) -> float:
        measured = [s for s in self.scores.values() if s is not None]
        return sum(measured) / len(measured)

    @property
    def grade(self) -> str:
        return next(grade for grade, floor in GRADES if self.score >= floor - 1e-9)

    def as_record(self) -> dict:
        """What is stored on the dataset: scores rounded, issues as codes with their values."""
        return {
            name: {
                "score": None if score is None else round(score, 3),
                "issues": self.issues[name],
            }
            for name, score in self.scores.items()
        }


def _filled(dataset: Dataset, field: str) -> bool:
    value = getattr(dataset, field)
    return bool(value.strip() if isinstance(value, str) else value)


def _completeness(dataset: Dataset) -> tuple[float, list]:
    fields = list(COMPLETENESS_FIELDS)
    if dataset.data_type == Dataset.DataType.GEOSPATIAL:
        fields += GEOSPATIAL_FIELDS
    missing = [field for field in fields if not _filled(dataset, field)]
    return 1 - len(missing) / len(fields), [["missing_field", field] for field in missing]


def _last_data_update(dataset: Dataset) -> datetime | None:
    moments = [layer.updated_at for layer in dataset.layers.all() if layer.version]
    moments += [r.updated_at for r in dataset.resources.all() if r.kind != r.Kind.LAYER]
    return max(moments, default=None)


def _timeliness(dataset: Dataset, now: datetime) -> tuple[float, list]:
    updated = _last_data_update(dataset)
    if updated is None:
        return 0.0, [["no_data"]]
    if dataset.update_frequency == Dataset.Frequency.NEVER:
        return 1.0, []
    if dataset.update_frequency == Dataset.Frequency.UNKNOWN:
        return 0.5, [["frequency_unknown"]]
    period = PERIOD_DAYS[dataset.update_frequency] / max(dataset.update_frequency_interval, 1)
    age = (now - updated).total_seconds() / 86400
    # Full marks within the period, none at twice it.
    score = min(1.0, max(0.0, 2 - age / max(period, 1)))
    return score, [] if score == 1.0 else [["stale"]]


def _machine_readability(dataset: Dataset) -> tuple[float, list]:
    offered = distributions(dataset, lambda path: path)
    if not offered:
        return 0.0, [["no_data"]]
    formats = {d.format.upper() for d in offered}
    readable = formats & MACHINE_READABLE
    checks = {
        "no_download": any(d.is_download for d in offered),
        "not_machine_readable": bool(readable),
        "proprietary_only": bool(readable - PROPRIETARY),
        "no_open_license": dataset.license != Dataset.License.NOT_SPECIFIED,
    }
    failed = [[code] for code, passed in checks.items() if not passed]
    return 1 - len(failed) / len(checks), failed


def _text_columns_holding_numbers(layer) -> list[str]:
    names = [a.name for a in layer.attributes.all() if a.type == a.Type.STRING]
    if not names:
        return []
    columns = ", ".join(
        "bool_and(properties ->> %s ~ %s) FILTER (WHERE coalesce(properties ->> %s, '') <> '')"
        for _name in names
    )
    parameters = [value for name in names for value in (name, NUMBER_OR_DATE, name)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM spatial_feature WHERE layer_id = %s", [*parameters, layer.pk]
        )
        flags = cursor.fetchone()
    return [name for name, flag in zip(names, flags, strict=True) if flag]


def _validity(dataset: Dataset) -> tuple[float | None, list]:
    layers = [layer for layer in dataset.layers.all() if layer.version]
    if not layers:
        return None, []
    last_reports = {}
    for job in (
        ImportJob.objects.filter(layer__in=layers, status=ImportJob.Status.SUCCEEDED)
        .order_by("layer_id", "-finished_at", "-pk")
        .distinct("layer_id")
    ):
        last_reports[job.layer_id] = job.report
    scores, issues = [], []
    for layer in layers:
        report = last_reports.get(layer.pk, {})
        repaired, features = report.get("repaired", 0), max(layer.feature_count, 1)
        if repaired:
            issues.append(["geometry_repaired", layer.pk, repaired])
        scores.append(1 - min(repaired / features, 1.0))
        mistyped = _text_columns_holding_numbers(layer)
        issues += [["numbers_as_text", layer.pk, name] for name in mistyped]
        if attributes := layer.attributes.all():
            scores.append(1 - len(mistyped) / len(attributes))
    return sum(scores) / len(scores), issues


def assess(dataset: Dataset, now: datetime) -> Assessment:
    """The dataset's quality now; its resources, layers and attributes should be prefetched."""
    measured = {
        "completeness": _completeness(dataset),
        "timeliness": _timeliness(dataset, now),
        "machine_readability": _machine_readability(dataset),
        "validity": _validity(dataset),
    }
    return Assessment(
        scores={name: score for name, (score, _issues) in measured.items()},
        issues={name: issues for name, (_score, issues) in measured.items()},
    )


def issue_label(issue: list, layer_titles: dict[int, str]) -> str:
    """One stored issue in the reader's language (layers named by their current titles)."""
    code, *values = issue
    if code == "missing_field":
        field = Dataset._meta.get_field(re.sub(r"_(th|en)$", "", values[0]))
        label = str(field.verbose_name)
        if values[0].endswith("_en"):
            label = _("%(field)s in English") % {"field": label}
        return str(_("Fill in: %(field)s.") % {"field": label})
    if code == "geometry_repaired":
        layer = layer_titles.get(values[0], "")
        return str(ISSUES[code] % {"layer": layer, "count": values[1]})
    if code == "numbers_as_text":
        layer = layer_titles.get(values[0], "")
        return str(ISSUES[code] % {"layer": layer, "attribute": values[1]})
    return str(ISSUES[code])


@dataclass
class Summary:
    grade: str
    grade_label: str
    score: int | None
    dimensions: list[tuple[str, str, int | None]]  # (code, label, percent or None)
    fixes: list[str]


def quality_summary(dataset: Dataset) -> Summary | None:
    """The stored grade as readers see it, in their language; None before the first check."""
    if not dataset.quality_grade:
        return None
    titles = {layer.pk: str(layer) for layer in dataset.layers.all()}
    dimensions, fixes = [], []
    for code, label in DIMENSIONS.items():
        measured = dataset.quality.get(code, {})
        score = measured.get("score")
        dimensions.append((code, str(label), None if score is None else round(score * 100)))
        fixes += [issue_label(issue, titles) for issue in measured.get("issues", [])]
    return Summary(
        grade=dataset.quality_grade,
        grade_label=str(dataset.get_quality_grade_display()),
        score=dataset.quality_score,
        dimensions=dimensions,
        fixes=list(dict.fromkeys(fixes)),
    )
