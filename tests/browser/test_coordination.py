import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from divisions.coordination.models import ActionItem, Meeting, MeetingSeries
from tests.browser.maps import click_map_feature

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _choose(page, field_id: str, text: str) -> None:
    """Pick a value in one of the admin's autocomplete (select2) fields, as a person does."""
    page.locator(f"#{field_id} + .select2").click()
    page.locator(".select2-dropdown .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def _log_meeting(page, live_server, series, number: int, day: str, *, action: str = ""):
    page.goto(f"{live_server.url}/th/admin/coordination/meeting/add/")
    page.select_option("#id_series", str(series.pk))
    page.fill("#id_number", str(number))
    page.fill("#id_year_be", "2569")
    page.fill("#id_title_th", f"ประชุมคณะกรรมการประสานงาน ครั้งที่ {number}")
    page.select_option("#id_kind", "inter_agency")
    page.fill("#id_starts_at_0", day)
    page.fill("#id_starts_at_1", "09:30:00")
    page.fill("#id_ends_at_0", day)
    page.fill("#id_ends_at_1", "12:00:00")
    page.check("#id_is_public")
    page.fill("#id_agenda-0-number", "3.1")
    page.fill("#id_agenda-0-title_th", "โครงการถนนเชื่อมท่าเรือ")
    page.fill("#id_agenda-0-decision_th", "ที่ประชุมเห็นชอบ")
    _choose(page, "id_attendance-0-agency", "หน่วยงานทดสอบ")
    page.select_option("#id_attendance-0-status", "attended")
    if action:
        page.fill("#id_actions-0-description_th", action)
        _choose(page, "id_actions-0-owner_agency", "หน่วยงานทดสอบ")
        page.fill("#id_actions-0-due_date", "2026-02-28")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()


def test_coordinator_logs_a_meeting_and_the_next_one_shows_carried_over_items(
    page, live_server, agency_factory
):
    coordinator = User.objects.create_user(
        "somchai", password="a-long-test-password", is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    series = MeetingSeries.objects.create(
        slug="eec", name_th="คณะกรรมการประสานงานอีอีซี", name_en="EEC committee",
        organiser=agency_factory(slug="chonburi-pao", name_en="Chon Buri PAO"),
    )  # fmt: skip
    page.goto(f"{live_server.url}/th/admin/login/")
    page.fill("#id_username", "somchai")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()

    _log_meeting(page, live_server, series, 1, "2026-01-15", action="สำรวจแนวเขตทาง")
    _log_meeting(page, live_server, series, 2, "2026-03-15")

    assert ActionItem.objects.get().description_th == "สำรวจแนวเขตทาง"
    second = Meeting.objects.get(number=2)
    page.goto(f"{live_server.url}/th/admin/coordination/meeting/{second.pk}/change/")
    expect(page.get_by_text("สำรวจแนวเขตทาง")).to_be_visible()
    page.goto(f"{live_server.url}/th{second.get_absolute_url()[3:]}")
    expect(page.locator("h1")).to_contain_text("ครั้งที่ 2")
    expect(page.get_by_role("heading", name="เรื่องที่ต้องดำเนินการค้างจากการประชุมก่อน")).to_be_visible()
    expect(page.get_by_role("cell", name="สำรวจแนวเขตทาง")).to_be_visible()
    expect(page.get_by_text("ที่ประชุมเห็นชอบ")).to_be_visible()


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
def test_agreement_register_fits_a_phone_screen(page, live_server, agency_factory):
    from divisions.coordination.models import Agreement, AgreementParty

    agency = agency_factory(name_en="Department of Public Works and Town & Country Planning")
    agreement = Agreement.objects.create(
        registry_number="MOU-1/2569", title_th="ความร่วมมือด้านข้อมูล", kind="mou",
        scope="domestic", status="active", is_public=True,
    )  # fmt: skip
    AgreementParty.objects.create(agreement=agreement, agency=agency)

    page.goto(f"{live_server.url}/en/coordination/agreements/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_citizen_finds_a_partner_abroad_on_the_agreements_map(page, live_server, agency_factory):
    from django.contrib.gis.geos import Point

    from divisions.coordination.models import Agreement, AgreementParty

    jica = agency_factory(
        name_th="องค์การความร่วมมือระหว่างประเทศของญี่ปุ่น",
        name_en="Japan International Cooperation Agency",
        country="JP",
        province="",
        location=Point(139.74, 35.68, srid=4326),
    )
    agreement = Agreement.objects.create(
        registry_number="MOU-2/2569", title_th="ความร่วมมือด้านผังเมือง", kind="mou",
        scope="international", status="active", is_public=True,
    )  # fmt: skip
    AgreementParty.objects.create(agreement=agreement, agency=jica)

    page.goto(f"{live_server.url}/en/coordination/agreements/")
    page.wait_for_selector("#map[data-ready]", timeout=15000)
    # The map starts on the EEC, not on the whole of Asia that fits every partner.
    centre = page.evaluate("() => document.getElementById('map').maplibre.getCenter().toArray()")
    assert 100 < centre[0] < 102.5 and 12 < centre[1] < 14.5
    page.evaluate("() => document.getElementById('map').maplibre.jumpTo({center: [139.74, 35.68]})")
    click_map_feature(page, (139.74, 35.68))
    popup = page.locator(".maplibregl-popup")
    # The page's language (the browser prefers Thai), and the country's name, not its code.
    expect(popup).to_contain_text("Japan International Cooperation Agency")
    expect(popup).to_contain_text("Japan")
    expect(popup).not_to_contain_text("ญี่ปุ่น")
