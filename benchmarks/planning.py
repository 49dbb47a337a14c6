"""Duplicate detection: quality on the labelled pairs, and time at 5,000–20,000 projects."""

import json
import statistics
import sys
import time

from .harness import gunicorn, prepare_database, setup_django, write_section, wrk
from .planning_data import AGENCIES, LABELLED_PATH, labelled_pairs, population

SIZES = [5_000, 10_000, 20_000]
SINGLE_RUNS = 20


def load_records(records: list[dict]) -> list[int]:
    """Store records as projects with what the services derive, in bulk (signals and search
    indexing are not what is measured here)."""
    from decimal import Decimal

    from django.contrib.gis.geos import Point

    from divisions.coordination.models import Agency
    from divisions.planning.models import Budget, Project
    from divisions.planning.services.projects import derived_fields

    agencies = {}
    for slug in AGENCIES:
        agencies[slug], _created = Agency.objects.get_or_create(
            slug=slug, defaults={"name_th": slug, "name_en": slug, "kind": "local"}
        )
    projects = []
    for record in records:
        title = record["title_th"]
        location = None
        if record["longitude"] is not None:
            location = Point(record["longitude"], record["latitude"], srid=4326)
        projects.append(
            Project(
                external_id=record["external_id"],
                agency=agencies[record["agency"]],
                title_th=title,
                objective_th=record["objective"],
                target_th=record["target"],
                target_group_th=record["target_group"],
                sector=record["sector"],
                province=record["province"],
                district=record["district"],
                subdistrict=record["subdistrict"],
                location=location,
                is_public=True,
                budget_total=Decimal(record["budget_thb"]),
                **derived_fields(
                    title=title,
                    objective=record["objective"],
                    target=record["target"],
                    province=record["province"],
                    district=record["district"],
                    subdistrict=record["subdistrict"],
                    village=record["village"],
                    years=[record["fiscal_year"]],
                ),  # fmt: skip
            )
        )
    projects = Project.objects.bulk_create(projects, batch_size=2000)
    Budget.objects.bulk_create(
        [
            Budget(
                project=project,
                fiscal_year=record["fiscal_year"],
                amount=Decimal(record["budget_thb"]),
            )  # fmt: skip
            for project, record in zip(projects, records, strict=True)
        ],
        batch_size=2000,
    )
    return [project.pk for project in projects]


def _clear() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE planning_projectpair, planning_budget, planning_project CASCADE")


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE planning_project")


def quality(pairs: list[dict]) -> dict:
    """Precision and recall of each band over the labelled pairs."""
    from divisions.planning.services import duplicates_find

    _clear()
    ids = load_records([record for pair in pairs for record in (pair["a"], pair["b"])])
    _analyze()
    found = {(c.first, c.second): c for c in duplicates_find()}
    results = []
    for index, pair in enumerate(pairs):
        a, b = sorted(ids[2 * index : 2 * index + 2])
        candidate = found.get((a, b))
        results.append((pair, candidate.band if candidate else "unrelated", candidate))
    truth = sum(1 for pair in pairs if pair["label"] == "duplicate")
    figures = {}
    for name, bands in (("probable", {"probable"}), ("probable+review", {"probable", "review"})):
        flagged = [r for r in results if r[1] in bands]
        correct = sum(1 for pair, _band, _c in flagged if pair["label"] == "duplicate")
        figures[name] = {
            "flagged": len(flagged),
            "precision": correct / len(flagged) if flagged else 0.0,
            "recall": correct / truth,
        }
    errors: dict[str, int] = {}
    for pair, band, _candidate in results:
        wrong = (pair["label"] == "duplicate") != (band in ("probable", "review"))
        if wrong:
            errors[pair["kind"]] = errors.get(pair["kind"], 0) + 1
    figures["errors"] = errors
    figures["pairs"] = len(pairs)
    figures["duplicates"] = truth
    return figures


def scale() -> list[dict]:
    from divisions.planning.models import Project
    from divisions.planning.services import duplicates_find

    rows = []
    for size in SIZES:
        _clear()
        load_records(population(size))
        _analyze()
        began = time.perf_counter()
        candidates = duplicates_find()
        full = time.perf_counter() - began
        flagged = sum(1 for c in candidates if c.band != "unrelated")
        newest = list(Project.objects.order_by("-pk").values_list("pk", flat=True)[:SINGLE_RUNS])
        single = []
        for pk in newest:
            began = time.perf_counter()
            duplicates_find(project_ids=[pk])
            single.append((time.perf_counter() - began) * 1000)
        rows.append({"size": size, "seconds": full, "candidates": len(candidates),
                     "flagged": flagged, "single_p50": statistics.median(single),
                     "single_max": max(single)})  # fmt: skip
        print(rows[-1], flush=True)
    return rows


def web() -> dict[str, dict[str, dict]]:
    """The public planning pages and read APIs over the 20,000 projects the scaling run left,
    uncached and with the page cache warm."""
    from django.core.cache import cache

    from divisions.planning.models import Project
    from eecportal.services import search_index_rebuild

    search_index_rebuild()
    cache.clear()
    _analyze()
    pk = Project.objects.order_by("pk").values_list("pk", flat=True)[10_000]
    paths = {
        "Project list with map, page 1 (th)": "/th/planning/",
        "Project list, year and sector filters (th)": "/th/planning/?year=2569&sector=water",
        "Project detail (en)": f"/en/planning/projects/{pk}/",
        "API project list (50 per page)": "/api/v1/planning/projects/",
        "OGC items, 100 projects": "/ogc/collections/planning-projects/items?limit=100",
    }
    results: dict[str, dict[str, dict]] = {name: {} for name in paths}
    for label, seconds in (("uncached", 0), ("page cache warm", 600)):
        with gunicorn(page_cache_seconds=seconds):
            for name, path in paths.items():
                results[name][label] = wrk(path)
                print(f"{label:16} {name:45} {results[name][label]['rps']:8.0f} req/s", flush=True)
    return results


def run() -> None:
    prepare_database()
    setup_django()
    test_set = json.loads(LABELLED_PATH.read_text(encoding="utf-8"))
    held_out = quality(test_set)
    print(json.dumps(held_out, indent=1), flush=True)
    timings = scale()
    pages = web()
    bands = ["probable", "probable+review"]
    quality_rows = "\n".join(
        f"| {name} | {held_out[name]['flagged']} | {held_out[name]['precision']:.3f} | "
        f"{held_out[name]['recall']:.3f} |"
        for name in bands
    )
    error_rows = ", ".join(f"{kind}: {n}" for kind, n in sorted(held_out["errors"].items()))
    timing_rows = "\n".join(
        f"| {row['size']:,} | {row['seconds']:.1f} | {row['candidates']:,} | {row['flagged']:,} | "
        f"{row['single_p50']:.0f} | {row['single_max']:.0f} |"
        for row in timings
    )
    page_rows = "\n".join(
        f"| {name} | {m['uncached']['rps']:.0f} | {m['uncached']['p50']} / "
        f"{m['uncached']['p99']} | {m['page cache warm']['rps']:.0f} | "
        f"{m['page cache warm']['p50']} / {m['page cache warm']['p99']} | "
        f"{m['uncached']['errors'] + m['page cache warm']['errors']} |"
        for name, m in pages.items()
    )
    write_section(
        "Plan integration: duplicate detection",
        f"""Quality on the labelled set in `tests/planning/data/labelled_pairs.json`
({held_out["pairs"]} pairs, {held_out["duplicates"]} of them duplicates; built by
`benchmarks/planning_data.py`, labelled by construction: the same piece of work written up by two
agencies, or two different pieces of work that look alike: another village of the same
subdistrict, another soi, another kind of work on the same route, another district, another
route). Weights and thresholds were tuned on pairs made with another seed, not on this set.
A labelled pair the blocking never proposed counts as "not related".

| Band | Pairs flagged | Precision | Recall |
|---|---:|---:|---:|
{quality_rows}

Target: precision ≥ 0.9 and recall ≥ 0.8 for "probable ∪ needs review".
Misjudged pairs by kind: {error_rows or "none"}.

Time on this 2-core machine: a full run (blocking in PostgreSQL, scoring in Python, pairs
written), and checking one project against all others (20 runs), over synthetic populations in
which about one piece of work in eight is written up twice.

| Projects | Full run, s | Candidate pairs | Kept for review | One project p50, ms | max, ms |
|---:|---:|---:|---:|---:|---:|
{timing_rows}

Target: a full run at 20,000 projects under 60 s, growing about linearly; one project under 1 s.
The run grows faster than linearly here: the synthetic populations spread over the same 135
subdistricts and five fiscal years, so each doubling doubles the projects in every block and
about quadruples the candidate pairs. Real growth (more agencies, areas and years) spreads
candidates over more blocks.

Public pages and read APIs over the 20,000 projects: gunicorn (3 sync workers, production
settings) and wrk (2 threads, 16 connections, 10 s a page) on this machine. The API and the
OGC API are not page-cached, so their two columns measure the same thing twice. Uncached,
these pages fall short of the 300 req/s target (the time goes to Django's template rendering
and DRF's serialisation, not SQL: 2–4 queries a page); with the page cache warm they pass
1,000 req/s.

| Page | uncached req/s | p50 / p99 | cache warm req/s | p50 / p99 | errors |
|---|---:|---|---:|---|---:|
{page_rows}""",
    )


def sheets_run() -> None:
    """Quality on the agencies' own sheets (hand-written, six layouts; `tests/planning/
    agency_sheets.py`), beside the generator's labelled pairs, in one run."""
    from tests.planning.agency_sheets import agencies_create, duplicate_quality, sheets_import

    prepare_database()
    setup_django()
    generated = quality(json.loads(LABELLED_PATH.read_text(encoding="utf-8")))
    _clear()
    agencies_create()
    jobs = sheets_import()
    assert all(job.status == "succeeded" for job in jobs), [job.report for job in jobs]
    sheets = duplicate_quality()
    print(json.dumps({"generated": generated, "sheets": sheets}, ensure_ascii=False, indent=1))
    _clear()
    bands = ["probable", "probable+review"]
    rows = "\n".join(
        f"| {name} | {sheets[name]['flagged']} | {sheets[name]['precision']:.3f} | "
        f"{sheets[name]['recall']:.3f} | {generated[name]['flagged']} | "
        f"{generated[name]['precision']:.3f} | {generated[name]['recall']:.3f} |"
        for name in bands
    )
    missed = "; ".join(sheets["probable+review"]["missed"]) or "none"
    wrong = "; ".join(sheets["probable+review"]["wrong"]) or "none"
    write_section(
        "Plan integration: duplicates in agencies' own sheets",
        f"""Six sheets written by hand the way agencies in Chon Buri and Rayong send them, not by
the generator whose pairs tuned the finder (`tests/planning/agency_sheets.py`: an SAO's ผ.02 with
title rows and headings over two merged rows, a municipality's ผ.02/2 in millions, the PAO's
planning-system export in Windows Thai, a provincial consolidation in English with Christian-era
years, a ผ.03 equipment list, a ผ.02/1 community plan), imported through the import service with
the analyst's mapping of their own words, then every pair of their {sheets["projects"]} projects
({sheets["pairs"]} pairs) judged: {sheets["duplicates"]} pairs labelled by hand as one piece of
work planned twice (the same road in four sheets, the same bridge in three, …), every other pair
as not, including look-alikes the sheets hold on purpose (the same road in another soi, another
subdistrict, another province; a sea wall in another village). Beside it, in the same run, the
generator's labelled set of the section above.

| Band | Sheets: flagged | precision | recall | Generated set: flagged | precision | recall |
|---|---:|---:|---:|---:|---:|---:|
{rows}

Missed (probable ∪ review): {missed}. Wrongly flagged: {wrong}.

How the figure came about: measured first on these sheets, the finder flagged 6 pairs, all right
(precision 1.00) but only 6 of the 19 (recall 0.32): its first block compared projects of one
subdistrict only when their sectors were equal, and the local plan's forms have no sector
column. Blocking now also compares projects of one subdistrict when either has no sector; the
figures above are after that one change, so this set has been used once to fix the finder and is
no longer unseen. The "probable" band alone catches about two in three; the rest, titles
reworded or half in English ("Concrete road Soi 5 … Moo 3"), reach "needs review" on place,
year and budget.""",
    )


def tune(seed: int = 1) -> None:
    """Quality on pairs made with another seed, for tuning without looking at the test set."""
    prepare_database()
    setup_django()
    print(json.dumps(quality(labelled_pairs(seed=seed)), indent=1))


if __name__ == "__main__":
    tune(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
