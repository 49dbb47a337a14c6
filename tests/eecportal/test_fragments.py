"""Fragments kept per record (a list's row, a detail page's body) and values derived from all
public records: never stale after a change, never in the other language, never staff's."""

import json
import re
from datetime import timedelta
from functools import partial
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation

from divisions.coordination.models import AgreementParty
from divisions.core.fragments import GENERATION_KEY

from .conftest import SECRET, cache_calls

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _pages_rendered_each_time(settings):
    # The whole-page cache off: every page is rendered, from fragments where they are kept.
    settings.PAGE_CACHE_SECONDS = 0


# Feeds keep their entries per record as list pages keep rows.
FEEDS = {
    "item": ["/knowledge/feed/atom/", "/knowledge/feed/rss/"],
    "dataset": ["/spatial/feed/atom/"],
    "meeting": ["/coordination/meetings/feed/atom/"],
    "project": ["/planning/feed/atom/"],
}


def _fragment_keys() -> list[bytes]:
    return cache._cache.get_client().keys("*fragment:*")


def _pages(shown: dict, language: str) -> dict[str, list[str]]:
    with translation.override(language):
        return {
            "item": [
                "/",
                "/knowledge/",
                "/knowledge/news/",
                shown["item"].get_absolute_url(),
                *FEEDS["item"],
            ],
            "dataset": ["/", "/spatial/", shown["dataset"].get_absolute_url(), *FEEDS["dataset"]],
            "meeting": [
                "/coordination/meetings/",
                shown["meeting"].get_absolute_url(),
                *FEEDS["meeting"],
            ],
            "agreement": ["/coordination/agreements/", shown["agreement"].get_absolute_url()],
            "project": ["/", "/planning/", shown["project"].get_absolute_url(), *FEEDS["project"]],
        }


def _address(url: str, language: str) -> str:
    return url if url.startswith(f"/{language}/") else f"/{language}{url}"


def _kept_as_afresh(settings, read):
    """What `read()` gives, asserted the same read again (from what the first read kept) and
    read afresh (no part kept or read)."""
    kept = read()
    assert read() == kept
    kept_for = settings.FRAGMENT_CACHE_SECONDS
    settings.FRAGMENT_CACHE_SECONDS = 0
    try:
        assert read() == kept
    finally:
        settings.FRAGMENT_CACHE_SECONDS = kept_for
    return kept


def test_a_changed_record_reads_changed_on_every_page_in_both_languages_for_everyone(
    client, records, admin_user
):
    shown, _hidden = records
    titles = {}
    for language in ("th", "en"):
        for urls in _pages(shown, language).values():
            for url in urls:
                assert client.get(_address(url, language)).status_code == 200, url
    assert _fragment_keys(), "the pages were expected to keep fragments"

    old_titles = {}
    for name in ("item", "dataset", "meeting", "agreement", "project"):
        record = type(shown[name]).objects.get(pk=shown[name].pk)
        old_titles[name] = [record.title_th]  # (the fixtures' English titles repeat elsewhere)
        record.title_th = f"ชื่อที่แก้ไขแล้วของ {name}"
        record.title_en = f"Revised {name} title"
        record.save()
        titles[name] = (record.title_th, record.title_en)

    staff = type(client)()
    staff.force_login(admin_user)
    for reader in (client, staff):
        for language in ("th", "en"):
            for name, urls in _pages(shown, language).items():
                thai, english = titles[name]
                for url in urls:
                    page = reader.get(_address(url, language)).content.decode()
                    wanted, other = (thai, english) if language == "th" else (english, thai)
                    assert wanted in page, (name, url, language, reader is staff)
                    for stale in (other, *old_titles[name]):
                        assert stale not in page, (name, url, language, reader is staff, stale)


def test_kept_parts_hold_text_not_lazy_translations(client, records):
    # A lazy translation read back from the cache builds a class of its own, each time;
    # kept parts are per language already, so they hold the translated text.
    shown, _hidden = records
    for language in ("th", "en"):
        for urls in _pages(shown, language).values():
            for url in urls:
                assert client.get(_address(url, language)).status_code == 200, url
    stored = cache._cache.get_client()
    keys = _fragment_keys()
    assert any(b"catalog-facets" in key for key in keys)
    lazy = [key for key in keys if b"_lazy_proxy_unpickle" in (stored.get(key) or b"")]
    assert lazy == []


# What harvesters and GIS clients read of datasets, each dataset kept as a fragment.
CATALOG_CHANNELS = [
    "/api/3/action/package_search",
    "/api/3/action/current_package_list_with_resources",
    "/data.json",
    "/catalog.ttl",
]


def _text(response) -> str:
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def test_a_changed_dataset_reads_changed_in_every_catalog_channel(client, records):
    shown, _hidden = records
    old = shown["dataset"].title_th
    for url in CATALOG_CHANNELS:
        assert old in _text(client.get(url)), url
    assert _fragment_keys(), "the catalog channels were expected to keep their datasets"

    dataset = type(shown["dataset"]).objects.get(pk=shown["dataset"].pk)
    dataset.title_th, dataset.title_en = "ชุดข้อมูลที่แก้ไขแล้ว", "Revised dataset"
    dataset.save()
    for url in CATALOG_CHANNELS:
        text = _text(client.get(url))
        assert "ชุดข้อมูลที่แก้ไขแล้ว" in text and old not in text and SECRET not in text, url


def test_a_live_collections_count_follows_a_new_project(client, project_factory):
    url = "/ogc/collections/planning-projects/items?limit=1"
    project_factory(lon_lat=(101.0, 13.3))
    project_factory(lon_lat=(101.1, 13.3))
    assert client.get(url).json()["numberMatched"] == 2
    assert client.get(url).json()["numberMatched"] == 2  # (kept)
    project_factory(lon_lat=(101.2, 13.3))
    project_factory(lon_lat=(101.3, 13.3), is_public=False)
    body = client.get(url).json()
    assert body["numberMatched"] == 3 and body["numberReturned"] == 1


def test_a_live_collections_kept_pages_are_its_pages_written_afresh_after_each_change(
    client, project_factory, settings, admin_user, django_assert_num_queries
):
    pages = [
        f"/ogc/collections/planning-projects/items?lang={language}&limit=2&offset={offset}" + extra
        for language in ("th", "en")
        for offset in (0, 2)
        for extra in ("", "&crs=http://www.opengis.net/def/crs/EPSG/0/4326", "&sortby=-title")
    ]

    def features(reader, url: str) -> list:
        body = reader.get(url).json()
        return [body["numberMatched"], body["features"]]

    def kept_pages_are_pages_written_afresh() -> None:
        _kept_as_afresh(settings, lambda: [features(client, url) for url in pages])

    projects = [
        project_factory(
            title_th=f"โครงการที่ {n}", title_en=f"Project {n}", lon_lat=(101 + n / 10, 13.3)
        )
        for n in range(3)
    ]
    kept_pages_are_pages_written_afresh()
    projects[0].title_en = "Project renamed"
    projects[0].save()
    project_factory(title_en="Project new", lon_lat=(101.9, 13.3))
    kept_pages_are_pages_written_afresh()
    projects[1].is_public = False
    projects[1].save()
    kept_pages_are_pages_written_afresh()
    with django_assert_num_queries(0):  # kept: no project read
        assert features(client, pages[0]) == features(client, pages[0])
    english = [features(client, url) for url in pages if "lang=en" in url]
    assert "Project renamed" in json.dumps(english) and "Project 1" not in json.dumps(english)
    staff = type(client)()
    staff.force_login(admin_user)
    assert features(staff, pages[0])[0] == 4  # (staff see the internal project, never kept)
    assert features(client, pages[0])[0] == 3


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_feed_from_kept_entries_is_the_feed_written_afresh(client, records, admin_user, language):
    staff = type(client)()
    staff.force_login(admin_user)  # staff never read kept entries: always written afresh
    for url in (address for addresses in FEEDS.values() for address in addresses):
        url = f"/{language}{url}"
        written = client.get(url).content
        assert client.get(url).content == written == staff.get(url).content, url
        assert written.count(b"<entry>") + written.count(b"<item>") >= 1, url


def test_staff_pages_neither_read_nor_keep_fragments(client, records, admin_user):
    shown, hidden = records
    client.force_login(admin_user)
    page = client.get("/th/coordination/meetings/").content.decode()
    assert hidden["meeting"].title_th in page  # staff see internal meetings, marked
    assert not _fragment_keys()

    client.logout()
    page = client.get("/th/coordination/meetings/").content.decode()
    assert shown["meeting"].title_th in page and SECRET not in page
    assert _fragment_keys()


# The list APIs keep each record's row as list pages keep theirs.
LIST_APIS = {
    "agreement": "/api/v1/coordination/agreements/",
    "meeting": "/api/v1/coordination/meetings/",
    "item": "/api/v1/knowledge/items/",
    "project": "/api/v1/planning/projects/",
}


@pytest.mark.parametrize("name", sorted(LIST_APIS))
def test_a_list_apis_kept_rows_follow_an_edit_and_are_never_staffs(
    client, records, admin_user, name
):
    shown, hidden = records
    url = LIST_APIS[name]
    written = client.get(url).json()
    assert any(b"api:" in key for key in _fragment_keys())
    assert client.get(url).json() == written  # kept: the rows as written
    assert hidden[name].title_th not in json.dumps(written, ensure_ascii=False)

    record = type(shown[name]).objects.get(pk=shown[name].pk)
    old = record.title_th
    record.title_th = "ชื่อที่แก้ไขแล้ว"
    record.save()
    text = json.dumps(client.get(url).json(), ensure_ascii=False)
    assert "ชื่อที่แก้ไขแล้ว" in text and old not in text

    cache.clear()
    staff = type(client)()
    staff.force_login(admin_user)
    text = json.dumps(staff.get(url).json(), ensure_ascii=False)
    if name != "item":  # (the item API lists published items only, to everyone)
        assert hidden[name].title_th in text  # staff read internal records, written afresh
    assert "ชื่อที่แก้ไขแล้ว" in text
    assert not any(b"api:" in key for key in _fragment_keys())


@pytest.fixture
def another_process(monkeypatch):
    """A web process that has read nothing yet: it holds no part in its memory."""
    from divisions.core import fragments

    def start() -> None:
        monkeypatch.setattr(fragments, "RECENT", fragments.Recent())

    return start


def test_a_list_page_reads_the_generation_its_count_then_its_rows_in_one_round_trip(
    client, records, another_process
):
    client.get("/en/coordination/meetings/")  # count and rows kept
    another_process()
    with cache_calls() as calls:
        assert client.get("/en/coordination/meetings/").status_code == 200
    # The content generation, read before the view reads any record; the unfiltered list's
    # count; then every row.
    assert calls == ["get", "get_many", "get_many"]


@pytest.mark.parametrize(
    "url", ["/en/planning/?sector=transport", "/th/spatial/", "/th/knowledge/news/?province=TH-20"]
)
def test_a_list_page_reads_its_count_with_its_filters_choices(
    client, records, url, another_process
):
    client.get(url)  # count, choices and rows kept
    another_process()
    with cache_calls() as calls:
        assert client.get(url).status_code == 200
    # The content generation; the count and the filters' choices; every row.
    assert calls == ["get", "get_many", "get_many"]


def test_a_detail_page_reads_its_head_then_its_parts_in_one_round_trip_and_no_record(
    client, records, another_process, django_assert_num_queries
):
    shown, _hidden = records
    url = shown["item"].get_absolute_url()  # the body, the comments, what it relates to
    first = client.get(url).content
    another_process()
    with cache_calls() as calls, django_assert_num_queries(0):
        assert client.get(url).content == first
    # The content generation, the item's head (kept: it was a query), then every part of
    # its page together.
    assert calls == ["get", "get_many", "get_many"]


@pytest.mark.parametrize(
    "url",
    ["/en/coordination/meetings/", "/th/planning/?sector=transport", "/api/v1/agencies/",
     "item", "meeting"],
)  # fmt: skip
def test_a_process_that_served_a_page_reads_only_the_generation_again(
    client, records, url, django_assert_num_queries
):
    shown, _hidden = records
    if url in shown:  # a detail page
        url = shown[url].get_absolute_url()
    first = client.get(url).content
    with cache_calls() as calls:
        assert client.get(url).content == first
    # The count, the page's keys, the choices and the rows (a detail page's head and parts)
    # come from the process's memory, of the generation just read: pages through the
    # middleware read it alone, the APIs with their first part. A page reads no record.
    assert calls == (["get_many"] if url.startswith("/api/") else ["get"])
    with django_assert_num_queries(0):
        assert client.get(url).content == first


def test_a_restarted_redis_never_lets_a_process_serve_what_it_held_from_before(client, records):
    from divisions.knowledge.models import Item

    shown, _hidden = records
    cache.clear()  # a Redis started afresh: the rows are held under its first generation
    assert shown["item"].title_th in client.get("/th/knowledge/news/").content.decode()
    # Changed where no signal is heard, then Redis restarts empty: the generation starts
    # again, at a number never used before, so the rows held in memory are not current.
    Item.objects.filter(pk=shown["item"].pk).update(title_th="ข่าวหลังเริ่มระบบใหม่")
    cache.clear()
    assert "ข่าวหลังเริ่มระบบใหม่" in client.get("/th/knowledge/news/").content.decode()


def test_a_processs_memory_keeps_the_newest_generation_within_its_budget_and_life(settings):
    import time

    from divisions.core.fragments import Recent

    settings.FRAGMENT_MEMORY_BYTES = 1000
    recent, life = Recent(), time.time() + 60
    a, b, c = (5, "x" * 300, life), (5, "y" * 300, life), (5, "z" * 300, life)
    recent.add(5, {"a": a, "b": b})
    assert recent.get(5, ["a", "b", "c"]) == {"a": a, "b": b}
    assert recent.get(4, ["a"]) == {} and recent.get(6, ["a"]) == {}
    recent.get(5, ["a"])  # read last: "b" is now the least recently used
    recent.add(5, {"c": c})  # over the budget
    assert set(recent.get(5, ["a", "b", "c"])) == {"a", "c"}
    recent.add(5, {"ended": (5, "made eleven minutes ago", time.time() - 60)})
    assert recent.get(5, ["ended"]) == {}  # as Redis would no longer have it
    recent.add(4, {"d": (4, "old", life)})  # a request that read the generation before an edit
    assert recent.get(5, ["d"]) == {} and recent.get(4, ["d"]) == {}
    recent.add(6, {"e": (6, [1, 2], life)})  # an edit: what was held is forgotten
    assert recent.get(6, ["a", "e"]) == {"e": (6, [1, 2], life)}


def test_a_filters_choices_follow_a_new_partner(client, records, agency_factory):
    shown, _hidden = records
    assert "Laem Chabang Port" not in client.get("/en/coordination/agreements/").content.decode()
    port = agency_factory(slug="port", name_th="ท่าเรือแหลมฉบัง", name_en="Laem Chabang Port")
    AgreementParty.objects.create(agreement=shown["agreement"], agency=port)
    page = client.get("/en/coordination/agreements/").content.decode()
    assert '<option value="port">Laem Chabang Port</option>' in page
    # and the agreement's row names its new party
    assert page.count("Laem Chabang Port") == 2


def test_a_deploy_makes_kept_pages_and_fragments_stale():
    before = cache.get(GENERATION_KEY, 0)
    call_command("migrate", verbosity=0)
    assert cache.get(GENERATION_KEY) > before


def test_fragments_are_kept_apart_for_each_address_the_site_is_served_on(client, records):
    shown, _hidden = records
    url = shown["meeting"].get_absolute_url()  # its calendar links are absolute addresses
    assert "http://testserver/" in client.get(url).content.decode()
    page = client.get(url, secure=True).content.decode()
    assert "https://testserver/" in page and "http://testserver/" not in page


def test_kept_rows_skip_reading_their_related_records(client, records):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def party_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/th/coordination/agreements/").content.decode()
        assert records[0]["agreement"].title_th in page
        return sum('"coordination_agreementparty"' in q["sql"] for q in queries.captured_queries)

    assert party_queries() > 0  # the rows and the partner filter rendered
    assert party_queries() == 0  # both kept: no agreement's parties read


# A detail page whose body is kept reads what its head names the record by, and no more:
# not the row's long texts, not its related records (as columns that show it).
HEAD_ONLY = {
    "project": ("objective", '"coordination_agency"'),
    "agency": ("website", "location"),
    "item": ("body", "lessons"),
    "dataset": ("quality", '"coordination_agency"'),
    "consultation": ("description", '"knowledge_consultationdocument"'),
}


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("kind", sorted(HEAD_ONLY))
def test_a_kept_detail_page_reads_only_what_names_its_record(
    client, records, agency_factory, kind, language, another_process
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if kind in ("project", "item", "dataset"):
        record = records[0][kind]
    elif kind == "consultation":
        from divisions.knowledge.models import Consultation

        now = timezone.now()
        record = Consultation.objects.create(
            title_th="รับฟังความคิดเห็นผังเมืองรวม", title_en="Town plan consultation",
            description_th="ร่างผังเมืองรวม", is_public=True,
            opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=10),
        )  # fmt: skip
    else:
        parent = agency_factory(name_th="กระทรวงทดสอบ")
        record = agency_factory(name_th="กรมทดสอบ", parent=parent, website="https://a.go.th/")
    with translation.override(language):
        url, name = record.get_absolute_url(), str(record)
    # (a form's CSRF token is masked afresh for each response)
    unmasked = partial(re.sub, r'name="csrfmiddlewaretoken" value="\w+"', "")
    first = unmasked(client.get(url).content.decode())
    # The head is kept too: a process that served the page reads nothing.
    with CaptureQueriesContext(connection) as queries:
        assert unmasked(client.get(url).content.decode()) == first
    assert queries.captured_queries == []
    # Where the head is no longer kept, only the head is read.
    cache.delete_many([key.decode().split(":", 2)[2] for key in _fragment_keys()
                       if b"-head:" in key])  # fmt: skip
    another_process()
    with CaptureQueriesContext(connection) as queries:
        kept = unmasked(client.get(url).content.decode())
    assert kept == first and name in kept
    [query] = queries.captured_queries
    for column in HEAD_ONLY[kind]:
        assert column not in query["sql"]


def test_an_edit_committed_while_a_page_renders_is_not_hidden_by_its_fragment(
    client, records, monkeypatch
):
    """A reader's request reads a meeting, an editor's change commits, then the page's body
    is rendered from what was read: it must not be kept as if it were the new version."""
    from divisions.coordination import views
    from eecportal.pagecache import page_cache_bump

    shown, _hidden = records
    original = views.meeting_get

    def meeting_get_then_edited(**kwargs):
        meeting = original(**kwargs)
        type(meeting).objects.filter(pk=meeting.pk).update(title_th="ประชุมที่แก้ไขระหว่างอ่าน")
        page_cache_bump()  # as the editor's commit does
        return meeting

    monkeypatch.setattr(views, "meeting_get", meeting_get_then_edited)
    url = shown["meeting"].get_absolute_url()
    assert f">{shown['meeting'].title_th}</h1>" in client.get(url).content.decode()
    monkeypatch.setattr(views, "meeting_get", original)
    # (the page's <title> is never kept: the heading is in the kept body)
    assert ">ประชุมที่แก้ไขระหว่างอ่าน</h1>" in client.get(url).content.decode()


def test_an_unfiltered_lists_kept_count_follows_new_records(client, project_factory, admin_user):
    api = "/api/v1/planning/projects/"
    assert "No projects match" in client.get("/en/planning/").content.decode()
    project_factory(title_en="Community water supply")
    for _ in range(2):  # counted, then kept
        assert client.get(api).json()["count"] == 1
        assert "Community water supply" in client.get("/en/planning/").content.decode()
    project_factory(title_en="Coastal road")
    project_factory(title_en="Internal survey", is_public=False)
    assert client.get(api).json()["count"] == 2
    assert "Coastal road" in client.get("/en/planning/").content.decode()
    last = client.get(api + "?limit=1&offset=1").json()
    assert last["count"] == 2 and len(last["results"]) == 1 and last["next"] is None
    assert client.get(api + "?limit=1&offset=2").json()["results"] == []  # past the end
    staff = type(client)()
    staff.force_login(admin_user)
    assert staff.get(api).json()["count"] == 3
    assert client.get(api).json()["count"] == 2


def test_a_kept_search_follows_every_change_of_the_index_and_is_never_staffs(
    client, records, admin_user
):
    shown, hidden = records
    item = type(shown["item"]).objects.get(pk=shown["item"].pk)
    url = "/th/search/?" + urlencode({"q": "ท่าเรือ"})
    first = client.get(url).content.decode()
    assert item.title_th in first and SECRET not in first
    kept = _fragment_keys()
    assert any(b"search:" in key for key in kept)  # the query's ranking
    assert any(b"search-hit:" in key for key in kept)  # each result's texts
    assert client.get(url).content.decode() == first  # kept: the same results

    item.title_th = "ข่าวแก้ไขแล้วเรื่องท่าเรือ"
    item.save()
    page = client.get(url).content.decode()
    assert "ข่าวแก้ไขแล้วเรื่องท่าเรือ" in page and "ข่าวเผยแพร่" not in page

    item.status = type(item).Status.DRAFT  # no longer public: gone from every search
    item.save()
    for language in ("th", "en"):
        page = client.get(f"/{language}/search/?" + urlencode({"q": "ท่าเรือ"})).content
        assert "ข่าวแก้ไขแล้ว".encode() not in page, language

    cache.clear()
    staff = type(client)()
    staff.force_login(admin_user)
    assert staff.get(url).status_code == 200
    assert not any(b"search" in key for key in _fragment_keys())


def test_a_repaired_index_makes_kept_searches_stale(client, records):
    from divisions.knowledge.models import Item
    from eecportal.services import search_index_reconcile

    shown, hidden = records
    url = "/th/search/?" + urlencode({"q": SECRET})
    title = hidden["item"].title_th
    assert title not in client.get(url).content.decode()  # kept: nothing found
    # Published where no signal is heard: the index has drifted, until beat repairs it.
    Item.objects.filter(pk=hidden["item"].pk).update(status=Item.Status.PUBLISHED)
    assert search_index_reconcile()["added"] == 1
    assert title in client.get(url).content.decode()


def test_a_filtered_lists_kept_count_is_its_filters_own_and_follows_new_records(
    client, project_factory, admin_user
):
    api = "/api/v1/planning/projects/"
    project_factory(title_en="Community water supply", sector="water")
    project_factory(title_en="Coastal road", sector="transport")
    for _ in range(2):  # counted, then kept
        assert client.get(api, {"sector": "water"}).json()["count"] == 1
        assert client.get(api, {"sector": "transport", "province": "TH-20"}).json()["count"] == 1
        assert client.get(api, {"sector": "society"}).json()["count"] == 0
        assert client.get(api).json()["count"] == 2
        page = client.get("/en/planning/?sector=water").content.decode()
        assert "Community water supply" in page and "Coastal road" not in page
        assert "No projects match" in client.get("/en/planning/?sector=society").content.decode()
    project_factory(title_en="Village school", sector="society")
    project_factory(title_en="Internal survey", sector="society", is_public=False)
    assert client.get(api, {"sector": "society"}).json()["count"] == 1
    assert "Village school" in client.get("/en/planning/?sector=society").content.decode()
    staff = type(client)()
    staff.force_login(admin_user)
    assert staff.get(api, {"sector": "society"}).json()["count"] == 2
    assert "Internal survey" in staff.get("/en/planning/?sector=society").content.decode()


def test_a_news_lists_count_kept_by_the_filters_asked_follows_new_items(client, item_factory):
    item_factory(title_en="Port news")
    for url in ("/en/knowledge/news/?topic=no-such-topic", "/en/knowledge/news/?province=TH-20"):
        for _ in range(2):  # counted, then kept
            page = client.get(url).content.decode()
            assert "Port news" in page and "Nothing matches" not in page, url
    item_factory(title_en="Road news", provinces=["TH-21"])
    page = client.get("/en/knowledge/news/?topic=no-such-topic").content.decode()
    assert "Road news" in page and "Port news" in page  # (no such topic: not narrowed)
    page = client.get("/en/knowledge/news/?province=TH-20").content.decode()
    assert "Road news" not in page and "Port news" in page


# Each public list: its address, the module whose PAGE_SIZE pages it, how a record of it is
# made under a title, and how one is withdrawn from the public.
LISTS = {
    "news": ("/knowledge/news/", "divisions.knowledge.views", "item_factory", "status", "draft"),
    "catalog": ("/spatial/", "divisions.spatial.views", "dataset_factory",
                "classification", "internal"),
    "dcat": ("/catalog.ttl", "divisions.spatial.dcat", "dataset_factory",
             "classification", "internal"),
    "agencies": ("/coordination/", "divisions.coordination.views", "agency_factory", None, None),
    "meetings": ("/coordination/meetings/", "divisions.coordination.views", "meeting_factory",
                 "is_public", False),
    "agreements": ("/coordination/agreements/", "divisions.coordination.views",
                   "agreement_factory", "is_public", False),
    "projects": ("/planning/", "divisions.planning.views", "project_factory", "is_public", False),
    "api-items": ("/api/v1/knowledge/items/", None, "item_factory", "status", "draft"),
    "api-agencies": ("/api/v1/agencies/", None, "agency_factory", None, None),
    "api-meetings": ("/api/v1/coordination/meetings/", None, "meeting_factory",
                     "is_public", False),
    "api-agreements": ("/api/v1/coordination/agreements/", None, "agreement_factory",
                       "is_public", False),
    "api-projects": ("/api/v1/planning/projects/", None, "project_factory", "is_public", False),
}  # fmt: skip


@pytest.mark.parametrize("name", LISTS)
def test_a_lists_kept_pages_show_what_a_page_read_afresh_shows_after_each_change(
    client, request, monkeypatch, settings, name
):
    url, module, factory, field, withdrawn = LISTS[name]
    if module:  # (an API is paged by its reader)
        monkeypatch.setattr(f"{module}.PAGE_SIZE", 2)
    made = request.getfixturevalue(factory)

    def make(n: int):
        title = {"title_th": f"Listed record {n}", "title_en": f"Listed record {n}"}
        if name.endswith("agencies"):
            return made(name_th=f"Listed record {n}", name_en=f"Listed record {n}")
        if name.endswith("meetings"):
            return made(n, timezone.localdate() - timedelta(days=n), **title)
        return made(**title)

    def shown(path: str) -> list[str]:
        return re.findall(r"Listed record \d+", client.get(path).content.decode())

    def pages_read_twice_are_pages_read_afresh(count: int) -> None:
        languages = [""] if url.endswith(".ttl") or not module else ["/th", "/en"]
        for language in languages:
            paths = (
                [f"{language}{url}?page={number}" for number in ("1", "2", "3")]
                if module
                else [f"{url}?limit=2&offset={offset}" for offset in (0, 2, 4)]
            )
            kept = _kept_as_afresh(settings, lambda paths=paths: [shown(path) for path in paths])
            listed = {title for page in kept for title in page}
            assert len(listed) == count, (language, kept)

    records = [make(n) for n in range(1, 4)]
    pages_read_twice_are_pages_read_afresh(3)
    records.append(make(4))
    pages_read_twice_are_pages_read_afresh(4)
    if field is None:  # (a partner is never withdrawn: deleted)
        records[1].delete()
    else:
        setattr(records[1], field, withdrawn)
        records[1].save()
    pages_read_twice_are_pages_read_afresh(3)
