"""Harvesting in, against a real CKAN Action API over HTTP: this portal's own, served by the
live test server, stands in for the remote catalog."""

import pytest

from divisions.spatial.models import Dataset, HarvestSource
from divisions.spatial.services import dataset_save, harvest_source_run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def remote_dataset(dataset_factory, agency_factory):
    return dataset_factory(
        slug="flood-areas",
        title_th="พื้นที่น้ำท่วมซ้ำซาก",
        title_en="Repeatedly flooded areas",
        category=Dataset.Category.ENVIRONMENT,
        license="odc-by",
        publisher=agency_factory(slug="remote-agency"),
    )


@pytest.fixture
def source(live_server, agency_factory):
    return HarvestSource.objects.create(
        name="Remote catalog",
        url=live_server.url,
        query="organization:remote-agency",
        publisher=agency_factory(slug="harvest-publisher"),
    )


def test_harvest_copies_remote_datasets_with_their_source(source, remote_dataset):
    report = harvest_source_run(source=source)

    assert (report["created"], report["updated"], report["error"]) == (1, 0, "")
    harvested = Dataset.objects.get(harvest_source=source)
    assert harvested.title_th == "พื้นที่น้ำท่วมซ้ำซาก"
    assert harvested.title_en == "Repeatedly flooded areas"
    assert (harvested.category, harvested.license) == ("environment", "odc-by")
    assert harvested.keywords == ["EEC", "นิคมอุตสาหกรรม"]
    assert harvested.source_url.endswith("/spatial/datasets/flood-areas/")
    assert harvested.publisher.slug == "harvest-publisher"
    assert harvested.is_public
    source.refresh_from_db()
    assert source.last_harvested_at is not None


def test_harvesting_again_takes_only_what_changed_and_never_duplicates(source, remote_dataset):
    harvest_source_run(source=source)
    source.refresh_from_db()
    assert harvest_source_run(source=source) == {
        "created": 0, "updated": 0, "skipped": [], "error": "",
    }  # fmt: skip

    remote_dataset.title_th = "พื้นที่น้ำท่วมซ้ำซาก ปี 2569"
    dataset_save(dataset=remote_dataset)
    source.refresh_from_db()
    report = harvest_source_run(source=source)

    assert (report["created"], report["updated"]) == (0, 1)
    assert Dataset.objects.filter(harvest_source=source).get().title_th.endswith("ปี 2569")


def test_unreachable_catalog_is_reported_and_the_next_run_starts_from_the_same_point(
    agency_factory,
):
    source = HarvestSource.objects.create(
        name="Down", url="http://127.0.0.1:9", publisher=agency_factory()
    )

    report = harvest_source_run(source=source)

    assert report["error"]
    source.refresh_from_db()
    assert source.last_harvested_at is None
    assert source.last_report["error"] == report["error"]
