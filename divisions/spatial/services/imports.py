"""Layer imports: check an upload before anything reads it, load it with GDAL's ogr2ogr into a
staging table, check and repair it in PostGIS, then swap it into the layer in one transaction.

A failed import leaves the layer exactly as it was; a job that runs again after a worker died
finds either its own finished result (and stops) or nothing of its own (and starts over)."""

import re
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from psycopg2 import sql

from divisions.core.geo import THAILAND
from divisions.core.jobs import upload_job_run
from divisions.core.uploads import check_upload, check_zip

from ..gdal import pg_connection_string
from ..models import Dataset, ImportJob, Layer, LayerAttribute
from .quality import dataset_quality_refresh

STAGING_SCHEMA = "spatial_staging"
SUFFIXES = {".geojson", ".json", ".zip", ".gpkg", ".kml", ".csv"}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf")
FEATURE_NUMBERS_SHOWN = 10

COLUMN_TYPES = {
    "smallint": LayerAttribute.Type.INTEGER,
    "integer": LayerAttribute.Type.INTEGER,
    "bigint": LayerAttribute.Type.INTEGER,
    "numeric": LayerAttribute.Type.NUMBER,
    "real": LayerAttribute.Type.NUMBER,
    "double precision": LayerAttribute.Type.NUMBER,
    "boolean": LayerAttribute.Type.BOOLEAN,
    "date": LayerAttribute.Type.DATE,
    "timestamp with time zone": LayerAttribute.Type.DATETIME,
    "timestamp without time zone": LayerAttribute.Type.DATETIME,
}
GEOMETRY_TYPES = {
    0: Layer.GeometryType.POINT,
    1: Layer.GeometryType.LINE,
    2: Layer.GeometryType.POLYGON,
}


class ImportFailed(Exception):
    """The data cannot be imported; the message says why, in the uploader's language."""


def layer_upload_check(file: File) -> None:
    """Everything that can be known about an upload without GDAL reading it: size, type by
    content, and for zips their safety and the shapefile parts they must hold."""
    head = check_upload(
        file,
        limit_mb=settings.MAX_LAYER_UPLOAD_MB,
        suffixes=SUFFIXES,
        types="GeoJSON, zipped Shapefile, GeoPackage, KML, CSV",
    )[:512]
    suffix = PurePosixPath(file.name).suffix.lower()
    looks_right = {
        ".zip": head.startswith(b"PK\x03\x04"),
        ".gpkg": head.startswith(b"SQLite format 3\x00"),
        ".geojson": head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"),
        ".json": head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"),
        ".kml": b"<kml" in head or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"),
        ".csv": b"\x00" not in head,
    }[suffix]
    if not looks_right:
        raise ValidationError(_("The file is damaged or not what its name says."))
    if suffix == ".zip":
        check_zip(file)
        with zipfile.ZipFile(file) as archive:
            names = [PurePosixPath(n) for n in archive.namelist()]
        file.seek(0)
        shapefiles = [n for n in names if n.suffix.lower() == ".shp"]
        if len(shapefiles) != 1:
            raise ValidationError(_("The zip file must hold exactly one shapefile (.shp)."))
        stem = str(shapefiles[0].with_suffix("")).lower()
        present = {str(n).lower() for n in names}
        missing = [part for part in SHAPEFILE_PARTS if stem + part not in present]
        if missing:
            raise ValidationError(
                _("The shapefile is missing its %(parts)s part.") % {"parts": ", ".join(missing)}
            )
        if stem + ".prj" not in present:
            raise ValidationError(
                _("The shapefile has no .prj file, so its coordinate system is unknown.")
            )


@transaction.atomic
def import_job_create(*, layer: Layer, file: File, user=None, queue: bool = True) -> ImportJob:
    """Check an upload and queue its import (or leave it to the caller to run); nothing is
    stored when the check fails."""
    from ..tasks import layer_import_task

    layer_upload_check(file)
    job = ImportJob.objects.create(
        layer=layer, file=file, created_by=user, language=translation.get_language() or "th"
    )
    if queue:
        transaction.on_commit(lambda: layer_import_task.delay(job.pk))
    return job


def layer_file_import(
    *, dataset: Dataset, slug: str, title_th: str, path: Path, title_en: str = ""
) -> ImportJob:
    """Import a file now (the command line) into the dataset's layer `slug`, made for it when
    there is none. All or nothing: when the import fails, a layer made for it is removed
    again with its job and the stored upload; an existing layer keeps its data and the
    failed job, as after an upload in the admin."""
    from .datasets import layer_create, layer_delete  # (datasets imports this module)

    layer = Layer.objects.filter(slug=slug).first()
    if layer is not None and layer.dataset_id != dataset.pk:
        raise ValidationError(_("The layer %(slug)s belongs to another dataset.") % {"slug": slug})
    with open(path, "rb") as handle, transaction.atomic():
        new = layer is None
        if new:
            layer = layer_create(dataset=dataset, slug=slug, title_th=title_th, title_en=title_en)
        job = import_job_create(layer=layer, file=File(handle, name=path.name), queue=False)
    # Run after the commit: ogr2ogr writes through a connection of its own.
    job = import_job_run(job_id=job.pk)
    if new and job.status != ImportJob.Status.SUCCEEDED:
        job.file.delete(save=False)
        layer_delete(layer=layer)
    return job


@dataclass
class _Source:
    path: Path
    options: list[str]


def _unpack(job: ImportJob, workdir: Path) -> _Source:
    """Put the upload on local disk (media may be remote storage) and pick what GDAL opens."""
    name = PurePosixPath(job.file.name).name
    local = workdir / name
    with job.file.open("rb") as source, open(local, "wb") as target:
        shutil.copyfileobj(source, target, length=1024 * 1024)
    suffix = local.suffix.lower()
    if suffix == ".csv":
        return _Source(
            local,
            [
                "-oo",
                "X_POSSIBLE_NAMES=lon,long,lng,longitude,x",
                "-oo",
                "Y_POSSIBLE_NAMES=lat,latitude,y",
                "-oo",
                "AUTODETECT_TYPE=YES",
                "-oo",
                "KEEP_GEOM_COLUMNS=NO",
                "-s_srs",
                "EPSG:4326",
            ],
        )
    if suffix != ".zip":
        return _Source(local, [])
    with open(local, "rb") as handle:
        check_zip(File(handle, name=name))  # checked at upload; the stored copy again
    unpacked = workdir / "unpacked"
    with zipfile.ZipFile(local) as archive:
        archive.extractall(unpacked)
    shp = next(unpacked.rglob("*.[sS][hH][pP]"))
    return _Source(shp, ["--config", "SHAPE_ENCODING", _shapefile_encoding(shp)])


def _shapefile_encoding(shp: Path) -> str:
    """The .dbf's text encoding: the .cpg's word when there is one; otherwise UTF-8 if the
    text decodes as such, else TIS-620 (CP874), which Thai files in the wild mostly are."""
    for cpg in shp.parent.glob(shp.stem + ".[cC][pP][gG]"):
        return cpg.read_text(errors="ignore").strip() or "UTF-8"
    dbf = next(shp.parent.glob(shp.stem + ".[dD][bB][fF]"))
    with open(dbf, "rb") as handle:
        header = handle.read(12)
        header_length = int.from_bytes(header[8:10], "little")
        handle.seek(header_length)
        records = handle.read(4 * 1024 * 1024)
    try:
        records.decode("utf-8")
    except UnicodeDecodeError:
        return "CP874"
    return "UTF-8"


def _load_staging(job: ImportJob, source: _Source, table: str) -> None:
    """ogr2ogr into the staging table, reprojected to EPSG:4326, with its progress shown."""
    command = [
        "ogr2ogr", "-f", "PostgreSQL", pg_connection_string(), str(source.path),
        *source.options,
        "-nln", f"{STAGING_SCHEMA}.{table}", "-overwrite",
        "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=ogc_fid", "-lco", "SPATIAL_INDEX=NONE",
        "-lco", "LAUNDER=NO", "-lco", "PRECISION=NO",
        # Staging is thrown away after the swap: no write-ahead log for it.
        "-lco", "UNLOGGED=ON",
        "-nlt", "GEOMETRY", "-dim", "XY", "-t_srs", "EPSG:4326",
        "--config", "PG_USE_COPY", "YES", "-progress",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1
    )
    digits = ""
    while char := process.stdout.read(1):
        if char.isdigit():
            digits += char
        elif digits:
            job.progress_set(15 + int(digits) * 55 // 100, _("Reading the data"))
            digits = ""
    errors = process.stderr.read()
    if process.wait() != 0:
        raise ImportFailed(_gdal_error_message(errors))


def _gdal_error_message(errors: str) -> str:
    lines = [line for line in errors.splitlines() if line.startswith("ERROR")]
    detail = re.sub(r"^ERROR \d+: ", "", lines[0]) if lines else errors.strip()[:300]
    if "srs" in errors.lower() or "coordinate" in errors.lower():
        reason = _("Its coordinate system could not be read.")
    else:
        reason = _("GDAL could not read it.")
    return _("The file could not be imported. %(reason)s (%(detail)s)") % {
        "reason": reason,
        "detail": detail,
    }


def _feature_numbers(cursor, table: str, condition: str) -> list[int]:
    cursor.execute(
        f"SELECT ogc_fid FROM {STAGING_SCHEMA}.{table} WHERE {condition} ORDER BY ogc_fid LIMIT %s",
        [FEATURE_NUMBERS_SHOWN],
    )
    return [row[0] for row in cursor.fetchall()]


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _check_and_repair(cursor, table: str) -> dict:
    """Refuse what cannot be a layer; repair invalid geometries and count them."""
    staging = f"{STAGING_SCHEMA}.{table}"
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
        "AND table_name = %s AND column_name = 'geom'",
        [STAGING_SCHEMA, table],
    )
    if cursor.fetchone() is None:
        raise ImportFailed(
            _("The file has no geometries. A CSV needs longitude and latitude columns.")
        )
    # One pass for what most files need: kinds of geometry, counts and extent.
    cursor.execute(
        "SELECT CASE WHEN geom IS NULL OR ST_IsEmpty(geom) THEN -1 ELSE ST_Dimension(geom) END, "
        f"count(*), ST_Extent(geom) FROM {staging} GROUP BY 1 ORDER BY 1"
    )
    rows = cursor.fetchall()
    dimensions = {dimension: n for dimension, n, _extent in rows}
    if -1 in dimensions:
        missing = _feature_numbers(cursor, table, "geom IS NULL OR ST_IsEmpty(geom)")
        raise ImportFailed(
            _("These features have no geometry: %(numbers)s.") % {"numbers": _numbers(missing)}
        )
    if not dimensions:
        raise ImportFailed(_("The file holds no features."))
    if len(dimensions) > 1:
        raise ImportFailed(
            _(
                "The file mixes points, lines and polygons (%(counts)s). A layer holds one kind: "
                "split the file by geometry type."
            )
            % {
                "counts": ", ".join(
                    f"{GEOMETRY_TYPES[d].label}: {n}" for d, n in dimensions.items()
                )
            }
        )
    ((dimension, count),) = dimensions.items()
    cursor.execute(
        f"UPDATE {staging} SET geom = ST_CollectionExtract(ST_MakeValid(geom), %s) "
        "WHERE NOT ST_IsValid(geom)",
        [dimension + 1],
    )
    repaired = cursor.rowcount
    broken = _feature_numbers(cursor, table, "ST_IsEmpty(geom)") if repaired else []
    if broken:
        raise ImportFailed(
            _("These features have geometries that cannot be repaired: %(numbers)s.")
            % {"numbers": _numbers(broken)}
        )
    extent = f"(SELECT ST_Extent(geom) FROM {staging})" if repaired else "%s::box2d"
    cursor.execute(
        f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT {extent} AS e) x",
        [] if repaired else [rows[0][2]],
    )
    bounds = cursor.fetchone()
    west, south, east, north = THAILAND
    if bounds[0] < west or bounds[1] < south or bounds[2] > east or bounds[3] > north:
        raise ImportFailed(
            _(
                "The data lies outside Thailand (%(bounds)s), so its coordinate system is "
                "probably wrong: check the .prj file, or whether metres are marked as degrees."
            )
            % {"bounds": ", ".join(f"{b:.4f}" for b in bounds)}
        )
    return {
        "features": count,
        "repaired": repaired,
        "geometry_type": GEOMETRY_TYPES[dimension].value,
        "bounds": [round(b, 6) for b in bounds],
    }


def _staging_columns(cursor, table: str) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = %s AND table_name = %s AND column_name NOT IN ('geom', 'ogc_fid') "
        "ORDER BY ordinal_position",
        [STAGING_SCHEMA, table],
    )
    return [(name, COLUMN_TYPES.get(kind, LayerAttribute.Type.STRING)) for name, kind in cursor]


def partition_name(layer_id: int) -> str:
    return f"spatial_feature_layer_{layer_id}"


def _properties(columns: list[tuple[str, str]]) -> sql.Composable:
    """The attributes as one JSONB object, named column by column: to_jsonb() of the whole
    row would also render every geometry as JSON only to throw it away (20× slower)."""
    if not columns:
        return sql.SQL("'{}'::jsonb")
    # jsonb_build_object takes at most 100 arguments: 50 attributes a call, joined with ||.
    parts = [
        sql.SQL("jsonb_build_object({})").format(
            sql.SQL(", ").join(
                sql.SQL("{}, {}").format(sql.Literal(name), sql.Identifier(name))
                for name, _type in columns[start : start + 50]
            )
        )
        for start in range(0, len(columns), 50)
    ]
    return sql.SQL(" || ").join(parts)


def _swap_in(*, job: ImportJob, table: str, checked: dict, columns: list) -> None:
    """Replace the layer's features and attributes with the staging table's, in the caller's
    transaction: readers see the old data until it commits."""
    layer = Layer.objects.select_for_update().get(pk=job.layer_id)
    partition = sql.Identifier(partition_name(layer.pk))
    new = sql.Identifier(STAGING_SCHEMA, f"{table}_features")
    with connection.cursor() as cursor:
        # The layer's next partition, filled and indexed while readers still use the old one;
        # building the GiST index in one go is far cheaper than growing it row by row.
        cursor.execute(
            sql.SQL(
                "CREATE TABLE {} (LIKE spatial_feature INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
            ).format(new)
        )
        cursor.execute(
            sql.SQL(
                "INSERT INTO {} (layer_id, fid, properties, geom) SELECT %s, ogc_fid, {}, geom "
                "FROM {}"
            ).format(new, _properties(columns), sql.Identifier(STAGING_SCHEMA, table)),
            [layer.pk],
        )
        cursor.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(new))
        cursor.execute(sql.SQL("ALTER TABLE {} ADD PRIMARY KEY (layer_id, fid)").format(new))
        # The swap: locks the feature table only for these statements and the commit.
        cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(partition))
        cursor.execute(sql.SQL("ALTER TABLE {} SET SCHEMA public").format(new))
        cursor.execute(
            sql.SQL("ALTER TABLE {} RENAME TO {}").format(
                sql.Identifier(f"{table}_features"), partition
            )
        )
        cursor.execute(
            sql.SQL("ALTER TABLE spatial_feature ATTACH PARTITION {} FOR VALUES IN ({})").format(
                partition, sql.Literal(layer.pk)
            )
        )
    labels = {a.name: (a.label_th, a.label_en, a.position) for a in layer.attributes.all()}
    layer.attributes.all().delete()
    LayerAttribute.objects.bulk_create(
        LayerAttribute(
            layer=layer,
            name=name,
            type=kind,
            label_th=labels.get(name, ("", "", 0))[0],
            label_en=labels.get(name, ("", "", 0))[1],
            position=labels.get(name, ("", "", index))[2],
        )
        for index, (name, kind) in enumerate(columns)
    )
    layer.version += 1
    layer.feature_count = checked["features"]
    layer.geometry_type = checked["geometry_type"]
    layer.extent = Polygon.from_bbox(checked["bounds"])
    layer.save()
    _extend_dataset_extent(layer)


def _extend_dataset_extent(layer: Layer) -> None:
    """The dataset's bounding box covers all its layers (the GD-Catalog bounds)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE spatial_dataset SET updated_at = now(), extent = (SELECT "
            "ST_MakeEnvelope(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), 4326) FROM "
            "(SELECT ST_Extent(extent) AS e FROM spatial_layer WHERE dataset_id = %s) layers) "
            "WHERE id = %s",
            [layer.dataset_id, layer.dataset_id],
        )


def _drop_staging(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING_SCHEMA}.{table}")


def import_job_run(*, job_id: int) -> ImportJob:
    """Run one import job to its end; safe to call again for the same job."""
    job = ImportJob.objects.select_related("layer").get(pk=job_id)
    # A table of its own per attempt: a retried job never waits on what an earlier attempt left.
    table = f"{_staging_prefix(job.pk)}{uuid.uuid4().hex[:8]}"

    def stage() -> None:
        job.progress_set(5, _("Checking the file"))
        with tempfile.TemporaryDirectory(prefix=_staging_prefix(job.pk)) as workdir:
            source = _unpack(job, Path(workdir))
            job.progress_set(15, _("Reading the data"))
            _load_staging(job, source, table)

    def write(_staged: None) -> dict:
        job.progress_set(75, _("Checking and repairing geometries"))
        with connection.cursor() as cursor:
            checked = _check_and_repair(cursor, table)
            columns = _staging_columns(cursor, table)
        job.progress_set(85, _("Writing the layer"))
        _swap_in(job=job, table=table, checked=checked, columns=columns)
        return {
            key: checked[key] for key in ("features", "repaired", "geometry_type", "bounds")
        } | {"attributes": [name for name, _kind in columns]}

    def failure(error: Exception) -> dict:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        return {"stage": _("Failed"), "error": message}

    job = upload_job_run(
        job, stage=stage, write=write, refusals=(ImportFailed, ValidationError),
        failure=failure, cleanup=lambda: _drop_staging(table),
    )  # fmt: skip
    if job.status == ImportJob.Status.SUCCEEDED:
        # The new data's age, formats and repairs change the dataset's grade.
        dataset_quality_refresh(dataset_ids=[job.layer.dataset_id])
    return job


def _staging_prefix(job_pk: int) -> str:
    """Staging tables and temporary folders of a job's attempts are named after the job."""
    return f"job_{job_pk}_"


STAGING_NAME = re.compile(r"job_(\d+)_\w{8}")


def import_leftovers_sweep() -> int:
    """Drop the staging tables and temporary folders that attempts of jobs no worker runs any
    more left behind (a worker killed mid-import cannot clean up); returns how many. What a
    running job uses is left alone."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [STAGING_SCHEMA])
        tables = [name for (name,) in cursor.fetchall() if STAGING_NAME.fullmatch(name)]
    folders = [
        path for path in Path(tempfile.gettempdir()).glob("job_*_*")
        if path.is_dir() and STAGING_NAME.fullmatch(path.name)
    ]  # fmt: skip
    owners = {int(STAGING_NAME.fullmatch(name).group(1)) for name in tables}
    owners |= {int(STAGING_NAME.fullmatch(path.name).group(1)) for path in folders}
    running = {job.pk for job in ImportJob.objects.filter(pk__in=owners) if job.worker_at_it()}
    swept = 0
    for name in tables:
        if int(STAGING_NAME.fullmatch(name).group(1)) not in running:
            _drop_staging(name)
            swept += 1
    for path in folders:
        if int(STAGING_NAME.fullmatch(path.name).group(1)) not in running:
            shutil.rmtree(path, ignore_errors=True)
            swept += 1
    return swept
