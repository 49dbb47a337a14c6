"""OGC API – Features Part 2 (coordinate reference systems) and Part 3 (CQL2 filters), on
layers and live collections, checked against PROJ (gdaltransform) and read with OWSLib and
GDAL as clients."""

import json
import subprocess
from urllib.parse import urlencode

import pytest
from django.contrib.gis.geos import Point
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from divisions.spatial.models import Feature

pytestmark = pytest.mark.django_db

EPSG = "http://www.opengis.net/def/crs/EPSG/0/"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
ITEMS = "/ogc/collections/estates/items"
AMATA = "นิคมอุตสาหกรรมอมตะซิตี้"  # the fixture's first estate, at 101.0–101.1 E, 13.3–13.4 N


def _proj(lon: float, lat: float, srid: int) -> tuple[float, float]:
    """PROJ's answer (through GDAL's gdaltransform), longitude-latitude in."""
    out = subprocess.run(
        ["gdaltransform", "-s_srs", "EPSG:4326", "-t_srs", f"EPSG:{srid}", "-output_xy"],
        input=f"{lon} {lat}\n", capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1])


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(f["properties"]["name"] for f in response.json()["features"])


def _items(client, collection: str = "estates", **params):
    return client.get(
        f"/ogc/collections/{collection}/items?{urlencode(params)}", HTTP_ACCEPT_LANGUAGE="en"
    )


@pytest.mark.parametrize("srid", [32647, 32648, 3857])
def test_features_come_in_the_projected_crs_asked_for(client, public_layer, srid):
    response = _items(client, crs=f"{EPSG}{srid}", limit=1)

    assert response["Content-Crs"] == f"<{EPSG}{srid}>"
    ring = response.json()["features"][0]["geometry"]["coordinates"][0]
    x, y = _proj(101.0, 13.3, srid)  # the first estate's first corner
    assert ring[0] == pytest.approx([x, y], abs=0.01)


def test_epsg_4326_is_latitude_first_and_crs84_longitude_first(client, public_layer):
    lat_lon = _items(client, crs=f"{EPSG}4326", limit=1)
    lon_lat = _items(client, crs=CRS84, limit=1)

    assert lat_lon["Content-Crs"] == f"<{EPSG}4326>"
    assert lat_lon.json()["features"][0]["geometry"]["coordinates"][0][0] == [13.3, 101.0]
    assert lon_lat.json()["features"][0]["geometry"]["coordinates"][0][0] == [101.0, 13.3]
    one = client.get(f"{ITEMS}/1?crs={EPSG}32647")
    assert one["Content-Crs"] == f"<{EPSG}32647>"
    assert one.json()["geometry"]["coordinates"][0][0] == pytest.approx(
        list(_proj(101.0, 13.3, 32647)), abs=0.01
    )


def test_bbox_in_utm_or_latitude_first_selects_the_same_features(client, public_layer):
    west, south = _proj(100.9, 13.2, 32647)
    east, north = _proj(101.2, 13.5, 32647)
    utm = _items(client, bbox=f"{west},{south},{east},{north}", **{"bbox-crs": f"{EPSG}32647"})
    lat_lon = _items(client, bbox="13.2,100.9,13.5,101.2", **{"bbox-crs": f"{EPSG}4326"})
    short = _items(client, bbox=f"{west},{south},{east},{north}", **{"bbox-crs": "[EPSG:32647]"})

    assert _names(utm) == _names(lat_lon) == _names(short) == [AMATA]


def test_collections_and_conformance_declare_the_crs_and_filtering(client, public_layer):
    collection = client.get("/ogc/collections/estates?f=json").json()
    conformance = client.get("/ogc/conformance?f=json").json()["conformsTo"]

    assert {f"{EPSG}32647", f"{EPSG}32648", f"{EPSG}3857", f"{EPSG}4326", CRS84} <= set(
        collection["crs"]
    )
    assert collection["storageCrs"] == CRS84
    for part in ("ogcapi-features-2/1.0/conf/crs", "ogcapi-features-3/1.0/conf/filter",
                 "ogcapi-features-3/1.0/conf/features-filter", "cql2/1.0/conf/cql2-text",
                 "cql2/1.0/conf/cql2-json", "cql2/1.0/conf/temporal-functions"):  # fmt: skip
        assert f"http://www.opengis.net/spec/{part}" in conformance
    queryables = client.get("/ogc/collections/estates/queryables?f=json").json()
    assert queryables["properties"]["geometry"]["x-ogc-role"] == "primary-geometry"


@pytest.mark.parametrize(
    ("cql", "expected"),
    [
        ("rai > 2000", [AMATA]),
        ("rai BETWEEN 1000 AND 2000", ["Laem Chabang"]),
        ("name LIKE 'Laem%'", ["Laem Chabang"]),
        ("CASEI(name) LIKE CASEI('laem%')", ["Laem Chabang"]),
        ("name IN ('Laem Chabang', 'Map Ta Phut bow-tie')",
         ["Laem Chabang", "Map Ta Phut bow-tie"]),
        ("NOT (rai < 1000) AND name <> 'Laem Chabang'", [AMATA]),
        ("rai * 2 >= 3000 OR name IS NULL", ["Laem Chabang", AMATA]),
        ("T_AFTER(opened, DATE('2020-06-30'))", ["Laem Chabang"]),
        ("T_BEFORE(opened, TIMESTAMP('2019-12-31T00:00:00Z'))", [AMATA]),
        ("T_DURING(opened, INTERVAL('2019-12-01', '2020-02-01'))", ["Map Ta Phut bow-tie"]),
        ("T_INTERSECTS(opened, INTERVAL('2020-01-01', '..'))",
         ["Laem Chabang", "Map Ta Phut bow-tie"]),
        ("S_INTERSECTS(geometry, POINT(101.05 13.35))", [AMATA]),
        ("S_WITHIN(geometry, POLYGON((100.8 13.0, 101.0 13.0, 101.0 13.2, 100.8 13.2, "
         "100.8 13.0)))", ["Laem Chabang"]),
        ("S_INTERSECTS(geometry, BBOX(101.15, 12.5, 101.35, 12.8))", ["Map Ta Phut bow-tie"]),
        # Laem Chabang's edge is about 2.2 km west of 100.94 E.
        ("S_DWITHIN(geometry, POINT(100.94 13.07), 2500)", ["Laem Chabang"]),
        ("S_DWITHIN(geometry, POINT(100.94 13.07), 1500)", []),
    ],
)  # fmt: skip
def test_cql2_text_filters_select_what_they_say(client, public_layer, cql, expected):
    assert _names(_items(client, filter=cql)) == expected


def test_cql2_json_and_the_filter_crs(client, public_layer):
    as_json = {"op": "and", "args": [
        {"op": ">=", "args": [{"property": "rai"}, 1500]},
        {"op": "s_intersects", "args": [{"property": "geometry"},
                                        {"bbox": [100.85, 13.0, 100.95, 13.2]}]},
    ]}  # fmt: skip
    by_json = _items(client, filter=json.dumps(as_json), **{"filter-lang": "cql2-json"})
    x, y = _proj(101.05, 13.35, 32648)
    in_utm = _items(
        client, filter=f"S_INTERSECTS(geometry, POINT({x} {y}))", **{"filter-crs": f"{EPSG}32648"}
    )
    lat_first = _items(client, filter="S_INTERSECTS(geometry, POINT(13.35 101.05))",
                       **{"filter-crs": f"{EPSG}4326"})  # fmt: skip

    assert _names(by_json) == ["Laem Chabang"]
    assert _names(in_utm) == _names(lat_first) == [AMATA]
    counted = _items(client, filter="rai > 1000", limit=1).json()
    assert counted["numberMatched"] == 2 and counted["numberReturned"] == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"filter": "rai >"}, "cannot be read as CQL2-TEXT"),
        ({"filter": "{\"op\": \"=\"", "filter-lang": "cql2-json"}, "cannot be read as CQL2-JSON"),
        ({"filter": "height > 3"}, "Unknown queryable: height"),
        ({"filter": "rai = 'big'"}, "Cannot compare"),
        ({"filter": "name > 3"}, "Cannot compare"),
        ({"filter": "S_INTERSECTS(rai, POINT(1 2))"}, "Spatial functions"),
        ({"filter": "T_AFTER(name, DATE('2020-01-01'))"}, "Temporal functions"),
        ({"filter": "rai"}, "cannot be read"),
        ({"filter": "name = 'x'", "filter-lang": "ecql"}, "filter-lang"),
        ({"filter": "S_DWITHIN(geometry, POINT(1 2))"}, "S_DWITHIN"),
        ({"filter": "FOO(name) = 'x'"}, "not supported"),
        ({"crs": f"{EPSG}9999"}, "is not supported"),
        ({"bbox": "1,2,3,4", "bbox-crs": "EPSG:3857"}, "is not supported"),
    ],
)  # fmt: skip
def test_bad_filters_and_systems_get_400_with_the_reason(client, public_layer, params, message):
    response = _items(client, **params)

    assert response.status_code == 400
    assert response.json()["code"] == "InvalidParameterValue"
    assert message in response.json()["description"]


def test_a_bad_filter_is_explained_in_the_readers_language(client, public_layer):
    response = client.get(f"{ITEMS}?{urlencode({'filter': 'height > 3'})}",
                          HTTP_ACCEPT_LANGUAGE="th")  # fmt: skip
    assert "height" in response.json()["description"]
    assert "ไม่รู้จักคุณลักษณะที่ใช้กรอง" in response.json()["description"]


def test_filter_values_never_reach_the_sql_as_text(client, public_layer):
    hostile = "name = 'x'' OR 1=1; DELETE FROM spatial_feature; --'"
    assert _names(_items(client, filter=hostile)) == []
    hostile_name = "\"name'); DELETE FROM spatial_feature; --\" = 'x'"
    assert _items(client, filter=hostile_name).status_code == 400
    assert Feature.objects.filter(layer=public_layer).count() == 3


def test_live_collections_take_the_same_crs_and_filters(client, item_factory, project_factory,
                                                        past):  # fmt: skip
    from divisions.knowledge.models import Item

    item_factory(kind=Item.Kind.EVENT, title_th="เวทีรับฟังความคิดเห็นท่าเรือแหลมฉบัง",
                 location=Point(100.98, 13.36, srid=4326), starts_at=past)  # fmt: skip
    project_factory(title_th="ถนนเลียบชายฝั่ง", lon_lat=(101.2, 12.7), budgets={2569: 5_000_000})
    project_factory(title_th="ระบบประปาหมู่บ้าน", lon_lat=(101.0, 13.4), budgets={2569: 800_000})

    big = _items(client, "planning-projects", filter="budget_thb > 1000000")
    events = _items(client, "knowledge-events",
                    filter="T_BEFORE(starts_at, TIMESTAMP('2100-01-01T00:00:00Z'))",
                    crs=f"{EPSG}32647")  # fmt: skip

    assert [f["properties"]["title"] for f in big.json()["features"]] == ["ถนนเลียบชายฝั่ง"]
    assert events["Content-Crs"] == f"<{EPSG}32647>"
    assert events.json()["features"][0]["geometry"]["coordinates"] == pytest.approx(
        list(_proj(100.98, 13.36, 32647)), abs=0.01
    )
    internal = _items(client, "planning-projects", filter="budget_thb > 0").json()
    assert internal["numberMatched"] == 2  # public projects only, as without a filter


@pytest.mark.django_db(transaction=True)
def test_owslib_asks_for_utm_and_filters(live_server, layer_factory):
    from owslib.ogcapi.features import Features

    layer_factory(slug="estates")
    api = Features(f"{live_server.url}/ogc")

    utm = api.collection_items("estates", crs=f"{EPSG}32647", limit=1)
    filtered = api.collection_items("estates", filter="rai > 2000", **{"filter-lang": "cql2-text"})

    assert utm["features"][0]["geometry"]["coordinates"][0][0] == pytest.approx(
        list(_proj(101.0, 13.3, 32647)), abs=0.01
    )
    assert [f["properties"]["name"] for f in filtered["features"]] == [AMATA]


@pytest.mark.django_db(transaction=True)
def test_gdal_sends_its_where_clause_to_the_server_as_cql_text(live_server, layer_factory,
                                                               tmp_path):  # fmt: skip
    from django.contrib.gis.gdal import DataSource

    layer_factory(slug="estates")
    copy = tmp_path / "big.gpkg"

    run = subprocess.run(
        ["ogr2ogr", "--config", "OGR_OAPIF_ALLOW_CQL_TEXT", "YES", "--config", "CPL_DEBUG", "ON",
         "-f", "GPKG", str(copy), f"OAPIF:{live_server.url}/ogc", "estates",
         "-where", "rai > 2000 AND name LIKE 'นิคม%'"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip

    assert "CQL text detected" in run.stderr
    assert "filter=" in run.stderr and "filter-lang=cql-text" in run.stderr  # filtered by us
    assert [feature.get("name") for feature in DataSource(str(copy))[0]] == [AMATA]


@given(
    text=st.one_of(
        st.text(max_size=60),
        st.from_regex(r"(rai|name|opened|geometry) (=|<|LIKE|IN|BETWEEN) .{0,30}", fullmatch=True),
        st.builds("S_INTERSECTS(geometry, POINT({} {}))".format, st.floats(), st.floats()),
        st.builds("T_AFTER(opened, DATE('{}'))".format, st.text(max_size=12)),
    ),
    crs=st.sampled_from([CRS84, f"{EPSG}4326", f"{EPSG}32647", f"{EPSG}3857"]),
)
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
def test_any_filter_text_gets_an_answer_never_a_server_error(client, public_layer, text, crs):
    response = _items(client, filter=text, **{"filter-crs": crs, "crs": crs})
    assert response.status_code in (200, 400), (text, response.content[:300])


@pytest.mark.parametrize(
    ("geometry", "status"),
    [
        # Outside UTM 47N's domain: PROJ refuses them inside PostGIS.
        ({"type": "Polygon", "coordinates": [[[1e12, 1e12], [2e12, 1e12], [2e12, 2e12],
                                              [1e12, 1e12]]]}, 400),
        ({"type": "Point", "coordinates": [1e30, -1e30]}, 400),
        ({"type": "LineString", "coordinates": [[100, 13], [100, 13]]}, 200),
    ],
)  # fmt: skip
def test_geometries_postgis_cannot_use_are_refused_with_400(client, public_layer, geometry,
                                                            status):  # fmt: skip
    as_json = {"op": "s_intersects", "args": [{"property": "geometry"}, geometry]}
    response = _items(
        client,
        filter=json.dumps(as_json),
        **{"filter-lang": "cql2-json", "filter-crs": f"{EPSG}32647"},
    )
    assert response.status_code == status
    if status == 400:
        assert "outside of projection domain" in response.json()["description"]
    assert client.get(ITEMS).status_code == 200  # and the connection is still usable
