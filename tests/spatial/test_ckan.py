"""The CKAN Action API as harvesters and ckanapi call it."""

import pytest

pytestmark = pytest.mark.django_db


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
