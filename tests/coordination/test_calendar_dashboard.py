from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from divisions.coordination.models import (
    ActionItem,
    Agreement,
    AgreementParty,
    DataRequest,
    Meeting,
    MeetingSeries,
)
from divisions.coordination.services import calendar_token_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(agency_factory):
    organiser = agency_factory()
    series = MeetingSeries.objects.create(slug="s", name_th="คณะทำงาน", organiser=organiser)
    soon = timezone.now() + timedelta(days=7)

    def make(number: int, *, public: bool) -> Meeting:
        return Meeting.objects.create(
            series=series, number=number, year_be=2569, title_th=f"ประชุม {number}",
            kind="inter_agency", starts_at=soon + timedelta(days=number),
            ends_at=soon + timedelta(days=number, hours=2), is_public=public,
        )  # fmt: skip

    return make(1, public=True), make(2, public=False)


@pytest.fixture
def coordinator():
    user = User.objects.create_user("coordinator", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


def _events(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def test_public_calendar_lists_public_meetings_only(client, meetings):
    response = client.get("/th/coordination/meetings.ics")

    assert response["Content-Type"].startswith("text/calendar")
    assert [s.split(" (")[0] for s in _events(response)] == ["ประชุม 1"]


def test_private_calendar_includes_internal_meetings_for_its_owner_only(
    client, meetings, coordinator
):
    url = calendar_token_get_or_create(user=coordinator).get_absolute_url()

    response = client.get(url)

    assert [s.split(" (")[0] for s in _events(response)] == ["ประชุม 1", "ประชุม 2"]
    assert "private" in response["Cache-Control"]
    assert client.get("/th/coordination/calendar/not-a-token.ics").status_code == 404
    coordinator.is_active = False
    coordinator.save()
    assert client.get(url).status_code == 404


def test_dashboard_is_for_coordination_staff(client, coordinator):
    assert client.get("/th/coordination/dashboard/").status_code == 302
    client.force_login(coordinator)
    assert client.get("/th/coordination/dashboard/").status_code == 200


def test_dashboard_stays_under_twenty_queries_however_much_there_is(
    client, coordinator, agency_factory, meetings
):
    agency = agency_factory()
    today = timezone.localdate()
    meeting = meetings[0]
    for n in range(30):
        ActionItem.objects.create(
            meeting=meeting, description_th=f"งาน {n}", owner_agency=agency,
            due_date=today - timedelta(days=n + 1),
        )  # fmt: skip
        agreement = Agreement.objects.create(
            registry_number=f"MOU-{n}", title_th=f"ข้อตกลง {n}", kind="mou", scope="domestic",
            status="active", expires_on=today + timedelta(days=n + 10), is_public=n % 2 == 0,
        )  # fmt: skip
        AgreementParty.objects.create(agreement=agreement, agency=agency)
        DataRequest.objects.create(
            agency=agency, direction="incoming", subject=f"ขอข้อมูล {n}", received_on=today
        )
    client.force_login(coordinator)

    with CaptureQueriesContext(connection) as context:
        page = client.get("/th/coordination/dashboard/").content.decode()

    assert len(context.captured_queries) < 20
    assert "งาน 29" in page and "MOU-29" in page and "ขอข้อมูล 29" in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_page_offers_the_feeds_and_meeting_pages_the_public_calendar(
    client, meeting_factory, language
):
    from datetime import date

    meeting = meeting_factory(1, date(2026, 3, 15))
    for url in (f"/{language}/", f"/{language}/spatial/", f"/{language}/planning/",
                f"/{language}/coordination/meetings/"):  # fmt: skip
        page = client.get(url).content.decode()
        assert 'type="application/rss+xml"' in page and 'type="application/atom+xml"' in page
        assert 'type="text/calendar"' in page, url
    calendar_link = f'href="webcal://testserver/{language}/coordination/meetings.ics"'
    for url in (f"/{language}/coordination/meetings/",
                f"/{language}/coordination/meetings/{meeting.pk}/"):  # fmt: skip
        assert calendar_link in client.get(url).content.decode(), url
    calendar = client.get(f"/{language}/coordination/meetings.ics")
    assert calendar.status_code == 200 and b"BEGIN:VCALENDAR" in calendar.content
