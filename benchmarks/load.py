"""A bounded load test on loopback: 50 concurrent users for 2 minutes over the public pages,
search, map tiles and OGC items of the demo site, uncached and with the page cache warm."""

import platform
from urllib.parse import urlencode

from .harness import gunicorn, manage, prepare_database, write_section, wrk

USERS = 50
SECONDS = 120
PATHS = [
    "/th/", "/en/", "/th/knowledge/news/", "/th/spatial/", "/th/coordination/agreements/",
    "/th/planning/", "/en/planning/projects/1/", "/th/search/?" + urlencode({"q": "ชลบุรี"}),
    "/en/search/?q=investment", "/ogc/collections/planning-projects/items?limit=50",
    "/ogc/collections/planning-projects/tiles/WebMercatorQuad/8/118/199",
    "/ogc/collections/coordination-partners/tiles/WebMercatorQuad/3/3/6",
    "/api/v1/planning/projects/",
]  # fmt: skip


def run() -> None:
    prepare_database()
    manage("load_demo")
    results = {}
    for label, cache_seconds in (("uncached", 0), ("page cache warm", 600)):
        with gunicorn(page_cache_seconds=cache_seconds):
            results[label] = wrk(PATHS[0], SECONDS, USERS, rotate=PATHS)
            print(label, results[label], flush=True)
    rows = "\n".join(
        f"| {label} | {r['rps']:.0f} | {r['p50']} | {r['p95']} | {r['p99']} | {r['errors']} |"
        for label, r in results.items()
    )
    write_section(
        "Load test: 50 users for 2 minutes",
        f"""The demo site; {USERS} concurrent connections for {SECONDS} s each run, every request
the next of {len(PATHS)} addresses in turn: home pages, lists, a project page, Thai and English
search, OGC items, vector tiles of two live collections and the projects API. gunicorn (3 sync
workers, production settings) and wrk (2 threads) share this 2-core machine
({platform.python_implementation()} {platform.python_version()}); `python -m benchmarks load`.

| Run | req/s | p50 | p95 | p99 | errors (non-2xx/3xx and socket) |
|---|---:|---:|---:|---:|---:|
{rows}

The API, the OGC API and tiles of live collections are never page-cached, so the warm run
still renders those on every request.""",
    )
