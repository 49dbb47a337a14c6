"""Public pages and API under load, uncached and with the page cache warm."""

import platform
import subprocess
from urllib.parse import urlencode

from .harness import gunicorn, prepare_database, setup_django, write_section, wrk

AGENCIES = 2000


def load_data() -> str:
    from django.db import connection

    from divisions.coordination.models import Agency
    from eecportal.services import search_index_rebuild

    provinces = ["TH-20", "TH-21", "TH-24"]
    Agency.objects.bulk_create(
        Agency(
            slug=f"agency-{n}",
            name_th=f"องค์การบริหารส่วนตำบลทดสอบ {n}",
            name_en=f"Test Subdistrict Administrative Organization {n}",
            kind=Agency.Kind.LOCAL,
            province=provinces[n % 3],
        )
        for n in range(AGENCIES)
    )
    search_index_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return Agency.objects.order_by("pk").values_list("slug", flat=True)[AGENCIES // 2]


def run() -> None:
    prepare_database()
    setup_django()
    slug = load_data()
    paths = {
        "Home (th)": "/th/",
        "Agency list, page 1 of 67 (th)": "/th/coordination/",
        "Agency detail (en)": f"/en/coordination/agencies/{slug}/",
        "Search `ชลบุรี` (th)": "/th/search/?" + urlencode({"q": "ชลบุรี"}),
        "API agency list (50 per page)": "/api/v1/agencies/",
    }
    results: dict[str, dict[str, dict]] = {name: {} for name in paths}
    for label, seconds in (("uncached", 0), ("page cache warm", 600)):
        with gunicorn(page_cache_seconds=seconds):
            for name, path in paths.items():
                results[name][label] = wrk(path)
                print(f"{label:16} {name:40} {results[name][label]['rps']:8.0f} req/s")

    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    rows = [
        "| Page | uncached req/s | p50 / p99 | cache warm req/s | p50 / p99 | errors |",
        "|---|---:|---|---:|---|---:|",
    ]
    for name, by_mode in results.items():
        u, c = by_mode["uncached"], by_mode["page cache warm"]
        rows.append(
            f"| {name} | {u['rps']:.0f} | {u['p50']} / {u['p99']} | {c['rps']:.0f} | "
            f"{c['p50']} / {c['p99']} | {u['errors'] + c['errors']} |"
        )
    body = (
        f"{AGENCIES} agencies in the registry. gunicorn (3 sync workers, production settings) "
        f"and wrk (2 threads, 16 connections, 10 s per page) share this {cpu}-core machine "
        f"({platform.python_implementation()} {platform.python_version()}). The API is not "
        "page-cached, so its two columns measure the same thing twice.\n\n"
        "Targets: ≥ 300 req/s uncached, ≥ 1,000 req/s with the page cache warm.\n\n"
        + "\n".join(rows)
    )
    write_section("Public pages", body)
