"""Finding projects planned twice: blocking picks candidate pairs in SQL (similar titles
through the pg_trgm index; same district and fiscal year; or close on the map), the score in
`matching` ranks them, and analysts' decisions stay with each pair."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from divisions.core.signals import records_changed

from .. import matching
from ..models import Participation, Project, ProjectPair
from .projects import project_derive

# Candidate pairs, in three blocks. Projects whose subdistricts are known and differ can never
# be duplicates (the score's gate), so comparisons stay inside a subdistrict: (1) one sector in
# one subdistrict (or no sector given: the local plan's forms have no sector column), budgeted
# within a year of each other; (2) about a kilometre apart with
# somewhat similar titles; (3) for a project whose subdistrict is not known, similar titles
# anywhere (pg_trgm's index).
TITLE_BLOCK = 0.5
NEARBY_BLOCK = 0.25
NEARBY_DEGREES = 0.01

_CANDIDATES = """
WITH pairs AS (
    SELECT a.id AS a, b.id AS b FROM planning_project a
    JOIN planning_project b ON a.match_area = b.match_area
     AND (a.sector = b.sector OR a.sector = '' OR b.sector = '')
     AND a.fiscal_reach && b.fiscal_years
    WHERE a.match_area <> '' AND {scope}
  UNION
    SELECT a.id, b.id FROM planning_project a
    JOIN planning_project b ON ST_DWithin(a.location, b.location, %(degrees)s)
     AND similarity(a.match_title, b.match_title) >= %(nearby)s
    WHERE a.location IS NOT NULL AND {scope}
  UNION
    SELECT a.id, b.id FROM planning_project a
    JOIN planning_project b ON a.match_title %% b.match_title
    WHERE {unplaced} AND {scope_any}
)
SELECT DISTINCT LEAST(pairs.a, pairs.b), GREATEST(pairs.a, pairs.b),
       similarity(x.match_title, y.match_title),
       CASE WHEN x.location IS NOT NULL AND y.location IS NOT NULL
            THEN ST_Distance(x.location::geography, y.location::geography) END
FROM pairs
JOIN planning_project x ON x.id = LEAST(pairs.a, pairs.b)
JOIN planning_project y ON y.id = GREATEST(pairs.a, pairs.b)
"""
_LIVE = "{t}.status <> 'merged' AND {t}.match_title <> ''"
# Projects in two different villages are never duplicates: no need to score them.
_SAME_VILLAGE = "(a.village IS NULL OR b.village IS NULL OR a.village = b.village)"


@dataclass(frozen=True)
class Candidate:
    first: int
    second: int
    score: float
    band: str
    signals: dict


def _candidate_rows(project_ids: list[int] | None) -> list[tuple]:
    live = " AND ".join([_LIVE.format(t="a"), _LIVE.format(t="b"), _SAME_VILLAGE])
    if project_ids is None:
        scope, scope_any = f"{live} AND a.id < b.id", f"{live} AND a.id <> b.id"
        unplaced = "a.match_area = ''"
    else:
        scope = scope_any = f"{live} AND a.id = ANY(%(ids)s) AND a.id <> b.id"
        unplaced = "(a.match_area = '' OR b.match_area = '')"
    sql = _CANDIDATES.format(scope=scope, scope_any=scope_any, unplaced=unplaced)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [TITLE_BLOCK])
        cursor.execute(
            sql,
            {"ids": project_ids, "nearby": NEARBY_BLOCK, "degrees": NEARBY_DEGREES},
        )
        return cursor.fetchall()


def _facts(ids: set[int]) -> dict[int, matching.Facts]:
    rows = Project.objects.filter(pk__in=ids).values_list(
        "pk", "title_th", "match_title", "match_title_words", "province", "district",
        "subdistrict", "district_code", "subdistrict_code", "village", "match_words",
        "fiscal_years", "budget_total", "target_group_th",
    )  # fmt: skip
    facts = {}
    for (pk, title, match_title, title_words, province, district, subdistrict, district_code,
         subdistrict_code, village, words, years, budget, group) in rows:  # fmt: skip
        facts[pk] = matching.Facts(
            id=pk,
            title=match_title,
            kind=matching.work_kind(match_title),
            places=matching.named_places(title or ""),
            sois=matching.soi_numbers(match_title),
            title_words=frozenset(title_words),
            province=province,
            district=matching.area_name(district),
            subdistrict=matching.area_name(subdistrict),
            district_code=district_code,
            subdistrict_code=subdistrict_code,
            village=village,
            words=frozenset(words),
            fiscal_years=frozenset(years),
            budget=float(budget),
            target_group=matching.normalise(group or ""),
        )
    return facts


def candidates_score(project_ids: list[int] | None = None) -> list[Candidate]:
    """Every candidate pair (all projects, or those involving `project_ids`), scored."""
    rows = _candidate_rows(project_ids)
    facts = _facts({pk for row in rows for pk in row[:2]})
    scored = []
    for first, second, title, distance in rows:
        value, band, signals = matching.score(
            facts[first], facts[second], title=title, distance_m=distance
        )
        scored.append(Candidate(first, second, value, band, signals))
    return scored


@transaction.atomic
def duplicates_find(*, project_ids: list[int] | None = None) -> list[Candidate]:
    """Score candidates and keep the pairs worth a look; a pair no longer a candidate is
    dropped unless an analyst has decided it. Decisions are never touched."""
    candidates = candidates_score(project_ids)
    kept = [c for c in candidates if c.band != ProjectPair.Band.UNRELATED]
    ProjectPair.objects.bulk_create(
        [
            ProjectPair(
                first_id=c.first, second_id=c.second, score=c.score, band=c.band, signals=c.signals
            )  # fmt: skip
            for c in kept
        ],
        update_conflicts=True,
        unique_fields=["first", "second"],
        update_fields=["score", "band", "signals", "scored_at"],
        batch_size=2000,
    )
    stale = ProjectPair.objects.filter(verdict="")
    if project_ids is not None:
        stale = stale.filter(Q(first_id__in=project_ids) | Q(second_id__in=project_ids))
    keep = {(c.first, c.second) for c in kept}
    stale_ids = [pk for pk, a, b in stale.values_list("pk", "first_id", "second_id")
                 if (a, b) not in keep]  # fmt: skip
    ProjectPair.objects.filter(pk__in=stale_ids).delete()
    return candidates


def pair_decide(*, pair: ProjectPair, verdict: str, reason: str, user) -> ProjectPair:
    if verdict not in ProjectPair.Verdict.values:
        raise ValidationError(_("Choose a decision."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the decision."))
    pair.verdict, pair.reason = verdict, reason.strip()
    pair.decided_by, pair.decided_at = user, timezone.now()
    pair.save(update_fields=["verdict", "reason", "decided_by", "decided_at"])
    return pair


@transaction.atomic
def project_merge(*, pair: ProjectPair, survivor: Project, reason: str, user) -> Project:
    """Merge a confirmed duplicate into the project that stays: the other one is kept as a
    record, marked merged and pointing at the survivor; its agency joins the survivor as an
    implementing agency and its links (MOUs, meetings, datasets) move over. Budgets stay with
    each project so no money is counted twice."""
    pair = ProjectPair.objects.select_for_update().get(pk=pair.pk)
    if survivor.pk not in (pair.first_id, pair.second_id):
        raise ValidationError(_("The project that stays must be one of the pair."))
    merged_id = pair.second_id if survivor.pk == pair.first_id else pair.first_id
    merged = Project.objects.select_for_update().get(pk=merged_id)
    if merged.status == Project.Status.MERGED or survivor.status == Project.Status.MERGED:
        raise ValidationError(_("One of these projects has already been merged."))
    pair_decide(pair=pair, verdict=ProjectPair.Verdict.DUPLICATE, reason=reason, user=user)
    if merged.agency_id != survivor.agency_id:
        Participation.objects.get_or_create(
            project=survivor, agency_id=merged.agency_id, role=Participation.Role.IMPLEMENTING
        )
    for participation in merged.participations.exclude(agency_id=survivor.agency_id):
        Participation.objects.get_or_create(
            project=survivor, agency_id=participation.agency_id, role=participation.role
        )
    survivor.agreements.add(*merged.agreements.all())
    survivor.meetings.add(*merged.meetings.all())
    survivor.datasets.add(*merged.datasets.all())
    Project.objects.filter(pk=merged.pk).update(
        status=Project.Status.MERGED, merged_into=survivor, updated_at=timezone.now()
    )
    records_changed.send(sender=Project, pks=[merged.pk])  # it leaves search and pages
    # Undecided pairs of the merged project are moot now.
    ProjectPair.objects.filter(Q(first_id=merged.pk) | Q(second_id=merged.pk), verdict="").delete()
    project_derive(project=survivor)
    survivor.refresh_from_db()
    return survivor
