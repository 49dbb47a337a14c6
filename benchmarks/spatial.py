"""Spatial data at 200,000 polygons: our import against ogr2ogr alone, then OGC API items and
vector tiles served by the portal and by tipg on the same rows, with the raw SQL as the floor.

tipg is pip-installed into a virtualenv of its own (var/bench-tipg) and served by uvicorn on
loopback; it reads a typed copy of the same polygons (ogr2ogr's table), the way tipg is meant
to be deployed, with a GiST index like ours."""

import json
import math
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .harness import (
    BASE_URL,
    DB_NAME,
    ROOT,
    gunicorn,
    prepare_database,
    server,
    setup_django,
    write_section,
    wrk,
)

FEATURES = 200_000
WEST, SOUTH, EAST, NORTH = 100.8, 12.5, 101.8, 13.9  # Chonburi and Rayong
TIPG_PORT = 8101
TIPG_URL = f"http://127.0.0.1:{TIPG_PORT}"
TIPG_ENV = ROOT / "var" / "bench-tipg"
PG = f"PG:dbname={DB_NAME} host=127.0.0.1 user=eecportal password=eecportal"
ZONES = ["อุตสาหกรรม", "ที่อยู่อาศัย", "เกษตรกรรม", "พาณิชยกรรม"]


def write_polygons(path: Path) -> None:
    """A grid of 200,000 plots (about 250 m a side) over Chonburi and Rayong."""
    columns = math.ceil(math.sqrt(FEATURES * (EAST - WEST) / (NORTH - SOUTH)))
    rows = math.ceil(FEATURES / columns)
    dx, dy = (EAST - WEST) / columns, (NORTH - SOUTH) / rows
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        for n in range(FEATURES):
            x0, y0 = WEST + (n % columns) * dx, SOUTH + (n // columns) * dy
            x1, y1 = x0 + dx * 0.9, y0 + dy * 0.9
            ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
            feature = {
                "type": "Feature",
                "properties": {"plot": f"แปลงที่ {n}", "zone": ZONES[n % 4], "rai": n % 500 + 0.5},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            out.write(("," if n else "") + json.dumps(feature, ensure_ascii=False) + "\n")
        out.write("]}\n")


def import_with_ogr2ogr(path: Path) -> float:
    schema = "CREATE SCHEMA IF NOT EXISTS bench AUTHORIZATION eecportal"
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qd", DB_NAME, "-c", schema],
                   check=True)  # fmt: skip
    started = time.perf_counter()
    subprocess.run(
        ["ogr2ogr", "-f", "PostgreSQL", PG, str(path), "-nln", "bench.plots", "-overwrite",
         "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=id", "-nlt", "POLYGON",
         "--config", "PG_USE_COPY", "YES"],
        check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


def import_with_portal(path: Path) -> tuple[float, str]:
    from django.core.files import File

    from divisions.coordination.services import agency_upsert
    from divisions.spatial.models import Dataset, ImportJob
    from divisions.spatial.services import dataset_save, import_job_run, layer_create

    agency = agency_upsert(slug="dpt", name_th="กรมโยธาธิการและผังเมือง",
                           name_en="Department of Public Works and Town & Country Planning",
                           kind="central")  # fmt: skip
    dataset = dataset_save(
        dataset=Dataset(
            slug="plots", title_th="แปลงที่ดิน", title_en="Land plots", description_th="แปลง",
            publisher=agency, maintainer="GIS", maintainer_email="gis@example.go.th",
            category="land_use", data_source="benchmark", classification="public",
        )
    )  # fmt: skip
    layer = layer_create(dataset=dataset, slug="plots", title_th="แปลงที่ดิน")
    with open(path, "rb") as handle:
        job = ImportJob.objects.create(layer=layer, file=File(handle, name=path.name))
    started = time.perf_counter()
    job = import_job_run(job_id=job.pk)
    elapsed = time.perf_counter() - started
    assert job.status == "succeeded", job.error
    return elapsed, layer.slug


def sample_bboxes(count: int) -> list[str]:
    random.seed(7)
    boxes = []
    for _ in range(count):
        x, y = random.uniform(WEST, EAST - 0.05), random.uniform(SOUTH, NORTH - 0.05)
        boxes.append(f"{x:.4f},{y:.4f},{x + 0.05:.4f},{y + 0.05:.4f}")
    return boxes


ZOOMS = range(8, 15)
TILE_ROUNDS = 3
TILE_SECONDS = 4


def sample_tiles(per_zoom: int) -> dict[int, list[tuple[int, int]]]:
    """Distinct (x, y) tiles over the data at each zoom, 8 to 14."""
    random.seed(8)

    def tile(lon: float, lat: float, z: int) -> tuple[int, int]:
        n = 2**z
        x = int((lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        return x, y

    return {
        z: sorted({tile(random.uniform(WEST, EAST), random.uniform(SOUTH, NORTH), z)
                   for _ in range(per_zoom)})
        for z in ZOOMS
    }  # fmt: skip


def tipg_server():
    if not (TIPG_ENV / "bin" / "uvicorn").exists():
        subprocess.run([sys.executable, "-m", "venv", str(TIPG_ENV)], check=True)
        subprocess.run([str(TIPG_ENV / "bin" / "pip"), "install", "-q", "tipg>=1,<2", "uvicorn"],
                       check=True)  # fmt: skip
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"postgresql://eecportal:eecportal@127.0.0.1:5432/{DB_NAME}",
        "TIPG_DB_SCHEMAS": '["bench"]',
        "TIPG_MAX_FEATURES_PER_QUERY": "10000",
    }
    command = [str(TIPG_ENV / "bin" / "uvicorn"), "tipg.main:app", "--host", "127.0.0.1",
               "--port", str(TIPG_PORT), "--workers", "3", "--log-level", "warning"]  # fmt: skip
    return server(command, cwd=TIPG_ENV, env=env, probe=f"{TIPG_URL}/collections")


def sql_floor(layer_slug: str, boxes: list[str], tiles: list) -> dict:
    """The portal's own queries run back to back on one connection: the time PostgreSQL needs,
    with no HTTP, Python views or JSON framing around it."""
    from divisions.spatial.collections import collection_get
    from divisions.spatial.features import FeatureQuery, feature_page, tile_render

    collection = collection_get(collection_id=layer_slug)
    started = time.perf_counter()
    for box in boxes:
        bbox = tuple(map(float, box.split(",")))
        feature_page(FeatureQuery(collection=collection, bbox=bbox), limit=100, offset=0)
    items_ms = (time.perf_counter() - started) * 1000 / len(boxes)
    started = time.perf_counter()
    for z, x, y in tiles:
        tile_render(collection=collection, z=z, x=x, y=y)
    tiles_ms = (time.perf_counter() - started) * 1000 / len(tiles)
    return {"items_ms": items_ms, "tiles_ms": tiles_ms}


def run() -> None:
    prepare_database()
    setup_django()
    from django.db import connection

    source = ROOT / "var" / "bench-plots.geojson"
    write_polygons(source)
    size_mb = source.stat().st_size / 1024 / 1024
    ogr_seconds = import_with_ogr2ogr(source)
    portal_seconds, slug = import_with_portal(source)
    print(f"import: ogr2ogr {ogr_seconds:.1f} s, portal {portal_seconds:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    boxes = sample_bboxes(200)
    tiles = sample_tiles(80)
    ours_items = [f"/ogc/collections/{slug}/items?limit=100&bbox={b}" for b in boxes]
    tipg_items = [f"/collections/bench.plots/items?limit=100&bbox={b}" for b in boxes]
    all_tiles = [(z, x, y) for z, xys in tiles.items() for x, y in xys]
    floor = sql_floor(slug, boxes, all_tiles)
    connection.close()

    results = {}
    per_zoom = {}
    with gunicorn(page_cache_seconds=0, workers=3, extra_env={"TILE_CACHE_SECONDS": "0"}):
        with tipg_server():
            results["portal items"] = wrk(ours_items[0], rotate=ours_items)
            results["tipg items"] = wrk(tipg_items[0], base_url=TIPG_URL, rotate=tipg_items)
            for z, xys in tiles.items():
                per_zoom[z] = _tile_rounds(slug, z, xys)
    with gunicorn(page_cache_seconds=0, workers=3):
        for z, xys in tiles.items():
            paths = [f"/ogc/collections/{slug}/tiles/WebMercatorQuad/{z}/{y}/{x}" for x, y in xys]
            for path in paths:  # warm the tile cache
                urllib.request.urlopen(BASE_URL + path, timeout=60).read()
            per_zoom[z]["cached"] = wrk(paths[0], seconds=TILE_SECONDS, rotate=paths)["rps"]
    for name, result in results.items():
        print(f"{name:32} {result['rps']:8.0f} req/s  p50 {result['p50']}  p99 {result['p99']}")
    zoom_rows = ["| Zoom | tiles | portal req/s (cache off) | tipg req/s | ratio per round | "
                 "median ratio | portal, tile cache warm |",
                 "|---:|---:|---:|---:|---|---:|---:|"]  # fmt: skip
    for z, figures in per_zoom.items():
        print(f"z{z}: median ratio {figures['ratio']:.2f} (rounds {figures['ratios']})")
        zoom_rows.append(
            f"| {z} | {len(tiles[z])} | {figures['portal']:.0f} | {figures['tipg']:.0f} | "
            f"{', '.join(f'{r:.2f}' for r in figures['ratios'])} | **{figures['ratio']:.2f}×** | "
            f"{figures['cached']:.0f} |"
        )

    rows = ["| Server | req/s | p50 / p99 | errors |", "|---|---:|---|---:|"]
    rows += [
        f"| {name} | {r['rps']:.0f} | {r['p50']} / {r['p99']} | {r['errors']} |"
        for name, r in results.items()
    ]
    items_ratio = results["portal items"]["rps"] / results["tipg items"]["rps"]
    lowest = min(per_zoom, key=lambda z: per_zoom[z]["ratio"])
    body = f"""
{FEATURES:,} polygons (a 250 m grid over Chonburi and Rayong, three attributes, a {size_mb:.0f} MB
GeoJSON file). The portal (gunicorn, 3 sync workers) and tipg {_tipg_version()} (uvicorn,
3 workers) run side by side on this 2-core machine and take turns under wrk (2 threads,
16 connections). Items: each request a different one of {len(boxes)} bounding boxes (0.05°,
`limit=100`), 10 s each. Tiles: per zoom, the same distinct tiles over the data for both,
each request a different tile, in {TILE_ROUNDS} alternating rounds of {TILE_SECONDS} s (portal,
then tipg); the ratio is taken per round and its median reported. tipg reads a typed copy of
the rows (ogr2ogr's table); the portal reads its feature table, partitioned by layer.

**Import of the GeoJSON file**: ogr2ogr alone {ogr_seconds:.1f} s; the portal's import (checks,
ogr2ogr into staging, validity check and repair, a new indexed partition swapped in, in one
transaction) {portal_seconds:.1f} s: **{portal_seconds / ogr_seconds:.2f}×** ogr2ogr (target ≤ 2×).

**Items**: {items_ratio:.2f}× tipg's throughput (target ≥ 1×).

{chr(10).join(rows)}

**Tiles, per zoom** (target ≥ 1× tipg at every zoom with the tile cache off; lowest here
z{lowest}, {per_zoom[lowest]["ratio"]:.2f}×):

{chr(10).join(zoom_rows)}

SQL floor (the portal's queries back to back on one connection, no HTTP): items
{floor["items_ms"]:.1f} ms a page, tiles {floor["tiles_ms"]:.1f} ms a tile (all zooms).
"""
    write_section("Spatial: 200,000 polygons against tipg and ogr2ogr", body)


def _tile_rounds(slug: str, z: int, xys: list[tuple[int, int]]) -> dict:
    """Portal and tipg on the same tiles of one zoom, in alternating rounds."""
    ours = [f"/ogc/collections/{slug}/tiles/WebMercatorQuad/{z}/{y}/{x}" for x, y in xys]
    theirs = [f"/collections/bench.plots/tiles/WebMercatorQuad/{z}/{x}/{y}" for x, y in xys]
    portal, tipg = [], []
    for _round in range(TILE_ROUNDS):
        portal.append(wrk(ours[0], seconds=TILE_SECONDS, rotate=ours)["rps"])
        tipg.append(wrk(theirs[0], seconds=TILE_SECONDS, base_url=TIPG_URL, rotate=theirs)["rps"])
    ratios = [p / t for p, t in zip(portal, tipg, strict=True)]
    return {
        "portal": statistics.median(portal),
        "tipg": statistics.median(tipg),
        "ratios": ratios,
        "ratio": statistics.median(ratios),
    }


def _tipg_version() -> str:
    output = subprocess.run([str(TIPG_ENV / "bin" / "pip"), "show", "tipg"],
                            capture_output=True, text=True).stdout  # fmt: skip
    return next((line.split()[1] for line in output.splitlines() if line.startswith("Version")),
                "?")  # fmt: skip
