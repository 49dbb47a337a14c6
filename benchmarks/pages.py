"""Every public page and list API under load with the page cache off, each beside a trivial
view of the same server measured in alternating rounds, then the pages with the cache warm;
and where the time of each page goes, from a profile of it in one process."""

import cProfile
import platform
import pstats
import statistics
import subprocess
import time
from urllib.parse import urlencode

from .harness import gunicorn, manage, prepare_database, setup_django, write_section, wrk

AGENCIES = 2000
ITEMS = 2000
PROJECTS = 5000
TRIVIAL = "/robots.txt"  # the whole middleware stack and a response built in Python
ROUNDS = 2
SECONDS = 4
GOAL_RPS = 300
GOAL_RATIO = 0.2
PROFILED = 4  # pages profiled when none is short of a goal: the slowest beside the trivial view


def load_data() -> None:
    from django.db import connection

    from divisions.coordination.models import Agency

    from . import coordination, knowledge, planning
    from .planning_data import population

    manage("load_demo")
    provinces = ["TH-20", "TH-21", "TH-24"]
    Agency.objects.bulk_create(
        Agency(
            slug=f"registry-{n}",
            name_th=f"องค์การบริหารส่วนตำบลทดสอบ {n}",
            name_en=f"Test Subdistrict Administrative Organization {n}",
            kind=Agency.Kind.LOCAL,
            province=provinces[n % 3],
        )
        for n in range(AGENCIES)
    )
    coordination.load_data()
    planning.load_records(population(PROJECTS))
    knowledge.load_items(ITEMS)  # rebuilds the search index of everything above
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def paths() -> dict[str, str]:
    """One address of every kind of public page and list API, on the data loaded; records
    are taken from the sitemap's own lists, so they are public by the portal's rules."""
    from django.utils import translation

    from divisions.spatial.models import Layer
    from eecportal.sitemaps import SITEMAPS

    def url(section: str, language: str) -> str:
        sitemap = SITEMAPS[section]()
        record = sitemap.items()[0]
        with translation.override(language):
            return sitemap.location(record)

    layer = Layer.objects.filter(version__gt=0).order_by("pk").values_list("slug", flat=True)[0]
    return {
        "Home (th)": "/th/",
        "Search `ชลบุรี` (th)": "/th/search/?" + urlencode({"q": "ชลบุรี"}),
        "Search `EEC investment` (en)": "/en/search/?" + urlencode({"q": "EEC investment"}),
        "News list (th)": "/th/knowledge/news/",
        "News list, page 5 (en)": "/en/knowledge/news/?page=5",
        "Knowledge home (th)": "/th/knowledge/",
        "Item (th)": url("knowledge", "th"),
        "Item (en)": url("knowledge", "en"),
        "Consultations (th)": "/th/knowledge/consultations/",
        "Consultation (th)": url("consultations", "th"),
        "Service manuals (th)": "/th/knowledge/manuals/",
        "Service manual (en)": url("manuals", "en"),
        "News feed (Atom)": "/th/knowledge/feed/atom/",
        "Agency list (th)": "/th/coordination/",
        "Agency list, province filter (en)": "/en/coordination/?province=TH-21",
        "Agency (en)": url("agencies", "en"),
        "Meetings (th)": "/th/coordination/meetings/",
        "Meeting (th)": url("meetings", "th"),
        "Agreements (th)": "/th/coordination/agreements/",
        "Agreement (en)": url("agreements", "en"),
        "Catalog (th)": "/th/spatial/",
        "Catalog, grade filter (en)": "/en/spatial/?quality=A",
        "Dataset (th)": url("datasets", "th"),
        "Map (th)": "/th/spatial/map/",
        "Projects (th)": "/th/planning/",
        "Projects, year and sector (th)": "/th/planning/?year=2569&sector=water",
        "Project (en)": url("projects", "en"),
        "API agencies": "/api/v1/agencies/",
        "API meetings": "/api/v1/coordination/meetings/",
        "API agreements": "/api/v1/coordination/agreements/",
        "API knowledge items": "/api/v1/knowledge/items/",
        "API projects": "/api/v1/planning/projects/",
        "OGC items of a layer (100)": f"/ogc/collections/{layer}/items?limit=100",
        "OGC items of projects (100)": "/ogc/collections/planning-projects/items?limit=100",
        "CKAN package_search": "/api/3/action/package_search?rows=20",
        "DCAT catalog (Turtle)": "/catalog.ttl",
        "data.json": "/data.json",
    }


def measure(pages: dict[str, str]) -> dict[str, dict]:
    """Uncached: each page in ROUNDS rounds, each round the trivial view then the page, so
    the ratio compares two figures taken moments apart on a noisy machine."""
    results = {}
    with gunicorn(page_cache_seconds=0):
        for name, path in pages.items():
            rounds = []
            for _ in range(ROUNDS):
                trivial = wrk(TRIVIAL, seconds=SECONDS)
                page = wrk(path, seconds=SECONDS)
                rounds.append((page, page["rps"] / trivial["rps"]))
            best = max(rounds, key=lambda pair: pair[0]["rps"])[0]
            results[name] = best | {
                "rps": statistics.median(page["rps"] for page, _ in rounds),
                "ratio": statistics.median(ratio for _, ratio in rounds),
                "errors": sum(page["errors"] for page, _ in rounds),
            }
            print(f"uncached {name:40} {results[name]['rps']:7.0f} req/s "
                  f"{results[name]['ratio']:.2f}x", flush=True)  # fmt: skip
    with gunicorn(page_cache_seconds=600):
        for name, path in pages.items():
            results[name]["warm"] = wrk(path, seconds=3)["rps"]
    return results


CATEGORIES = {
    "SQL": ("django/db/backends/utils.py", "_execute"),
    "templates": ("django/template/base.py", "render"),
    "serialisation": ("rest_framework/serializers.py", "data"),
}


def profile(path: str, requests: int = 40) -> dict[str, float]:
    """Milliseconds a request of the page spends in all, running SQL, rendering templates
    (SQL run from a template counted there too) and in DRF serialisers, from cProfile over
    `requests` requests through Django's test client (in one process, so no network)."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    total = max(cumulative for (_c, _n, _t, cumulative, _callers) in stats.values())
    found = dict.fromkeys(CATEGORIES, 0.0)
    for (filename, _line, function), (_c, _n, _t, cumulative, _callers) in stats.items():
        for category, (file_end, name) in CATEGORIES.items():
            if filename.endswith(file_end) and function == name:
                found[category] = max(found[category], cumulative)
    return {"total": total * 1000 / requests} | {
        category: seconds * 1000 / requests for category, seconds in found.items()
    }


def fragments_cold_and_warm(path: str, requests: int = 20) -> tuple[float, float]:
    """Milliseconds a request in one process (Django's test client) with every kept fragment
    stale (the content generation bumped before each request, as after any edit) and kept."""
    from django.test import Client

    from eecportal.pagecache import page_cache_bump

    client = Client(HTTP_HOST="127.0.0.1")
    times = {}
    for cold in (True, False):
        client.get(path)
        total = 0.0
        for _ in range(requests):
            if cold:
                page_cache_bump()
            start = time.perf_counter()
            client.get(path)
            total += time.perf_counter() - start
        times[cold] = total * 1000 / requests
    return times[True], times[False]


def run() -> None:
    prepare_database()
    setup_django()
    from django.conf import settings

    settings.PAGE_CACHE_SECONDS = 0
    load_data()
    pages = paths()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in pages.items():
        status = client.get(path).status_code
        assert status == 200, f"{name} ({path}) answered {status}"
    results = measure(pages)
    slow = [
        name
        for name, result in results.items()
        if result["rps"] < GOAL_RPS or result["ratio"] < GOAL_RATIO
    ]
    # Where the time goes: of the pages short of a goal, or else of the slowest beside the
    # trivial view.
    profiled = slow or sorted(results, key=lambda name: results[name]["ratio"])[:PROFILED]
    profiles = {name: profile(pages[name]) for name in profiled}
    in_process = {name: fragments_cold_and_warm(path) for name, path in pages.items()}

    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    rows = [
        "| Page | uncached req/s | × trivial view | p50 / p99 | cache warm req/s | errors "
        "| one process, fragments stale / kept |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for name, r in results.items():
        mark = "" if r["rps"] >= GOAL_RPS and r["ratio"] >= GOAL_RATIO else " ✗"
        rows.append(
            f"| {name}{mark} | {r['rps']:.0f} | {r['ratio']:.2f} | {r['p50']} / {r['p99']} | "
            f"{r['warm']:.0f} | {r['errors']} | "
            f"{in_process[name][0]:.1f} / {in_process[name][1]:.1f} ms |"
        )
    profile_rows = [
        "| Page | ms a request | SQL | templates | DRF serialisers | the rest |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, p in profiles.items():
        rest = p["total"] - max(p["SQL"], p["templates"]) - p["serialisation"]
        profile_rows.append(
            f"| {name} | {p['total']:.1f} | {p['SQL']:.1f} | {p['templates']:.1f} | "
            f"{p['serialisation']:.1f} | {max(rest, 0):.1f} |"
        )
    body = (
        f"The demo content, plus {AGENCIES:,} agencies, {ITEMS:,} news items, {PROJECTS:,} "
        "projects, 10,000 meetings and 2,000 agreements. gunicorn (3 sync workers, production "
        f"settings) and wrk (2 threads, 16 connections) share this {cpu}-core machine "
        f"({platform.python_implementation()} {platform.python_version()}). Uncached: page "
        f"cache off, {ROUNDS} rounds of {SECONDS} s a page, each after {SECONDS} s of "
        f"`{TRIVIAL}` (the middleware stack and a response built in Python) on the same "
        "server; the median of the rounds, and the median of the page's rate over the "
        "trivial view's in each round. Uncached means the whole-page cache is off; the "
        "fragments kept per record (list rows, detail pages' records and bodies, filter "
        "choices) and the values kept per query (a search's ranked keys, a list's count and "
        "its page's keys for each set of filters, a live map collection's pages) are on, as "
        "in production, in Redis and in each worker's memory (checked "
        "against the content generation every request reads), and kept after a page's "
        "first request, so a search row measures a "
        "query searched before (or its next page): the last column gives each page's time "
        "in one process with them all stale (every request after an edit of any public "
        "record, and a query's or a filter's first reader) and kept. Cache warm: 3 s a page. "
        "APIs are not page-cached.\n\n"
        f"Goals: ≥ {GOAL_RPS} req/s and ≥ {GOAL_RATIO}× the trivial view uncached (✗ marks a "
        "page short of either), ≥ 1,000 req/s with the cache warm.\n\n"
        + "\n".join(rows)
        + "\n\nWhere the time goes, of "
        + (
            "each page short of a goal"
            if slow
            else f"the {PROFILED} pages slowest beside the trivial view (none is short of a goal)"
        )
        + ": cProfile over 40 requests "
        "through Django's test client in one process (no network, no gunicorn), "
        "milliseconds a request. SQL is the time in the database driver's calls; templates "
        "is the time rendering, including the SQL that lazy querysets run from a template; "
        "the rest is URL routing, middleware, the view's Python and response building.\n\n"
        + "\n".join(profile_rows)
    )
    write_section("Public pages", body)
