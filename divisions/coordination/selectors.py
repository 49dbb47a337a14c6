"""Reads of coordination records, with the rules of who may see what."""

from django.db.models import QuerySet

from .models import Agency


def agency_list(*, filters: dict | None = None) -> QuerySet[Agency]:
    """Agencies of the shared registry; the registry itself is public information."""
    agencies = Agency.objects.select_related("parent")
    filters = filters or {}
    if kind := filters.get("kind"):
        agencies = agencies.filter(kind=kind)
    if province := filters.get("province"):
        agencies = agencies.filter(province=province)
    return agencies


def agency_get(*, slug: str) -> Agency:
    return agency_list().get(slug=slug)


def agency_search_document(agency: Agency) -> dict[str, str]:
    """How an agency reads in the site-wide search, in the active language."""
    parts = [agency.kind_label]
    if agency.province:
        parts.append(agency.province_label)
    return {
        "title": agency.name,
        "summary": " · ".join(str(p) for p in parts),
        "body": " ".join(filter(None, [agency.short_name, agency.website])),
        "url": agency.get_absolute_url(),
    }
