"""Reading planning records: who may see which projects is decided here, once, for every
channel (pages, API, map, OGC API, search, exports)."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from divisions.coordination.models import Agency
from divisions.coordination.selectors import AGENCY_NAME_FIELDS
from divisions.core.dashboard import StaffTask, staff_task
from divisions.core.fields import translated_columns
from divisions.core.geo import map_rows, page_address, translated
from divisions.core.jsonrows import json_rows, local_time

from .models import Participation, Project, ProjectImport, ProjectPair

RECENT = timedelta(days=30)  # failed imports older than this no longer wait for anyone


def _can_see_internal(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("planning.view_project"))


def project_public_list() -> QuerySet[Project]:
    """Public projects that stand on their own (a merged project lives on in its survivor)."""
    return Project.objects.filter(is_public=True).exclude(status=Project.Status.MERGED)


def project_teaser_list() -> QuerySet[Project]:
    """The newest public projects, with only what a teaser shows (the home page)."""
    return (
        project_public_list()
        .select_related(None)
        .prefetch_related(None)
        .only("title", "title_th", "title_en", "updated_at")
        .order_by("-updated_at")
    )


def project_agency_list(*, agency, user=None, limit: int = 20) -> list[Project]:
    """The projects an agency is responsible for or takes part in, as far as the user may
    see them; merged ones live on in their survivors."""
    # The agency's projects by index, as a subquery: "responsible OR taking part" in one
    # WHERE would make PostgreSQL walk every project to find an agency's few, and the ids
    # fetched first cost Python more than the page for an agency with thousands.
    ids = RawSQL(
        f"SELECT id FROM {Project._meta.db_table} WHERE agency_id = %s UNION "
        f"SELECT project_id FROM {Participation._meta.db_table} WHERE agency_id = %s",
        [agency.pk, agency.pk],
    )
    return list(
        project_list(user=user)
        .exclude(status=Project.Status.MERGED)
        .filter(pk__in=ids)
        .select_related(None)
        .only("title", "title_th", "title_en", "status", "fiscal_years")
        .order_by("-pk")[:limit]
    )


def project_list(*, user=None, filters: dict | None = None) -> QuerySet[Project]:
    """Projects the user may see, filtered by the list's facets."""
    projects = Project.objects.all() if _can_see_internal(user) else project_public_list()
    filters = filters or {}
    for name in ("province", "sector", "status"):
        if value := filters.get(name):
            projects = projects.filter(**{name: value})
    if agency := filters.get("agency"):
        projects = projects.filter(agency__slug=agency)
    if year := filters.get("year"):
        projects = projects.filter(fiscal_years__contains=[year])
    if text := filters.get("q"):
        projects = projects.filter(Q(title_th__icontains=text) | Q(title_en__icontains=text))
    return projects.select_related("agency")


# Derived columns for duplicate matching: never shown on a page.
MATCH_FIELDS = ("match_title", "match_title_words", "match_words", "match_area", "fiscal_reach")


def project_get(*, pk: int, user=None) -> Project:
    """The project with its plan, programme, budgets and participating agencies read (not
    merged_into: only staff see merged projects, and it is one query then)."""
    project = project_list(user=user).defer(*MATCH_FIELDS).get(pk=pk)
    prefetch_related_objects(
        [project],
        "plan",
        "programme__parent__parent",
        "budgets",
        Prefetch("participations", queryset=Participation.objects.select_related("agency")),
    )
    return project


def project_head_get(*, pk: int, user=None) -> Project:
    """What a project's page shows besides its kept body (its title, in both languages for
    the fallback): the whole row, its agency and related records are read for the body only
    when it is rendered (compiling and reading them was half of such a page, profiled)."""
    return (
        project_list(user=user).select_related(None).only(*translated_columns("title")).get(pk=pk)
    )


def project_agency_choices() -> list[tuple[str, str]]:
    """The agencies with public projects, as the project list's filter offers them."""
    agencies = Agency.objects.filter(Exists(project_public_list().filter(agency=OuterRef("pk"))))
    return [(agency.slug, str(agency)) for agency in agencies.only(*AGENCY_NAME_FIELDS)]


def project_survivor(*, pk: int, user=None) -> Project | None:
    """The project a public project was merged into, if the user may see that one."""
    merged_into = (
        Project.objects.filter(pk=pk, is_public=True, status=Project.Status.MERGED)
        .values_list("merged_into", flat=True)
        .first()
    )
    return project_list(user=user).filter(pk=merged_into).first() if merged_into else None


def project_links(*, project: Project, user=None) -> dict:
    """The MOUs and meetings a project links to, as far as the user may see them. (Its
    datasets are the spatial section's to show: the site's `project_datasets` tag.)"""
    from divisions.coordination.selectors import agreement_list, meeting_list

    return {
        "agreements": agreement_list(user=user).filter(planning_projects=project),
        "meetings": meeting_list(user=user).filter(planning_projects=project),
    }


def project_search_document(project: Project) -> dict:
    """How a public project reads in the site-wide search, in the active language."""
    return {
        "title": project.title,
        "summary": " · ".join(
            filter(None, [str(project.agency), project.province_label, project.district])
        ),  # fmt: skip
        "body": " ".join(filter(None, [project.objective, project.target])),
        "url": project.get_absolute_url(),
        "published_at": project.updated_at,
    }


def project_map_rows(*, user=None) -> QuerySet:
    """Projects with a place that the user may see (public ones for everyone, all of them for
    plan analysts; never merged ones), as the map and the OGC API read them."""
    return map_rows(
        project_list(user=user).exclude(status=Project.Status.MERGED),
        properties={
            "title": translated("title"),
            "agency": translated("agency__name"),
            "status": F("status"),
            "status_label": Case(
                *[
                    When(status=value, then=Value(str(label)))
                    for value, label in Project.Status.choices
                ],  # fmt: skip
                output_field=CharField(),
            ),
            "budget_thb": F("budget_total"),
            "fiscal_years": F("fiscal_years"),
            "url": page_address("planning:project-detail"),
        },
    )


def project_map_attributes() -> list[tuple[str, str, str]]:
    return [
        ("title", "string", _("Project")),
        ("agency", "string", _("Responsible agency")),
        ("status_label", "string", _("Status")),
        ("budget_thb", "number", _("Total budget (THB)")),
        ("url", "string", _("Page")),
    ]


_CURRENT_BUDGETS = """
WITH kinds AS (
    SELECT project_id, fiscal_year, kind, sum(amount) AS amount
    FROM planning_budget GROUP BY project_id, fiscal_year, kind
), current AS (
    SELECT DISTINCT ON (project_id, fiscal_year) project_id, fiscal_year, amount FROM kinds
    ORDER BY project_id, fiscal_year,
             CASE kind WHEN 'revised' THEN 0 WHEN 'ordinance' THEN 1 ELSE 2 END
)
SELECT {group}, sum(current.amount)
FROM current JOIN planning_project p ON p.id = current.project_id
WHERE p.status NOT IN ('merged', 'cancelled') {visible}
GROUP BY {group} ORDER BY {group}
"""
BUDGET_GROUPS = {"agency": "p.agency_id", "year": "current.fiscal_year", "sector": "p.sector",
                 "province": "p.province"}  # fmt: skip


def budget_totals(*, user=None, by: tuple[str, ...]) -> list[tuple]:
    """The budget that counts (revised over ordinance over planned) summed by the given
    dimensions (agency, year, sector, province); merged and cancelled projects left out."""
    group = ", ".join(BUDGET_GROUPS[name] for name in by)
    visible = "" if _can_see_internal(user) else "AND p.is_public"
    with connection.cursor() as cursor:
        cursor.execute(_CURRENT_BUDGETS.format(group=group, visible=visible))
        return cursor.fetchall()


def review_queue(
    *, band: str = "", agency_slug: str = "", year: int | None = None
) -> QuerySet[ProjectPair]:
    """Pairs waiting for an analyst, strongest first; decided pairs are never asked again.
    Narrowed to a band, to pairs of which either project is the agency's, or budgeted in the
    fiscal year."""
    pairs = ProjectPair.objects.filter(
        verdict="", band__in=[ProjectPair.Band.PROBABLE, ProjectPair.Band.REVIEW]
    ).exclude(Q(first__status=Project.Status.MERGED) | Q(second__status=Project.Status.MERGED))
    if band:
        pairs = pairs.filter(band=band)
    if agency_slug:
        pairs = pairs.filter(
            Q(first__agency__slug=agency_slug) | Q(second__agency__slug=agency_slug)
        )
    if year:
        pairs = pairs.filter(
            Q(first__fiscal_years__contains=[year]) | Q(second__fiscal_years__contains=[year])
        )
    return pairs.select_related("first__agency", "second__agency")


def review_queue_choices() -> dict[str, list[tuple[str, str]]]:
    """The agencies and fiscal years the waiting pairs involve, for the queue's filters."""
    from divisions.coordination.models import Agency

    waiting = review_queue()
    project_ids = waiting.values("first_id").union(waiting.values("second_id"))
    projects = Project.objects.filter(pk__in=project_ids)
    agencies = Agency.objects.filter(
        pk__in=projects.values("agency_id")
    ).order_by("name").values_list("slug", "name")  # fmt: skip
    years = sorted({year for years in projects.values_list("fiscal_years", flat=True)
                    for year in years})  # fmt: skip
    return {"agencies": list(agencies), "years": [(str(year), str(year)) for year in years]}


def duplicate_clusters() -> list[dict]:
    """Projects linked by unresolved candidate pairs, as groups; a group's budget at stake is
    what it plans beyond its largest project (the money that may be planned twice)."""
    pairs = list(review_queue().values_list("first_id", "second_id"))
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for pk in list(parent):
        groups[root(pk)].append(pk)
    projects = Project.objects.in_bulk([pk for members in groups.values() for pk in members])
    clusters = []
    for members in groups.values():
        items = sorted((projects[pk] for pk in members), key=lambda p: -p.budget_total)
        total = sum((p.budget_total for p in items), Decimal(0))
        clusters.append({"projects": items, "at_stake": total - items[0].budget_total})
    return sorted(clusters, key=lambda c: -c["at_stake"])


def projects_per_strategy(*, user=None) -> list[tuple[str, int]]:
    rows = (
        project_list(user=user)
        .exclude(status=Project.Status.MERGED)
        .values("programme__parent__parent__title")
        .annotate(count=Count("pk"))
        .order_by("-count")
    )
    return [(row["programme__parent__parent__title"] or _("No strategy given"), row["count"])
            for row in rows]  # fmt: skip


def report_rows(*, user=None) -> list[list]:
    """The integration report's project table: one row a project with its budget by year."""
    rows = []
    for project in (
        project_list(user=user)
        .exclude(status=Project.Status.MERGED)
        .order_by("agency__name", "title")
    ):
        rows.append([
            project.pk, project.external_id, project.title, str(project.agency),
            project.status_label, project.sector_label, project.province_label, project.district,
            project.subdistrict, project.village or "",
            ", ".join(str(y) for y in project.fiscal_years), float(project.budget_total),
        ])  # fmt: skip
    return rows


def staff_tasks(*, user) -> list[StaffTask]:
    """What waits for the user in plan integration: duplicate pairs, imports to finish."""
    if not user.has_perm("planning.change_projectpair"):
        return []
    undecided = ProjectPair.objects.filter(verdict="").count()
    failed = ProjectImport.objects.filter(
        status=ProjectImport.Status.FAILED, finished_at__gte=timezone.now() - RECENT
    ).count()
    return [
        staff_task(_("Possible duplicate projects to decide"), undecided, "planning:review"),
        staff_task(
            _("Project imports that failed or wait for values to be mapped (30 days)"), failed,
            "admin:planning_projectimport_changelist", "status__exact=failed",
        ),
    ]  # fmt: skip


def project_api_rows(*, ids: list[int], user=None, url: str = "") -> dict[int, str]:
    """The projects `ids` as the API lists them (ProjectSerializer.Meta.fields, in its order),
    written by PostgreSQL: decimals as strings and absent values null, as DRF writes them.
    The viewset (JSONRowsList) chose the ids the user may read."""
    from divisions.coordination.models import Agency

    from .models import Budget

    budgets = f"""COALESCE((
        SELECT json_agg(json_build_object('fiscal_year', b.fiscal_year, 'kind', b.kind,
                                          'source', b.source, 'amount', b.amount::text)
                        ORDER BY b.fiscal_year, b.kind)
        FROM {Budget._meta.db_table} b WHERE b.project_id = r.id), '[]'::json)"""
    participations = f"""COALESCE((
        SELECT json_agg(json_build_object('agency', pa.slug, 'role', pt.role) ORDER BY pt.id)
        FROM {Participation._meta.db_table} pt
        JOIN {Agency._meta.db_table} pa ON pa.id = pt.agency_id
        WHERE pt.project_id = r.id), '[]'::json)"""
    texts = ("title_th", "title_en", "objective_th", "objective_en", "target_th", "target_en",
             "kpi_th", "kpi_en", "form", "flagship", "sector", "target_industries", "status",
             "planned_start", "planned_end", "actual_start", "actual_end", "province",
             "district", "subdistrict", "village")  # fmt: skip
    fields = [
        ("id", "r.id"),
        ("external_id", "r.external_id"),
        ("agency", "a.slug"),
        ("plan", "r.plan_id"),
        *((name, f"r.{name}") for name in texts),
        ("location", "ST_AsGeoJSON(r.location, 15)::json"),
        ("is_public", "r.is_public"),
        ("fiscal_years", "r.fiscal_years"),
        ("budget_total", "r.budget_total::text"),
        ("budgets", budgets),
        ("participations", participations),
        ("merged_into", "r.merged_into_id"),
        ("updated_at", local_time("r.updated_at")),
    ]
    source = (f"{Project._meta.db_table} r "
              f"JOIN {Agency._meta.db_table} a ON a.id = r.agency_id")  # fmt: skip
    return json_rows(fields=fields, source=source, ids=ids, url=url)
