import pytest
from django.contrib.auth.models import Group, User

from divisions.coordination.models import Meeting, MeetingSeries

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(agency_factory):
    return MeetingSeries.objects.create(slug="eec", name_th="คณะทำงาน", organiser=agency_factory())


def _meeting(series, number: int, *, public: bool) -> Meeting:
    return Meeting.objects.create(
        series=series, number=number, year_be=2569, title_th=f"ประชุม {number}",
        kind="inter_agency", starts_at="2026-12-01T09:00+07:00",
        ends_at="2026-12-01T12:00+07:00", is_public=public,
    )  # fmt: skip


def _staff(role: str) -> User:
    user = User.objects.create_user(role.split()[0].lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_anonymous_readers_get_public_meetings_only_and_cannot_write(client, series):
    _meeting(series, 1, public=True)
    _meeting(series, 2, public=False)

    body = client.get("/api/v1/coordination/meetings/").json()

    assert [m["title_th"] for m in body["results"]] == ["ประชุม 1"]
    assert client.post("/api/v1/coordination/meetings/", {}).status_code in (401, 403)


def test_coordinators_create_meetings_through_the_services_rules(client, series):
    client.force_login(_staff("Coordinators"))
    meeting = {
        "series": "eec", "number": 3, "year_be": 2569, "title_th": "ประชุมครั้งที่ 3",
        "kind": "internal", "starts_at": "2026-12-01T09:00+07:00",
        "ends_at": "2026-12-01T12:00+07:00",
    }  # fmt: skip

    created = client.post(
        "/api/v1/coordination/meetings/", meeting, content_type="application/json"
    )
    duplicate = client.post(
        "/api/v1/coordination/meetings/", meeting, content_type="application/json"
    )
    backwards = client.post(
        "/api/v1/coordination/meetings/",
        meeting | {"number": 4, "ends_at": "2026-12-01T08:00+07:00"},
        content_type="application/json",
    )

    assert created.status_code == 201, created.content
    assert duplicate.status_code == 400
    assert backwards.status_code == 400
    assert Meeting.objects.count() == 1
    assert client.get("/api/v1/coordination/meetings/").json()["count"] == 1  # internal, visible


def test_other_roles_cannot_write_meetings(client, series):
    client.force_login(_staff("Knowledge editors"))

    response = client.post("/api/v1/coordination/meetings/", {"series": "eec"})

    assert response.status_code == 403
