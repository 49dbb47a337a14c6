"""The portal's own base map: built from Natural Earth and GeoNames by basemap_build, shipped
as static files, and shown when no basemap service is configured."""

import json
import subprocess
from pathlib import Path

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from divisions.core.provinces import Province

BASEMAP = Path(__file__).resolve().parents[2] / "divisions" / "spatial" / "static" / "spatial"
BASEMAP = BASEMAP / "basemap"


def _features(name: str) -> list[dict]:
    return json.loads((BASEMAP / f"{name}.geojson").read_text())["features"]


def test_every_province_has_a_named_place_inside_thailand():
    places = {f["properties"]["code"]: f for f in _features("provinces")}

    assert set(places) == set(Province.values)
    for code, place in places.items():
        lon, lat = place["geometry"]["coordinates"]
        assert 97.3 <= lon <= 105.7 and 5.6 <= lat <= 20.5, code
        with translation.override("th"):
            assert place["properties"]["name_th"] == str(Province(code).label)
    chon_buri = places["TH-20"]["properties"]
    assert (chon_buri["name_th"], chon_buri["name_en"]) == ("ชลบุรี", "Chon Buri")


def test_land_borders_and_province_lines_cover_the_eec():
    land = [GEOSGeometry(json.dumps(f["geometry"])) for f in _features("land")]
    sea = Point(100.7, 12.9)  # the Gulf of Thailand off Pattaya
    # Inland Chon Buri, Rayong town, Chachoengsao town.
    for town in (Point(101.1, 13.3), Point(101.26, 12.68), Point(101.07, 13.69)):
        assert any(part.contains(town) for part in land)
    assert not any(part.contains(sea) for part in land)
    eec = GEOSGeometry("POLYGON((100.7 12.5, 102.0 12.5, 102.0 14.0, 100.7 14.0, 100.7 12.5))")
    lines = [GEOSGeometry(json.dumps(f["geometry"])) for f in _features("provinces-lines")]
    assert sum(line.intersects(eec) for line in lines) >= 2  # EEC provinces' boundaries
    assert _features("borders")  # Thailand's land borders with its neighbours


def test_the_build_command_cuts_natural_earth_and_names_provinces(tmp_path):
    """Run on small stand-ins written by ogr2ogr, as Natural Earth's shapefiles are."""
    source = tmp_path / "ne"
    source.mkdir()
    shapes = {
        "ne_10m_land": "POLYGON((90 0, 115 0, 115 25, 90 25, 90 0))",
        "ne_10m_lakes": "POLYGON((100 15, 100.1 15, 100.1 15.1, 100 15.1, 100 15))",
        "ne_10m_admin_0_boundary_lines_land": "LINESTRING(100 5, 100 30)",
        "ne_10m_admin_1_states_provinces_lines": "LINESTRING(80 13, 120 13)",
    }
    for name, wkt in shapes.items():
        csv = tmp_path / f"{name}.csv"
        csv.write_text(f'id,WKT\n1,"{wkt}"\n')
        subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", str(source / f"{name}.shp"), str(csv),
                        "-a_srs", "EPSG:4326", "-oo", "GEOM_POSSIBLE_NAMES=WKT"],
                       check=True, capture_output=True)  # fmt: skip
    cities = {}
    for code, label in Province.choices:
        with translation.override("th"):
            thai = str(label)
        cities[code] = {"name": f"Amphoe {code}", "countrycode": "TH", "population": 1000,
                        "latitude": 13.0, "longitude": 101.0, "alternatenames": [thai]}  # fmt: skip
    cities["decoy"] = dict(cities["TH-20"], population=10, longitude=99.0)
    geonames = tmp_path / "cities.json"
    geonames.write_text(json.dumps(cities, ensure_ascii=False))
    output = tmp_path / "out"

    call_command("basemap_build", str(source), str(geonames), output=output)

    line = json.loads((output / "provinces-lines.geojson").read_text())["features"][0]
    xs = [x for x, _y in GEOSGeometry(json.dumps(line["geometry"])).coords]
    assert min(xs) == 92 and max(xs) == 112  # cut to the region
    places = json.loads((output / "provinces.geojson").read_text())["features"]
    assert len(places) == 77
    chon_buri = next(p for p in places if p["properties"]["code"] == "TH-20")
    assert chon_buri["geometry"]["coordinates"] == [101.0, 13.0]  # the larger of two matches


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["th", "en"])
def test_map_pages_offer_the_own_base_map_unless_a_service_is_set(client, settings, language):
    page = client.get(f"/{language}/spatial/map/").content.decode()
    assert "data-base-land=" in page and "provinces.geojson" in page
    assert {"th": "แผนที่ฐาน: Natural Earth", "en": "Base map: Natural Earth"}[language] in page

    settings.MAP_BASEMAP = {"url": "https://tiles.example.org/{z}/{x}/{y}.png", "attribution": "x"}
    cache.clear()  # the public page cache holds the first answer
    page = client.get(f"/{language}/spatial/map/").content.decode()
    assert "data-base-land=" not in page
