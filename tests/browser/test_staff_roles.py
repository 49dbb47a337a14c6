"""Each role's main task, walked in Chromium from the admin's home page (what waits for me),
in Thai and in English, on a 1,366 px screen."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from divisions.coordination.models import Meeting, MeetingSeries
from divisions.knowledge.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREEN = {"width": 1366, "height": 900}


def _staff(username: str, role: str) -> User:
    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def _sign_in(page, live_server, username: str, language: str) -> None:
    page.goto(f"{live_server.url}/{language}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    expect(page.locator("#waiting-for-me")).to_be_visible()


@pytest.mark.parametrize("page", [SCREEN], indirect=True)
@pytest.mark.parametrize(
    ("language", "task", "saved", "heading", "recorder"),
    [
        ("th", "รายงานการประชุมที่ยังต้องจัดทำ", "เรียบร้อยแล้ว", "รายงานการประชุมคณะกรรมการ",
         "นางสาวกมลวรรณ รักษ์ถิ่น นักวิเคราะห์นโยบายและแผน"),
        ("en", "Minutes to write", "successfully", "Minutes of the Chon Buri",
         "Ms Kamonwan Rakthin, Policy and Plan Analyst"),
    ],
)  # fmt: skip
def test_coordinator_writes_the_minutes_from_the_admin_home_and_downloads_them(
    page, live_server, agency_factory, tmp_path, language, task, saved, heading, recorder
):
    _staff("wanna", "Coordinators")
    series = MeetingSeries.objects.create(
        name_th="คณะกรรมการประสานงานอีอีซี จังหวัดชลบุรี",
        name_en="Chon Buri EEC coordination committee", organiser=agency_factory(),
    )  # fmt: skip
    starts = timezone.now() - timedelta(days=3)
    meeting = Meeting.objects.create(
        series=series, number=4, year_be=2569, title_th="ติดตามโครงการท่าเรือ",
        title_en="Port projects follow-up", kind="inter_agency", starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )  # fmt: skip

    _sign_in(page, live_server, "wanna", language)
    page.locator("#waiting-for-me a", has_text=task).click()
    page.wait_for_url("**/coordination/meeting/?minutes_status__exact=draft")
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_url(f"**/coordination/meeting/{meeting.pk}/change/**")
    # The text boxes of the page's language are the ones shown first.
    expect(page.locator(f"#id_minutes_{language}")).to_be_visible()
    # The whole form, agenda, attendance and action items included, fits the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
    page.fill(f"#id_minutes_{language}", "Laem Chabang phase 3: progress noted (ความคืบหน้า)")
    page.fill(f"#id_recorded_by_{language}", recorder)
    page.select_option("#id_minutes_status", "circulated")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_contain_text(saved)

    with page.expect_download() as download:
        page.locator(
            f"a[href='/{language}/coordination/meetings/{meeting.pk}/minutes.docx']"
        ).click()
    path = tmp_path / "minutes.docx"
    download.value.save_as(path)
    lines = [line for p in Document(str(path)).paragraphs for line in p.text.split("\n")]
    assert any(line.startswith(heading) for line in lines)
    assert f"({recorder})" in lines


@pytest.mark.parametrize("page", [SCREEN], indirect=True)
def test_editor_sends_an_item_for_review_and_a_publisher_publishes_it_from_the_admin_home(
    page, live_server
):
    _staff("malee", "Knowledge editors")
    _staff("somsak", "Division administrators")

    _sign_in(page, live_server, "malee", "th")
    page.locator("a.addlink[href='/th/admin/knowledge/item/add/']").click()
    expect(page.locator("input[name=_publish]")).to_have_count(0)  # not an editor's to do
    page.select_option("#id_kind", "news")
    page.fill("#id_title_th", "อบจ.ชลบุรีเปิดรับฟังความคิดเห็นโครงการถนนเลียบชายฝั่ง")
    page.get_by_role("button", name="บันทึกและส่งตรวจทาน").click()
    expect(page.locator(".messagelist .success")).to_contain_text("บันทึกและส่งตรวจทานแล้ว")
    item = Item.objects.get()
    assert item.status == Item.Status.IN_REVIEW

    page.context.clear_cookies()
    _sign_in(page, live_server, "somsak", "en")
    task = page.locator("#waiting-for-me tr", has_text="Items waiting for review")
    expect(task.locator(".count")).to_have_text("1")
    expect(task).to_contain_text("the oldest since")
    task.locator("a").click()
    page.locator("#result_list tbody th a").first.click()
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Saved and published")
    page.goto(f"{live_server.url}/th/knowledge/items/{item.pk}/")
    expect(page.locator("h1")).to_have_text("อบจ.ชลบุรีเปิดรับฟังความคิดเห็นโครงการถนนเลียบชายฝั่ง")


@pytest.mark.parametrize(
    ("language", "province_typed", "province", "country_typed"),
    [("th", "ชลบุ", "ชลบุรี", "ญี่ปุ่น"), ("en", "chon", "Chon Buri", "Japan")],
)
def test_coordinator_picks_a_province_and_a_country_by_typing_their_names(
    page, live_server, language, province_typed, province, country_typed
):
    from divisions.coordination.models import Agency

    _staff("wanna", "Coordinators")
    _sign_in(page, live_server, "wanna", language)
    page.locator("a.addlink[href$='/admin/coordination/agency/add/']").click()
    page.locator("a[href='#tab_id_name_th']").click()  # an agency's Thai name is required
    page.fill("#id_name_th", "องค์การส่งเสริมการค้าต่างประเทศของญี่ปุ่น สำนักงานชลบุรี")
    page.select_option("#id_kind", "international")
    for field, typed, chosen in (("province", province_typed, province),
                                 ("country", country_typed, country_typed)):  # fmt: skip
        page.locator(f"#id_{field} + .select2").click()
        page.locator(".select2-container--open .select2-search__field").fill(typed)
        page.locator(".select2-results__option", has_text=chosen).first.click()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    agency = Agency.objects.get()
    assert (agency.province, agency.country.code) == ("TH-20", "JP")


@pytest.mark.parametrize(("language", "offset"), [("th", 543), ("en", 0)])
def test_the_admin_date_picker_shows_the_year_in_the_pages_calendar(
    page, live_server, language, offset
):
    _staff("wanna", "Coordinators")
    _sign_in(page, live_server, "wanna", language)
    page.goto(f"{live_server.url}/{language}/admin/coordination/meeting/add/")
    page.locator("#calendarlink0").click()
    year = timezone.localdate().year + offset
    expect(page.locator("#calendarbox0 caption")).to_contain_text(str(year))
    page.locator("#calendarbox0 .calendarnav-next").click()  # each month drawn so
    following = timezone.localdate().replace(day=1) + timedelta(days=32)
    expect(page.locator("#calendarbox0 caption")).to_contain_text(str(following.year + offset))
    page.locator("#calendarbox0 td a").first.click()  # the date filled in keeps its CE year
    assert str(following.year) in page.input_value("#id_starts_at_0")


@pytest.mark.parametrize("page", [SCREEN], indirect=True)
def test_editor_picks_provinces_by_name_from_the_searchable_list(page, live_server):
    _staff("malee", "Knowledge editors")
    _sign_in(page, live_server, "malee", "th")
    page.goto(f"{live_server.url}/th/admin/knowledge/item/add/")
    label = page.locator("label[for=id_provinces]").bounding_box()
    picker = page.locator("#id_provinces_from").bounding_box()
    assert label["x"] < picker["x"]  # the lists sit beside their label
    page.select_option("#id_kind", "news")
    page.fill("#id_title_th", "ระยองเปิดเวทีรับฟังความคิดเห็น")
    page.fill("#id_provinces_input", "ระยอง")
    page.locator("#id_provinces_from").select_option(label="ระยอง")
    page.locator("#id_provinces_add").click()
    page.get_by_role("button", name="บันทึกฉบับร่าง").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Item.objects.get().provinces == ["TH-21"]
