"""Writes of coordination records."""

from django.db import transaction

from .models import Agency


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
