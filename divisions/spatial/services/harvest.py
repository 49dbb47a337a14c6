"""Harvesting in: pull datasets from a remote CKAN catalog through its Action API (the way
CKAN's own harvester does: package_search paged with rows/start, only what changed since the
last run), and keep them in this catalog as public datasets marked with their source."""

import json
import urllib.parse
import urllib.request
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..catalog import GDC_LICENSE, LICENSE_URLS
from ..models import Dataset, HarvestSource, Resource
from .datasets import dataset_save
from .quality import dataset_quality_refresh

PAGE_ROWS = 100
MAX_PAGES = 1000  # 100,000 datasets: a bound, so a misbehaving remote cannot loop us forever
TIMEOUT_SECONDS = 60


class HarvestFailed(Exception):
    """The remote catalog could not be read; nothing of this run was kept past the error."""


def _get(url: str) -> dict:
    request = urllib.request.Request(url, headers={"User-Agent": "EEC Portal harvester"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            body = json.load(response)
    except (OSError, ValueError) as error:
        raise HarvestFailed(f"{url}: {error}") from error
    if not body.get("success"):
        raise HarvestFailed(f"{url}: {body.get('error')}")
    return body["result"]


def _packages(source: HarvestSource, since: datetime | None):
    base = source.url.rstrip("/") + "/api/3/action/package_search?"
    fq = ""
    if since:
        # Milliseconds, as Solr takes them: whole seconds would fetch the last run's tail again.
        moment = since.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        fq = f"metadata_modified:[{moment} TO *]"
    for page in range(MAX_PAGES):
        query = {"rows": PAGE_ROWS, "start": page * PAGE_ROWS, "sort": "metadata_modified asc"}
        query |= {key: value for key, value in (("q", source.query), ("fq", fq)) if value}
        result = _get(base + urllib.parse.urlencode(query))
        yield from result["results"]
        if (page + 1) * PAGE_ROWS >= result["count"]:
            return


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


@transaction.atomic
def _dataset_from_package(source: HarvestSource, package: dict) -> bool:
    """Create or update the dataset for one remote package; True when it was new."""
    identifier = package["id"]
    dataset = Dataset.objects.filter(harvest_source=source, harvest_identifier=identifier).first()
    created = dataset is None
    if created:
        slug = slugify(f"{source.pk}-{package.get('name') or identifier}")[:100]
        dataset = Dataset(harvest_source=source, harvest_identifier=identifier, slug=slug)
    title = _text(package.get("title")) or package.get("name") or identifier
    dataset.title_th = title
    dataset.title_en = _text(package.get("title_en"))
    dataset.description_th = _text(package.get("notes")) or title
    dataset.description_en = _text(package.get("notes_en"))
    dataset.publisher = source.publisher
    dataset.maintainer = _text(package.get("maintainer")) or source.name
    dataset.maintainer_email = (
        _text(package.get("maintainer_email")) or (settings.PORTAL_CONTACT["email"])
    )
    dataset.keywords = [tag["name"][:60] for tag in package.get("tags", []) if tag.get("name")]
    groups = [group.get("name") for group in package.get("groups", [])]
    dataset.category = next((g for g in groups if g in Dataset.Category.values), "other")
    dataset.license = _license(package)
    dataset.data_source = source.name[:255]
    dataset.source_url = package.get("url") or (
        f"{source.url.rstrip('/')}/dataset/{package.get('name') or identifier}"
    )
    dataset.classification = Dataset.Classification.PUBLIC
    dataset_save(dataset=dataset)
    dataset.resources.all().delete()
    Resource.objects.bulk_create(
        Resource(
            dataset=dataset,
            kind=Resource.Kind.LINK,
            name_th=(_text(resource.get("name")) or resource["url"])[:255],
            url=resource["url"][:500],
            format=_text(resource.get("format"))[:20],
            position=position,
        )
        for position, resource in enumerate(package.get("resources", []))
        if _text(resource.get("url")).startswith(("http://", "https://"))
    )
    dataset_quality_refresh(dataset_ids=[dataset.pk])
    return created


def harvest_source_run(*, source: HarvestSource) -> dict:
    """One harvest of one source. Each dataset is saved whole or not at all; the run's start
    becomes the next run's 'changed since', but only when the whole run got through."""
    started = timezone.now()
    report = {"created": 0, "updated": 0, "skipped": [], "error": ""}
    try:
        for package in _packages(source, source.last_harvested_at):
            try:
                created = _dataset_from_package(source, package)
            except (ValidationError, KeyError, TypeError) as error:
                report["skipped"].append({"id": package.get("id"), "reason": str(error)[:300]})
                continue
            report["created" if created else "updated"] += 1
    except HarvestFailed as error:
        report["error"] = str(error)[:1000]
    fields = {"last_report": report}
    if not report["error"]:
        fields["last_harvested_at"] = started
    HarvestSource.objects.filter(pk=source.pk).update(**fields)
    return report


def harvest_all() -> list[dict]:
    """Harvest every active source; run by beat."""
    return [
        harvest_source_run(source=source) for source in HarvestSource.objects.filter(is_active=True)
    ]


def _license(package: dict) -> str:
    """The licence code of a remote package: CKAN's own id, the national schema's value (told
    apart by the licence's address where two codes share it), or "not specified"."""
    license_id = package.get("license_id") or ""
    if license_id in Dataset.License.values:
        return license_id
    named = [code for code, name in GDC_LICENSE.items() if name == license_id]
    by_url = [code for code in named if LICENSE_URLS.get(code) == package.get("license_url")]
    return (by_url or named or ["notspecified"])[0]
