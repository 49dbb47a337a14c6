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


SECOND_DB = "test_eecportal_second"
REMOTE_DATASET = """
from divisions.coordination.services import agency_upsert
from divisions.spatial.models import Dataset
from divisions.spatial.services import dataset_save
agency = agency_upsert(slug="rayong-pao", name_th="อบจ.ระยอง", name_en="Rayong PAO", kind="local")
for n, classification in ((1, "public"), (2, "internal")):
    dataset_save(dataset=Dataset(
        slug=f"coastal-erosion-{n}", title_th=f"พื้นที่กัดเซาะชายฝั่ง {n}",
        description_th="แนวชายฝั่งที่ถูกกัดเซาะในจังหวัดระยอง", publisher=agency,
        maintainer="GIS", maintainer_email="gis@rayong.example.go.th", category="environment",
        data_source="อบจ.ระยอง", keywords=["ชายฝั่ง"], classification=classification))
"""


@pytest.fixture
def second_portal():
    """Another deployment of the portal: a database and a server process of its own."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    import psycopg2
    from django.conf import settings

    from tests.conftest import ROOT

    db = settings.DATABASES["default"]

    def admin(sql: str) -> None:
        connection = psycopg2.connect(
            dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
            port=db["PORT"],
        )  # fmt: skip
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    admin(f'DROP DATABASE IF EXISTS "{SECOND_DB}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{SECOND_DB}" TEMPLATE eecportal_template')
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "eecportal.settings.test",
        "DATABASE_URL": (
            f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{SECOND_DB}"
        ),
        "TEST_REDIS_URL": "redis://127.0.0.1:6379/12",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "shell", "-c", REMOTE_DATASET], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "eecportal.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        admin(f'DROP DATABASE IF EXISTS "{SECOND_DB}" WITH (FORCE)')


def test_harvest_from_a_second_portal_deployment(second_portal, agency_factory):
    source = HarvestSource.objects.create(
        name="Rayong PAO portal", url=second_portal, publisher=agency_factory()
    )

    report = harvest_source_run(source=source)

    assert (report["created"], report["error"]) == (1, "")
    harvested = Dataset.objects.get(harvest_source=source)
    assert harvested.title_th == "พื้นที่กัดเซาะชายฝั่ง 1"  # the internal one never left home
    assert harvested.source_url == f"{second_portal}/th/spatial/datasets/coastal-erosion-1/"


def test_the_last_harvest_reads_as_a_report_in_the_admin(admin_client, agency_factory):
    source = HarvestSource.objects.create(
        name="Rayong", url="http://127.0.0.1:9", publisher=agency_factory(),
        last_report={"created": 2, "updated": 5, "error": "",
                     "skipped": [{"id": "flood-2566", "reason": "ไม่มีชื่อชุดข้อมูล"}]},
    )  # fmt: skip
    page = admin_client.get(f"/th/admin/spatial/harvestsource/{source.pk}/change/")
    html = page.content.decode()
    assert "เพิ่มชุดข้อมูล 2 ชุด ปรับปรุง 5 ชุด" in html
    assert "<td>flood-2566</td><td>ไม่มีชื่อชุดข้อมูล</td>" in html
    assert '"skipped"' not in html  # not the raw JSON
