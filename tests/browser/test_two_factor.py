import pytest
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.eecportal.test_two_factor import code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_member_sets_up_two_step_sign_in_then_signs_in_with_a_code(
    page, live_server, settings
):
    settings.OTP_REQUIRED = True
    user = User.objects.create_user("somying", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Plan analysts"))

    page.goto(f"{live_server.url}/th/admin/login/")
    page.fill("#id_username", "somying")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    expect(page.get_by_role("img", name="คิวอาร์โค้ดสำหรับตั้งค่าแอปยืนยันตัวตน")).to_be_visible()
    device = TOTPDevice.objects.get(user=user)
    page.fill("#id_otp_token", code(device))
    page.get_by_role("button", name="ยืนยัน").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="ไปยังระบบจัดการ").click()
    expect(page.locator("#user-tools")).to_be_visible()

    page.context.clear_cookies()  # signed out
    page.goto(f"{live_server.url}/th/admin/login/")
    page.fill("#id_username", "somying")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    expect(page.locator(".errornote")).to_contain_text("รหัสปัจจุบันจากแอปยืนยันตัวตน")
    device.refresh_from_db()
    device.throttle_reset()
    # A code is good once: pretend its 30 seconds have passed since the one used to set up.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    page.fill("#id_password", "a-long-test-password")
    page.fill("#id_otp_token", code(device))
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_be_visible()
