import io
import json
import re
import zlib

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from divisions.planning.models import Project, ProjectPair
from divisions.planning.services import duplicates_find

ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3"


@pytest.fixture
def public_and_internal(project_factory):
    public = project_factory(title_th="ก่อสร้างสะพานข้ามคลองหลวง", title_en="Khlong Luang bridge",
                             lon_lat=(101.1, 13.3), budgets={2569: 3_000_000})  # fmt: skip
    internal = project_factory(title_th="โครงการลับเฉพาะภายใน", is_public=False,
                               lon_lat=(101.2, 13.2))  # fmt: skip
    return public, internal


def test_citizens_see_public_projects_only_in_every_channel(client, public_and_internal):
    public, internal = public_and_internal
    pages = [
        reverse("planning:index"),
        "/api/v1/planning/projects/",
        "/ogc/collections/planning-projects/items?f=json",
        "/sitemap.xml",
        "/th/search/?q=โครงการลับ",
        "/th/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "โครงการลับเฉพาะภายใน" not in body, url
        assert f"/planning/projects/{internal.pk}/" not in body, url
    assert public.title_th in client.get(reverse("planning:index")).content.decode()
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/planning/projects/{internal.pk}/").status_code == 404
    items = client.get("/ogc/collections/planning-projects/items?f=json").json()
    assert [f["id"] for f in items["features"]] == [public.pk]


def test_analysts_map_shows_internal_projects_too_in_tiles_of_their_own(
    client, analyst, public_and_internal
):
    public, internal = public_and_internal
    tile = "/ogc/collections/planning-projects/tiles/WebMercatorQuad/8/118/199"
    anonymous = client.get(tile)
    assert public.title_th.encode() in anonymous.content
    assert internal.title_th.encode() not in anonymous.content
    assert anonymous["Cache-Control"].startswith("public")
    client.force_login(analyst)
    own = client.get(tile)
    assert public.title_th.encode() in own.content and internal.title_th.encode() in own.content
    assert own["Cache-Control"].startswith("private")
    items = client.get("/ogc/collections/planning-projects/items?f=json").json()
    assert {f["id"] for f in items["features"]} == {public.pk, internal.pk}


def test_the_public_map_query_kept_for_speed_never_serves_staff_or_the_other_language(
    client, analyst, public_and_internal
):
    public, internal = public_and_internal
    items = "/ogc/collections/planning-projects/items?f=json"
    client.force_login(analyst)  # staff first: their rows must not become the public's
    assert {f["id"] for f in client.get(items).json()["features"]} == {public.pk, internal.pk}
    client.logout()
    for language, label in (("th", "เสนอโครงการ"), ("en", "Proposed")):
        features = client.get(items, HTTP_ACCEPT_LANGUAGE=language).json()["features"]
        assert [f["id"] for f in features] == [public.pk]
        assert features[0]["properties"]["status_label"] == label
    client.force_login(analyst)  # and the public's, once kept, are not the staff's
    assert {f["id"] for f in client.get(items).json()["features"]} == {public.pk, internal.pk}


def test_project_page_shows_budgets_by_fiscal_year_in_both_languages(client, public_and_internal):
    public, _ = public_and_internal
    thai = client.get(public.get_absolute_url()).content.decode()
    assert "ปีงบประมาณ" in thai and "2569" in thai and "3,000,000.00" in thai
    english = client.get(f"/en/planning/projects/{public.pk}/").content.decode()
    assert "Khlong Luang bridge" in english and "Budget by fiscal year" in english
    # its place on the map, rendered and then kept
    for page in (thai, client.get(public.get_absolute_url()).content.decode()):
        assert "&quot;Point&quot;, &quot;coordinates&quot;: [ 101.1, 13.3 ]" in page


def test_project_list_filters_by_year_and_status(client, project_factory):
    project_factory(title_th="โครงการปีหนึ่ง", budgets={2568: 10})
    project_factory(title_th="โครงการปีสอง", budgets={2570: 10}, status="done")
    body = client.get(reverse("planning:index") + "?year=2570").content.decode()
    assert "โครงการปีสอง" in body and "โครงการปีหนึ่ง" not in body
    body = client.get(reverse("planning:index") + "?status=done&year=abc").content.decode()
    assert "โครงการปีสอง" in body and "โครงการปีหนึ่ง" not in body


@pytest.mark.parametrize("language", ["th", "en"])
def test_project_list_filters_show_the_choices_asked_for_each_time(client, db, language):
    # The filters' fixed choices are rendered once a process for each choice asked for.
    with translation.override(language):
        url = reverse("planning:index")
    for sector, year in [("water", "2569"), ("transport", ""), ("", "2570"), ("water", "2569")]:
        body = client.get(url, {"sector": sector, "year": year}).content.decode()
        chosen = re.findall(r'<option value="(\w+)" selected>', body)
        assert chosen == [value for value in (sector, year) if value], (sector, year)
        label = {"th": "แหล่งน้ำและการระบายน้ำ", "en": "Water resources and drainage"}[language]
        assert f'<option value="water"{" selected" if sector == "water" else ""}>{label}' in body


def test_project_list_keeps_a_constant_query_count(
    client, project_factory, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        project_factory()
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("planning:index"))
    for _ in range(20):
        project_factory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("planning:index"))


def test_project_api_keeps_a_constant_query_count(
    client, project_factory, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for _ in range(3):
        project_factory()
    with django_assert_max_num_queries(4) as few:  # count, page, budgets, participants
        client.get("/api/v1/planning/projects/")
    with django_capture_on_commit_callbacks(execute=True):  # (as committed: kept pages stale)
        for _ in range(20):
            project_factory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/planning/projects/").json()["results"]) == 23


def test_staff_pages_ask_anonymous_visitors_to_sign_in(client, db):
    for name in ("planning:dashboard", "planning:review", "planning:report-xlsx"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.fixture
def flagged(project_factory, municipality):
    first = project_factory(title_th=ROAD, budgets={2569: 2_000_000})
    second = project_factory(agency=municipality, title_th=ROAD.replace("หมู่ที่ 3", "ม.๓"),
                             budgets={2569: 1_800_000}, is_public=False)  # fmt: skip
    duplicates_find()
    return first, second


def test_analyst_dashboard_shows_money_and_duplicates(client, analyst, flagged):
    client.force_login(analyst)
    body = client.get(reverse("planning:dashboard")).content.decode()
    assert "3,800,000" in body  # the year's total, internal projects included for staff
    assert "1,800,000" in body  # at stake in the unresolved pair
    assert ROAD in body


def test_analyst_merges_a_pair_from_the_queue(client, analyst, flagged):
    first, second = flagged
    client.force_login(analyst)
    pair = ProjectPair.objects.get()
    body = client.get(reverse("planning:review")).content.decode()
    assert f'id="pair-{pair.pk}"' in body and "ที่อยู่" not in body
    response = client.post(
        reverse("planning:review-decide", args=[pair.pk]),
        {
            f"pair-{pair.pk}-verdict": "duplicate",
            f"pair-{pair.pk}-reason": "ซ้ำ",
            f"pair-{pair.pk}-keep": str(first.pk),
        },  # fmt: skip
    )
    assert response.status_code == 302
    assert Project.objects.get(pk=second.pk).merged_into_id == first.pk
    assert f'id="pair-{pair.pk}"' not in client.get(reverse("planning:review")).content.decode()


def test_the_queue_filters_by_agency_and_year_and_a_decision_returns_to_the_filtered_page(
    client, analyst, flagged, project_factory, pao, django_assert_num_queries
):
    other = project_factory(title_th="ขุดลอกคลองหนองปลาไหล หมู่ 7", budgets={2571: 900_000})
    project_factory(title_th="ขุดลอกคลองหนองปลาไหล ม.7", budgets={2571: 880_000})
    duplicates_find()
    road, canal = ProjectPair.objects.order_by("pk")
    assert canal.first_id == other.pk or canal.second_id == other.pk
    client.force_login(analyst)
    queue = reverse("planning:review")

    def shown(query: str) -> set[int]:
        body = client.get(queue + query).content.decode()
        return {pair.pk for pair in (road, canal) if f'id="pair-{pair.pk}"' in body}

    assert shown("") == {road.pk, canal.pk}
    assert shown("?agency=ban-bueng") == {road.pk}  # the municipality's project is in one pair
    assert shown("?agency=pao-chonburi") == {road.pk, canal.pk}
    assert shown("?year=2571") == {canal.pk}
    assert shown("?year=1999&band=x") == {road.pk, canal.pk}  # not a fiscal year: ignored
    assert shown("?agency=nobody") == set()
    body = client.get(queue + "?year=2571").content.decode()
    assert '<option value="2569">' in body and '<option value="2571" selected>' in body
    with CaptureQueriesContext(connection) as two_pairs:
        client.get(queue)
    project_factory(title_th="ติดตั้งไฟฟ้าส่องสว่าง หมู่ 4", budgets={2570: 300_000})
    project_factory(title_th="ติดตั้งไฟฟ้าส่องสว่าง ม.4", budgets={2570: 310_000})
    duplicates_find()
    assert ProjectPair.objects.count() == 3
    with django_assert_num_queries(len(two_pairs)):  # constant for any number of pairs
        client.get(queue)
    response = client.post(
        reverse("planning:review-decide", args=[canal.pk]),
        {f"pair-{canal.pk}-verdict": "overlapping", f"pair-{canal.pk}-reason": "ต่อเนื่อง",
         "back": queue + "?year=2571"},
    )  # fmt: skip
    assert response["Location"] == queue + "?year=2571#queue"
    response = client.post(
        reverse("planning:review-decide", args=[road.pk]),
        {f"pair-{road.pk}-verdict": "overlapping", f"pair-{road.pk}-reason": "x",
         "back": "https://elsewhere.example/?x"},
    )  # fmt: skip
    assert response["Location"] == queue + "#queue"


def test_merging_a_pair_marked_otherwise_is_refused(client, analyst, flagged):
    client.force_login(analyst)
    pair = ProjectPair.objects.get()
    client.post(
        reverse("planning:review-decide", args=[pair.pk]),
        {
            f"pair-{pair.pk}-verdict": "complementary",
            f"pair-{pair.pk}-reason": "ต่อกัน",
            f"pair-{pair.pk}-keep": str(pair.first_id),
        },  # fmt: skip
    )
    pair.refresh_from_db()
    assert pair.verdict == "" and not Project.objects.filter(status="merged").exists()


def test_integration_report_as_xlsx_and_a_pdf_in_a_thai_font(client, analyst, flagged):
    client.force_login(analyst)
    xlsx = client.get(reverse("planning:report-xlsx"))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0][2] == "โครงการ" and {row[2] for row in rows[1:]} >= {ROAD}
    pdf = client.get(reverse("planning:report-pdf"))
    assert pdf.content.startswith(b"%PDF")
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf.content, re.DOTALL)
    assert any(b"Laksaman" in _inflate(stream) for stream in streams)


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return stream


def test_api_lists_public_projects_and_lets_analysts_write(client, analyst, pao, flagged):
    first, second = flagged
    listing = client.get("/api/v1/planning/projects/?fiscal_year=2569").json()
    assert [row["id"] for row in listing["results"]] == [first.pk]
    assert [b["fiscal_year"] for b in listing["results"][0]["budgets"]] == [2569]
    assert client.post("/api/v1/planning/projects/", {}).status_code in (401, 403)
    client.force_login(analyst)
    payload = {
        "agency": pao.slug, "title_th": "ปรับปรุงภูมิทัศน์ชายหาดบางแสน", "province": "TH-20",
        "location": {"type": "Point", "coordinates": [100.92, 13.28]}, "is_public": True,
    }  # fmt: skip
    response = client.post(
        "/api/v1/planning/projects/", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["budgets"] == [] and response.json()["participations"] == []
    created = Project.objects.get(pk=response.json()["id"])
    assert created.match_title and created.location.coords == (100.92, 13.28)
    bad = dict(payload, location={"type": "Point", "coordinates": "x"})
    response = client.post(
        "/api/v1/planning/projects/", json.dumps(bad), content_type="application/json"
    )
    assert response.status_code == 400


def test_an_old_link_to_a_merged_project_leads_to_the_one_it_became(client, analyst, flagged):
    from divisions.planning.services import project_merge

    first, second = flagged
    Project.objects.filter(pk=second.pk).update(is_public=True)
    project_merge(pair=ProjectPair.objects.get(), survivor=first, reason="ซ้ำ", user=analyst)
    response = client.get(second.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == first.get_absolute_url()
    Project.objects.filter(pk=first.pk).update(is_public=False)  # an internal survivor: no way
    assert client.get(second.get_absolute_url()).status_code == 404


def test_analysts_write_budgets_with_a_project_all_or_nothing(client, analyst, pao):
    client.force_login(analyst)
    payload = {
        "agency": pao.slug, "title_th": "ก่อสร้างลานกีฬาชุมชนบ้านอ่างศิลา", "province": "TH-20",
        "budgets": [
            {"fiscal_year": 2569, "kind": "planned", "source": "own", "amount": "1500000"},
            {"fiscal_year": 2569, "kind": "ordinance", "source": "own", "amount": "1200000"},
            {"fiscal_year": 2570, "kind": "planned", "source": "subsidy", "amount": "800000"},
        ],
    }  # fmt: skip
    created = client.post(
        "/api/v1/planning/projects/", json.dumps(payload), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert [b["fiscal_year"] for b in created.json()["budgets"]] == [2569, 2569, 2570]
    project = Project.objects.get(pk=created.json()["id"])
    assert project.budget_total == 2_000_000  # the ordinance figure counts for 2569
    assert project.fiscal_years == [2569, 2570]

    twice = {"fiscal_year": 2571, "kind": "planned", "source": "own", "amount": "1"}
    refused = [
        {"budgets": [{"fiscal_year": 2026, "kind": "planned", "amount": "1"}]},  # a CE year
        {"title_th": "ชื่อใหม่", "budgets": [twice, twice]},  # the same budget twice
    ]
    for change in refused:
        response = client.patch(
            f"/api/v1/planning/projects/{project.pk}/", json.dumps(change),
            content_type="application/json",
        )  # fmt: skip
        assert response.status_code == 400, change
        assert "budgets" in response.json()
    project.refresh_from_db()
    assert project.title_th == "ก่อสร้างลานกีฬาชุมชนบ้านอ่างศิลา"  # nothing half-saved
    assert project.budgets.count() == 3 and project.budget_total == 2_000_000


def test_english_pages_name_places_in_english_and_mark_thai_only_titles(client, project_factory):
    thai_only = project_factory(title_th="ขุดลอกคลองหนองปลาไหล", title_en="", province="TH-20",
                                district="อ.บ้านบึง", subdistrict="ต.คลองกิ่ว")  # fmt: skip
    project_factory(title_th="ถนนสายใหม่", title_en="New road", province="TH-20",
                    district="บ้านบึง")  # fmt: skip
    cache.clear()
    body = client.get("/en/planning/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        'lang="th">ขุดลอกคลองหนองปลาไหล</a> <span class="badge" lang="en">Available in Thai' in body
    )
    assert 'lang="en">New road</a> <span' not in body
    assert "Chon Buri · Ban Bueng" in body and "· บ้านบึง" not in body
    detail = client.get(f"/en/planning/projects/{thai_only.pk}/").content.decode()
    assert "district Ban Bueng · subdistrict Khlong Kio" in detail
    assert "not yet available in English" in detail
    thai = client.get(f"/th/planning/projects/{thai_only.pk}/").content.decode()
    assert "บ้านบึง" in thai and "คลองกิ่ว" in thai and "not yet available" not in thai
