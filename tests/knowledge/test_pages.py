import pytest
from django.utils import timezone

from divisions.knowledge.models import Item, Topic

pytestmark = pytest.mark.django_db


def test_thai_list_filters_by_buddhist_era_year_and_english_by_ce(client, item_factory):
    item_factory(
        title_th="ข่าวปี 2568",
        title_en="News of 2025",
        publish_at=timezone.datetime(2025, 6, 1, tzinfo=timezone.get_current_timezone()),
    )
    item_factory(
        title_th="ข่าวปี 2569",
        title_en="News of 2026",
        publish_at=timezone.datetime(2026, 6, 1, tzinfo=timezone.get_current_timezone()),
    )
    thai = client.get("/th/knowledge/news/", {"year": "2568"}).content.decode()
    assert "ข่าวปี 2568" in thai and "ข่าวปี 2569" not in thai
    assert '<option value="2569"' in thai and '<option value="2026"' not in thai
    english = client.get("/en/knowledge/news/", {"year": "2026"}).content.decode()
    assert "News of 2026" in english and "News of 2025" not in english


def test_list_filters_by_topic_and_province(client, item_factory, admin_user):
    item_factory(title_en="Jobs in Rayong", topics=("jobs",), provinces=["TH-21"])
    item_factory(title_en="Port in Chon Buri", topics=("infrastructure",), provinces=["TH-20"])
    html = client.get("/en/knowledge/news/", {"topic": "jobs"}).content.decode()
    assert "Jobs in Rayong" in html and "Port in Chon Buri" not in html
    html = client.get("/en/knowledge/news/", {"province": "TH-20"}).content.decode()
    assert "Port in Chon Buri" in html and "Jobs in Rayong" not in html
    assert client.get("/en/knowledge/news/", {"topic": "nope"}).status_code == 200
    # Each row names its topics, read with the rows not kept (then kept), and for staff.
    jobs = Topic.objects.get(slug="jobs")
    staff = type(client)()
    staff.force_login(admin_user)
    for reader, language in [(client, "th"), (client, "th"), (client, "en"), (staff, "en")]:
        html = reader.get(f"/{language}/knowledge/news/").content.decode()
        assert getattr(jobs, f"name_{language}") in html, (language, reader is staff)
    # A year that cannot be one is answered with what to write instead (issue 12).
    refused = client.get("/en/knowledge/news/", {"topic": "nope", "year": "x"})
    assert refused.status_code == 400 and "four digits" in refused.content.decode()
    assert client.get("/en/knowledge/unknown-kind/").status_code == 404


def test_english_list_marks_items_only_in_thai_and_their_page_says_so(client, item_factory):
    item = item_factory(
        kind=Item.Kind.BEST_PRACTICE, title_th="ธนาคารขยะชุมชน", title_en="", summary_en=""
    )
    html = client.get("/en/knowledge/best-practices/").content.decode()
    assert "ธนาคารขยะชุมชน" in html and "Available in Thai" in html
    detail = client.get(f"/en/knowledge/items/{item.pk}/").content.decode()
    assert "This content is not yet available in English; it is shown in Thai." in detail
    assert '<article class="prose item" lang="th">' in detail


def test_detail_page_has_open_graph_dates_in_buddhist_era_and_related_items(client, item_factory):
    when = timezone.datetime(2026, 11, 24, 10, tzinfo=timezone.get_current_timezone())
    item = item_factory(
        title_th="เปิดศูนย์ฝึกทักษะ", title_en="Skills centre opens", topics=("jobs",), publish_at=when
    )
    other = item_factory(title_en="Another jobs story", topics=("jobs",))
    thai = client.get(f"/th/knowledge/items/{item.pk}/").content.decode()
    assert '<meta property="og:title" content="เปิดศูนย์ฝึกทักษะ">' in thai
    assert "24 พฤศจิกายน 2569" in thai
    english = client.get(f"/en/knowledge/items/{item.pk}/").content.decode()
    assert "24 November 2026" in english
    assert f'href="/en/knowledge/items/{other.pk}/">Another jobs story</a>' in english


def test_item_url_stays_the_same_when_the_title_changes(client, item_factory):
    item = item_factory(title_en="Old title")
    url = f"/en/knowledge/items/{item.pk}/"
    item.title_en = "New title"
    item.save()
    assert "New title" in client.get(url).content.decode()


def test_list_and_detail_query_counts_do_not_grow_with_items(
    client, item_factory, django_assert_max_num_queries
):
    first = item_factory(topics=("jobs", "economy"))
    with django_assert_max_num_queries(20) as baseline:
        client.get("/th/knowledge/news/")
    list_queries = len(baseline.captured_queries)
    with django_assert_max_num_queries(20) as detail:
        client.get(f"/th/knowledge/items/{first.pk}/")
    detail_queries = len(detail.captured_queries)
    for _ in range(15):
        item_factory(topics=("jobs", "economy"))
    with django_assert_max_num_queries(list_queries):
        client.get("/th/knowledge/news/")
    with django_assert_max_num_queries(detail_queries):
        client.get(f"/th/knowledge/items/{first.pk}/")
    with django_assert_max_num_queries(list_queries):
        client.get("/th/knowledge/")


def test_event_page_shows_when_where_and_the_map_point(client, item_factory):
    from django.contrib.gis.geos import Point

    start = timezone.datetime(2026, 12, 15, 9, tzinfo=timezone.get_current_timezone())
    item = item_factory(
        kind=Item.Kind.EVENT, title_en="Skills seminar", place_en="Chon Buri PAO hall",
        starts_at=start, ends_at=start + timezone.timedelta(hours=7),
        location=Point(100.9847, 13.3611, srid=4326),
    )  # fmt: skip
    thai = client.get(f"/th/knowledge/items/{item.pk}/").content.decode()
    assert "15 ธันวาคม 2569 เวลา 09:00 น." in thai
    english = client.get(f"/en/knowledge/items/{item.pk}/").content.decode()
    assert "Chon Buri PAO hall" in english
    assert "mlat=13.36110&amp;mlon=100.98470" in english


def test_item_page_links_the_records_of_other_sections_it_is_about_if_public(
    client, item_factory, project_factory, dataset_factory
):
    item = item_factory(title_th="ผลกระทบของโครงการถนนต่อชุมชน")
    item.related_projects.add(
        project_factory(title_th="ก่อสร้างถนนสายบ้านหนองไผ่"),
        project_factory(title_th="โครงการถนนภายใน", is_public=False),
    )
    item.related_datasets.add(dataset_factory(title_th="ชั้นข้อมูลถนนในจังหวัด"))
    body = client.get(item.get_absolute_url()).content.decode()
    assert "ก่อสร้างถนนสายบ้านหนองไผ่" in body and "ชั้นข้อมูลถนนในจังหวัด" in body
    assert "โครงการถนนภายใน" not in body


def test_list_shows_each_items_topics_in_the_readers_language(
    client, item_factory, django_assert_max_num_queries
):
    from divisions.knowledge.models import Topic

    Topic.objects.create(slug="fisheries", name_th="ประมง", name_en="Fisheries")
    for n in range(15):
        item_factory(title_en=f"Harbour news {n}", topics=("fisheries",))
    with django_assert_max_num_queries(5):
        english = client.get("/en/knowledge/news/").content.decode()
    assert english.count("· Fisheries") == 12  # one page
    assert "· ประมง" in client.get("/th/knowledge/news/").content.decode()


@pytest.mark.parametrize(
    ("language", "shown"),
    [("th", "15 ธันวาคม 2569 เวลา 09:00 น."), ("en", "15 December 2026, 09:00")],
)
def test_the_events_list_shows_when_each_event_takes_place(client, item_factory, language, shown):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    starts = datetime(2026, 12, 15, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok"))
    item_factory(kind="event", title_th="เวทีรับฟังความคิดเห็นผังเมือง", title_en="Town-plan hearing",
                 starts_at=starts, ends_at=starts.replace(hour=12))  # fmt: skip

    html = client.get(f"/{language}/knowledge/events/").content.decode()

    assert shown in html and 'datetime="2026-12-15T09:00:00+07:00"' in html


def test_the_questions_and_answers_open_in_place_in_a_constant_number_of_queries(
    client, item_factory, django_assert_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    item_factory(kind=Item.Kind.FAQ, title_th="ขอรับข้อมูลโครงการได้ที่ใด",
                 title_en="Where can I get project data?",
                 body_th="<p>ดาวน์โหลดได้จากหน้าชุดข้อมูล</p>",
                 body_en="<p>Download it from the datasets page.</p>")  # fmt: skip
    item_factory(kind=Item.Kind.FAQ, title_th="อีอีซีคืออะไร", title_en="", body_th="<p>เขตพัฒนา</p>")
    item_factory(kind=Item.Kind.NEWS, title_th="ข่าวไม่ใช่คำถาม")
    cache.clear()
    body = client.get("/en/knowledge/faq/").content.decode()
    assert body.count('<details class="card faq"') == 2 and "ข่าวไม่ใช่คำถาม" not in body
    assert '<summary lang="en">Where can I get project data?' in body
    assert "<p>Download it from the datasets page.</p>" in body
    assert '<summary lang="th">อีอีซีคืออะไร <span class="badge">Available in Thai' in body
    cache.clear()
    with CaptureQueriesContext(connection) as two:
        client.get("/th/knowledge/faq/")
    item_factory(kind=Item.Kind.FAQ, title_th="ถามอีกข้อ", body_th="<p>ตอบ</p>")
    cache.clear()
    with django_assert_num_queries(len(two)):
        body = client.get("/th/knowledge/faq/").content.decode()
    assert body.count('<details class="card faq"') == 3 and "<p>ตอบ</p>" in body
