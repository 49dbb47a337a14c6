"""A CKAN-compatible Action API (read-only) at /api/3/action/, so the national catalog's CKAN
harvester and other CKAN clients can harvest this catalog unchanged. Public datasets only."""

import json
from collections import Counter
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import make_aware
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from divisions.coordination.models import Agency
from divisions.core.fragments import per_record
from divisions.core.paging import list_count

from . import ckan_query
from .catalog import (
    GDC_DATA_TYPE,
    GDC_DISCLOSED,
    GDC_FORMAT,
    GDC_FREQUENCY,
    GDC_GEO_COVERAGE,
    GDC_GEOGRAPHIC_DATA_SET,
    GDC_LANGUAGE,
    GDC_LICENSE,
    GDC_OTHER,
    GDC_PUBLIC,
    GDC_SCALES,
    LICENSE_URLS,
    ckan_time,
    distributions,
    in_language,
    stable_id,
)
from .models import Dataset
from .selectors import dataset_public_list, dataset_with_contents

MAX_ROWS = 1000
DEFAULT_ROWS = 10
CKAN_VERSION = "2.10.4"
SORTS = {
    "metadata_modified": "updated_at",
    "metadata_created": "created_at",
    "name": "slug",
    "title_string": "title_th",
    # The harvester pages by id; ids are stable, so is the primary key's order.
    "id": "pk",
    "quality_score": "quality_score",
    "score": None,
}
# Parameters CKAN reads as text: anything else in a POSTed body is refused.
TEXT_PARAMETERS = {"q", "fq", "sort", "id", "name_or_id"}


class ActionError(Exception):
    def __init__(self, status: int, kind: str, message: str | dict):
        self.status, self.kind, self.message = status, kind, message


def _envelope(request: HttpRequest, action: str, result) -> JsonResponse:
    help_url = request.build_absolute_uri(reverse("ckan-action", kwargs={"action": "help_show"}))
    return JsonResponse(
        {"help": f"{help_url}?name={action}", "success": True, "result": result},
        json_dumps_params={"ensure_ascii": False},
    )


def _packages(request: HttpRequest, datasets: QuerySet, start: int, stop: int) -> list[dict]:
    """The packages of `datasets[start:stop]`, each kept for anonymous readers as a fragment."""
    datasets = dataset_with_contents(datasets)
    return per_record(
        request, "ckan-package", datasets[start:stop], datasets,
        lambda found: [package_dict(dataset, request) for dataset in found],
    )  # fmt: skip


def _absolute(request: HttpRequest):
    return request.build_absolute_uri


def _organization(agency: Agency, request: HttpRequest, package_count: int | None = None):
    org = {
        "id": stable_id("agency", agency.pk),
        "name": agency.slug,
        "title": in_language(agency, "name", "th"),
        "title_en": agency.name_en or "",
        "display_name": in_language(agency, "name", "th"),
        "description": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
        "created": ckan_time(agency.created_at),
    }
    if package_count is not None:
        org["package_count"] = package_count
    return org


def _group(code: str, label_th: str, label_en: str, count: int | None = None) -> dict:
    group = {
        "id": code,
        "name": code,
        "title": label_th,
        "title_en": label_en,
        "display_name": label_th,
        "type": "group",
        "is_organization": False,
        "state": "active",
        "image_url": "",
    }
    if count is not None:
        group["package_count"] = count
    return group


def _category_labels(code: str) -> tuple[str, str]:
    label = Dataset.Category(code).label
    with translation.override("th"):
        thai = str(label)
    with translation.override("en"):
        return thai, str(label)


def package_dict(dataset: Dataset, request: HttpRequest) -> dict:
    absolute = _absolute(request)
    resources = [
        {
            "id": d.id,
            "package_id": stable_id("dataset", dataset.pk),
            "name": d.name,
            "description": d.description,
            "format": d.format,
            "mimetype": d.media_type or None,
            "url": d.url,
            "url_type": None,
            "state": "active",
            "position": position,
            "created": ckan_time(d.created),
            "last_modified": ckan_time(d.modified),
            # The OPAL schema's resource fields.
            "resource_created_date": d.created.date().isoformat(),
            "resource_last_updated_date": d.modified.date().isoformat(),
        }
        for position, d in enumerate(distributions(dataset, absolute))
    ]
    th_category, en_category = _category_labels(dataset.category)
    # The national schema requires tags: a dataset without keywords is tagged by its category.
    tags = dataset.keywords or [th_category]
    west, south, east, north = dataset.extent.extent if dataset.extent else (None,) * 4
    package = {
        "id": stable_id("dataset", dataset.pk),
        "name": dataset.slug,
        "title": in_language(dataset, "title", "th"),
        "title_en": dataset.title_en or "",
        "notes": in_language(dataset, "description", "th"),
        "notes_en": dataset.description_en or "",
        "url": absolute(dataset.get_absolute_url()),
        "type": "dataset",
        "state": "active",
        "private": False,
        "author": in_language(dataset.publisher, "name", "th"),
        "author_email": None,
        "maintainer": dataset.maintainer,
        "maintainer_email": dataset.maintainer_email,
        "license_id": GDC_LICENSE[dataset.license],
        "license_title": str(Dataset.License(dataset.license).label),
        "license_url": LICENSE_URLS.get(dataset.license, ""),
        "metadata_created": ckan_time(dataset.created_at),
        "metadata_modified": ckan_time(dataset.updated_at),
        "owner_org": stable_id("agency", dataset.publisher_id),
        "organization": _organization(dataset.publisher, request),
        "groups": [_group(dataset.category, th_category, en_category)],
        "tags": [{"name": k, "display_name": k, "state": "active"} for k in tags],
        "num_tags": len(tags),
        "resources": resources,
        "num_resources": len(resources),
        # GD-Catalog (DGA) fields, named and valued as the national schema
        # (ckanext-thai_gdc's scheming schema) has them, so its catalog imports them as they are.
        "data_type": GDC_DATA_TYPE[dataset.data_type],
        "update_frequency_unit": GDC_FREQUENCY[dataset.update_frequency],
        "update_frequency_interval": str(dataset.update_frequency_interval),
        "geo_coverage": GDC_GEO_COVERAGE[dataset.geo_coverage],
        "data_source": dataset.data_source,
        "data_category": GDC_PUBLIC,
        "data_language": [GDC_LANGUAGE[code] for code in dataset.languages] or ["ไทย"],
        "allow_harvest": "True",
        "high_value_dataset": "False",
        "created_date": dataset.created_at.date().isoformat(),
        "last_updated_date": dataset.updated_at.date().isoformat(),
        # The schema names both southern and northern bounds "…_longitude".
        "west_bound_longitude": west,
        "east_bound_longitude": east,
        "north_bound_longitude": north,
        "south_bound_longitude": south,
        "positional_accuracy": dataset.positional_accuracy,
        "reference_period": dataset.reference_period,
        "data_release_date": dataset.release_date.isoformat() if dataset.release_date else "",
        "data_release_calendar": (dataset.release_date.isoformat() if dataset.release_date else ""),
        "data_classification": GDC_DISCLOSED,
        "geographic_data_set": GDC_GEOGRAPHIC_DATA_SET.get(dataset.geographic_data_set, ""),
        "provinces": dataset.provinces,
        "extras": [],
    }
    package |= _gdc_choices(dataset, resources)
    if dataset.data_type == Dataset.DataType.GEOSPATIAL:
        for resource in resources:
            resource |= _geospatial_resource_fields(package)
    package["extras"] += _quality_extras(dataset)
    if dataset.extent:
        # ckanext-spatial's convention, read by spatial harvesters and search.
        package["extras"].append({"key": "spatial", "value": dataset.extent.geojson})
    return package


def _geospatial_resource_fields(package: dict) -> dict:
    """The OPAL schema repeats the geospatial metadata on each resource."""
    fields = {
        "resource_geographic_data_set": package["geographic_data_set"],
        "resource_equivalent_scale": package["equivalent_scale"],
        "resource_positional_accuracy": package["positional_accuracy"],
        "resource_data_release_date": package["data_release_date"],
    }
    if "equivalent_scale_other" in package:
        fields["resource_equivalent_scale_other"] = package["equivalent_scale_other"]
    return fields


def _quality_extras(dataset: Dataset) -> list[dict]:
    """The data-quality grade and its measured dimensions (scores 0–1), as CKAN extras."""
    if not dataset.quality_grade:
        return []
    extras = [
        {"key": "quality_grade", "value": dataset.quality_grade},
        {"key": "quality_score", "value": str(dataset.quality_score)},
    ]
    for name, measured in sorted(dataset.quality.items()):
        if measured.get("score") is not None:
            extras.append({"key": f"quality_{name}", "value": str(measured["score"])})
    return extras


def _gdc_choices(dataset: Dataset, resources: list[dict]) -> dict:
    """The national schema's choice fields: a value among its choices, or "อื่นๆ" with the
    dataset's own words in the field's `_other`."""
    formats = sorted({r["format"] for r in resources if r["format"]})
    chosen = sorted({GDC_FORMAT.get(f.upper(), GDC_OTHER) for f in formats}) or ["ไม่ทราบ"]
    fields = {"data_format": chosen, "objective": ["พันธกิจหน่วยงาน"], "equivalent_scale": ""}
    if GDC_OTHER in chosen:
        fields["data_format_other"] = ", ".join(f for f in formats if f.upper() not in GDC_FORMAT)
    if dataset.objective:
        fields |= {"objective": [GDC_OTHER], "objective_other": dataset.objective}
    scale = dataset.equivalent_scale.replace(" ", "")
    scale = next((s for s in GDC_SCALES if s.replace(",", "") == scale.replace(",", "")), scale)
    if scale in GDC_SCALES:
        fields["equivalent_scale"] = scale
    elif scale:
        fields |= {"equivalent_scale": GDC_OTHER, "equivalent_scale_other": scale}
    return fields


def _param(request: HttpRequest, name: str, default=None):
    return request.ckan_params.get(name, default)


def _int(request: HttpRequest, name: str, default: int, high: int) -> int:
    raw = _param(request, name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError) as error:
        raise ActionError(409, "Validation Error", {name: ["Invalid integer"]}) from error
    if value < 0:
        raise ActionError(409, "Validation Error", {name: ["Must be a natural number"]})
    return min(value, high)


def _moment(raw: str) -> datetime:
    try:
        moment = parse_datetime(raw.replace("Z", "+00:00")) if "T" in raw else None
        if moment is None and (day := parse_date(raw)):
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
        if moment is not None:
            # In UTC: PostgreSQL takes offsets up to ±15:59 only.
            return (moment if moment.tzinfo else make_aware(moment, UTC)).astimezone(UTC)
    except (ValueError, OverflowError):
        pass  # an impossible date (2026-02-30) or offset
    raise ActionError(409, "Search Query Error", f"Invalid date: {raw}")


def _term_condition(field: str, value: str) -> Q:
    """One term of a CKAN query: a bare word searches the text; field:value the field."""
    if not field:
        return (
            Q(title_th__icontains=value)
            | Q(title_en__icontains=value)
            | Q(description_th__icontains=value)
            | Q(description_en__icontains=value)
            | Q(keywords__icontains=value)
        )
    if value == "*":
        return ckan_query.ALL
    if field in ("metadata_modified", "metadata_created") and value.startswith("["):
        low, _to, high = value[1:-1].partition(" TO ")
        column = SORTS[field]
        condition = Q()
        if low.strip() not in ("*", ""):
            condition &= Q(**{f"{column}__gte": _moment(low.strip())})
        if high.strip() not in ("*", ""):
            condition &= Q(**{f"{column}__lte": _moment(high.strip())})
        return condition
    if field in ("id", "owner_org"):  # CKAN's stable ids (owner_org may also be a name)
        kind = "dataset" if field == "id" else "agency"
        column = "pk" if field == "id" else "publisher"
        pks = Dataset.objects.values_list(column, flat=True).distinct()
        matching = [pk for pk in pks if pk is not None and stable_id(kind, pk) == value]
        if field == "owner_org":
            return Q(publisher__in=matching) | Q(publisher__slug=value)
        return Q(pk__in=matching)
    conditions = {
        "organization": Q(publisher__slug=value),
        "name": Q(slug=value),
        "tags": Q(keywords__contains=[value]),
        "groups": Q(category=value),
        "license_id": Q(license=value)
        | Q(license__in=[code for code, name in GDC_LICENSE.items() if name == value]),
        "res_format": Q(resources__format__iexact=value),
        # The data-quality grade (extras quality_grade), as ckanext-scheming indexes extras.
        "quality_grade": Q(quality_grade=value.upper()),
        "extras_quality_grade": Q(quality_grade=value.upper()),
        # Every dataset here is of CKAN's "dataset" type.
        "dataset_type": ckan_query.ALL if value == "dataset" else ~ckan_query.ALL,
    }
    if field not in conditions:
        raise ckan_query.QueryError(f"undefined field {field}")
    return conditions[field]


def _query(text: str) -> Q:
    try:
        return ckan_query.parse(text, _term_condition)
    except ckan_query.QueryError as error:
        raise ActionError(409, "Search Query Error", f"Search Query Error: {error}") from error


def _search(request: HttpRequest) -> dict:
    datasets = dataset_public_list().select_related("publisher")
    # The one parameter CKAN reads as a list: repeated in a query string, a list in JSON.
    fq_list = request.GET.getlist("fq_list") or _param(request, "fq_list") or []
    filters = [_param(request, "q", ""), _param(request, "fq", "")]
    filters += fq_list if isinstance(fq_list, list) else [fq_list]
    for text in filter(None, filters):
        datasets = datasets.filter(_query(str(text)))
    rows = _int(request, "rows", DEFAULT_ROWS, MAX_ROWS)
    start = _int(request, "start", 0, 10**9)
    sort = _param(request, "sort") or "score desc, metadata_modified desc"
    order = []
    for part in sort.split(","):
        field, _space, direction = part.strip().partition(" ")
        if field not in SORTS:
            raise ActionError(409, "Search Query Error", f"Invalid sort field: {field}")
        if SORTS[field]:
            order.append(("-" if direction.strip() == "desc" else "") + SORTS[field])
    datasets = datasets.distinct().order_by(*order, "pk")
    facets = _facets(request, datasets)
    asked = {"q": filters[0], "fq": filters[1], "fq_list": fq_list}
    count = list_count(request, "ckan-package-search", datasets, asked)
    return {
        "count": datasets.count() if count is None else count,
        "sort": sort,
        "results": _packages(request, datasets, start, start + rows),
        "facets": {
            field: {item["name"]: item["count"] for item in items}
            for field, items in facets.items()
        },
        "search_facets": {
            field: {"title": field, "items": items} for field, items in facets.items()
        },
    }


# Facets as CKAN names them, over the matching datasets: the column counted, and how a value
# is named in packages (licence ids as the national schema has them).
FACETS = {
    "organization": ("publisher__slug", str),
    "groups": ("category", str),
    "tags": ("keywords", str),
    "license_id": ("license", lambda code: GDC_LICENSE.get(code, code)),
    "quality_grade": ("quality_grade", str),
}


def _facets(request: HttpRequest, datasets: QuerySet) -> dict[str, list[dict]]:
    """CKAN's facet.field (a JSON list), facet.limit (50; -1 for all) and facet.mincount."""
    raw = _param(request, "facet.field")
    if not raw:
        return {}
    try:
        fields = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError as error:
        raise ActionError(409, "Validation Error", {"facet.field": ["Not a JSON list"]}) from error
    if not isinstance(fields, list):
        raise ActionError(409, "Validation Error", {"facet.field": ["Not a JSON list"]})
    try:
        limit = int(_param(request, "facet.limit", 50))
    except (TypeError, ValueError) as error:
        raise ActionError(409, "Validation Error", {"facet.limit": ["Invalid integer"]}) from error
    minimum = _int(request, "facet.mincount", 1, 10**9)
    matching = Dataset.objects.filter(pk__in=datasets.order_by().values("pk"))
    result = {}
    for field in map(str, fields):
        if field not in FACETS:
            result[field] = []  # CKAN's search answers unknown facet fields with none
            continue
        column, name = FACETS[field]
        if column == "keywords":
            counts = Counter(k for ks in matching.values_list(column, flat=True) for k in ks)
        else:
            counted_rows = matching.order_by().values_list(column).annotate(n=Count("pk"))
            counts = Counter(dict(counted_rows))
        counted = sorted(
            ((value, n) for value, n in counts.items() if value and n >= minimum),
            key=lambda item: (-item[1], item[0]),
        )
        result[field] = [
            {"name": name(value), "display_name": name(value), "count": n}
            for value, n in (counted if limit < 0 else counted[:limit])
        ]
    return result


def _package(request: HttpRequest) -> Dataset:
    ident = _param(request, "id") or _param(request, "name_or_id") or ""
    datasets = dataset_with_contents(dataset_public_list().select_related("publisher"))
    for dataset in datasets.filter(slug=ident):
        return dataset
    # Or the stable id given out as "id".
    for pk in dataset_public_list().values_list("pk", flat=True):
        if stable_id("dataset", pk) == ident:
            return datasets.get(pk=pk)
    raise ActionError(404, "Not Found Error", "Not found")


def _publishers() -> QuerySet[Agency]:
    return Agency.objects.filter(datasets__in=dataset_public_list().values("pk")).annotate(
        package_count=Count("datasets", filter=Q(datasets__in=dataset_public_list()))
    )


def _action_package_search(request):
    return _search(request)


def _action_package_list(request):
    limit = _int(request, "limit", MAX_ROWS * 10, MAX_ROWS * 10)
    offset = _int(request, "offset", 0, 10**9)
    names = dataset_public_list().order_by("slug").values_list("slug", flat=True)
    return list(names[offset : offset + limit])


def _action_package_show(request):
    return package_dict(_package(request), request)


def _action_current_package_list_with_resources(request):
    limit = _int(request, "limit", DEFAULT_ROWS, MAX_ROWS)
    offset = _int(request, "offset", 0, 10**9)
    datasets = dataset_public_list().select_related("publisher").order_by("-updated_at", "pk")
    return _packages(request, datasets, offset, offset + limit)


def _all_fields(request) -> bool:
    return str(_param(request, "all_fields", "")).lower() in ("true", "1")


def _action_organization_list(request):
    publishers = _publishers().order_by("slug").distinct()
    if _all_fields(request):
        return [_organization(a, request, a.package_count) for a in publishers]
    return [a.slug for a in publishers]


def _action_organization_show(request):
    ident = _param(request, "id", "")
    for agency in _publishers().distinct():
        if ident in (agency.slug, stable_id("agency", agency.pk)):
            org = _organization(agency, request, agency.package_count)
            if str(_param(request, "include_datasets", "")).lower() in ("true", "1"):
                datasets = dataset_with_contents(
                    dataset_public_list().filter(publisher=agency).select_related("publisher")
                )
                org["packages"] = [package_dict(d, request) for d in datasets[:MAX_ROWS]]
            return org
    raise ActionError(404, "Not Found Error", "Not found")


def _groups() -> list[dict]:
    counts = dict(dataset_public_list().values_list("category").annotate(n=Count("pk")).order_by())
    return [_group(code, *_category_labels(code), counts[code]) for code in sorted(counts)]


def _action_group_list(request):
    groups = _groups()
    return groups if _all_fields(request) else [g["name"] for g in groups]


def _action_group_show(request):
    for group in _groups():
        if group["name"] == _param(request, "id"):
            return group
    raise ActionError(404, "Not Found Error", "Not found")


def _action_status_show(request):
    return {
        "site_title": "EEC Portal",
        "site_description": "",
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": ["dcat", "spatial_metadata", "thai_gdc"],
    }


def _action_help_show(request):
    return "Read-only CKAN Action API of the EEC Portal: " + ", ".join(sorted(ACTIONS))


def _action_tag_list(request):
    """The keywords of public datasets (CKAN's free tags), optionally those containing
    `query`."""
    query = str(_param(request, "query", "") or "").lower()
    names = sorted(
        {tag for tags in dataset_public_list().values_list("keywords", flat=True) for tag in tags}
    )
    names = [name for name in names if query in name.lower()]
    if _all_fields(request):
        return [{"id": stable_id("tag", name), "name": name, "display_name": name,
                 "vocabulary_id": None} for name in names]  # fmt: skip
    return names


def _action_license_list(request):
    """The licences datasets carry, by the ids package_show gives (the national schema's)."""
    licences = {}
    with translation.override("en"):
        for code, label in Dataset.License.choices:
            licences.setdefault(GDC_LICENSE[code], {
                "id": GDC_LICENSE[code], "title": str(label), "url": LICENSE_URLS.get(code, ""),
                "status": "active", "domain_data": True, "domain_content": True,
                "od_conformance": "approved" if code != "notspecified" else "not reviewed",
            })  # fmt: skip
    return list(licences.values())


ACTIONS = {
    "package_search": _action_package_search,
    "tag_list": _action_tag_list,
    "license_list": _action_license_list,
    "package_list": _action_package_list,
    "package_show": _action_package_show,
    "current_package_list_with_resources": _action_current_package_list_with_resources,
    "organization_list": _action_organization_list,
    "organization_show": _action_organization_show,
    "group_list": _action_group_list,
    "group_show": _action_group_show,
    "status_show": _action_status_show,
    "help_show": _action_help_show,
}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, action: str) -> JsonResponse:
    params = request.GET.dict()
    if request.method == "POST" and request.body:
        try:
            params |= _body_params(request.body)
        except ActionError as error:
            return _failure(request, action, error)
    request.ckan_params = params
    handler = ACTIONS.get(action)
    if handler is None:
        unknown = ActionError(400, "Bad request", f"Action name not known: {action}")
        return _failure(request, action, unknown)
    try:
        return _envelope(request, action, handler(request))
    except ActionError as error:
        return _failure(request, action, error)


def _refuse_constant(name: str):
    raise ValueError(name)


def _body_params(body: bytes) -> dict:
    """The parameters of a POSTed JSON object: text, numbers, booleans (as CKAN takes them);
    NaN, Infinity, lone surrogates and nesting deeper than a list of text are refused."""
    try:
        params = json.loads(body, parse_constant=_refuse_constant)
        if not isinstance(params, dict):
            raise ValueError("not an object")
        for name, value in params.items():
            values = value if isinstance(value, list) else [value]
            for one in values:
                if not isinstance(one, str | int | float | bool) or one is None:
                    raise ValueError(name)
                if isinstance(one, str):
                    one.encode()  # a lone surrogate cannot be text anywhere
            if name in TEXT_PARAMETERS and not isinstance(value, str):
                raise ValueError(name)
    except (ValueError, RecursionError, UnicodeError) as error:
        raise ActionError(400, "Bad request", "JSON object of text and numbers expected") from error
    return params


def _failure(request: HttpRequest, action: str, error: ActionError) -> JsonResponse:
    message = error.message
    body_error = {"__type": error.kind}
    if isinstance(message, dict):
        body_error |= message
    else:
        body_error["message"] = message
    return JsonResponse(
        {"help": action, "success": False, "error": body_error}, status=error.status
    )


def _parameter(name: str, kind: str = "string", **schema) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": {"type": kind, **schema}}


# The query parameters each action reads (POSTed JSON bodies may carry the same names).
ACTION_PARAMETERS = {
    "package_search": [
        _parameter("q"), _parameter("fq"), _parameter("sort"),
        _parameter("fq_list", "array", items={"type": "string"}),
        _parameter("rows", "integer", minimum=0, maximum=MAX_ROWS),
        _parameter("start", "integer", minimum=0),
        _parameter("facet.field"), _parameter("facet.limit", "integer"),
        _parameter("facet.mincount", "integer", minimum=0),
    ],
    "package_list": [_parameter("limit", "integer", minimum=0),
                     _parameter("offset", "integer", minimum=0)],
    "package_show": [_parameter("id"), _parameter("name_or_id")],
    "current_package_list_with_resources": [
        _parameter("limit", "integer", minimum=0, maximum=MAX_ROWS),
        _parameter("offset", "integer", minimum=0),
    ],
    "organization_list": [_parameter("all_fields", "boolean")],
    "organization_show": [_parameter("id"), _parameter("include_datasets", "boolean")],
    "group_list": [_parameter("all_fields", "boolean")],
    "group_show": [_parameter("id")],
    "status_show": [],
    "help_show": [],
    "tag_list": [_parameter("query"), _parameter("all_fields", "boolean")],
    "license_list": [],
}  # fmt: skip


def openapi_paths(result, generator, request, public):
    """drf-spectacular post-processing hook: the CKAN actions in the portal's OpenAPI schema,
    each with the parameters it reads."""
    envelope = {
        "type": "object",
        "properties": {"help": {"type": "string"}, "success": {"type": "boolean"},
                       "result": {}, "error": {"type": "object"}},
    }  # fmt: skip
    answer = {"content": {"application/json": {"schema": envelope}}}
    for name, parameters in ACTION_PARAMETERS.items():
        result["paths"][f"/api/3/action/{name}"] = {
            "get": {
                "operationId": f"ckan_{name}",
                "summary": f"CKAN action {name} (read-only, public datasets)",
                "tags": ["ckan"],
                "parameters": parameters,
                "responses": {
                    "200": {"description": "Success", **answer},
                    "400": {"description": "Bad request", **answer},
                    "404": {"description": "Not found", **answer},
                    "409": {"description": "Validation error", **answer},
                },
            }
        }
    return result
