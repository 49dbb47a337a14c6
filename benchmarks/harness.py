"""Shared set-up for benchmarks: a separate database, a gunicorn on loopback, wrk as the load."""

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "eecportal_bench"
PORT = 8100
BASE_URL = f"http://127.0.0.1:{PORT}"
STATIC_ROOT = Path(tempfile.gettempdir()) / "eecportal-bench-static"

ENV = os.environ | {
    "DJANGO_SETTINGS_MODULE": "eecportal.settings.production",
    "SECRET_KEY": "benchmark-only-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "DATABASE_URL": f"postgis://eecportal:eecportal@127.0.0.1:5432/{DB_NAME}",
    "REDIS_URL": "redis://127.0.0.1:6379/14",
    "STATIC_ROOT": str(STATIC_ROOT),
    "LOG_LEVEL": "WARNING",
    # Every benchmark user comes from 127.0.0.1: per-address limits would answer 429 to the
    # load itself. They are raised, not switched off, so their Redis counting is measured.
    "RATE_LIMIT_SEARCH": "100000000",
    "RATE_LIMIT_DOWNLOAD": "100000000",
    "RATE_LIMIT_LOW_ZOOM_TILES": "100000000",
}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def prepare_database() -> None:
    """A fresh benchmark database made from the project's template, migrated."""
    from django.conf import settings

    if settings.configured:  # an earlier benchmark in this process holds a connection
        from django.db import connections

        connections.close_all()

    def psql(sql: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qc", sql], check=True)

    subprocess.run(["redis-cli", "-n", "14", "flushdb"], check=True, capture_output=True)
    psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{DB_NAME}" OWNER eecportal TEMPLATE eecportal_template')
    manage("migrate", "--noinput", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")


def setup_django() -> None:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@contextmanager
def server(command: list[str], *, cwd: Path, env: dict, probe: str, seconds: int = 60):
    """A server process on loopback, yielded once `probe` answers, stopped afterwards."""
    process = subprocess.Popen(command, cwd=cwd, env=env)
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(probe, timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def gunicorn(page_cache_seconds: int, workers: int = 3, extra_env: dict | None = None):
    env = ENV | {"PAGE_CACHE_SECONDS": str(page_cache_seconds)} | (extra_env or {})
    command = [sys.executable, "-m", "gunicorn", "eecportal.wsgi:application",
               "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers),
               "--log-level", "warning"]  # fmt: skip
    return server(command, cwd=ROOT, env=env, probe=f"{BASE_URL}/healthz")


def wrk(
    path: str,
    seconds: int = 10,
    connections: int = 16,
    *,
    base_url: str = BASE_URL,
    rotate: list[str] | None = None,
) -> dict:
    """Bounded load on loopback: one URL, or each of `rotate` in turn (so no answer is served
    from a cache warmed by the one before); requests/s and latency percentiles."""
    url = base_url + path
    urllib.request.urlopen(url, timeout=30).read()  # warm the connection pools
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if rotate:
            quoted = ", ".join(f'"{p}"' for p in rotate)
            script.write(
                f"paths = {{{quoted}}}\ni = 0\nrequest = function()\n"
                '  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n'
            )
        # wrk's own report stops at p90 and p99; p95 comes from its latency histogram.
        script.write(
            "done = function(summary, latency, requests)\n"
            '  io.write(string.format("p95 %.2fms\\n", latency:percentile(95) / 1000))\n'
            "end\n"
        )
        script.flush()
        command += ["-s", script.name]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    p95 = re.search(r"^p95 (\S+)", output, re.MULTILINE)

    def percentile(p: str) -> str:
        match = re.search(rf"^\s+{p}%\s+(\S+)", output, re.MULTILINE)
        return match.group(1) if match else "?"

    return {
        "rps": rps,
        "p50": percentile("50"),
        "p95": p95.group(1) if p95 else "?",
        "p99": percentile("99"),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
    }


def write_section(title: str, body: str) -> None:
    """Replace (or add) one section of docs/benchmarks.md, keeping the others."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n\nWritten by `make bench`.\n"
    pattern = re.compile(rf"\n## {re.escape(title)}\n.*?(?=\n## |\Z)", re.DOTALL)
    section = f"\n## {title}\n\n{body.strip()}\n"
    text = pattern.sub(lambda _m: section, text) if pattern.search(text) else text + section
    path.write_text(text)
