"""OGC API – Features (Part 1 core, GeoJSON, HTML, OpenAPI 3.0; Part 2 coordinate reference
systems; Part 3 filtering with CQL2) and OGC API – Tiles for vector tiles, over the layers and
live collections a reader may see. Feature bytes come from PostgreSQL."""

import functools
import json
from contextlib import nullcontext
from datetime import UTC, datetime, time

from django.conf import settings
from django.core.cache import cache
from django.db import DataError, InternalError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import make_aware
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from divisions.core.fragments import public_value
from divisions.core.ratelimit import endpoint_limit_exceeded

from .collections import LIVE_SOURCES, Collection, collection_get, collection_list
from .crs import CRS84, STORAGE, SYSTEMS, crs_get
from .features import FeatureQuery, feature_count, feature_get, feature_page, tile_render
from .filters import DRAFT_TEXT, GEOMETRY, LANGUAGES, FilterError, filter_sql

DEFAULT_LIMIT = 10
MAX_LIMIT = 10_000
MAX_ZOOM = 22
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
    "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
    "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/arithmetic",
]
WEB_MERCATOR = "http://www.opengis.net/def/crs/EPSG/0/3857"
WEB_MERCATOR_QUAD = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
REL = "http://www.opengis.net/def/rel/ogc/1.0/"
SCHEMA_JSON = "application/schema+json"
# Attribute types as JSON Schema types (queryables and schemas).
JSON_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean"}
GEOMETRY_FORMATS = {"Point": "geometry-point", "LineString": "geometry-linestring",
                    "Polygon": "geometry-polygon"}  # fmt: skip
GEOJSON = "application/geo+json"
MVT = "application/vnd.mapbox-vector-tile"
LOW_ZOOM = "tiles-low-zoom"
# The parameters items take besides a collection's queryable attributes (OGC API – Features
# Part 1 answers any other with 400); attributes of these names are queried with a filter.
ITEMS_PARAMETERS = {"f", "limit", "offset", "bbox", "datetime", "sortby", "crs", "bbox-crs",
                    "filter", "filter-lang", "filter-crs", "lang"}  # fmt: skip
RESERVED = ITEMS_PARAMETERS


class BadRequest(Exception):
    pass


def _in_language(view):
    """Answer in the language `lang` names (th or en), whatever the browser prefers: the
    portal's map asks for tiles in its page's language (names, labels, page links)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        language = request.GET.get("lang", "")
        if language not in dict(settings.LANGUAGES):
            return view(request, *args, **kwargs)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return view(request, *args, **kwargs)

    return wrapped


def _wants_html(request: HttpRequest) -> bool:
    if fmt := request.GET.get("f"):
        return fmt == "html"
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "json" not in accept.split("text/html")[0]


def _url(request: HttpRequest, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(f"ogc:{name}", kwargs=kwargs or None))


def _links(request: HttpRequest, name: str, *, json_type: str = "application/json", **kwargs):
    base = _url(request, name, **kwargs)
    return [
        {"href": f"{base}?f=json", "rel": "self", "type": json_type, "title": _("This document")},
        {"href": f"{base}?f=html", "rel": "alternate", "type": "text/html", "title": _("As HTML")},
    ]


def _respond(request: HttpRequest, document: dict, *, template: str, content_type: str):
    if _wants_html(request):
        return render(request, f"spatial/ogc/{template}.html", {"document": document})
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, default=str), content_type=content_type
    )


def _error(status: int, code: str, description: str) -> JsonResponse:
    return JsonResponse({"code": code, "description": description}, status=status)


def _collection_or_404(
    request: HttpRequest, collection_id: str, *, summary: bool = True
) -> Collection:
    """The collection, if the reader may see it. A layer's is kept as public values are:
    reading a layer with its dataset, publisher and attributes through the ORM was most of
    an items page's time, profiled (a live collection's is built from SQL kept already)."""

    def read() -> Collection:
        return collection_get(collection_id=collection_id, user=request.user, summary=summary)

    try:
        if collection_id in LIVE_SOURCES:
            return read()
        return public_value(request, f"ogc-collection:{collection_id}", read)
    except LookupError as error:
        raise Http404 from error


@require_GET
@_in_language
def landing(request: HttpRequest) -> HttpResponse:
    document = {
        "title": _("EEC Portal spatial data"),
        "description": _(
            "Layers of the EEC support division, through OGC API – Features and Tiles."
        ),
        "links": [
            *_links(request, "landing"),
            {"href": _url(request, "openapi"), "rel": "service-desc",
             "type": "application/vnd.oai.openapi+json;version=3.0", "title": _("API definition")},
            {"href": _url(request, "conformance"), "rel": "conformance",
             "type": "application/json", "title": _("Conformance classes")},
            {"href": _url(request, "collections"), "rel": "data",
             "type": "application/json", "title": _("Collections")},
            {"href": _url(request, "tile-matrix-sets"), "rel": REL + "tiling-schemes",
             "type": "application/json", "title": _("Tiling schemes")},
        ],
    }  # fmt: skip
    return _respond(request, document, template="landing", content_type="application/json")


@require_GET
@_in_language
def conformance(request: HttpRequest) -> HttpResponse:
    document = {"conformsTo": CONFORMANCE, "links": _links(request, "conformance")}
    return _respond(request, document, template="conformance", content_type="application/json")


def _collection(request: HttpRequest, collection: Collection) -> dict:
    collection_id = collection.id
    items = _url(request, "items", collection_id=collection_id)
    tiles = _url(request, "tileset", collection_id=collection_id, tms="WebMercatorQuad")
    document = {
        "id": collection_id,
        "title": collection.title,
        "description": collection.description,
        "itemType": "feature",
        "crs": list(SYSTEMS),
        "storageCrs": CRS84,
        "links": [
            *_links(request, "collection", collection_id=collection_id),
            {"href": f"{items}?f=json", "rel": "items", "type": GEOJSON,
             "title": _("Features as GeoJSON")},
            {"href": f"{items}?f=html", "rel": "items", "type": "text/html",
             "title": _("Features as HTML")},
            {"href": tiles, "rel": "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
             "type": "application/json", "title": _("Vector tiles")},
            {"href": _url(request, "queryables", collection_id=collection_id),
             "rel": REL + "queryables", "type": SCHEMA_JSON, "title": _("Queryables")},
            {"href": _url(request, "schema", collection_id=collection_id),
             "rel": REL + "schema", "type": SCHEMA_JSON, "title": _("Schema of the features")},
        ],
    }  # fmt: skip
    if collection.dataset_url:
        document["links"].append(
            {"href": request.build_absolute_uri(collection.dataset_url), "rel": "describedby",
             "type": "text/html", "title": _("Dataset")}
        )  # fmt: skip
    if collection.extent:
        document["extent"] = {"spatial": {"bbox": [list(collection.extent)], "crs": CRS84}}
    document["feature_count"] = collection.feature_count
    return document


@require_GET
@_in_language
def collections(request: HttpRequest) -> HttpResponse:
    document = {
        "collections": [_collection(request, c) for c in collection_list(user=request.user)],
        "links": _links(request, "collections"),
    }
    return _respond(request, document, template="collections", content_type="application/json")


@require_GET
@_in_language
def collection(request: HttpRequest, collection_id: str) -> HttpResponse:
    document = _collection(request, _collection_or_404(request, collection_id))
    return _respond(request, document, template="collection", content_type="application/json")


def _int_param(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise BadRequest(_("%(name)s must be a whole number.") % {"name": name}) from error
    if not low <= value:
        raise BadRequest(_("%(name)s must be at least %(low)d.") % {"name": name, "low": low})
    return min(value, high)


def _bbox(raw: str | None):
    if not raw:
        return None
    try:
        numbers = [float(part) for part in raw.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) == 6:  # with heights: drop them
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4 or numbers[0] > numbers[2] or numbers[1] > numbers[3]:
        raise BadRequest(_("bbox must be four numbers: west,south,east,north."))
    return tuple(numbers)


def _moment(raw: str, *, end: bool) -> datetime | None:
    if raw in ("", ".."):
        return None
    if moment := parse_datetime(raw):
        # In UTC: RFC 3339 allows offsets up to ±23:59, PostgreSQL only ±15:59.
        return (moment if moment.tzinfo else make_aware(moment)).astimezone(UTC)
    if day := parse_date(raw):
        return make_aware(datetime.combine(day, time.max if end else time.min))
    raise ValueError(raw)


def _interval(raw: str | None):
    if not raw:
        return None
    try:
        if "/" in raw:
            start, end = raw.split("/", 1)
            return _moment(start, end=False), _moment(end, end=True)
        return _moment(raw, end=False), _moment(raw, end=True)
    except (ValueError, OverflowError) as error:
        raise BadRequest(
            _("datetime must be a date or time in RFC 3339, or an interval start/end.")
        ) from error


def _sortby(raw: str | None, names: set[str]) -> list[tuple[str, bool]]:
    keys = []
    for part in filter(None, (raw or "").split(",")):
        descending = part.startswith("-")
        name = part.lstrip("+-")
        if name not in names:
            raise BadRequest(_("Cannot sort by %(name)s: no such attribute.") % {"name": name})
        keys.append((name, descending))
    return keys


def _feature_query(request: HttpRequest, collection: Collection) -> FeatureQuery:
    names = {attribute.name for attribute in collection.attributes}
    unknown = sorted(set(request.GET) - ITEMS_PARAMETERS - names)
    if unknown:
        raise BadRequest(
            _("Unknown parameter: %(names)s. This collection is queried by %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(sorted(ITEMS_PARAMETERS | names))}
        )
    try:
        systems = {name: crs_get(request.GET.get(name), parameter=name)
                   for name in ("crs", "bbox-crs", "filter-crs")}  # fmt: skip
    except ValueError as error:
        raise BadRequest(str(error)) from error
    condition = None
    if raw_filter := request.GET.get("filter"):
        language = request.GET.get("filter-lang", "cql2-text")
        if language not in (*LANGUAGES, DRAFT_TEXT):
            raise BadRequest(
                _("filter-lang must be one of %(known)s.") % {"known": ", ".join(LANGUAGES)}
            )
        try:
            condition = filter_sql(
                raw_filter, language=language, crs=systems["filter-crs"],
                attributes={a.name: a.type for a in collection.attributes},
            )  # fmt: skip
        except FilterError as error:
            raise BadRequest(str(error)) from error
    return FeatureQuery(
        collection=collection,
        bbox=_bbox(request.GET.get("bbox")),
        bbox_crs=systems["bbox-crs"],
        condition=condition,
        # The HTML page's map and table read longitude and latitude.
        crs=STORAGE if _wants_html(request) else systems["crs"],
        properties={
            key: value for key, value in request.GET.items() if key in names and key not in RESERVED
        },
        interval=_interval(request.GET.get("datetime")),
        sortby=_sortby(request.GET.get("sortby"), names),
    )


def _page_link(request: HttpRequest, *, offset: int, rel: str, title: str, fmt="json") -> dict:
    query = request.GET.copy()
    query["offset"] = offset
    query["f"] = fmt
    return {
        "href": request.build_absolute_uri(f"{request.path}?{query.urlencode()}"),
        "rel": rel,
        "type": GEOJSON if fmt == "json" else "text/html",
        "title": title,
    }


def _features(request: HttpRequest, query: FeatureQuery, limit: int, offset: int):
    """`feature_page`; a live collection's, when no filter narrows it, kept as public values
    are: how many features it holds (a count of every public project took most of a page's
    time), and each page (PostgreSQL writing a page's features from the projects and their
    agencies was most of the rest, profiled). A layer's pages are not kept: a layer may
    hold hundreds of thousands of features, and its count is stored with it."""
    if not query.is_unfiltered or query.collection.feature_count is not None:
        return feature_page(query, limit=limit, offset=offset)
    collection = query.collection.id
    page = f"ogc-page:{collection}:{query.crs.uri}:{query.sortby}:{limit}:{offset}"
    matched = public_value(
        request, f"ogc-matched:{collection}", lambda: feature_count(query), [page]
    )
    return public_value(
        request, page, lambda: feature_page(query, limit=limit, offset=offset, matched=matched)
    )


@require_GET
@_in_language
def items(request: HttpRequest, collection_id: str) -> HttpResponse:
    collection = _collection_or_404(request, collection_id, summary=False)
    try:
        query = _feature_query(request, collection)
        limit = _int_param(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = _int_param(request, "offset", 0, 0, 2**31 - 1)
    except BadRequest as error:
        return _error(400, "InvalidParameterValue", str(error))
    html = _wants_html(request)
    try:
        # A filter's geometries and coordinates outside a projection's range fail only in
        # PostGIS: the reader's mistake, answered as such (in a savepoint, only then).
        with transaction.atomic() if query.reads_input_geometry else nullcontext():
            features, returned, matched = _features(request, query, limit, offset)
    except (DataError, InternalError) as error:
        if not query.reads_input_geometry:
            raise
        reason = str(error).strip().splitlines()[0][:200]
        message = _("The filter or coordinates cannot be used: %(reason)s") % {"reason": reason}
        return _error(400, "InvalidParameterValue", message)
    links = _links(request, "items", json_type=GEOJSON, collection_id=collection_id)
    links[0]["href"] = request.build_absolute_uri()
    fmt = "html" if html else "json"
    if offset + returned < matched:
        links.append(
            _page_link(request, offset=offset + limit, rel="next", title=_("Next page"), fmt=fmt)
        )
    if offset > 0:
        previous = max(0, offset - limit)
        links.append(
            _page_link(request, offset=previous, rel="prev", title=_("Previous page"), fmt=fmt)
        )
    if html:
        context = {
            "collection": collection,
            "features": json.loads(features),
            "matched": matched,
            "links": links,
        }
        return render(request, "spatial/ogc/items.html", context)
    head = {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": returned,
        "timeStamp": datetime.now().astimezone().isoformat(timespec="seconds"),
        "links": links,
    }
    body = json.dumps(head, ensure_ascii=False)[:-1] + ',"features":' + features + "}"
    return HttpResponse(body, content_type=GEOJSON, headers={"Content-Crs": f"<{query.crs.uri}>"})


@require_GET
@_in_language
def item(request: HttpRequest, collection_id: str, feature_id: int) -> HttpResponse:
    collection = _collection_or_404(request, collection_id, summary=False)
    html = _wants_html(request)
    unknown = sorted(set(request.GET) - {"f", "crs", "lang"})
    try:
        if unknown:
            raise BadRequest(_("Unknown parameter: %(names)s.") % {"names": ", ".join(unknown)})
        crs = STORAGE if html else crs_get(request.GET.get("crs"), parameter="crs")
    except (BadRequest, ValueError) as error:
        return _error(400, "InvalidParameterValue", str(error))
    feature = feature_get(collection=collection, fid=feature_id, crs=crs)
    if feature is None:
        raise Http404
    if html:
        context = {
            "collection": collection,
            "feature": json.loads(feature),
        }
        return render(request, "spatial/ogc/item.html", context)
    links = _links(
        request, "item", json_type=GEOJSON, collection_id=collection_id, feature_id=feature_id
    )
    collection_url = _url(request, "collection", collection_id=collection_id)
    links.append(
        {"href": collection_url, "rel": "collection", "type": "application/json",
         "title": collection.title}
    )  # fmt: skip
    body = feature[:-1] + ',"links":' + json.dumps(links, ensure_ascii=False) + "}"
    return HttpResponse(body, content_type=GEOJSON, headers={"Content-Crs": f"<{crs.uri}>"})


def _properties_schema(request: HttpRequest, collection: Collection, name: str) -> dict:
    """The collection's attributes as a JSON Schema (2020-12) object."""
    properties = {
        attribute.name: {"title": attribute.label, "type": JSON_TYPES.get(attribute.type, "string")}
        | ({"format": "date-time"} if attribute.type == "datetime" else {})
        | ({"format": "date"} if attribute.type == "date" else {})
        for attribute in collection.attributes
    }  # fmt: skip
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _url(request, name, collection_id=collection.id),
        "type": "object",
        "title": collection.title,
        "properties": properties,
    }


@require_GET
@_in_language
def queryables(request: HttpRequest, collection_id: str) -> HttpResponse:
    """What items may be filtered by (their attributes, as query parameters)."""
    collection = _collection_or_404(request, collection_id, summary=False)
    document = _properties_schema(request, collection, "queryables")
    geometry = GEOMETRY_FORMATS.get(collection.geometry_type, "geometry-any")
    document["properties"][GEOMETRY] = {"format": geometry, "x-ogc-role": "primary-geometry"}
    document["additionalProperties"] = False
    document["links"] = _links(request, "queryables", collection_id=collection_id)
    return _respond(request, document, template="schema", content_type=SCHEMA_JSON)


@require_GET
@_in_language
def schema(request: HttpRequest, collection_id: str) -> HttpResponse:
    """The features' schema: their attributes and their geometry."""
    collection = _collection_or_404(request, collection_id, summary=False)
    document = _properties_schema(request, collection, "schema")
    geometry = GEOMETRY_FORMATS.get(collection.geometry_type, "geometry-any")
    document["properties"]["geometry"] = {"format": geometry, "x-ogc-role": "primary-geometry"}
    document["links"] = _links(request, "schema", collection_id=collection_id)
    return _respond(request, document, template="schema", content_type=SCHEMA_JSON)


def _web_mercator_quad() -> dict:
    """The WebMercatorQuad tile matrix set (OGC 17-083r4 JSON), down to MAX_ZOOM."""
    origin, size = 20037508.3427892, 2 * 20037508.3427892
    matrices = []
    for z in range(MAX_ZOOM + 1):
        cell = size / 256 / 2**z
        matrices.append({
            "id": str(z), "scaleDenominator": cell / 0.00028, "cellSize": cell,
            "cornerOfOrigin": "topLeft", "pointOfOrigin": [-origin, origin],
            "tileWidth": 256, "tileHeight": 256, "matrixWidth": 2**z, "matrixHeight": 2**z,
        })  # fmt: skip
    return {
        "id": "WebMercatorQuad",
        "title": "Google Maps Compatible for the World",
        "uri": WEB_MERCATOR_QUAD,
        "crs": WEB_MERCATOR,
        "orderedAxes": ["X", "Y"],
        "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        "tileMatrices": matrices,
    }


@require_GET
@_in_language
def tile_matrix_sets(request: HttpRequest) -> HttpResponse:
    document = {
        "tileMatrixSets": [{
            "id": "WebMercatorQuad", "title": "Google Maps Compatible for the World",
            "uri": WEB_MERCATOR_QUAD,
            "links": [{"href": _url(request, "tile-matrix-set", tms="WebMercatorQuad"),
                       "rel": "self", "type": "application/json"}],
        }],
        "links": _links(request, "tile-matrix-sets"),
    }  # fmt: skip
    return _respond(request, document, template="tile_matrix_sets", content_type="application/json")


@require_GET
@_in_language
def tile_matrix_set(request: HttpRequest, tms: str) -> HttpResponse:
    if tms != "WebMercatorQuad":
        raise Http404
    return JsonResponse(_web_mercator_quad())


def _tile_url_template(request: HttpRequest, collection: Collection) -> str:
    base = _url(request, "tileset", collection_id=collection.id, tms="WebMercatorQuad")
    language = request.GET.get("lang", "")
    query = f"?lang={language}" if language in dict(settings.LANGUAGES) else ""
    return base + "/{z}/{y}/{x}" + query


@require_GET
@_in_language
def tilesets(request: HttpRequest, collection_id: str) -> HttpResponse:
    collection = _collection_or_404(request, collection_id)
    tileset = _url(request, "tileset", collection_id=collection.id, tms="WebMercatorQuad")
    return JsonResponse({
        "tilesets": [{
            "title": collection.title, "dataType": "vector", "crs": WEB_MERCATOR,
            "tileMatrixSetURI": WEB_MERCATOR_QUAD,
            "links": [{"href": tileset, "rel": "self", "type": "application/json"},
                      {"href": _url(request, "tile-matrix-set", tms="WebMercatorQuad"),
                       "rel": REL + "tiling-scheme", "type": "application/json"}],
        }],
    })  # fmt: skip


@require_GET
@_in_language
def tileset(request: HttpRequest, collection_id: str, tms: str) -> HttpResponse:
    """The tileset as OGC API – Tiles metadata that is also a TileJSON 3 document, so MapLibre
    and QGIS can both start from it."""
    if tms != "WebMercatorQuad":
        raise Http404
    collection = _collection_or_404(request, collection_id)
    template = _tile_url_template(request, collection)
    fields = {a.name: a.type for a in collection.attributes}
    document = {
        "tilejson": "3.0.0",
        "name": collection.title,
        "description": collection.description,
        "attribution": collection.attribution,
        "scheme": "xyz",
        "tiles": [template],
        "minzoom": 0,
        "maxzoom": MAX_ZOOM,
        "vector_layers": [
            {"id": collection.id, "fields": fields, "minzoom": 0, "maxzoom": MAX_ZOOM}
        ],
        "title": collection.title,
        "dataType": "vector",
        "crs": WEB_MERCATOR,
        "tileMatrixSetURI": WEB_MERCATOR_QUAD,
        "links": [
            {"href": template, "rel": "item", "type": "application/vnd.mapbox-vector-tile",
             "templated": True},
            {"href": _url(request, "tile-matrix-set", tms="WebMercatorQuad"),
             "rel": REL + "tiling-scheme", "type": "application/json"},
        ],
    }  # fmt: skip
    if collection.extent:
        document["bounds"] = list(collection.extent)
    return JsonResponse(document)


@require_GET
@_in_language
def tile(request: HttpRequest, collection_id: str, tms: str, z: int, y: int, x: int):
    if tms != "WebMercatorQuad" or z > MAX_ZOOM or x >= 2**z or y >= 2**z:
        raise Http404
    try:
        collection = collection_get(
            collection_id=collection_id, user=request.user, attributes=False, summary=False
        )
    except LookupError as error:
        raise Http404 from error
    # Drawing a low-zoom tile reads every feature of whole provinces: limited per address
    # (tiles answered from the tile cache or by 304 are not counted).
    low_zoom = z <= settings.LOW_ZOOM_TILE
    # Tiles that may hold internal records are their reader's alone, in every cache.
    scope = "public" if collection.public else "private"
    version = collection.cache_version
    if version is None:  # a live collection: answered fresh, kept briefly by browsers
        if low_zoom and (refused := endpoint_limit_exceeded(request, LOW_ZOOM)):
            return refused
        body = tile_render(collection=collection, z=z, x=x, y=y)
        headers = {"Cache-Control": f"{scope}, max-age=60", "Vary": "Cookie"}
        return HttpResponse(body, content_type=MVT, headers=headers)
    etag = f'"{version}-{z}-{x}-{y}"'
    headers = {"ETag": etag, "Cache-Control": f"{scope}, max-age=300", "Vary": "Cookie"}
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304, headers=headers)
    # Keyed by the layer's version: an import changes it, so stale tiles are never read again.
    key = f"tile:{version}:{z}:{x}:{y}"
    body = cache.get(key) if settings.TILE_CACHE_SECONDS else None
    if body is None:
        if low_zoom and (refused := endpoint_limit_exceeded(request, LOW_ZOOM)):
            return refused
        body = tile_render(collection=collection, z=z, x=x, y=y)
        if settings.TILE_CACHE_SECONDS:
            cache.set(key, body, settings.TILE_CACHE_SECONDS)
    return HttpResponse(body, content_type=MVT, headers=headers)


@require_GET
@_in_language
def openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI 3.0 definition of this OGC API (Features and Tiles), with each collection's
    paths; every query parameter a view reads is declared on its operation."""
    server = request.build_absolute_uri(reverse("ogc:landing")).rstrip("/")
    parameter = {
        "f": {"name": "f", "in": "query", "schema": {"type": "string", "enum": ["json", "html"]}},
        "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                  "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}},
        "offset": {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
        "bbox": {"name": "bbox", "in": "query", "style": "form", "explode": False,
                 "schema": {"type": "array", "items": {"type": "number"}, "minItems": 4,
                            "maxItems": 6}},
        "datetime": {"name": "datetime", "in": "query", "schema": {"type": "string"}},
        "sortby": {"name": "sortby", "in": "query", "schema": {"type": "string"}},
        **{name: {"name": name, "in": "query",
                  "schema": {"type": "string", "format": "uri", "enum": list(SYSTEMS)}}
           for name in ("crs", "bbox-crs", "filter-crs")},
        "filter": {"name": "filter", "in": "query", "schema": {"type": "string"}},
        "filter-lang": {"name": "filter-lang", "in": "query",
                        "schema": {"type": "string", "enum": [*LANGUAGES, DRAFT_TEXT],
                                   "default": "cql2-text"}},
        # Names, labels and page links in this language rather than the browser's.
        "lang": {"name": "lang", "in": "query",
                 "schema": {"type": "string", "enum": [code for code, _ in settings.LANGUAGES]}},
    }  # fmt: skip
    f = [parameter["f"]]
    ok = {"200": {"description": "OK"}}
    not_found = ok | {"404": {"description": "Not found"}}

    def path_parameter(name: str, kind: str = "string", **schema) -> dict:
        return {"name": name, "in": "path", "required": True, "schema": {"type": kind, **schema}}

    def operation(summary, operation_id, parameters=(), responses=ok) -> dict:
        # Every operation answers in the language lang names.
        parameters = [*(p for p in parameters if p is not parameter["lang"]), parameter["lang"]]
        return {"get": {"summary": summary, "operationId": operation_id,
                        "parameters": parameters, "responses": responses}}  # fmt: skip

    paths = {
        "/": operation(_("Landing page"), "getLandingPage", f),
        "/conformance": operation(_("Conformance classes"), "getConformance", f),
        "/collections": operation(_("Collections"), "getCollections", f),
        "/tileMatrixSets": operation(_("Tiling schemes"), "getTileMatrixSets", f),
        "/tileMatrixSets/{tileMatrixSetId}": operation(
            _("A tiling scheme"), "getTileMatrixSet",
            [{"name": "tileMatrixSetId", "in": "path", "required": True,
              "schema": {"type": "string", "enum": ["WebMercatorQuad"]}}], not_found,
        ),
    }  # fmt: skip
    tms = path_parameter("tileMatrixSetId", enum=["WebMercatorQuad"])
    for collection in collection_list(user=request.user):
        prefix = f"/collections/{collection.id}"
        attributes = [
            {"name": a.name, "in": "query", "required": False, "schema": {"type": "string"}}
            for a in collection.attributes
            if a.name not in RESERVED
        ]
        title = {"title": collection.title}
        paths[prefix] = operation(collection.title, f"describe-{collection.id}", f, not_found)
        paths[f"{prefix}/items"] = operation(
            _("Features of %(title)s") % title,
            f"items-{collection.id}",
            [*parameter.values(), *attributes],
            not_found,
        )
        for name, summary in (("queryables", _("Queryables of %(title)s")),
                              ("schema", _("Schema of %(title)s"))):  # fmt: skip
            paths[f"{prefix}/{name}"] = operation(
                summary % title, f"{name}-{collection.id}", f, not_found
            )
        paths[f"{prefix}/items/{{featureId}}"] = operation(
            _("One feature of %(title)s") % title,
            f"item-{collection.id}",
            [path_parameter("featureId", "integer"), *f, parameter["crs"]],
            not_found,
        )
        paths[f"{prefix}/tiles"] = operation(
            _("Tilesets of %(title)s") % title, f"tilesets-{collection.id}", (), not_found
        )
        paths[f"{prefix}/tiles/{{tileMatrixSetId}}"] = operation(
            _("Tileset of %(title)s (TileJSON)") % title,
            f"tileset-{collection.id}",
            [tms],
            not_found,
        )
        paths[f"{prefix}/tiles/{{tileMatrixSetId}}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}"] = (
            operation(
                _("A vector tile of %(title)s") % title,
                f"tile-{collection.id}",
                [tms, *(path_parameter(name, "integer", minimum=0)
                        for name in ("tileMatrix", "tileRow", "tileCol"))],
                not_found | {"304": {"description": "Not modified"}},
            )
        )  # fmt: skip
    document = {
        "openapi": "3.0.3",
        "info": {"title": _("EEC Portal spatial data"), "version": "1.0",
                 "contact": {"email": settings.PORTAL_CONTACT["email"]}},
        "servers": [{"url": server}],
        "paths": paths,
    }  # fmt: skip
    return JsonResponse(document, content_type="application/vnd.oai.openapi+json;version=3.0")
