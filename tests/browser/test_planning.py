import pytest
from playwright.sync_api import expect

from divisions.planning.models import Project, ProjectImport, ProjectPair
from tests.browser.maps import click_map_feature
from tests.planning.fixtures import flat_row, write_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3 ตำบลหนองชาก"


def _sign_in(page, live_server, language="th"):
    page.goto(f"{live_server.url}/{language}/admin/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()


def test_analyst_imports_a_file_reviews_the_flagged_pair_and_merges_it(
    page, live_server, analyst, pao, municipality, project_factory, tmp_path,
    celery_worker_process,
):  # fmt: skip
    existing = project_factory(title_th=ROAD, budgets={2569: 2_500_000}, lon_lat=(101.1, 13.31))
    rows = [
        flat_row(external_id="BB-12", title_th="โครงการก่อสร้างถนน คสล. สายบ้านหนองไผ่ - บ้านเนินสูง ม.๓",
                 agency="ทม.บ้านบึง", fiscal_year="2569", budget_thb="2,300,000",
                 province="ชลบุรี", district="บ้านบึง", subdistrict="ต.หนองชาก",
                 sector="transport"),
        flat_row(external_id="BB-13", title_th="ขุดลอกคลองสาธารณะ หมู่ที่ 5", agency="ทม.บ้านบึง",
                 fiscal_year="2570", budget_thb="800000", province="ชลบุรี",
                 district="บ้านบึง", subdistrict="หนองชาก", sector="water"),
    ]  # fmt: skip
    path = write_csv(tmp_path / "ban-bueng.csv", rows)

    _sign_in(page, live_server)
    page.goto(f"{live_server.url}/th/admin/planning/projectimport/add/")
    page.set_input_files("#id_file", str(path))
    page.locator("input[name=_save]").click()
    expect(page.locator("#import-progress")).to_have_attribute(
        "data-status", "succeeded", timeout=60000
    )
    expect(page.locator("#import-report")).to_contain_text("นำเข้า 2 โครงการ: ใหม่ 2")
    assert ProjectImport.objects.get().status == ProjectImport.Status.SUCCEEDED

    # The worker checks the new projects for duplicates once the import has committed.
    page.goto(f"{live_server.url}/th/planning/review/")
    for _ in range(30):
        if ProjectPair.objects.exists():
            break
        page.wait_for_timeout(500)
    page.reload()
    pair = ProjectPair.objects.get()
    card = page.locator(f"#pair-{pair.pk}")
    expect(card).to_contain_text("น่าจะซ้ำซ้อน")
    expect(card.locator("caption")).to_have_text("เหตุที่ได้คะแนนนี้")
    card.get_by_label("ซ้ำซ้อน", exact=True).check()
    card.get_by_label("เหตุผล").fill("ทม.บ้านบึง ขอโครงการเดียวกันผ่าน ผ.02/2")
    card.get_by_label(existing.title_th).check()
    card.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    expect(page.locator(".notice[role=status]")).to_contain_text("รวมเข้ากับ")
    expect(page.locator(".empty-state")).to_have_text("ไม่มีรายการที่ต้องตรวจสอบ")
    merged = Project.objects.get(external_id="BB-12")
    assert merged.status == Project.Status.MERGED and merged.merged_into == existing


def test_bad_import_shows_every_bad_row_in_english(
    page, live_server, analyst, pao, tmp_path, celery_worker_process
):
    rows = [
        flat_row(external_id="1", title_th="ถนน", agency="Chon Buri PAO", fiscal_year="2569",
                 budget_thb="two million"),
        flat_row(external_id="2", title_th="ถนน", agency="Chon Buri PAO", fiscal_year="2569",
                 latitude="35.68", longitude="139.69"),
        flat_row(external_id="3", title_th="ถนนสาม", agency="Nobody", fiscal_year="2569"),
    ]  # fmt: skip
    _sign_in(page, live_server, "en")
    page.goto(f"{live_server.url}/en/admin/planning/projectimport/add/")
    page.set_input_files("#id_file", str(write_csv(tmp_path / "bad.csv", rows)))
    page.locator("input[name=_save]").click()
    expect(page.locator("#import-progress")).to_have_attribute("data-status", "failed",
                                                               timeout=60000)  # fmt: skip
    errors = page.locator("#import-errors li")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("Row 2: Budget “two million” is not a number.")
    expect(errors.nth(1)).to_contain_text("Row 3: The point 35.68, 139.69 is outside Thailand.")
    # The unknown agency is asked on the same page, to be remembered for the corrected file.
    expect(page.locator("#value-mapping")).to_contain_text("“Nobody”")
    assert not Project.objects.exists()


def test_citizen_browses_projects_on_the_map_and_opens_one(page, live_server, project_factory):
    bridge = project_factory(title_th="ก่อสร้างสะพานข้ามคลองหลวง", title_en="Khlong Luang bridge",
                             lon_lat=(101.1, 13.31), status="in_progress")  # fmt: skip
    project_factory(title_th="โครงการภายในที่ยังไม่เผยแพร่", is_public=False, lon_lat=(101.0, 13.3))

    page.goto(f"{live_server.url}/th/planning/")
    click_map_feature(page, (101.1, 13.31))
    popup = page.locator(".maplibregl-popup")
    expect(popup).to_contain_text("ก่อสร้างสะพานข้ามคลองหลวง")
    expect(popup).to_contain_text("กำลังดำเนินการ")
    expect(page.locator("body")).not_to_contain_text("โครงการภายในที่ยังไม่เผยแพร่")

    page.get_by_role("link", name="ก่อสร้างสะพานข้ามคลองหลวง").click()
    expect(page.locator("h1")).to_have_text("ก่อสร้างสะพานข้ามคลองหลวง")
    expect(page.locator("#map[data-ready]")).to_have_count(1, timeout=15000)
    page.goto(f"{live_server.url}/en{bridge.get_absolute_url()[3:]}")
    expect(page.locator("h1")).to_have_text("Khlong Luang bridge")
    expect(page.get_by_text("Budget by fiscal year")).to_be_visible()


@pytest.mark.parametrize(
    ("language", "heading", "confirm", "suggested"),
    [("th", "ค่าที่ต้องจับคู่", "ยืนยันและนำเข้า", "แนะนำ"),
     ("en", "Values to map", "Confirm and import", "suggested")],
)  # fmt: skip
def test_analyst_maps_a_messy_sheets_own_words_once_and_the_next_file_imports_straight(
    page, live_server, analyst, tmp_path, celery_worker_process, language, heading, confirm,
    suggested,
):  # fmt: skip
    from openpyxl import Workbook

    from tests.planning.agency_sheets import agencies_create, files

    agencies_create()
    name, content, _slug = next(sheet for sheet in files() if sheet[0].startswith("consolidated"))
    first = tmp_path / name
    first.write_bytes(content)

    _sign_in(page, live_server, language)
    page.goto(f"{live_server.url}/{language}/admin/planning/projectimport/add/")
    page.set_input_files("#id_file", str(first))
    page.locator("input[name=_save]").click()
    form = page.locator("#value-mapping")
    expect(form).to_be_visible(timeout=60000)
    expect(form.locator("h2")).to_have_text(heading)
    roads = form.locator("tr", has_text="“Roads”").locator("select")
    expect(roads).to_have_value("transport")
    expect(roads.locator("option:checked")).to_contain_text(suggested)
    expect(form.locator("tr", has_text="“Energy”").locator("select")).to_have_value("")
    # The job waits: its state says so, and no progress bar stands at a misleading 5 %.
    expect(page.locator("#import-bar")).to_be_hidden()
    expect(page.locator("#import-percent")).to_be_hidden()
    assert not Project.objects.exists()
    page.screenshot(path=str(tmp_path / f"mapping-{language}.png"), full_page=True)
    form.get_by_role("button", name=confirm).click()
    expect(page.locator("#import-progress")).to_have_attribute(
        "data-status", "succeeded", timeout=60000
    )
    assert Project.objects.count() == 8
    assert Project.objects.get(title_th__startswith="ปรับปรุงภูมิทัศน์").sector == "tourism"

    # Ban Chang's next file writes "Tourism" again: imported without a question.
    workbook = Workbook()
    workbook.active.append(["Project", "Agency", "Province", "District", "Sector", "FY2027"])
    workbook.active.append(["ปรับปรุงลานจอดรถชายหาดพยูน", "ทต.บ้านฉาง", "Rayong", "Ban Chang",
                            "Tourism", "1,200,000"])  # fmt: skip
    second = tmp_path / "ban-chang-2027.xlsx"
    workbook.save(second)
    page.goto(f"{live_server.url}/{language}/admin/planning/projectimport/add/")
    page.set_input_files("#id_file", str(second))
    page.locator("input[name=_save]").click()
    expect(page.locator("#import-progress")).to_have_attribute(
        "data-status", "succeeded", timeout=60000
    )
    expect(page.locator("#value-mapping")).to_have_count(0)
    page.screenshot(path=str(tmp_path / f"mapped-{language}.png"), full_page=True)
    assert Project.objects.get(title_th__startswith="ปรับปรุงลานจอด").sector == "tourism"


def test_analyst_decides_pairs_from_the_keyboard_in_a_filtered_queue(
    page, live_server, analyst, pao, municipality, project_factory
):
    from divisions.planning.services import duplicates_find

    project_factory(title_th=ROAD, budgets={2569: 2_000_000})
    project_factory(agency=municipality, title_th=ROAD.replace("หมู่ที่ 3", "ม.๓"),
                    budgets={2569: 1_800_000})  # fmt: skip
    project_factory(title_th="ขุดลอกคลองหนองปลาไหล หมู่ 7", budgets={2571: 900_000})
    project_factory(title_th="ขุดลอกคลองหนองปลาไหล ม.7", budgets={2571: 880_000})
    duplicates_find()
    road = ProjectPair.objects.get(first__title_th=ROAD)

    _sign_in(page, live_server, "en")
    page.goto(f"{live_server.url}/en/admin/")  # from what waits for the analyst
    page.locator("#waiting-for-me a", has_text="Possible duplicate projects to decide").click()
    expect(page.locator("section.pair")).to_have_count(2)
    page.select_option("#filter-year", "2569")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("section.pair")).to_have_count(1)
    expect(page.locator("#review-keys")).to_contain_text("j / k")
    page.keyboard.press("j")  # to the first (only) pair
    page.keyboard.press("d")
    expect(page.locator(f"#pair-{road.pk} input[value=duplicate]")).to_be_checked()
    page.keyboard.press("r")
    page.keyboard.type("Ban Bueng asked for the same road through its ผ.02/2")
    page.keyboard.press("Control+Enter")
    expect(page.locator(".notice[role=status]")).to_have_text("Decision saved.")
    assert page.url.endswith("/en/planning/review/?band=&agency=&year=2569#queue")
    expect(page.locator("section.pair")).to_have_count(0)
    expect(page.locator("#filter-year")).to_have_value("2569")
    road.refresh_from_db()
    assert road.verdict == "duplicate" and road.decided_by == analyst
