import hashlib
import os
import subprocess
import sys
import uuid

import pytest
from django.core.management import call_command

from divisions.coordination.models import Agency
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
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, settings, agency_factory):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("backup", "--to", str(tmp_path / "backup"))
    with pytest.raises(RestoreRefused):
        backup_restore(source=tmp_path / "backup")
