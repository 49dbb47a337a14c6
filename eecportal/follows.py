"""What can be followed, by e-mail, feed or webhook: each section's public records, and the
things they belong to (agencies, plans, meeting series, topics). A change to a record concerns
the record and those things; visibility stays with each section's selectors."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from divisions.coordination import selectors as coordination_selectors
from divisions.knowledge import selectors as knowledge_selectors
from divisions.planning import selectors as planning_selectors
from divisions.spatial import selectors as spatial_selectors

from .models import Follow


@dataclass(frozen=True)
class Followable:
    # The things a reader may follow: public records, or things with public records.
    public: Callable[[], models.QuerySet]
    # The keys of the things a change to one of these records also concerns.
    parents: Callable[[models.Model], list[str]] = lambda record: []


def key_of(record: models.Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def _key(label: str, pk: int | None) -> list[str]:
    return [f"{label}:{pk}"] if pk else []


def followables() -> dict[str, Followable]:
    from divisions.coordination.models import MeetingSeries
    from divisions.knowledge.models import Topic
    from divisions.planning.models import Plan

    return {
        "spatial.dataset": Followable(
            spatial_selectors.dataset_public_list,
            lambda dataset: _key("coordination.agency", dataset.publisher_id),
        ),
        "knowledge.item": Followable(
            knowledge_selectors.item_public_list,
            lambda item: (
                [f"knowledge.topic:{topic.pk}" for topic in item.topics.all()]
                + _key("coordination.agency", item.organisation_id)
            ),
        ),
        "knowledge.consultation": Followable(knowledge_selectors.consultation_public_list),
        "knowledge.servicemanual": Followable(knowledge_selectors.manual_public_list),
        "coordination.meeting": Followable(
            coordination_selectors.meeting_public_list,
            lambda meeting: _key("coordination.meetingseries", meeting.series_id),
        ),
        "coordination.agreement": Followable(
            lambda: coordination_selectors.agreement_list(user=None),
            lambda agreement: [
                f"coordination.agency:{pk}"
                for pk in agreement.parties.values_list("agency_id", flat=True)
            ],
        ),
        "coordination.agency": Followable(coordination_selectors.agency_list),
        "planning.project": Followable(
            planning_selectors.project_public_list,
            lambda project: (
                _key("coordination.agency", project.agency_id)
                + _key("planning.plan", project.plan_id)
            ),
        ),
        "knowledge.topic": Followable(Topic.objects.all),
        "coordination.meetingseries": Followable(
            lambda: MeetingSeries.objects.filter(
                pk__in=coordination_selectors.meeting_public_list().values("series")
            )
        ),
        "planning.plan": Followable(
            lambda: Plan.objects.filter(
                pk__in=planning_selectors.project_public_list().values("plan")
            )
        ),
    }


def followed_get(key: str) -> models.Model:
    """The public thing a key names; LookupError when there is none (or it is internal)."""
    label, _colon, pk = key.partition(":")
    followable = followables().get(label)
    if followable is None or not pk.isdigit():
        raise LookupError(key)
    record = followable.public().filter(pk=int(pk)).first()
    if record is None:
        raise LookupError(key)
    return record


def change_targets(record: models.Model) -> list[str]:
    followable = followables().get(record._meta.label_lower)
    if followable is None:
        return []
    return [key_of(record), *followable.parents(record)]


def follows_of(*, email: str) -> list[dict]:
    """What one address follows, for a PDPA access request."""
    return [
        {
            "follows": follow.target,
            "frequency": follow.get_frequency_display(),
            "language": follow.language,
            "asked_at": follow.created_at.isoformat(),
            "confirmed_at": follow.confirmed_at.isoformat() if follow.confirmed_at else None,
        }
        for follow in Follow.objects.filter(email__iexact=email.strip()).order_by("pk")
    ]
