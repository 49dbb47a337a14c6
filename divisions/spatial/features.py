"""Reads of layer features that PostgreSQL renders itself: GeoJSON pages, single features,
Mapbox Vector Tiles and streamed downloads. Python passes the bytes through."""

import json
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import connection
from psycopg2 import sql

from .collections import Collection
from .crs import STORAGE, CoordinateSystem
from .gdal import pg_connection_string
from .models import Layer, LayerAttribute

GEOJSON_DECIMALS = STORAGE.decimals
TILE_EXTENT = 4096
TILE_BUFFER = 64
# At most this many features go into one tile; low zooms of large layers hit it first.
MAX_TILE_FEATURES = 10_000
WEB_MERCATOR_HALF = 20037508.342789244
# Below this zoom a tile spans a district or more; see tile_render.
SIMPLIFY_MAX_ZOOM = 10


@dataclass
class FeatureQuery:
    """Which features of a collection, and in which coordinates: the OGC API's bbox (in
    bbox-crs), property, datetime, filter (CQL2, already SQL) and sort parameters, and crs."""

    collection: Collection
    bbox: tuple[float, float, float, float] | None = None
    bbox_crs: CoordinateSystem = STORAGE
    condition: tuple[str, list] | None = None  # a CQL2 filter as SQL and its parameters
    crs: CoordinateSystem = STORAGE
    properties: dict[str, str] = field(default_factory=dict)
    # (start, end), either may be None for an open end.
    interval: tuple[datetime | None, datetime | None] | None = None
    sortby: list[tuple[str, bool]] = field(default_factory=list)  # (attribute, descending)

    def source(self) -> tuple[str, list]:
        """The collection's rows with the filters applied (PostgreSQL pulls the inner query
        up, so a layer's partition and its GiST index are still used)."""
        inner, inner_params = self.collection.source
        where, params = self.where()
        return f"SELECT * FROM ({inner}) f WHERE {where}", [*inner_params, *params]

    def where(self) -> tuple[str, list]:
        clauses, params = ["TRUE"], []
        if self.bbox:
            envelope, envelope_params = self.bbox_crs.envelope_sql(self.bbox)
            clauses.append(f"geom && {envelope}")
            clauses.append(f"ST_Intersects(geom, {envelope})")
            params += [*envelope_params, *envelope_params]
        if self.condition:
            clauses.append(self.condition[0])
            params += self.condition[1]
        for name, value in self.properties.items():
            clauses.append("properties ->> %s = %s")
            params += [name, value]
        time_attribute = self.collection.time_attribute
        if self.interval and time_attribute:
            start, end = self.interval
            moment = "(properties ->> %s)::timestamptz"
            if start:
                clauses.append(f"{moment} >= %s")
                params += [time_attribute, start]
            if end:
                clauses.append(f"{moment} <= %s")
                params += [time_attribute, end]
        return " AND ".join(clauses), params

    def order_by(self) -> tuple[str, list]:
        keys, params = [], []
        for name, descending in self.sortby:
            keys.append(f"properties -> %s {'DESC' if descending else 'ASC'} NULLS LAST")
            params.append(name)
        return ", ".join([*keys, "fid"]), params

    @property
    def reads_input_geometry(self) -> bool:
        """Whether the query builds geometries from what the reader sent."""
        return bool(self.condition) or self.crs.projected or self.bbox_crs.projected

    @property
    def is_unfiltered(self) -> bool:
        return not (self.bbox or self.properties or self.interval or self.condition)


def _feature_json(alias: str = "", crs: CoordinateSystem = STORAGE) -> str:
    prefix = f"{alias}." if alias else ""
    return (
        f"json_build_object('type', 'Feature', 'id', {prefix}fid, 'geometry', "
        f"ST_AsGeoJSON({crs.output(prefix + 'geom')}, {crs.decimals})::json, "
        f"'properties', {prefix}properties)"
    )


def feature_page(
    query: FeatureQuery, *, limit: int, offset: int, matched: int | None = None
) -> tuple[str, int, int]:
    """One page of features as a GeoJSON array text, how many it holds, how many match
    (`matched` when the caller knows it, else counted unless the page shows it)."""
    source, params = query.source()
    order, order_params = query.order_by()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT coalesce(json_agg({_feature_json('page', query.crs)})::text, '[]'), "
            "count(*) FROM ("
            f"SELECT fid, properties, geom FROM ({source}) matching "
            f"ORDER BY {order} LIMIT %s OFFSET %s) page",
            [*params, *order_params, limit, offset],
        )
        features, returned = cursor.fetchone()
    if query.is_unfiltered and query.collection.feature_count is not None:
        matched = query.collection.feature_count
    elif matched is None and (offset == 0 or returned) and returned < limit:
        matched = offset + returned  # (the last page)
    return features, returned, feature_count(query) if matched is None else matched


def feature_count(query: FeatureQuery) -> int:
    source, params = query.source()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({source}) matching", params)
        return cursor.fetchone()[0]


def feature_get(*, collection: Collection, fid: int, crs: CoordinateSystem = STORAGE) -> str | None:
    source, params = collection.source
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_feature_json(crs=crs)}::text FROM ({source}) f WHERE fid = %s",
            [*params, fid],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def tile_render(*, collection: Collection, z: int, x: int, y: int) -> bytes:
    """A Mapbox Vector Tile of the layer, built by PostGIS. ST_AsMVTGeom snaps every tile to
    its 4096 grid; at low zooms, where one tile holds whole districts, shapes are simplified to
    the tile's pixel first so clipping has fewer vertices to walk."""
    source, source_params = collection.source
    geometry = "ST_Transform(f.geom, 3857)"
    params: list = []
    if z <= SIMPLIFY_MAX_ZOOM:
        geometry = f"ST_Simplify({geometry}, %s, true)"
        params.append(2 * WEB_MERCATOR_HALF / (2**z) / TILE_EXTENT)
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH bounds AS (SELECT ST_TileEnvelope(%s, %s, %s) AS mercator, "
            # The margin is cut at the antimeridian: past it, the transformed envelope would
            # wrap round and miss the tile's own side of the world.
            "ST_Transform(ST_ClipByBox2D(ST_TileEnvelope(%s, %s, %s, margin => %s), "
            "ST_TileEnvelope(0, 0, 0)), 4326) AS geographic) "
            "SELECT ST_AsMVT(tile, %s, %s, 'geom', 'fid') FROM ("
            f"SELECT f.fid, f.properties, ST_AsMVTGeom({geometry}, bounds.mercator, %s, %s, true) "
            f"AS geom FROM ({source}) f, bounds "
            "WHERE f.geom && bounds.geographic LIMIT %s) tile",
            [
                z, x, y, z, x, y, TILE_BUFFER / TILE_EXTENT,
                collection.id, TILE_EXTENT, *params, TILE_EXTENT, TILE_BUFFER,
                *source_params, MAX_TILE_FEATURES,
            ],
        )  # fmt: skip
        return bytes(cursor.fetchone()[0] or b"")


STREAM_BATCH = 2000


def _rows(sql: str, params: list) -> Iterator[tuple]:
    """Rows through a server-side cursor, so a large layer never sits in memory."""
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(STREAM_BATCH):
            yield from rows


def geojson_stream(layer: Layer) -> Iterator[str]:
    yield '{"type":"FeatureCollection","name":' + json.dumps(layer.slug) + ',"features":['
    separator = ""
    for (feature,) in _rows(
        f"SELECT {_feature_json()}::text FROM spatial_feature WHERE layer_id = %s ORDER BY fid",
        [layer.pk],
    ):
        yield separator + feature
        separator = ","
    yield "]}\n"


def csv_rows(layer: Layer, names: list[str]) -> Iterator[list]:
    """Each feature as its attribute values followed by the geometry as WKT."""
    for fid, properties, wkt in _rows(
        "SELECT fid, properties::text, ST_AsText(geom, %s) FROM spatial_feature "
        "WHERE layer_id = %s ORDER BY fid",
        [GEOJSON_DECIMALS, layer.pk],
    ):
        values = json.loads(properties)
        yield [fid, *(values.get(name, "") for name in names), wkt]


CASTS = {
    LayerAttribute.Type.INTEGER: "bigint",
    LayerAttribute.Type.NUMBER: "double precision",
    LayerAttribute.Type.BOOLEAN: "boolean",
    LayerAttribute.Type.DATE: "date",
    LayerAttribute.Type.DATETIME: "timestamptz",
}
EXPORT_DRIVERS = {"gpkg": ("GPKG", ".gpkg"), "shp": ("ESRI Shapefile", ".shp")}


def export_file(layer: Layer, kind: str) -> tuple[object, str]:
    """The layer as a GeoPackage or a zipped Shapefile written by ogr2ogr, typed columns and
    all; returns an open file (already unlinked from disk) and its download name."""
    driver, suffix = EXPORT_DRIVERS[kind]
    columns = [sql.SQL("fid")]
    for attribute in layer.attributes.all():
        value = sql.SQL("properties ->> {}").format(sql.Literal(attribute.name))
        if cast := CASTS.get(attribute.type):
            value = sql.SQL("({})::{}").format(value, sql.SQL(cast))
        columns.append(sql.SQL("{} AS {}").format(value, sql.Identifier(attribute.name)))
    query = sql.SQL("SELECT {}, geom FROM spatial_feature WHERE layer_id = {} ORDER BY fid").format(
        sql.SQL(", ").join(columns), sql.Literal(layer.pk)
    )
    connection.ensure_connection()
    workdir = Path(tempfile.mkdtemp(prefix="layer-export-"))
    try:
        target = workdir / f"{layer.slug}{suffix}"
        subprocess.run(
            [
                "ogr2ogr", "-f", driver, str(target), pg_connection_string(),
                "-sql", query.as_string(connection.connection), "-nln", layer.slug,
                "-nlt", "PROMOTE_TO_MULTI",
                "-lco", "ENCODING=UTF-8" if kind == "shp" else "FID=fid",
            ],
            check=True, capture_output=True,
        )  # fmt: skip
        if kind == "shp":
            archive = workdir / f"{layer.slug}.zip"
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
                for part in sorted(workdir.glob(f"{layer.slug}.*")):
                    if part != archive:
                        bundle.write(part, part.name)
            target = archive
        return open(target, "rb"), target.name  # noqa: SIM115 - the response closes it
    finally:
        shutil.rmtree(workdir)
