"""Writing projects: every save derives what duplicate detection reads, and queues a check."""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from divisions.core import gazetteer

from .. import matching
from ..models import Budget, Project

# Which figure of a fiscal year counts, when a project has several.
BUDGET_PRECEDENCE = [Budget.Kind.REVISED, Budget.Kind.ORDINANCE, Budget.Kind.PLANNED]


def budget_current(budgets) -> dict[int, Decimal]:
    """Each fiscal year's amount that counts: revised over ordinance over planned, summed
    over sources."""
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for budget in budgets:
        by_year[budget.fiscal_year][budget.kind] += budget.amount
    return {
        year: next(kinds[kind] for kind in BUDGET_PRECEDENCE if kind in kinds)
        for year, kinds in by_year.items()
    }


def derived_fields(*, title: str, objective: str, target: str, province: str, district: str,
                   subdistrict: str, village: int | None, years) -> dict:  # fmt: skip
    """What duplicate detection compares, from a project's own fields: areas by the
    gazetteer's codes where it knows the names, else by name."""
    area = matching.area_name(subdistrict)
    district_code, subdistrict_code = gazetteer.area_codes(province, district, subdistrict)
    if subdistrict_code:
        match_area = f"{province}/{district_code}/{subdistrict_code}"
    else:
        match_area = f"{province}/{matching.area_name(district)}/{area}" if area else ""
    return {
        "district_code": district_code,
        "subdistrict_code": subdistrict_code,
        "village": village if village is not None else matching.village_in(title),
        "match_title": matching.normalise(title),
        "match_title_words": matching.words(title),
        "match_words": matching.words(f"{objective} {target}"),
        "match_area": match_area,
        "fiscal_years": sorted(years),
        "fiscal_reach": matching.fiscal_reach(years),
    }


def project_derive(*, project: Project) -> None:
    """Refresh the fields duplicate detection compares (normalised title, words, area, fiscal
    years, total budget) from the project as it now stands."""
    years = budget_current(project.budgets.all())
    fields = derived_fields(
        title=project.title_th or project.title_en or project.title,
        objective=project.objective_th or project.objective or "",
        target=project.target_th or project.target or "",
        province=project.province,
        district=project.district,
        subdistrict=project.subdistrict,
        village=project.village,
        years=years,
    )
    Project.objects.filter(pk=project.pk).update(
        **fields, budget_total=sum(years.values(), Decimal(0))
    )
    project.village = fields["village"]


def project_save(*, project: Project, check_duplicates: bool = True) -> Project:
    """Validate and save a project (its budgets are saved by the caller, before or after:
    call project_derive again after changing them)."""
    project.full_clean()
    with transaction.atomic():
        project.save()
        project_derive(project=project)
        if check_duplicates:
            duplicates_check_later([project.pk])
    project.refresh_from_db()
    return project


@transaction.atomic
def project_budgets_set(*, project: Project, budgets: list[dict]) -> list[Budget]:
    """Replace a project's budgets (fiscal year, kind, source, amount), check every one, and
    refresh the totals and the duplicate check."""
    project.budgets.all().delete()
    created = []
    for fields in budgets:
        budget = Budget(project=project, **fields)
        budget.full_clean()
        budget.save()
        created.append(budget)
    project_derive(project=project)
    duplicates_check_later([project.pk])
    return created


def duplicates_check_later(project_ids: list[int]) -> None:
    """Score the projects against all others once the transaction has committed."""
    from ..tasks import duplicates_check_task

    ids = list(project_ids)
    transaction.on_commit(lambda: duplicates_check_task.delay(ids))
