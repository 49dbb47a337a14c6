import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_switches_from_thai_to_the_same_page_in_english(page, live_server, agency_factory):
    agency_factory(
        slug="eeco",
        name_th="สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก",
        name_en="Eastern Economic Corridor Office of Thailand",
    )
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/th/"
    assert page.locator("html").get_attribute("lang") == "th"
    page.get_by_role("link", name="ฝ่ายประสานงาน").first.click()
    page.get_by_role("link", name="สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก").click()
    expect(page).to_have_url(f"{live_server.url}/th/coordination/agencies/eeco/")

    page.get_by_role("navigation", name="ภาษา").get_by_role("link", name="English").click()

    expect(page).to_have_url(f"{live_server.url}/en/coordination/agencies/eeco/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Eastern Economic Corridor Office of Thailand")


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
def test_phone_layout_keeps_search_and_navigation_within_the_screen(page, live_server):
    page.goto(f"{live_server.url}/th/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.get_by_role("searchbox", name="ค้นหาในเว็บท่า").fill("ชลบุรี")
    page.keyboard.press("Enter")
    page.wait_for_url("**/th/search/?q=*")
    expect(page.locator("h1")).to_have_text("ค้นหาในเว็บท่า")
