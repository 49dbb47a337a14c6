"""The data-quality grade: measured from the dataset's metadata, data age, formats and import
reports; shown with what to fix on its page, as a catalog facet, in CKAN extras and in DCAT
(DQV); stewards see their weakest datasets first."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef

from divisions.spatial.models import Dataset, Layer, Resource
from divisions.spatial.services import dataset_quality_refresh, dataset_save
from divisions.spatial.tasks import dataset_quality_refresh_task
from tests.spatial.fixtures import write_geojson

pytestmark = pytest.mark.django_db

DQV = Namespace("http://www.w3.org/ns/dqv#")


@pytest.fixture(autouse=True)
def _portal_address(settings):
    settings.PORTAL_BASE_URL = "http://testserver"


def _measured(dataset: Dataset) -> dict:
    return Dataset.objects.get(pk=dataset.pk).quality


def _issues(dataset: Dataset, dimension: str) -> list:
    return _measured(dataset)[dimension]["issues"]


def test_a_fresh_layer_is_graded_from_its_metadata_formats_and_import_report(public_layer):
    dataset = Dataset.objects.get(pk=public_layer.dataset_id)
    measured = dataset.quality

    # Geospatial, 14 national fields: objective, data languages, coverage start, release date,
    # scale, accuracy and reference period are missing.
    assert measured["completeness"]["score"] == 0.5
    assert ["missing_field", "objective_th"] in measured["completeness"]["issues"]
    assert ["missing_field", "title_en"] not in measured["completeness"]["issues"]
    assert measured["timeliness"] == {"score": 1.0, "issues": []}  # imported just now
    assert measured["machine_readability"] == {"score": 1.0, "issues": []}
    # One of the three estates is a bow-tie the import repaired.
    assert ["geometry_repaired", public_layer.pk, 1] in measured["validity"]["issues"]
    assert measured["validity"]["score"] < 1
    assert dataset.quality_score == round(
        100 * sum(m["score"] for m in measured.values()) / len(measured)
    )
    assert dataset.quality_grade == "B"


def test_filling_in_the_metadata_raises_the_grade(public_layer):
    dataset = Dataset.objects.get(pk=public_layer.dataset_id)
    before = dataset.quality_score
    dataset.objective_th = "ติดตามการขยายตัวของนิคมอุตสาหกรรม"
    dataset.languages = ["th", "en"]
    dataset.equivalent_scale = "1:4,000"
    dataset_save(dataset=dataset)

    dataset.refresh_from_db()
    assert dataset.quality_score > before
    assert ["missing_field", "objective_th"] not in dataset.quality["completeness"]["issues"]


def test_data_older_than_its_update_frequency_loses_timeliness(public_layer):
    dataset = public_layer.dataset
    Layer.objects.filter(pk=public_layer.pk).update(updated_at=timezone.now() - timedelta(days=548))
    dataset_quality_refresh(dataset_ids=[dataset.pk])
    assert _measured(dataset)["timeliness"]["score"] == pytest.approx(0.5, abs=0.01)
    assert _issues(dataset, "timeliness") == [["stale"]]

    Dataset.objects.filter(pk=dataset.pk).update(update_frequency="never")
    dataset_quality_refresh(dataset_ids=[dataset.pk])
    assert _measured(dataset)["timeliness"] == {"score": 1.0, "issues": []}

    Dataset.objects.filter(pk=dataset.pk).update(update_frequency="month")
    Layer.objects.filter(pk=public_layer.pk).update(updated_at=timezone.now() - timedelta(days=70))
    # The nightly task measures every dataset again.
    assert dataset_quality_refresh_task() == Dataset.objects.count()
    assert _measured(dataset)["timeliness"]["score"] == 0.0


def test_numbers_stored_as_text_are_found_in_the_layers_attributes(layer_factory, tmp_path):
    # As agencies' spreadsheets export them: populations with thousands separators, in quotes.
    villages = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"village": "บ้านฉาง", "population": "1,204"},
         "geometry": {"type": "Point", "coordinates": [101.06, 12.72]}},
        {"type": "Feature", "properties": {"village": "หนองละลอก", "population": "987"},
         "geometry": {"type": "Point", "coordinates": [101.1, 12.8]}},
    ]}  # fmt: skip
    layer = layer_factory(path=write_geojson(tmp_path / "villages.geojson", villages))

    issues = _issues(layer.dataset, "validity")

    assert issues == [["numbers_as_text", layer.pk, "population"]]
    assert _measured(layer.dataset)["validity"]["score"] == 0.75  # geometry 1, attributes 1/2


def test_a_dataset_of_files_only_is_not_graded_on_validity(dataset_factory):
    dataset = dataset_factory(license="notspecified")
    Resource.objects.create(dataset=dataset, kind=Resource.Kind.LINK, name="รายงาน",
                            format="PDF", url="https://example.go.th/report.pdf")  # fmt: skip
    dataset_quality_refresh(dataset_ids=[dataset.pk])

    measured = _measured(dataset)

    assert measured["validity"] == {"score": None, "issues": []}
    assert sorted(measured["machine_readability"]["issues"]) == [
        ["no_download"],
        ["no_open_license"],
        ["not_machine_readable"],
        ["proprietary_only"],
    ]
    assert measured["machine_readability"]["score"] == 0.0
    stored = Dataset.objects.get(pk=dataset.pk)
    scores = [m["score"] for m in measured.values() if m["score"] is not None]
    assert stored.quality_score == round(100 * sum(scores) / 3)


@pytest.mark.parametrize(
    ("language", "heading", "fix"),
    [
        ("th", "คุณภาพข้อมูล", "กรอก: วัตถุประสงค์"),
        ("en", "Data quality", "Fill in: objective."),
    ],
)
def test_the_dataset_page_shows_the_grade_and_what_to_fix(
    client, public_layer, language, heading, fix
):
    page = client.get(f"/{language}/spatial/datasets/estates/").content.decode()

    assert heading in page
    assert fix in page
    assert 'class="grade grade-b"' in page
    title = {"th": public_layer.title_th, "en": public_layer.title_en}[language]
    repaired = {"th": "รูปเรขาคณิต 1 รายการไม่ถูกต้อง", "en": "1 of its geometries were invalid"}
    assert f"{title}: {repaired[language]}" in page


def test_the_catalog_filters_by_grade_and_counts_only_what_the_reader_may_see(
    client, public_layer, dataset_factory
):
    internal = dataset_factory(slug="secret", classification=Dataset.Classification.INTERNAL)
    Dataset.objects.filter(pk=internal.pk).update(quality_grade="A")

    page = client.get("/en/spatial/?quality=B").content.decode()
    assert "/spatial/datasets/estates/" in page
    assert 'value="A"' not in page  # no public dataset has an A: no such choice
    assert "/spatial/datasets/secret/" not in client.get("/en/spatial/?quality=A").content.decode()
    assert client.get("/en/spatial/?quality=Z").status_code == 200  # unknown: no filter


def test_ckan_packages_carry_the_grade_and_search_and_sort_by_it(client, public_layer,
                                                                 dataset_factory):  # fmt: skip
    dataset_factory(slug="empty")  # no data: a poorer grade
    package = client.get("/api/3/action/package_show?id=estates").json()["result"]
    extras = {extra["key"]: extra["value"] for extra in package["extras"]}

    assert extras["quality_grade"] == "B"
    assert float(extras["quality_machine_readability"]) == 1.0
    assert "quality_validity" in extras

    found = client.get("/api/3/action/package_search?fq=quality_grade:B").json()["result"]
    assert [p["name"] for p in found["results"]] == ["estates"]
    ordered = client.get("/api/3/action/package_search?sort=quality_score asc").json()
    assert [p["name"] for p in ordered["result"]["results"]] == ["empty", "estates"]


def test_dcat_states_each_measurement_with_its_dqv_metric(client, public_layer):
    graph = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    dataset = URIRef("http://testserver/th/spatial/datasets/estates/")

    measurements = list(graph.objects(dataset, DQV.hasQualityMeasurement))
    metrics = {graph.value(m, DQV.isMeasurementOf): graph.value(m, DQV.value)
               for m in measurements}  # fmt: skip

    completeness = URIRef("http://testserver/catalog.ttl#quality-completeness")
    assert len(measurements) == 4
    assert float(metrics[completeness]) == 0.5
    dimension = graph.value(completeness, DQV.inDimension)
    assert dimension == URIRef("http://www.w3.org/2016/05/ldqd#completeness")
    assert (None, None, Literal("ความครบถ้วนของคำอธิบายข้อมูล", lang="th")) in graph


def test_stewards_see_their_weakest_datasets_first_in_the_admin(client, public_layer,
                                                                dataset_factory):  # fmt: skip
    dataset_factory(slug="empty", title_en="Nothing uploaded yet")
    steward = User.objects.create_user("steward", password="x", is_staff=True)
    steward.groups.add(Group.objects.get(name="Spatial data stewards"))
    client.force_login(steward)

    listing = client.get("/en/admin/spatial/dataset/").content.decode()

    assert listing.index("Nothing uploaded yet") < listing.index(public_layer.dataset.title_en)
    change = client.get(f"/en/admin/spatial/dataset/{public_layer.dataset_id}/change/")
    assert "Fill in: objective." in change.content.decode()


def test_the_beat_schedule_refreshes_grades_daily(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "divisions.spatial.tasks.dataset_quality_refresh_task" in tasks
