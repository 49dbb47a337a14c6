"""What the OGC API and the map serve: the section's own layers, and live collections of other
sections' geolocated records. A live collection is registered by the site (the spatial section
imports no other section); its rows come from the owning section's selector of the records the
reader may see, so what is internal there stays out of the map, the OGC API and the tiles for
everyone without the section's permission."""

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language

from .models import Layer
from .selectors import layer_list, layer_tile_get


@dataclass(frozen=True)
class Attribute:
    name: str
    type: str
    label: str

    def get_type_display(self) -> str:
        from .models import LayerAttribute

        return str(LayerAttribute.Type(self.type).label)


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str
    attributes: list[Attribute]
    # Builds the SQL (and its parameters) yielding the columns fid, properties (jsonb) and
    # geom (4326): built when first read, as map pages never need it.
    source_sql: Callable[[], tuple[str, list]]
    geometry_type: str
    color: str
    category: str
    extent: tuple[float, float, float, float] | None = None
    feature_count: int | None = None  # None: counted when asked
    time_attribute: str = ""
    # A property whose values choose the colour on the map, and the legend's label of each:
    # (name, {value: colour}, {value: label}).
    color_by: tuple[str, dict[str, str], dict[str, str]] | None = None
    # Tiles are cached under this key part; None for live collections, which change unseen.
    cache_version: str | None = None
    dataset_url: str = ""
    attribution: str = ""
    # False when what is served may hold internal records: caches keep it for its reader only.
    public: bool = True

    @property
    def source(self) -> tuple[str, list]:
        return self.source_sql()


@dataclass(frozen=True)
class LiveSource:
    """Another section's records on the map: `rows(user=...)` returns the records that user may
    see (the public ones for anyone not signed in; the owning section decides) as a queryset
    of values fid, properties and geom (the geometry column itself, not GeoDjango's EWKB
    bytes, so that spatial filters reach its index); `attributes` are (name, type, label) of
    properties."""

    id: str
    title: Callable[[], str]
    description: Callable[[], str]
    rows: Callable[..., QuerySet]
    attributes: Callable[[], list[tuple[str, str, str]]]
    geometry_type: str
    color: str
    category: Callable[[], str]
    time_attribute: str = ""
    color_by: tuple[str, dict[str, str], dict[str, str]] | None = None


LIVE_SOURCES: dict[str, LiveSource] = {}


def live_collection_register(source: LiveSource) -> None:
    LIVE_SOURCES[source.id] = source


def _layer_rows(layer_pk: int) -> tuple[str, list]:
    return "SELECT fid, properties, geom FROM spatial_feature WHERE layer_id = %s", [layer_pk]


def layer_collection(layer: Layer, *, attributes: bool = True) -> Collection:
    return Collection(
        id=layer.slug,
        title=layer.title,
        description=layer.description or layer.dataset.description,
        attributes=[Attribute(a.name, a.type, a.label or a.name) for a in layer.attributes.all()]
        if attributes
        else [],
        source_sql=functools.partial(_layer_rows, layer.pk),  # (kept: ogc._collection_or_404)
        geometry_type=layer.geometry_type,
        color=layer.color,
        category=str(layer.dataset.get_category_display()),
        extent=layer.extent.extent if layer.extent else None,
        feature_count=layer.feature_count,
        time_attribute=layer.time_attribute,
        cache_version=f"{layer.pk}-{layer.version}",
        dataset_url=layer.dataset.get_absolute_url(),
        attribution=str(layer.dataset.publisher),
        public=layer.dataset.classification == layer.dataset.Classification.PUBLIC,
    )


# The SQL of each live source as the public reads it, per language: building it through the
# ORM cost more than running it (docs/benchmarks.md). Its parameters are labels and page
# addresses, the same for every anonymous reader; staff's depend on their permissions.
_PUBLIC_SQL: dict[tuple[str, str], tuple[str, list]] = {}


def _live_collection(source: LiveSource, *, user=None, summary: bool = True) -> Collection:
    public = not (user and user.is_authenticated)

    @functools.cache
    def source_sql() -> tuple[str, list]:
        key = (source.id, get_language())
        if public and key in _PUBLIC_SQL:
            sql, params = _PUBLIC_SQL[key]
            return sql, list(params)
        # Unordered: the OGC API orders pages by fid itself; a sort would read every row.
        rows, params = source.rows(user=user).order_by().query.sql_with_params()
        sql = (f"SELECT fid, properties, geom FROM ({rows}) live", list(params))
        if public:
            _PUBLIC_SQL[key] = sql
        return sql

    if not summary:  # items and tiles count what they serve; no need for the whole extent
        count, bounds = None, []
    else:
        count, bounds = _summary(*source_sql())
    extent = tuple(bounds) if count else None
    return Collection(
        id=source.id,
        title=str(source.title()),
        description=str(source.description()),
        attributes=[Attribute(n, t, str(label)) for n, t, label in source.attributes()],
        source_sql=source_sql,
        geometry_type=source.geometry_type,
        color=source.color,
        category=str(source.category()),
        extent=extent,
        feature_count=count,
        time_attribute=source.time_attribute,
        color_by=source.color_by,
        # Staff may see internal records in it.
        public=public,
    )


def _summary(sql: str, params) -> tuple[int, list[float]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
            f"(SELECT count(*) AS n, ST_Extent(geom) AS e FROM ({sql}) s) x",
            params,
        )
        count, *bounds = cursor.fetchone()
    return count, bounds


def collection_list(*, user=None) -> list[Collection]:
    layers = [layer_collection(layer) for layer in layer_list(user=user)]
    return layers + [_live_collection(source, user=user) for source in LIVE_SOURCES.values()]


def collection_get(
    *, collection_id: str, user=None, attributes: bool = True, summary: bool = True
) -> Collection:
    """The collection, if the user may see it; LookupError otherwise. Tiles need no
    attributes: without them a layer costs one query. Without `summary`, a live collection
    is not counted nor measured (its extent)."""
    if collection_id in LIVE_SOURCES:
        return _live_collection(LIVE_SOURCES[collection_id], user=user, summary=summary)
    if not attributes:
        return _tile_collection(collection_id, user=user)
    layers = layer_list(user=user)
    try:
        return layer_collection(layers.get(slug=collection_id), attributes=attributes)
    except Layer.DoesNotExist as error:
        raise LookupError(collection_id) from error


def _tile_collection(collection_id: str, *, user=None) -> Collection:
    """What a tile needs of a layer, and no more (see selectors.layer_tile_get)."""
    row = layer_tile_get(slug=collection_id, user=user)
    if row is None:
        raise LookupError(collection_id)
    pk, version, geometry_type, public = row
    return Collection(
        id=collection_id,
        title="",
        description="",
        attributes=[],
        source_sql=functools.partial(_layer_rows, pk),
        geometry_type=geometry_type,
        color="",
        category="",
        cache_version=f"{pk}-{version}",
        public=public,
    )


def _color_by(collection: Collection) -> dict | None:
    if not collection.color_by:
        return None
    name, colors, labels = collection.color_by
    return {
        "property": name,
        "values": colors,
        "legend": [[str(labels.get(value, value)), color] for value, color in colors.items()],
    }


def map_config(collections: list[Collection]) -> str:
    """What the map script needs for each collection, as JSON for a data attribute. Tiles are
    asked for in the page's language (names, labels and page links in their properties),
    whatever language the browser prefers."""
    language = get_language()
    return json.dumps(
        [
            {
                "id": collection.id,
                "title": collection.title,
                "color": collection.color,
                "colorBy": _color_by(collection),
                "geometry": collection.geometry_type,
                "tiles": reverse(
                    "ogc:tileset", kwargs={"collection_id": collection.id, "tms": "WebMercatorQuad"}
                )
                + f"?lang={language}",
                "bounds": list(collection.extent) if collection.extent else None,
                "labels": {a.name: a.label for a in collection.attributes},
                "types": {a.name: a.type for a in collection.attributes},
                "category": collection.category,
            }
            for collection in collections
        ],
        ensure_ascii=False,
    )
