"""A worker killed in the middle of an import: the task goes back to the queue, another
worker runs it, and the import happens exactly once."""

import signal
import tempfile
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from divisions.planning.models import Budget, Project, ProjectImport
from divisions.planning.services import project_import_create

from ..conftest import celery_worker_start
from ..planning.fixtures import flat_row, write_csv

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 400
# Tasks of a dead worker go back to the queue after 5 s, looked for every second.
QUICK_REDELIVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "5",
    "CELERY_RESTORE_INTERVAL": "1",
    "CELERY_RESTORE_THROTTLE": "1",
    # A beat a second: a dead worker's job shows as interrupted within three seconds.
    "UPLOAD_HEARTBEAT_SECONDS": "1",
}


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _progress(job) -> int:
    return (cache.get(job.progress_key()) or {}).get("progress", 0)


def test_a_project_import_survives_a_killed_worker_and_imports_once(tmp_path, pao):
    from eecportal.celery import app

    app.control.purge()
    rows = [
        flat_row(
            external_id=f"K-{n}",
            title_th=f"ก่อสร้างถนน คสล. สายที่ {n} หมู่ที่ {n % 12 + 1}",
            agency="อบจ.ชลบุรี",
            fiscal_year="2569",
            budget_thb=str(100_000 + n),
            province="ชลบุรี",
            district="บ้านบึง",
            subdistrict="หนองชาก",
            objective="เพื่อให้ประชาชนสัญจรสะดวกและปลอดภัย",
        )  # fmt: skip
        for n in range(ROWS)
    ]
    path = write_csv(tmp_path / "many.csv", rows)
    first = celery_worker_start(**QUICK_REDELIVERY)
    try:
        job = project_import_create(file=SimpleUploadedFile(path.name, path.read_bytes()))
        # Into the writing, inside its transaction (whose progress only the cache shows).
        writing = _wait(lambda: _progress(job) > 30, 60)
        assert writing, "the import did not start writing"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert ProjectImport.objects.get(pk=job.pk).status != ProjectImport.Status.SUCCEEDED
    assert Project.objects.count() == 0  # the killed transaction left nothing

    second = celery_worker_start(**QUICK_REDELIVERY)
    try:
        done = _wait(
            lambda: ProjectImport.objects.get(pk=job.pk).status == ProjectImport.Status.SUCCEEDED,
            120,
        )
    finally:
        second.terminate()
        second.wait(timeout=30)
    assert done, ProjectImport.objects.get(pk=job.pk).status
    assert Project.objects.count() == ROWS
    assert Budget.objects.count() == ROWS


def _leftovers(job_pk: int) -> list[str]:
    from divisions.spatial.services.imports import STAGING_SCHEMA

    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [STAGING_SCHEMA])
        tables = [name for (name,) in cursor.fetchall() if name.startswith(f"job_{job_pk}_")]
    return tables + [p.name for p in Path(tempfile.gettempdir()).glob(f"job_{job_pk}_*")]


def test_a_layer_import_survives_a_killed_worker_and_imports_once(
    client, tmp_path, dataset_factory
):
    import json

    from divisions.spatial.models import Feature, ImportJob, Layer
    from divisions.spatial.services import import_job_create, import_leftovers_sweep, layer_create
    from eecportal.celery import app

    app.control.purge()
    points = 60_000
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"n": n, "name": f"จุดสำรวจ {n}"},
             "geometry": {"type": "Point",
                          "coordinates": [100.8 + (n % 300) / 1000, 12.8 + n // 300 / 1000]}}
            for n in range(points)
        ],
    }  # fmt: skip
    path = tmp_path / "survey.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False))
    layer = layer_create(dataset=dataset_factory(), slug="survey", title_th="จุดสำรวจ")
    first = celery_worker_start(**QUICK_REDELIVERY)
    try:
        with path.open("rb") as handle:
            job = import_job_create(layer=layer, file=File(handle, name=path.name))
        started = _wait(lambda: ImportJob.objects.get(pk=job.pk).progress >= 15, 60)
        assert started, "the import did not start"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert ImportJob.objects.get(pk=job.pk).status != ImportJob.Status.SUCCEEDED
    assert not Feature.objects.filter(layer=layer).exists()
    # The job says what really happened, and what the dead attempt left behind is swept.
    status = f"/th/spatial/imports/{job.pk}/status/"
    client.force_login(User.objects.create_superuser("steward"))
    interrupted = _wait(lambda: client.get(status).json()["status"] == "interrupted", 10)
    assert interrupted, client.get(status).json()
    assert "หยุด" in client.get(status).json()["status_label"]
    assert _leftovers(job.pk), "the killed attempt left no staging table or folder"
    assert import_leftovers_sweep() >= 1
    assert not _leftovers(job.pk)

    second = celery_worker_start(**QUICK_REDELIVERY)
    try:
        done = _wait(
            lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.SUCCEEDED, 120
        )
    finally:
        second.terminate()
        second.wait(timeout=30)
    assert done, ImportJob.objects.get(pk=job.pk).status
    assert Feature.objects.filter(layer=layer).count() == points
    assert Layer.objects.get(pk=layer.pk).version == 1
