"""Fixtures shared by the whole suite: real PostgreSQL/PostGIS and Redis, no mocks."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone, translation

from divisions.coordination.models import Agency
from divisions.coordination.services import agency_upsert
from divisions.knowledge.models import Item, Topic
from divisions.knowledge.services import item_publish, item_save

ROOT = Path(__file__).resolve().parent.parent
# Each section's fixtures, for its own tests and the browser tests alike.
pytest_plugins = [
    "tests.spatial.fixtures",
    "tests.planning.fixtures",
    "tests.coordination.fixtures",
]


@pytest.fixture(autouse=True)
def _clear_cache():
    # Transactional tests flush content types, which come back under new ids: forget the ones
    # this process cached, or the next search-index write points at a row that is gone.
    ContentType.objects.clear_cache()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the test thread: start each test in Thai."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush the database afterwards, data migrations' rows included:
    put the role groups and topics back for the tests that run after them."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    from eecportal.roles import roles_sync

    roles_sync(apps)
    import_module("divisions.knowledge.migrations.0002_topics").create_topics(apps, None)


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
def staff_member(db):
    """A member of staff in one of the portal's roles (its group's English name)."""
    from django.contrib.auth.models import Group, User

    def make(username: str, role: str) -> User:
        user = User.objects.create_user(username, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def item_factory(db):
    """Knowledge items; published (by the system) unless another status is asked for."""
    counter = iter(range(1, 1_000_000))

    def make(*, status: str = Item.Status.PUBLISHED, topics: tuple[str, ...] = (), **fields):
        n = next(counter)
        defaults = {
            "kind": Item.Kind.NEWS,
            "title_th": f"ข่าวทดสอบที่ {n}",
            "title_en": f"Test news {n}",
            "summary_th": "สรุปข่าว",
            "summary_en": "Summary",
            "provinces": ["TH-20"],
        }
        item = item_save(
            item=Item(**(defaults | fields)),
            user=None,
            topics=Topic.objects.filter(slug__in=topics),
        )
        if status in (Item.Status.PUBLISHED, Item.Status.SCHEDULED):
            item_publish(item=item, user=None)
        elif status != Item.Status.DRAFT:
            Item.objects.filter(pk=item.pk).update(status=status)
            item.refresh_from_db()
        return item

    return make


@pytest.fixture
def past():
    return timezone.now() - timezone.timedelta(days=30)


def celery_worker_start(**extra_env) -> subprocess.Popen:
    """A real Celery worker process on the test Redis broker and the test database, once it
    answers a ping."""
    db = settings.DATABASES["default"]
    env = (
        os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "eecportal.settings.test",
            "DATABASE_URL": (
                f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            ),
        }
        | extra_env
    )
    from eecportal.celery import app

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
        if app.control.ping(timeout=1.0):
            return worker
    worker.kill()
    pytest.fail("the Celery worker did not answer within 60 s")


@pytest.fixture
def celery_worker_process(transactional_db):
    from eecportal.celery import app

    app.control.purge()
    worker = celery_worker_start()
    yield worker
    worker.terminate()
    worker.wait(timeout=30)
