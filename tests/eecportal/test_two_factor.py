import re
import time

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from divisions.coordination.services import calendar_token_get_or_create

from .conftest import public_channels

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.OTP_REQUIRED = True


@pytest.fixture
def staff():
    user = User.objects.create_user("somchai", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


def code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def login(client, **extra):
    data = {"username": "somchai", "password": PASSWORD, "next": "/th/admin/"} | extra
    return client.post("/th/admin/login/", data)


def test_first_sign_in_sets_up_an_authenticator_and_gives_recovery_codes(client, staff):
    response = login(client)
    assert response.status_code == 302 and response["Location"] == "/th/admin/two-factor/"
    assert client.get("/th/admin/").status_code == 302  # not before the second factor
    page = client.get("/th/admin/two-factor/").content.decode()
    assert "data:image/svg+xml" in page and "ตั้งค่าการลงชื่อเข้าใช้สองขั้นตอน" in page
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    wrong = client.post("/th/admin/two-factor/", {"otp_token": "000000"}).content.decode()
    assert "ไม่ถูกต้อง" in wrong
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a moment
    done = client.post("/th/admin/two-factor/", {"otp_token": code(device)}).content.decode()
    assert len(re.findall(r"<li><code>\w+</code></li>", done)) == 10
    assert client.get("/th/admin/").status_code == 200


def test_later_sign_ins_need_the_code_or_a_recovery_code_once(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    assert "รหัสจากแอป" in login(client).content.decode()  # password alone is not enough
    assert client.get("/th/admin/").status_code == 302
    assert login(client, otp_token=code(device)).status_code == 302
    assert client.get("/th/admin/").status_code == 200
    client.logout()
    static = staff.staticdevice_set.create(name="recovery codes")
    StaticToken.objects.create(device=static, token="abcd2345")
    assert login(client, otp_token="abcd2345").status_code == 302
    assert client.get("/th/admin/").status_code == 200
    client.logout()
    assert login(client, otp_token="abcd2345").status_code == 200  # used up
    assert client.get("/th/admin/").status_code == 302


def test_an_administrator_resets_a_lost_second_factor_from_the_user_list(client, staff, settings):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    admin = User.objects.create_user("admin", password=PASSWORD, is_staff=True)
    admin.groups.add(Group.objects.get(name="Division administrators"))
    staff.staticdevice_set.create(name="recovery codes")
    calendar = calendar_token_get_or_create(user=staff).get_absolute_url()
    assert client.get(calendar).status_code == 200
    settings.OTP_REQUIRED = False  # the administrator's own second factor is not under test
    client.force_login(admin)
    users = client.get("/th/admin/auth/user/").content.decode()
    assert "การเข้าสู่ระบบสองขั้นตอน" in users  # the column, in Thai
    client.post(
        "/th/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [staff.pk]},
    )
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not staff.staticdevice_set.exists()
    assert client.get(calendar).status_code == 404  # the lost phone's calendar address too
    client.logout()
    settings.OTP_REQUIRED = True
    assert login(client).status_code == 302  # back to setting one up
    assert client.get("/th/admin/two-factor/").status_code == 200


def test_a_session_without_the_second_factor_cannot_open_the_admin(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client.force_login(staff)
    assert client.get("/th/admin/").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_password_without_the_second_factor_carries_no_staff_rights_anywhere(client, records):
    """A division administrator (every right) who has typed the password but not yet set up
    the second factor is an anonymous reader in every channel but the set-up screens."""
    shown, hidden = records
    admin = User.objects.create_user("somchai", password=PASSWORD, is_staff=True)
    admin.groups.add(Group.objects.get(name="Division administrators"))
    token = calendar_token_get_or_create(user=admin).get_absolute_url()
    assert login(client)["Location"] == "/th/admin/two-factor/"
    secrets = [getattr(record, "title_th", record.title).encode() for record in hidden.values()]
    for url in public_channels(shown):
        body = client.get(url).content
        assert not any(secret in body for secret in secrets), url
    staff_only = [
        *(hidden[name].get_absolute_url() for name in hidden if name not in ("layer", "item")),
        f"/th/knowledge/items/{hidden['item'].pk}/preview/",
        f"/ogc/collections/{hidden['layer'].slug}/items?f=json",
        f"/ogc/collections/{hidden['layer'].slug}/tiles/WebMercatorQuad/8/118/199",
        f"/data/layers/{hidden['layer'].slug}.geojson",
        f"/api/v1/planning/projects/{hidden['project'].pk}/",
        f"/api/v1/coordination/meetings/{hidden['meeting'].pk}/",
        token,
    ]
    for url in staff_only:
        assert client.get(url).status_code == 404, url
    for url in ("/api/v1/coordination/contacts/", "/api/v1/coordination/data-requests/"):
        assert client.get(url).status_code == 403, url
    for url in ("/th/coordination/dashboard/", "/th/planning/dashboard/", "/th/planning/review/",
                "/th/planning/report.xlsx", "/th/admin/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    project = {"title_th": "โครงการใหม่", "agency": shown["project"].agency_id}
    assert client.post("/api/v1/planning/projects/", project, "application/json").status_code == 403
    patch = client.patch(
        f"/api/v1/planning/projects/{shown['project'].pk}/", {"title_th": "x"}, "application/json"
    )
    assert patch.status_code == 403
    assert client.get("/th/admin/two-factor/").status_code == 200  # the set-up screen works

    # The same person with the second factor verified has the rights the tests above refused.
    client.logout()
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    login(client, otp_token=code(device))
    for url in staff_only:
        assert client.get(url).status_code == 200, url
    assert client.get("/api/v1/coordination/contacts/").status_code == 200
    assert client.get("/th/coordination/dashboard/").status_code == 200
