import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from divisions.knowledge.models import Comment
from eecportal.models import PrivacyRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_asks_for_erasure_and_an_administrator_carries_it_out(
    page, live_server, item_factory
):
    item = item_factory(kind="news", title_th="ข่าวท่าเรือแหลมฉบัง")
    Comment.objects.create(item=item, name="สมศรี", email="somsri@example.com",
                           body="ขอทางเท้าริมถนน", language="th", status="approved")  # fmt: skip
    user = User.objects.create_user("dpo", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Division administrators"))

    page.goto(f"{live_server.url}/th/privacy/")
    page.get_by_role("link", name="ขอสำเนาข้อมูลของท่าน หรือขอให้ลบข้อมูล").click()
    page.get_by_label("อีเมลของท่าน").fill("somsri@example.com")
    page.get_by_label("ขอให้ลบข้อมูลของฉัน").check()
    page.get_by_role("button", name="ส่งคำขอ").click()
    expect(page.get_by_role("status")).to_contain_text("ตรวจสอบอีเมลของท่าน")

    link = re.search(
        r"http://127\.0\.0\.1:8000(/th/privacy/requests/[\w-]+/)", mail.outbox[-1].body
    )
    page.goto(f"{live_server.url}{link.group(1)}")
    page.get_by_role("button", name="ใช่ นี่คือคำขอของฉัน").click()
    due = PrivacyRequest.objects.get().due_at
    # (in Thai time: a deadline late on 31 December UTC is in the next year in Bangkok)
    expect(page.get_by_role("status")).to_contain_text(str(timezone.localtime(due).year + 543))

    page.goto(f"{live_server.url}/th/admin/login/")
    page.fill("#id_username", "dpo")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    panel = page.locator("#privacy-requests")
    expect(panel).to_contain_text("1 คำขอรอคำตอบ")
    panel.get_by_role("link", name="ตอบคำขอ").click()
    expect(page.locator("#result_list")).to_contain_text("เหลืออีก 29 วัน")
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "fulfil")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("ตอบคำขอแล้ว 1 คำขอ")

    assert not Comment.objects.exists()
    assert mail.outbox[-1].to == ["somsri@example.com"]
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    expect(page.locator("main")).not_to_contain_text("ขอทางเท้าริมถนน")
