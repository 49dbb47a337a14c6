"""Fixtures shared by the whole suite: real PostgreSQL/PostGIS and Redis, no mocks."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from divisions.coordination.models import Agency
from divisions.coordination.services import agency_upsert

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency_factory(db):
    counter = iter(range(1, 1_000_000))

    def make(**fields) -> Agency:
        n = next(counter)
        defaults = {
            "slug": f"agency-{n}",
            "name_th": f"หน่วยงานทดสอบที่ {n}",
            "name_en": f"Test agency {n}",
            "kind": Agency.Kind.LOCAL,
            "province": "TH-20",
        }
        return agency_upsert(**(defaults | fields))

    return make


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real Celery worker process on the test Redis broker and the test database."""
    db = settings.DATABASES["default"]
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "eecportal.settings.test",
        "DATABASE_URL": (
            f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }
    from eecportal.celery import app

    app.control.purge()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "eecportal",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail("the Celery worker exited at start-up")
        replies = app.control.ping(timeout=1.0)
        if replies:
            break
    else:
        worker.kill()
        pytest.fail("the Celery worker did not answer within 60 s")
    yield worker
    worker.terminate()
    worker.wait(timeout=30)
