"""The CKAN Action API as harvesters and ckanapi call it."""

import json
from pathlib import Path

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


NATIONAL = json.loads((Path(__file__).parent / "data" / "thai_gdc_dataset_fields.json").read_text())


def _schema_problems(schema: dict, package: dict) -> list[str]:
    """What a national schema (its required fields and choices, kept as test data) would
    refuse in a package: required fields, choice values, and for geospatial data the dataset
    fields (and, in the OPAL variant, resource fields) its form shows for that data type."""
    problems = []
    for field in schema["required"]:
        value = package.get("tags") if field == "tag_string" else package.get(field)
        if value in (None, "", []):
            problems.append(f"{field} missing")
    for field, choices in schema["choices"].items():
        values = package.get(field)
        for value in values if isinstance(values, list) else [values]:
            if value not in (None, "") and value not in choices:
                problems.append(f"{field}: {value!r}")
    geospatial = package["data_type"] == "ข้อมูลภูมิสารสนเทศเชิงพื้นที่"
    if geospatial:
        problems += [f"{field} not sent" for field in schema["geospatial"] if field not in package]
    for resource in package["resources"]:
        for field in schema.get("resource_required", []):
            if not resource.get(field):
                problems.append(f"resource {field} missing")
        if geospatial:
            for field in schema.get("resource_geospatial", []):
                if field not in resource:
                    problems.append(f"resource {field} not sent")
        for field, choices in schema.get("resource_choices", {}).items():
            if resource.get(field) not in (None, "", *choices):
                problems.append(f"resource {field}: {resource[field]!r}")
    return problems


def test_packages_carry_the_national_schemas_names_and_values(
    client, public_layer, dataset_factory
):
    from datetime import date

    from divisions.spatial.models import Dataset

    bare = dataset_factory(slug="bare", keywords=[], objective="ติดตามการใช้ที่ดิน",
                           equivalent_scale="1:4000", data_type="geospatial",
                           release_date=date(2026, 1, 15), license="odc-odbl")  # fmt: skip
    Dataset.objects.filter(pk=public_layer.dataset_id).update(data_type="geospatial")

    for name in ("estates", "bare"):
        package = client.get(f"/api/3/action/package_show?id={name}").json()["result"]
        assert _schema_problems(NATIONAL, package) == [], name
    bare_package = client.get("/api/3/action/package_show?id=bare").json()["result"]
    assert bare_package["tags"]  # tagged by its category when it has no keywords
    assert bare_package["equivalent_scale"] == "1:4,000"
    assert bare_package["objective"] == ["อื่นๆ"]
    assert bare_package["objective_other"] == bare.objective
    assert bare_package["data_release_date"] == "2026-01-15"
    estates = client.get("/api/3/action/package_show?id=estates").json()["result"]
    assert set(estates["data_format"]) <= set(NATIONAL["choices"]["data_format"])
    assert "OGC API Features" in estates["data_format_other"]


OPAL = json.loads((Path(__file__).parent / "data" / "opal_tgdcschema_fields.json").read_text())


def test_packages_pass_the_opal_variant_of_the_national_schema(client, layer_factory,
                                                               dataset_factory):  # fmt: skip
    """Both national schemas name the same fields; they differ in two licence values
    (ckanext-thai_gdc's "Creative Commons Non-Commercial (Any)" and "License not specified"
    are not among OPAL's choices), so datasets under those licences meet only the first."""
    from datetime import date

    estates = dataset_factory(
        slug="estates", data_type="geospatial", license="cc-by-sa", geographic_data_set="land_use",
        equivalent_scale="1:4000", positional_accuracy="±5 m", release_date=date(2026, 3, 1),
    )  # fmt: skip
    layer_factory(dataset=estates, slug="estates-map")
    dataset_factory(slug="statistics", data_type="statistical", license="odc-odbl")

    for name in ("estates", "statistics"):
        package = client.get(f"/api/3/action/package_show?id={name}").json()["result"]
        assert _schema_problems(OPAL, package) == [], name
    package = client.get("/api/3/action/package_show?id=estates").json()["result"]
    assert package["data_classification"] == "เปิดเผย"
    assert package["geographic_data_set"] == "ชั้นข้อมูลการใช้ประโยชน์ที่ดิน"
    gpkg = next(r for r in package["resources"] if r["format"] == "GPKG")
    assert gpkg["resource_equivalent_scale"] == "1:4,000"
    assert gpkg["resource_positional_accuracy"] == "±5 m"
    assert gpkg["resource_data_release_date"] == "2026-03-01"
    assert gpkg["resource_last_updated_date"] == package["resources"][0]["last_modified"][:10]
