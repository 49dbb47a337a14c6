"""The interfaces machines use: OGC API Features and Tiles, CKAN Action API, DCAT, downloads;
and that internal datasets stay out of every one of them."""

import csv
import io
import json
import subprocess
import zipfile

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.gis.gdal import DataSource
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

from divisions.spatial.models import Dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_layer(layer_factory, dataset_factory):
    return layer_factory(dataset=dataset_factory(slug="estates"), slug="estates")


@pytest.fixture
def internal_layer(layer_factory, dataset_factory):
    dataset = dataset_factory(
        slug="secret-plots", title_th="แปลงลับ", classification=Dataset.Classification.INTERNAL
    )
    return layer_factory(dataset=dataset, slug="secret-plots")


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
    "query", ["bbox=1,2,3", "bbox=a,b,c,d", "limit=x", "offset=-1", "sortby=nope", "datetime=soon"]
)
def test_bad_parameters_get_400_with_an_ogc_exception(client, public_layer, query):
    response = client.get(f"/ogc/collections/estates/items?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "InvalidParameterValue"


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


def _tile_features(tile: bytes, tmp_path, z: int, x: int, y: int) -> str:
    path = tmp_path / "tile.mvt"
    path.write_bytes(tile)
    return subprocess.run(
        ["ogrinfo", "-al", "-oo", f"X={x}", "-oo", f"Y={y}", "-oo", f"Z={z}", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_vector_tile_holds_the_features_with_their_attributes(client, public_layer, tmp_path):
    tilejson = client.get("/ogc/collections/estates/tiles/WebMercatorQuad").json()
    assert tilejson["tiles"][0].endswith(
        "/ogc/collections/estates/tiles/WebMercatorQuad/{z}/{y}/{x}"
    )
    assert tilejson["vector_layers"][0]["fields"] == {
        "name": "string", "rai": "number", "opened": "date",
    }  # fmt: skip

    response = client.get("/ogc/collections/estates/tiles/WebMercatorQuad/8/118/199")

    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    described = _tile_features(response.content, tmp_path, 8, 199, 118)
    assert "นิคมอุตสาหกรรมอมตะซิตี้" in described
    assert "Feature Count: 3" in described
    elsewhere = client.get("/ogc/collections/estates/tiles/WebMercatorQuad/8/100/100")
    assert elsewhere.status_code == 200
    assert elsewhere.content == b""  # no feature of the layer there


def test_tile_cache_follows_the_layer_version(client, public_layer, tmp_path):
    from divisions.spatial.models import Layer

    from .fixtures import ZONES, run_import, write_geojson

    url = "/ogc/collections/estates/tiles/WebMercatorQuad/8/118/199"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    one = write_geojson(tmp_path / "one.geojson", ZONES | {"features": ZONES["features"][1:2]})
    run_import(Layer.objects.get(slug="estates"), one)

    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert "Feature Count: 1" in _tile_features(second.content, tmp_path, 8, 199, 118)


def test_layer_csv_keeps_agency_text_from_becoming_a_formula(client, layer_factory, tmp_path):
    from .fixtures import ZONES, write_geojson

    zones = json.loads(json.dumps(ZONES))
    zones["features"][0]["properties"] |= {"name": '=WEBSERVICE("http://x")', "rai": -5}
    layer = layer_factory(path=write_geojson(tmp_path / "zones.geojson", zones))

    text = b"".join(client.get(f"/data/layers/{layer.slug}.csv").streaming_content)
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))

    first = next(row for row in rows if "WEBSERVICE" in row["name"])
    assert first["name"] == '\'=WEBSERVICE("http://x")' and first["rai"] == "-5"


# GeoPackage and Shapefile are written by ogr2ogr on a connection of its own, which sees only
# committed data.
@pytest.mark.django_db(transaction=True)
def test_downloads_in_four_formats(client, public_layer, tmp_path):
    geojson = json.loads(b"".join(client.get("/data/layers/estates.geojson").streaming_content))
    assert len(geojson["features"]) == 3

    text = b"".join(client.get("/data/layers/estates.csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["name"] == "นิคมอุตสาหกรรมอมตะซิตี้"
    assert rows[0]["wkt"].startswith("POLYGON")

    gpkg = tmp_path / "estates.gpkg"
    gpkg.write_bytes(b"".join(client.get("/data/layers/estates.gpkg").streaming_content))
    layer = DataSource(str(gpkg))[0]
    assert len(layer) == 3
    assert layer.field_types[layer.fields.index("rai")].__name__ == "OFTReal"

    shp = client.get("/data/layers/estates.shp")
    names = zipfile.ZipFile(io.BytesIO(b"".join(shp.streaming_content))).namelist()
    assert {"estates.shp", "estates.shx", "estates.dbf", "estates.prj", "estates.cpg"} <= set(names)


def test_ckan_package_search_as_the_national_harvester_calls_it(client, public_layer):
    response = client.get(
        "/api/3/action/package_search",
        {"fq": "metadata_modified:[2020-01-01T00:00:00Z TO *]", "rows": 100, "start": 0},
    )
    body = response.json()

    assert body["success"] is True
    assert body["result"]["count"] == 1
    package = body["result"]["results"][0]
    assert package["name"] == "estates"
    assert package["organization"]["name"] == public_layer.dataset.publisher.slug
    for field in ("data_type", "maintainer", "maintainer_email", "tags", "notes", "objective",
                  "update_frequency_unit", "geo_coverage", "data_source", "data_format",
                  "data_category", "license_id", "west_bound_longitude"):  # fmt: skip
        assert package[field] not in (None, "", []), field
    assert package["data_type"] == "ข้อมูลภูมิสารสนเทศเชิงพื้นที่"
    download = next(r for r in package["resources"] if r["format"] == "GeoJSON")
    assert download["url"] == "http://testserver/data/layers/estates.geojson"
    assert client.get(download["url"]).status_code == 200


def test_ckan_increments_paging_and_show(client, dataset_factory):
    for _ in range(3):
        dataset_factory()
    later = client.get(
        "/api/3/action/package_search", {"fq": "metadata_modified:[2999-01-01 TO *]"}
    ).json()
    assert later["result"]["count"] == 0
    page = client.get(
        "/api/3/action/package_search", {"rows": 2, "start": 2, "sort": "name asc"}
    ).json()["result"]
    assert (page["count"], [p["name"] for p in page["results"]]) == (3, ["dataset-3"])
    shown = client.get("/api/3/action/package_show", {"id": "dataset-1"}).json()["result"]
    assert client.get("/api/3/action/package_show", {"id": shown["id"]}).json()["success"]
    assert client.get("/api/3/action/package_list").json()["result"] == [
        "dataset-1", "dataset-2", "dataset-3",
    ]  # fmt: skip


def test_ckan_errors_have_ckans_shape(client):
    missing = client.get("/api/3/action/package_show", {"id": "nope"})
    assert missing.status_code == 404
    assert missing.json() == {
        "help": "package_show", "success": False,
        "error": {"__type": "Not Found Error", "message": "Not found"},
    }  # fmt: skip
    assert client.get("/api/3/action/package_search", {"rows": "x"}).status_code == 409
    assert client.get("/api/3/action/no_such_action").status_code == 400


def test_ckan_organizations_groups_and_status(client, public_layer):
    org = public_layer.dataset.publisher.slug
    assert client.get("/api/3/action/organization_list").json()["result"] == [org]
    shown = client.get(
        "/api/3/action/organization_show", {"id": org, "include_datasets": "true"}
    ).json()["result"]
    assert [p["name"] for p in shown["packages"]] == ["estates"]
    assert client.get("/api/3/action/group_list").json()["result"] == ["industry"]
    assert client.get("/api/3/action/status_show").json()["result"]["ckan_version"]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "rdf"])
def test_dcat_catalog_lists_public_datasets_with_distributions(client, public_layer, fmt):
    response = client.get(f"/catalog.{fmt}")
    graph = Graph().parse(data=response.content, format={"ttl": "turtle", "jsonld": "json-ld",
                                                          "rdf": "xml"}[fmt])  # fmt: skip
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert [str(d) for d in datasets] == ["http://testserver/th/spatial/datasets/estates/"]
    downloads = {str(url) for url in graph.objects(None, DCAT.downloadURL)}
    assert "http://testserver/data/layers/estates.gpkg" in downloads


def test_internal_dataset_is_absent_from_every_machine_channel(
    client, public_layer, internal_layer
):
    secret = "secret-plots"
    for url in [
        "/ogc/collections?f=json",
        "/api/3/action/package_search?rows=100",
        "/api/3/action/package_list",
        "/api/3/action/current_package_list_with_resources",
        "/catalog.ttl",
        "/catalog.jsonld",
        "/sitemap.xml",
        "/th/spatial/",
        "/en/spatial/map/",
        "/th/search/?q=แปลง",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert secret.encode() not in content, url
        assert "แปลงลับ".encode() not in content, url
    for url in [
        f"/ogc/collections/{secret}",
        f"/ogc/collections/{secret}/items",
        f"/ogc/collections/{secret}/items/1",
        f"/ogc/collections/{secret}/tiles/WebMercatorQuad",
        f"/ogc/collections/{secret}/tiles/WebMercatorQuad/8/118/199",
        f"/data/layers/{secret}.geojson",
        f"/data/layers/{secret}.gpkg",
        f"/th/spatial/datasets/{secret}/",
        f"/api/3/action/package_show?id={secret}",
    ]:
        assert client.get(url).status_code == 404, url


def test_spatial_data_stewards_see_internal_layers(client, internal_layer):
    steward = User.objects.create_user("steward", password="x", is_staff=True)
    steward.groups.add(Group.objects.get(name="Spatial data stewards"))
    client.force_login(steward)

    assert client.get("/th/spatial/datasets/secret-plots/").status_code == 200
    assert client.get("/ogc/collections/secret-plots/items").json()["numberMatched"] == 3
    # The harvestable catalogs stay public-only even for staff.
    assert b"secret-plots" not in client.get("/api/3/action/package_list").content


def test_tiles_of_internal_layers_are_private_to_their_reader(client, internal_layer, public_layer):
    steward = User.objects.create_user("steward", password="x", is_staff=True)
    steward.groups.add(Group.objects.get(name="Spatial data stewards"))
    client.force_login(steward)

    for _fresh_then_cached in range(2):
        tile = client.get("/ogc/collections/secret-plots/tiles/WebMercatorQuad/8/118/199")
        assert tile.status_code == 200 and tile["Cache-Control"].startswith("private")
    unchanged = client.get(
        "/ogc/collections/secret-plots/tiles/WebMercatorQuad/8/118/199",
        HTTP_IF_NONE_MATCH=tile["ETag"],
    )
    assert unchanged.status_code == 304 and unchanged["Cache-Control"].startswith("private")
    public = client.get("/ogc/collections/estates/tiles/WebMercatorQuad/8/118/199")
    assert public["Cache-Control"].startswith("public")


def test_uploaded_files_are_served_only_for_datasets_the_reader_may_see(
    client, dataset_factory, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from divisions.spatial.models import Resource

    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4 report"
    public, internal = (
        Resource.objects.create(
            dataset=dataset_factory(classification=classification),
            kind=Resource.Kind.FILE,
            name_th="รายงาน",
            format="PDF",
            file=ContentFile(pdf, name="report.pdf"),
        )
        for classification in (Dataset.Classification.PUBLIC, Dataset.Classification.INTERNAL)
    )

    url = public.get_download_url()
    assert url.startswith("/data/resources/") and "/media/" not in url
    assert b"".join(client.get(url).streaming_content) == pdf
    ckan = client.get("/api/3/action/package_show", {"id": public.dataset.slug}).json()
    assert ckan["result"]["resources"][0]["url"] == f"http://testserver{url}"
    assert client.get(internal.get_download_url()).status_code == 404
    assert client.get(url.replace("report.pdf", "other.pdf")).status_code == 404
    assert internal.file.name.split("/")[2] != public.file.name.split("/")[2]  # random folders


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
