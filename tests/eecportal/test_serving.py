"""How `make run` serves: gunicorn with a fixed number of workers, a Celery worker and beat
(`manage.py serve`). Under many concurrent readers the database sees a bounded number of
connections; when one of the processes dies, the whole run stops with an error instead of
going on without it."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ..conftest import ROOT

pytestmark = pytest.mark.django_db(transaction=True)
WEB_WORKERS, WORKER_CONCURRENCY, CLIENTS = 3, 2, 64


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _descendants(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every process under `pid`."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = [], {pid}
    while frontier:
        children = {child for child, parent in parents.items() if parent in frontier}
        for child in children:
            try:
                command = (Path("/proc") / str(child) / "cmdline").read_bytes()
            except OSError:
                continue
            found.append((child, command.replace(b"\0", b" ").decode()))
        frontier = children
    return found


def _connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.fixture
def portal(agency_factory, tmp_path):
    for n in range(30):
        agency_factory(name_en=f"Agency {n}")
    db = settings.DATABASES["default"]
    port = _free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "eecportal.settings.test",
        "DATABASE_URL": f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        # As `make run` does (local settings): cover images served by the portal itself.
        "SERVE_PUBLIC_MEDIA": "true",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    log = (tmp_path / "serve.log").open("wb")  # a pipe nobody reads would fill and stall it
    serve = subprocess.Popen(
        [sys.executable, "manage.py", "serve", f"--bind=127.0.0.1:{port}",
         f"--web-workers={WEB_WORKERS}", f"--worker-concurrency={WORKER_CONCURRENCY}"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    serve.log = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        serve.kill()
        pytest.fail("the portal did not start: " + serve.log.read_text()[-2000:])
    yield serve, base
    if serve.poll() is None:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=30)
    _wait_until_gone(serve.pid)
    log.close()


def _wait_until_gone(group: int) -> None:
    """Every process of the run has ended (and closed its database connection)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(group, signal.SIGKILL)


def test_many_concurrent_readers_use_a_bounded_number_of_database_connections(portal):
    serve, base = portal
    seen, stop = [], threading.Event()

    def sample():
        try:
            while not stop.is_set():
                seen.append(_connections())
                time.sleep(0.05)
        finally:
            connection.close()  # this thread's own

    def reader(n: int) -> list[int]:
        statuses = []
        for page in range(8):  # different addresses: no page is served from a cache
            url = f"{base}/api/v1/agencies/?limit=5&offset={(n * 8 + page) % 30}"
            with urllib.request.urlopen(url, timeout=60) as response:
                statuses.append(response.status)
        return statuses

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        with ThreadPoolExecutor(CLIENTS) as pool:
            statuses = [s for answer in pool.map(reader, range(CLIENTS)) for s in answer]
    finally:
        stop.set()
        sampler.join()

    assert statuses == [200] * CLIENTS * 8
    # One per web worker, one per worker child, beat, and the worker's own: nowhere near 64.
    assert max(seen) <= WEB_WORKERS + WORKER_CONCURRENCY + 3, max(seen)
    assert serve.poll() is None


def test_when_beat_dies_the_whole_run_stops_with_an_error(portal):
    serve, base = portal
    beats = [pid for pid, command in _descendants(serve.pid) if " beat " in command]
    assert beats, _descendants(serve.pid)

    for pid in beats:
        os.kill(pid, signal.SIGKILL)

    assert serve.wait(timeout=60) != 0
    assert "The portal stopped" in serve.log.read_text()
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/healthz", timeout=2)


def test_cover_images_are_served_and_no_other_upload_is(portal):
    serve, base = portal
    media = serve.log.parent / "media"
    (media / "knowledge" / "covers" / "a1").mkdir(parents=True)
    (media / "knowledge" / "covers" / "a1" / "port.jpg").write_bytes(b"\xff\xd8cover")
    (media / "coordination" / "b2").mkdir(parents=True)
    (media / "coordination" / "b2" / "draft.pdf").write_bytes(b"%PDF internal")

    with urllib.request.urlopen(f"{base}/media/knowledge/covers/a1/port.jpg") as response:
        assert response.read() == b"\xff\xd8cover"
    covers = "/media/knowledge/covers"
    for path in ("/media/coordination/b2/draft.pdf",
                 f"{covers}/../../coordination/b2/draft.pdf",
                 f"{covers}/a1/..%2f..%2f..%2fcoordination/b2/draft.pdf"):  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + path)
        assert refused.value.code in (400, 404), path
