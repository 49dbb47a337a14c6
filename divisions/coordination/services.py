"""Writes of coordination records."""

from django.db import transaction
from django.utils import timezone

from .models import ActionItem, Agency, Meeting


@transaction.atomic
def agency_upsert(
    *,
    slug: str,
    name_th: str,
    name_en: str,
    kind: str,
    short_name_th: str = "",
    short_name_en: str = "",
    parent: Agency | None = None,
    country: str = "TH",
    province: str = "",
    website: str = "",
) -> Agency:
    """Create the agency with this slug, or bring an existing one up to date."""
    agency = Agency.objects.filter(slug=slug).first() or Agency(slug=slug)
    agency.name_th, agency.name_en = name_th, name_en
    agency.short_name_th, agency.short_name_en = short_name_th, short_name_en
    agency.kind, agency.parent, agency.country = kind, parent, country
    agency.province, agency.website = province, website
    agency.full_clean()
    agency.save()
    return agency


def action_item_save(*, action: ActionItem) -> ActionItem:
    """Save an action item; closing it records when, which decides the meetings it carries
    over to."""
    if action.is_closed and action.closed_at is None:
        action.closed_at = timezone.now()
    elif not action.is_closed:
        action.closed_at = None
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def meeting_save(*, meeting: Meeting) -> Meeting:
    meeting.full_clean()
    meeting.save()
    return meeting
