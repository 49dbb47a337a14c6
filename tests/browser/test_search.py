import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_finds_items_by_a_place_in_the_other_script_and_a_word_cut_short(
    page, live_server, item_factory
):
    item = item_factory(
        title_th="ประกาศปิดถนนชั่วคราว",
        body_th="<p>การประปาส่วนภูมิภาควางท่อน้ำดิบใหม่ถึงท่าเรือแหลมฉบัง</p>",
        title_en="Temporary road closure",
        body_en="<p>The waterworks lay a new raw water main to Laem Chabang port; "
        "an environmental survey came first.</p>",
    )
    # A Thai page, the place typed in English, a word found inside a compound (ประปา).
    page.goto(f"{live_server.url}/th/search/")
    page.get_by_label("คำที่ต้องการค้นหา").fill("Laem Chabang ประปา")
    page.get_by_role("button", name="ค้นหา").last.click()
    result = page.locator(".search-results li").first
    expect(result.get_by_role("link", name=item.title_th)).to_be_visible()
    expect(result.locator("mark").first).to_have_text("ประปา")

    # An English page, a word cut short on a phone keyboard: the passage is shown.
    page.goto(f"{live_server.url}/en/search/")
    page.get_by_label("Words to look for").fill("environ")
    page.get_by_role("button", name="Search").last.click()
    result = page.locator(".search-results li").first
    expect(result.get_by_role("link", name=item.title_en)).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("1 result")
