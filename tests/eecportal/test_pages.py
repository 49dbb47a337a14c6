import pytest
from django.urls import reverse
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["", "spatial/", "knowledge/", "coordination/", "planning/", "privacy/", "search/"]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_render_with_landmarks_in_both_languages(client, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    for landmark in ('<header class="site-header">', "<main ", "<footer ", 'role="search"'):
        assert landmark in html
    assert 'class="skip-link" href="#main"' in html
    assert "fonts.googleapis" not in html and "cdn" not in html.lower()


def test_thai_home_page_speaks_thai(client):
    html = client.get("/th/").content.decode()
    assert "กองส่งเสริมเขตพัฒนาพิเศษภาคตะวันออก" in html
    assert "องค์การบริหารส่วนจังหวัดชลบุรี" in html
    assert "ฝ่ายฐานข้อมูลเชิงพื้นที่" in html
    assert "ข้ามไปยังเนื้อหาหลัก" in html


def test_home_page_shows_an_empty_state_for_sections_without_content(client):
    html = client.get("/en/").content.decode()
    assert html.count("Nothing has been published here yet.") == 4


def test_home_page_lists_the_latest_agencies_with_buddhist_era_dates(client, agency_factory):
    agency_factory(name_th="การท่าเรือแห่งประเทศไทย", name_en="Port Authority of Thailand")
    html = client.get("/th/").content.decode()
    assert "การท่าเรือแห่งประเทศไทย" in html
    assert html.count("Nothing has been published here yet.") == 0
    assert "ยังไม่มีรายการเผยแพร่" in html
    assert "2569" in html or "2570" in html


def test_agency_page_in_english_tells_the_reader_when_it_shows_thai(client, agency_factory):
    agency_factory(slug="khao-mai-kaeo", name_th="องค์การบริหารส่วนตำบลเขาไม้แก้ว", name_en="")
    html = client.get("/en/coordination/agencies/khao-mai-kaeo/").content.decode()
    assert "This content is not yet available in English; it is shown in Thai." in html
    assert '<h1 lang="th">องค์การบริหารส่วนตำบลเขาไม้แก้ว</h1>' in html


def test_translated_agency_page_has_no_fallback_notice(client, agency_factory):
    agency_factory(slug="ieat", name_th="การนิคมอุตสาหกรรมแห่งประเทศไทย", name_en="IEAT")
    html = client.get("/en/coordination/agencies/ieat/").content.decode()
    assert "not yet available" not in html
    assert '<h1 lang="en">IEAT</h1>' in html


def test_agency_page_shows_buddhist_era_date_in_thai_and_ce_in_english(client, agency_factory):
    agency = agency_factory(slug="pat")
    with translation.override("th"):
        thai_html = client.get(agency.get_absolute_url()).content.decode()
    with translation.override("en"):
        english_html = client.get(agency.get_absolute_url()).content.decode()
    year = timezone.localtime(agency.updated_at).year  # (the year in Thai time)
    assert f"{year + 543}</time>" in thai_html
    assert f"{year}</time>" in english_html


def test_unknown_agency_is_a_translated_404(client):
    response = client.get("/th/coordination/agencies/nope/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_agency_list_filters_by_kind_and_province(client, agency_factory):
    agency_factory(name_en="Rayong PAO", province="TH-21")
    agency_factory(name_en="IEAT", kind="state_enterprise", province="TH-10")
    html = client.get("/en/coordination/", {"province": "TH-21"}).content.decode()
    assert "Rayong PAO" in html and "IEAT" not in html
    html = client.get("/en/coordination/", {"kind": "state_enterprise"}).content.decode()
    assert "IEAT" in html and "Rayong PAO" not in html
    # Unknown filter values are ignored rather than failing.
    assert client.get("/en/coordination/", {"kind": "unknown"}).status_code == 200


def test_agency_list_query_count_does_not_grow_with_rows(
    client, agency_factory, django_assert_max_num_queries
):
    parent = agency_factory()
    for _ in range(3):
        agency_factory(parent=parent)
    with django_assert_max_num_queries(3) as few:
        client.get(reverse("coordination:index"))
    for _ in range(25):
        agency_factory(parent=parent)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("coordination:index"))


def test_privacy_notice_exists_in_both_languages(client):
    assert "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล" in client.get("/th/privacy/").content.decode()
    assert "Personal Data Protection Act" in client.get("/en/privacy/").content.decode()


def test_home_page_makes_one_query_a_section_however_many_records(
    client, agency_factory, item_factory, project_factory, dataset_factory,
    django_assert_num_queries,
):  # fmt: skip
    for n in range(7):
        agency_factory(slug=f"home-{n}", short_name_th=f"อบต.{n}")
        item_factory(title_th=f"ข่าวที่ {n}")
        project_factory(title_th=f"โครงการที่ {n}")
        dataset_factory(slug=f"set-{n}")
    # One a section, and the newest news, open consultations and upcoming events.
    with django_assert_num_queries(7):
        html = client.get("/th/").content.decode()
    assert "อบต.6" in html and "ข่าวที่ 6" in html and "โครงการที่ 6" in html


def test_filter_options_mark_the_chosen_one_and_escape_everything():
    from eecportal.templatetags.portal import options

    html = options([("a", "<b>"), ("TH-20", "ชลบุรี", 4), 2569], "2569")
    assert html == (
        '<option value="a">&lt;b&gt;</option>'
        '<option value="TH-20">ชลบุรี (4)</option>'
        '<option value="2569" selected>2569</option>'
    )
    assert " selected" not in options([("", "—")], "")
    # Quotes and ampersands, text marked safe and lazy labels escaped as Django's escape does.
    from django.utils.html import escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    value = "'v'&"
    labels = ["\"x\" & 'y'", mark_safe("<i>"), gettext_lazy("Search")]
    assert options([(value, label) for label in labels]) == "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>' for label in labels
    )
