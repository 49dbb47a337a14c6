import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from divisions.knowledge.models import Comment, Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_reads_in_thai_switches_to_english_and_searches_in_thai(
    page, live_server, item_factory
):
    item = item_factory(
        kind="explainer",
        title_th="ผลกระทบต่อสิ่งแวดล้อมจากท่าเรือแหลมฉบังระยะที่ 3",
        title_en="Environmental impacts of Laem Chabang port phase 3",
        summary_th="สรุปรายงานการประเมินผลกระทบสิ่งแวดล้อม",
        summary_en="A summary of the environmental impact assessment",
        topics=("environment",),
    )
    page.goto(f"{live_server.url}/th/knowledge/")
    page.get_by_role("link", name="บทความอธิบาย").click()
    page.get_by_role("link", name=item.title_th).click()
    expect(page.locator("h1")).to_have_text(item.title_th)

    page.get_by_role("navigation", name="ภาษา").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/knowledge/items/{item.pk}/")
    expect(page.locator("h1")).to_have_text(item.title_en)

    page.get_by_role("navigation", name="Language").get_by_role("link", name="ไทย").click()
    page.get_by_role("searchbox", name="ค้นหาในเว็บท่า").fill("ผลกระทบ")
    page.get_by_role("button", name="ค้นหา").first.click()
    result = page.locator(".search-results li").first
    expect(result).to_contain_text(item.title_th)
    expect(result.locator("mark").first).to_have_text("ผลกระทบ")

    result.get_by_role("link", name=item.title_th).click()
    page.get_by_label("ชื่อ", exact=True).fill("สมศรี ใจดี")
    page.get_by_label("อีเมล", exact=True).fill("somsri@example.com")
    page.get_by_role("textbox", name="ความคิดเห็น", exact=True).fill("อยากให้ตรวจวัดคุณภาพน้ำทุกเดือน")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="ส่งความคิดเห็น").click()
    expect(page.get_by_role("status")).to_contain_text("จะแสดงหลังจากเจ้าหน้าที่ตรวจสอบแล้ว")
    assert Comment.objects.get().body == "อยากให้ตรวจวัดคุณภาพน้ำทุกเดือน"


def test_administrator_drafts_previews_and_publishes_a_bilingual_item(page, live_server):
    user = User.objects.create_user("somsak", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Division administrators"))

    page.goto(f"{live_server.url}/th/admin/login/")
    page.fill("#id_username", "somsak")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()
    page.goto(f"{live_server.url}/th/admin/knowledge/item/add/")
    page.select_option("#id_kind", "news")
    page.fill("#id_title_th", "อบจ.ระยองเปิดศูนย์ข้อมูลอีอีซี")
    page.fill("#id_summary_th", "ศูนย์ข้อมูลแห่งใหม่เปิดให้ประชาชนใช้บริการ")
    # The body is written in the rich-text editor: a bold phrase, then plain text.
    editor = page.locator("trix-editor[input=id_body_th]")
    editor.click()
    page.get_by_role("button", name="ตัวหนา").first.click()
    page.keyboard.type("เปิดบริการแล้ว")
    page.get_by_role("button", name="ตัวหนา").first.click()
    page.keyboard.type(" ทุกวันทำการ")
    page.locator("a[href='#tab_id_title_en']").click()
    page.fill("#id_title_en", "Rayong PAO opens an EEC data centre")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    body = Item.objects.get().body_th
    assert "<strong>เปิดบริการแล้ว</strong>" in body and "ทุกวันทำการ" in body

    with page.context.expect_page() as preview_opened:
        page.get_by_role("link", name="ดูตัวอย่างภาษาอังกฤษ").click()
    preview = preview_opened.value
    expect(preview.locator("h1")).to_have_text("Rayong PAO opens an EEC data centre")
    expect(preview.get_by_role("status")).to_contain_text("The public sees this page only once")
    preview.close()

    page.goto(f"{live_server.url}/th/admin/knowledge/item/")

    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "publish")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("1")

    page.goto(f"{live_server.url}/en/knowledge/news/")
    page.get_by_role("link", name="Rayong PAO opens an EEC data centre").click()
    expect(page.locator("h1")).to_have_text("Rayong PAO opens an EEC data centre")


def _sign_in(page, live_server, username: str, language: str = "th") -> None:
    page.goto(f"{live_server.url}/{language}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()


def test_an_editors_change_to_a_published_item_waits_until_a_publisher_approves_it(
    page, live_server, item_factory
):
    item = item_factory(title_th="อบจ.ชลบุรีเปิดศูนย์ข้อมูล", title_en="Chon Buri PAO opens a centre")
    for name, role in (("malee", "Knowledge editors"), ("somsak", "Division administrators")):
        user = User.objects.create_user(name, password="a-long-test-password", is_staff=True)
        user.groups.add(Group.objects.get(name=role))

    _sign_in(page, live_server, "malee")
    page.goto(f"{live_server.url}/th/admin/knowledge/item/{item.pk}/change/")
    page.fill("#id_title_th", "อบจ.ชลบุรีปิดศูนย์ข้อมูล")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .warning")).to_contain_text("รอผู้มีสิทธิ์เผยแพร่อนุมัติ")
    expect(page.locator("#id_title_th")).to_have_value("อบจ.ชลบุรีปิดศูนย์ข้อมูล")
    page.goto(f"{live_server.url}/th/knowledge/items/{item.pk}/")
    expect(page.locator("h1")).to_have_text("อบจ.ชลบุรีเปิดศูนย์ข้อมูล")  # still as published

    page.context.clear_cookies()
    _sign_in(page, live_server, "somsak", language="en")
    page.goto(f"{live_server.url}/en/admin/knowledge/item/?waiting=yes")
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "publish")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("1")
    page.goto(f"{live_server.url}/th/knowledge/items/{item.pk}/")
    expect(page.locator("h1")).to_have_text("อบจ.ชลบุรีปิดศูนย์ข้อมูล")


@pytest.mark.parametrize(
    ("language", "question", "answer"),
    [("th", "ขอรับข้อมูลโครงการได้ที่ใด", "ดาวน์โหลดได้จากหน้าชุดข้อมูล"),
     ("en", "Where can I get project data?", "Download it from the datasets page.")],
)  # fmt: skip
def test_citizen_opens_an_answer_in_place_on_a_phone(
    page, live_server, item_factory, language, question, answer, tmp_path
):
    item_factory(kind="faq", title_th="ขอรับข้อมูลโครงการได้ที่ใด",
                 title_en="Where can I get project data?",
                 body_th="<p>ดาวน์โหลดได้จากหน้าชุดข้อมูล</p>",
                 body_en="<p>Download it from the datasets page.</p>")  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}/knowledge/faq/")
    entry = page.locator("details.faq")
    expect(entry.get_by_text(answer)).to_be_hidden()
    entry.locator("summary").click()
    expect(entry.get_by_text(answer)).to_be_visible()
    expect(entry.locator("summary")).to_contain_text(question)
    page.screenshot(path=str(tmp_path / f"faq-{language}.png"), full_page=True)
