import hashlib
import os
import stat
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection

from divisions.coordination.models import Agency
from divisions.coordination.services import agency_upsert
from eecportal.backups import RestoreRefused, backup_restore

from ..conftest import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def _psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)


def test_backup_and_restore_round_trip_loses_nothing(
    tmp_path, settings, agency_factory, project_factory, layer_factory
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "knowledge").mkdir(parents=True)
    paper = tmp_path / "media" / "knowledge" / "ผลการศึกษา.pdf"
    paper.write_bytes(b"%PDF-1.4 " + os.urandom(2048))
    agency_factory(name_th="องค์การบริหารส่วนจังหวัดระยอง")
    project_factory(title_th="ก่อสร้างถนน คสล. หมู่ที่ 3", lon_lat=(101.1, 13.3))
    layer_factory(slug="estates")  # features in a partition of their own

    call_command("backup", "--to", str(tmp_path / "backup"))

    with _restored(tmp_path, settings) as name:
        restored = tmp_path / "restored-media" / "knowledge" / "ผลการศึกษา.pdf"
        assert (
            hashlib.sha256(restored.read_bytes()).digest()
            == hashlib.sha256(paper.read_bytes()).digest()
        )
        # The restored database is a working portal database: the same features and agencies.
        count = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-Atc",
             "SELECT (SELECT count(*) FROM spatial_feature), (SELECT count(*) FROM "
             "coordination_agency), (SELECT count(*) FROM planning_project)"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        assert count == f"3|{Agency.objects.count()}|1"


def test_a_backup_taken_while_staff_work_restores_and_checks_out(tmp_path, settings):
    """Writes run during the whole backup: the manifest must describe exactly the dump."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    stop, written = threading.Event(), []

    def staff_at_work():
        try:
            while not stop.is_set():
                fields = {"name_th": "หน่วยงาน", "name_en": "", "kind": Agency.Kind.LOCAL}
                agency = agency_upsert(slug=f"busy-{len(written)}", province="TH-20", **fields)
                written.append(agency)
        finally:
            connection.close()

    worker = threading.Thread(target=staff_at_work)
    worker.start()
    try:
        while len(written) < 20 and worker.is_alive():
            time.sleep(0.01)
        call_command("backup", "--to", str(tmp_path / "backup"))
        during = len(written)
        time.sleep(0.1)
    finally:
        stop.set()
        worker.join()
    assert len(written) > during  # writing went on after the dump

    with _restored(tmp_path, settings):
        pass  # the restore's own check against the manifest passed


def test_backups_are_readable_by_their_owner_only(tmp_path, settings, agency_factory):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    agency_factory()
    call_command("backup", "--to", str(tmp_path / "backup"))

    folder = tmp_path / "backup"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


@contextmanager
def _restored(tmp_path, settings):
    """Restore tmp_path/backup into a scratch database with `manage.py restore` (which checks
    every table and file against the manifest); yield the database's name."""
    name = f"restore_{uuid.uuid4().hex[:8]}"
    _psql(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING "UTF8"')
    try:
        db = settings.DATABASES["default"]
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "eecportal.settings.test",
            "DATABASE_URL": f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}",
            "MEDIA_ROOT": str(tmp_path / "restored-media"),
        }
        done = subprocess.run(
            [sys.executable, "manage.py", "restore", str(tmp_path / "backup")],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "Restored and checked" in done.stdout
        yield name
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, settings, agency_factory):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("backup", "--to", str(tmp_path / "backup"))
    with pytest.raises(RestoreRefused):
        backup_restore(source=tmp_path / "backup")
