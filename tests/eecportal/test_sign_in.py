import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff_user():
    return User.objects.create_user("somsak", password=PASSWORD, is_staff=True)


def sign_in(client, password, address="10.0.0.1", language="th"):
    return client.post(
        f"/{language}/admin/login/",
        {"username": "somsak", "password": password},
        REMOTE_ADDR=address,
    )


def test_five_failures_lock_the_user_name_from_that_address(client, staff_user):
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "ลงชื่อเข้าใช้ไม่สำเร็จหลายครั้งเกินไป" in locked.content.decode()
    # Even the right password is refused while the lock lasts...
    assert sign_in(client, PASSWORD).status_code == 429
    # ...but only for that address.
    assert sign_in(client, PASSWORD, address="10.0.0.2").status_code == 302


def test_sign_ins_are_recorded_with_user_address_and_time(client, staff_user):
    sign_in(client, "wrong", language="en")
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "somsak", "10.0.0.1", 1,
    )  # fmt: skip
    assert sign_in(client, PASSWORD, language="en").status_code == 302
    log = AccessLog.objects.get()
    assert (log.username, log.ip_address) == ("somsak", "10.0.0.1")
    assert log.attempt_time.utcoffset().total_seconds() == 0
    assert not AccessAttempt.objects.exists()  # a success clears the count


def test_division_administrators_can_see_and_lift_locks():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Division administrators").permissions.values_list(
            "codename", flat=True
        )
    )
    assert {"view_accessattempt", "delete_accessattempt", "view_accesslog"} <= codenames


def test_client_address_is_taken_from_the_trusted_proxy_only(rf, settings):
    from divisions.core.ratelimit import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.9"  # no proxy configured: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.7"  # what our proxy saw, not the forged part
