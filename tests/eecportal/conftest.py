"""Internal records of all four sections beside public ones, and the public channels that
must show the public ones and none of the internal."""

from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from divisions.coordination.models import (
    Agreement,
    AgreementParty,
    Document,
    Meeting,
    MeetingSeries,
)
from divisions.coordination.services import agreement_save, meeting_save
from divisions.knowledge.models import Item
from divisions.spatial import ckan
from divisions.spatial.models import Dataset
from eecportal.services import search_index_rebuild

SECRET = "ลับเฉพาะ"  # in the title of every internal record


@pytest.fixture
def records(agency_factory, item_factory, dataset_factory, layer_factory, project_factory):
    agency = agency_factory(name_th="องค์การบริหารส่วนจังหวัดชลบุรี")
    series = MeetingSeries.objects.create(slug="committee", name_th="คณะกรรมการ", organiser=agency)
    starts = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.get_fixed_timezone(7 * 60))
    hidden, shown = {}, {}
    for public in (True, False):
        word = "เผยแพร่" if public else SECRET
        target = shown if public else hidden
        target["item"] = item_factory(
            title_th=f"ข่าว{word}เรื่องท่าเรือ",
            status=Item.Status.PUBLISHED if public else Item.Status.DRAFT,
        )
        dataset = dataset_factory(
            title_th=f"ชุดข้อมูล{word}",
            classification=Dataset.Classification.PUBLIC if public else "internal",
        )
        target["layer"] = layer_factory(dataset=dataset, slug=f"layer-{public}",
                                        title_th=f"ชั้นข้อมูล{word}")  # fmt: skip
        target["dataset"] = dataset
        target["meeting"] = meeting_save(
            meeting=Meeting(
                series=series, number=1 if public else 2, year_be=2569,
                title_th=f"ประชุม{word}", kind=Meeting.Kind.INTER_AGENCY, starts_at=starts,
                ends_at=starts + timedelta(hours=2), is_public=public,
                location="SRID=4326;POINT(101.0 13.3)",
            )
        )  # fmt: skip
        target["agreement"] = agreement_save(
            agreement=Agreement(
                registry_number=f"MOU-{int(public)}/2569", title_th=f"บันทึกความเข้าใจ{word}",
                kind="mou", scope="domestic", status="active", is_public=public,
                effective_on=date(2025, 1, 1),
            )
        )  # fmt: skip
        AgreementParty.objects.create(agreement=target["agreement"], agency=agency)
        target["document"] = Document.objects.create(
            meeting=target["meeting"], kind=Document.Kind.AGENDA_PAPER, is_public=public,
            title=f"เอกสาร{word}", file=ContentFile(b"%PDF-1.4 agenda", name="agenda.pdf"),
        )  # fmt: skip
        target["project"] = project_factory(title_th=f"โครงการ{word}", is_public=public,
                                            lon_lat=(101.1, 13.3))  # fmt: skip
    search_index_rebuild()
    return shown, hidden


def public_channels(shown: dict) -> list[str]:
    layer = shown["layer"]
    return [
        "/th/", "/en/",
        "/th/knowledge/news/", "/th/knowledge/feed/rss/", "/en/knowledge/feed/atom/",
        "/th/spatial/", "/th/spatial/map/", shown["dataset"].get_absolute_url(),
        "/th/coordination/meetings/", "/th/coordination/agreements/",
        "/th/coordination/meetings.ics", shown["meeting"].get_absolute_url(),
        "/th/planning/", shown["project"].get_absolute_url(),
        f"/th/search/?q={SECRET}", "/th/search/?q=โครงการ", "/sitemap.xml",
        "/api/v1/knowledge/items/", "/api/v1/coordination/meetings/",
        "/api/v1/coordination/agreements/", "/api/v1/planning/projects/", "/api/v1/agencies/",
        "/ogc/collections?f=json", "/ogc/collections?f=html",
        "/ogc/collections/coordination-meetings/items?f=json",
        "/ogc/collections/planning-projects/items?f=json",
        "/ogc/collections/coordination-partners/items?f=json",
        f"/ogc/collections/{layer.slug}/items?f=json",
        "/api/3/action/package_list", f"/api/3/action/package_search?q={SECRET}",
        "/api/3/action/package_search", "/api/3/action/current_package_list_with_resources",
        "/catalog.ttl", "/catalog.jsonld",
        "/th/spatial/feed/atom/", "/en/coordination/meetings/feed/atom/", "/th/planning/feed/atom/",
        # Feeds of one thing's changes (an agency with public and internal agreements).
        f"/th/follow/feed/coordination.agency:{shown['agreement'].parties.get().agency_id}/",
        f"/th/follow/feed/spatial.dataset:{shown['dataset'].pk}/",
        f"/en/follow/feed/planning.project:{shown['project'].pk}/",
        f"/th/follow/?target=coordination.agency:{shown['agreement'].parties.get().agency_id}",
    ]  # fmt: skip


@pytest.fixture
def names_read(monkeypatch):
    """The names of query parameters (and CKAN parameters) views read, as a spy records
    them."""
    names: set[str] = set()

    def spy(method):
        def read(self, key, *args, **kwargs):
            names.add(key)
            return method(self, key, *args, **kwargs)

        return read

    for method in ("get", "getlist", "__getitem__"):
        monkeypatch.setattr(QueryDict, method, spy(getattr(MultiValueDict, method)))
    monkeypatch.setattr(QueryDict, "__contains__", spy(dict.__contains__))
    # The CKAN actions read a merged dict of query and JSON body, through one helper.
    original = ckan._param

    def ckan_param(request, name, default=None):
        names.add(name)
        return original(request, name, default)

    monkeypatch.setattr(ckan, "_param", ckan_param)
    return names


@contextmanager
def cache_calls():
    """The names of the cache's methods called inside the block, in order: a list."""
    from unittest import mock

    from django.core.cache import cache

    calls = []
    for name in ("get", "get_many", "set", "set_many", "add", "get_or_set", "incr"):
        original = getattr(cache, name)
        mock.patch.object(
            cache,
            name,
            side_effect=lambda *a, _o=original, _n=name, **k: (calls.append(_n), _o(*a, **k))[1],
        ).start()
    try:
        yield calls
    finally:
        mock.patch.stopall()
