"""The meeting list API, whose rows PostgreSQL writes, against MeetingSerializer's output."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User

from divisions.coordination.api import MeetingViewSet
from divisions.coordination.models import AgendaItem
from tests.api_parity import assert_same, serialiser_output

pytestmark = pytest.mark.django_db
PATH = "/api/v1/coordination/meetings/"


@pytest.fixture
def meetings(meeting_factory, agency_factory):
    adopted = meeting_factory(
        1, date(2026, 1, 15), minutes_status="adopted", mode="hybrid",
        place_th="ห้องประชุม อบจ.", link="https://meet.example.go.th/1",
    )  # fmt: skip
    draft = meeting_factory(2, date(2026, 3, 16), title_en="")
    meeting_factory(3, date(2026, 4, 20), is_public=False)
    # Agencies whose Thai and English names sort differently.
    adopted.agencies.set([
        agency_factory(name_th="กรมทางหลวง", name_en="Department of Highways"),
        agency_factory(name_th="องค์การบริหารส่วนจังหวัดระยอง", name_en="Rayong PAO"),
        agency_factory(name_th="การท่าเรือแห่งประเทศไทย", name_en="Port Authority of Thailand"),
    ])  # fmt: skip
    for meeting in (adopted, draft):
        AgendaItem.objects.create(meeting=meeting, number="3.1", position=2, title_th="ถนน",
                                  decision_th="เห็นชอบ", decision_en="Approved")  # fmt: skip
        AgendaItem.objects.create(meeting=meeting, number="1", position=1, title_th="แจ้งทราบ")
    return adopted, draft


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_meeting_list_is_what_the_serialiser_writes(client, meetings, language):
    listed = client.get(PATH, HTTP_ACCEPT_LANGUAGE=language).json()
    expected = serialiser_output(MeetingViewSet, PATH, AnonymousUser(), language)
    assert listed["count"] == 2
    assert_same(listed["results"], expected)
    draft = next(row for row in listed["results"] if row["minutes_status"] == "draft")
    assert {item["decision_th"] for item in draft["agenda"]} == {""}  # not the public's yet


def test_staff_read_draft_decisions_and_internal_meetings_as_the_serialiser_writes_them(
    client, meetings
):
    coordinator = User.objects.create_user("wanna", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    listed = client.get(PATH).json()
    assert listed["count"] == 3
    assert_same(listed["results"], serialiser_output(MeetingViewSet, PATH, coordinator, "th"))
    assert "เห็นชอบ" in {item["decision_th"] for row in listed["results"] for item in row["agenda"]}


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_agreement_and_agency_lists_are_what_their_serialisers_write(
    client, agreement_factory, agency_factory, language
):
    from divisions.coordination.api import AgencyViewSet, AgreementViewSet

    parent = agency_factory(name_th="กระทรวงคมนาคม", name_en="Ministry of Transport")
    highways = agency_factory(name_th="กรมทางหลวง", name_en="Department of Highways",
                              parent=parent, province="", website="https://doh.go.th")  # fmt: skip
    jica = agency_factory(name_th="ไจก้า", name_en="JICA", country="JP", province="")
    agreement_factory(parties=[jica, highways], scope="international", themes=["robotics"])
    agreement_factory(parties=[highways])
    agreement_factory(parties=[parent], is_public=False)
    for path, viewset, count in (("/api/v1/coordination/agreements/", AgreementViewSet, 2),
                                 ("/api/v1/agencies/", AgencyViewSet, 3)):  # fmt: skip
        listed = client.get(path, HTTP_ACCEPT_LANGUAGE=language).json()
        expected = serialiser_output(viewset, path, AnonymousUser(), language)
        assert listed["count"] == count
        assert_same(listed["results"], expected)
