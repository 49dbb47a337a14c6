"""OGC API – Features: what GIS clients read (GDAL in the suite), layers and live collections."""

import subprocess

import pytest
from django.contrib.gis.gdal import DataSource

pytestmark = pytest.mark.django_db


def test_landing_conformance_and_collections_follow_ogc_api_features(client, public_layer):
    landing = client.get("/ogc/", HTTP_ACCEPT="application/json").json()
    assert {"service-desc", "conformance", "data"} <= {link["rel"] for link in landing["links"]}
    conformance = client.get("/ogc/conformance?f=json").json()
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
        in (conformance["conformsTo"])
    )
    collections = client.get("/ogc/collections?f=json").json()["collections"]
    assert [c["id"] for c in collections] == [
        "estates",
        "knowledge-events",
        "coordination-meetings",
        "coordination-partners",
        "planning-projects",
    ]
    assert collections[0]["extent"]["spatial"]["bbox"][0] == pytest.approx(
        [100.88, 12.6, 101.3, 13.4]
    )


def test_items_page_with_limit_offset_and_next_link(client, public_layer):
    body = client.get("/ogc/collections/estates/items?limit=2").json()

    assert body["type"] == "FeatureCollection"
    assert (body["numberMatched"], body["numberReturned"]) == (3, 2)
    assert [f["id"] for f in body["features"]] == [1, 2]
    following = next(link for link in body["links"] if link["rel"] == "next")
    second = client.get(following["href"].replace("http://testserver", "")).json()
    assert [f["id"] for f in second["features"]] == [3]
    assert any(link["rel"] == "prev" for link in second["links"])


def test_items_filtered_by_bbox_property_and_sorted(client, public_layer):
    in_rayong = client.get("/ogc/collections/estates/items?bbox=101.15,12.5,101.35,12.8").json()
    assert [f["properties"]["name"] for f in in_rayong["features"]] == ["Map Ta Phut bow-tie"]
    assert in_rayong["numberMatched"] == 1

    by_name = client.get("/ogc/collections/estates/items?name=Laem Chabang").json()
    assert [f["id"] for f in by_name["features"]] == [2]

    sorted_by_area = client.get("/ogc/collections/estates/items?sortby=-rai").json()
    assert [f["properties"]["rai"] for f in sorted_by_area["features"]] == [3000, 1500, 12.5]


def test_items_filtered_by_datetime_when_the_layer_has_time(client, layer_factory):
    layer_factory(slug="timed", time_attribute="opened")

    body = client.get("/ogc/collections/timed/items?datetime=2020-06-01/..").json()

    assert sorted(f["properties"]["opened"] for f in body["features"]) == ["2021-02-01"]


@pytest.mark.parametrize(
    "query",
    ["bbox=1,2,3", "bbox=a,b,c,d", "limit=x", "offset=-1", "sortby=nope", "datetime=soon",
     # Part 1: a parameter the server does not know is refused, not ignored.
     "foo=bar", "filter=name=", "crs=http://www.opengis.net/def/crs/EPSG/0/2000",
     "bbox-crs=EPSG:3857", "name_th=x&lang=th"],
)  # fmt: skip
def test_bad_parameters_get_400_with_an_ogc_exception(client, public_layer, query):
    response = client.get(f"/ogc/collections/estates/items?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "InvalidParameterValue"


def test_known_parameters_and_queryable_attributes_are_taken(client, public_layer):
    crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    query = {"name": "Laem Chabang", "crs": crs84, "bbox-crs": crs84, "f": "json", "limit": 5}
    response = client.get("/ogc/collections/estates/items", query)
    assert response.status_code == 200
    assert [f["properties"]["name"] for f in response.json()["features"]] == ["Laem Chabang"]


def test_single_feature_and_missing_feature(client, public_layer):
    feature = client.get("/ogc/collections/estates/items/1").json()
    assert feature["properties"]["name"] == "นิคมอุตสาหกรรมอมตะซิตี้"
    assert client.get("/ogc/collections/estates/items/99").status_code == 404


@pytest.mark.parametrize("language", ["th", "en"])
def test_ogc_pages_render_as_html_in_the_readers_language(client, public_layer, language):
    response = client.get(
        "/ogc/collections/estates/items?f=html", headers={"accept-language": language}
    )
    assert response.status_code == 200
    assert "นิคมอุตสาหกรรมอมตะซิตี้" in response.content.decode()


def test_openapi_document_describes_each_collection(client, public_layer, internal_layer):
    paths = client.get("/ogc/api").json()["paths"]
    assert "/collections/estates/items" in paths
    assert not any("secret-plots" in path for path in paths)


@pytest.mark.django_db(transaction=True)
def test_gdal_reads_the_ogc_api_as_a_gis_client_does(live_server, layer_factory, tmp_path):
    layer_factory(slug="estates")
    endpoint = f"OAPIF:{live_server.url}/ogc"

    listing = subprocess.run(["ogrinfo", "-ro", endpoint], capture_output=True, text=True)
    copy = tmp_path / "copy.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(copy), endpoint, "estates"], check=True,
                   capture_output=True)  # fmt: skip

    assert "estates" in listing.stdout, listing.stderr
    copied = DataSource(str(copy))[0]
    assert len(copied) == 3
    assert {"name", "rai", "opened"} <= set(copied.fields)


@pytest.mark.django_db(transaction=True)
def test_owslib_reads_collections_queryables_schema_and_items(live_server, layer_factory):
    from owslib.ogcapi.features import Features

    layer_factory(slug="estates")
    api = Features(f"{live_server.url}/ogc")

    assert "estates" in [
        c["id"] for c in api.feature_collections() and api.collections()["collections"]
    ]
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
        in (api.conformance()["conformsTo"])
    )
    assert {"name", "rai", "opened"} <= set(api.collection_queryables("estates")["properties"])
    assert "geometry" in api.collection_schema("estates")["properties"]
    items = api.collection_items("estates", limit=2)
    assert items["numberReturned"] == 2 and items["numberMatched"] == 3
    inside = api.collection_items("estates", bbox=[100.9, 13.2, 101.2, 13.5])
    assert [f["properties"]["name"] for f in inside["features"]] == ["นิคมอุตสาหกรรมอมตะซิตี้"]


def test_published_events_are_a_live_collection_and_drafts_stay_out(client, item_factory, past):
    from django.contrib.gis.geos import Point

    from divisions.knowledge.models import Item

    event = item_factory(
        kind=Item.Kind.EVENT, title_th="เวทีรับฟังความคิดเห็นท่าเรือแหลมฉบัง",
        title_en="Public hearing on Laem Chabang port", place_th="ศาลากลางจังหวัดชลบุรี",
        location=Point(100.98, 13.36, srid=4326), starts_at=past,
    )  # fmt: skip
    item_factory(
        kind=Item.Kind.EVENT, title_th="ร่างกิจกรรมภายใน", status=Item.Status.DRAFT,
        location=Point(101.0, 13.3, srid=4326), starts_at=past,
    )  # fmt: skip

    body = client.get("/ogc/collections/knowledge-events/items").json()
    assert body["numberMatched"] == 1
    feature = body["features"][0]
    assert feature["id"] == event.pk
    assert feature["properties"]["title"] == "เวทีรับฟังความคิดเห็นท่าเรือแหลมฉบัง"
    assert feature["properties"]["url"] == f"/th/knowledge/items/{event.pk}/"
    english = client.get(
        "/ogc/collections/knowledge-events/items/" + str(event.pk),
        headers={"accept-language": "en"},
    ).json()
    assert english["properties"]["title"] == "Public hearing on Laem Chabang port"
    assert (
        client.get("/ogc/collections/knowledge-events/items?bbox=100,5,100.5,6").json()[
            "numberMatched"
        ]
        == 0
    )
    tile = client.get("/ogc/collections/knowledge-events/tiles/WebMercatorQuad/8/118/199")
    assert tile.status_code == 200 and len(tile.content) > 0
    page = client.get("/th/spatial/map/").content.decode()
    assert "knowledge-events" in page
    assert (
        "ร่างกิจกรรมภายใน"
        not in client.get("/ogc/collections/knowledge-events/items").content.decode()
    )


@pytest.mark.parametrize("language", ["th", "en"])
def test_queryables_schema_and_tiling_schemes_answer_in_json_and_html(
    client, public_layer, language
):
    base = "/ogc/collections/estates"
    links = {link["rel"] for link in client.get(base).json()["links"]}
    rel = "http://www.opengis.net/def/rel/ogc/1.0/"
    assert {rel + "queryables", rel + "schema"} <= links

    queryables = client.get(f"{base}/queryables")
    assert queryables["Content-Type"] == "application/schema+json"
    document = queryables.json()
    assert document["type"] == "object" and document["additionalProperties"] is False
    assert document["properties"]["rai"]["type"] == "number"
    assert document["properties"]["name"]["type"] == "string"
    schema = client.get(f"{base}/schema").json()
    assert schema["properties"]["geometry"]["x-ogc-role"] == "primary-geometry"
    for path in (f"{base}/queryables", f"{base}/schema", "/ogc/tileMatrixSets"):
        html = client.get(path, {"f": "html"}, HTTP_ACCEPT_LANGUAGE=language)
        assert html.status_code == 200 and "text/html" in html["Content-Type"], path

    quad = client.get("/ogc/tileMatrixSets/WebMercatorQuad").json()
    assert quad["crs"] == "http://www.opengis.net/def/crs/EPSG/0/3857"
    assert [m["matrixWidth"] for m in quad["tileMatrices"][:3]] == [1, 2, 4]
    assert round(quad["tileMatrices"][0]["scaleDenominator"]) == 559082264
    tileset = client.get(f"{base}/tiles/WebMercatorQuad").json()
    assert tileset["crs"] == quad["crs"]
    assert any(link["rel"] == rel + "tiling-scheme" for link in tileset["links"])
    assert client.get("/ogc/tileMatrixSets/WorldCRS84Quad").status_code == 404


def test_lang_chooses_the_language_of_items_and_tiles_whatever_the_browser_prefers(
    client, item_factory, past
):
    # The map of a Thai page asks for its tiles with lang=th, though the browser prefers English.
    from django.contrib.gis.geos import Point

    from divisions.knowledge.models import Item

    event = item_factory(
        kind=Item.Kind.EVENT, title_th="เวทีรับฟังความคิดเห็นท่าเรือแหลมฉบัง",
        title_en="Public hearing on Laem Chabang port",
        location=Point(100.98, 13.36, srid=4326), starts_at=past,
    )  # fmt: skip
    english_browser = {"accept-language": "en-US,en;q=0.9"}
    page = client.get("/th/spatial/map/", headers=english_browser).content.decode()
    assert "/ogc/collections/knowledge-events/tiles/WebMercatorQuad?lang=th" in page
    base = "/ogc/collections/knowledge-events"
    item = client.get(f"{base}/items/{event.pk}?lang=th", headers=english_browser).json()
    assert item["properties"]["title"] == "เวทีรับฟังความคิดเห็นท่าเรือแหลมฉบัง"
    assert item["properties"]["url"] == f"/th/knowledge/items/{event.pk}/"
    tileset = client.get(f"{base}/tiles/WebMercatorQuad?lang=th", headers=english_browser).json()
    assert tileset["tiles"][0].endswith("/{z}/{y}/{x}?lang=th")
    tile = client.get(f"{base}/tiles/WebMercatorQuad/8/118/199?lang=th", headers=english_browser)
    assert "เวทีรับฟังความคิดเห็น".encode() in tile.content
    assert b"Public hearing" not in tile.content
    english = client.get(f"{base}/tiles/WebMercatorQuad/8/118/199?lang=en").content
    assert b"Public hearing on Laem Chabang port" in english
    # Any other value is ignored, not an error.
    assert client.get(f"{base}/items?lang=xx").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_gdal_pages_through_a_live_collection_kept_and_after_each_change(
    live_server, project_factory, tmp_path
):
    # GDAL follows the `next` links two features at a time; a live collection's pages are
    # kept for anonymous readers, and must follow a new project and a withdrawn one.
    def copied_titles(run: int) -> list[str]:
        copy = tmp_path / f"projects-{run}.gpkg"
        subprocess.run(
            ["ogr2ogr", "-f", "GPKG", "-oo", "PAGE_SIZE=2", str(copy),
             f"OAPIF:{live_server.url}/ogc", "planning-projects"],
            check=True, capture_output=True,
        )  # fmt: skip
        return sorted(feature.get("title") for feature in DataSource(str(copy))[0])

    projects = [
        project_factory(title_th=f"โครงการประปาหมู่บ้าน {n}", lon_lat=(101 + n / 10, 13.3))
        for n in range(5)
    ]
    first = copied_titles(1)
    assert first == sorted(f"โครงการประปาหมู่บ้าน {n}" for n in range(5))
    assert copied_titles(2) == first  # (from the pages kept)
    project_factory(title_th="โครงการถนนเลียบชายฝั่ง", lon_lat=(101.7, 13.3))
    projects[2].is_public = False
    projects[2].save()
    titles = copied_titles(3)
    assert "โครงการถนนเลียบชายฝั่ง" in titles and "โครงการประปาหมู่บ้าน 2" not in titles
    assert len(titles) == 5
