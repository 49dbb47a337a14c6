"""Fixtures of the coordination tests."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from divisions.coordination.models import Agreement, AgreementParty, Meeting, MeetingSeries
from divisions.coordination.services import agreement_save, meeting_save

BANGKOK = timezone.get_fixed_timezone(7 * 60)


@pytest.fixture
def series(agency_factory):
    return MeetingSeries.objects.create(
        slug="eec-committee",
        name_th="คณะกรรมการประสานงานอีอีซี",
        name_en="EEC coordination committee",
        organiser=agency_factory(),
    )


@pytest.fixture
def meeting_factory(series):
    def make(number: int, day: date, **fields) -> Meeting:
        starts = datetime(day.year, day.month, day.day, 9, 30, tzinfo=BANGKOK)
        defaults = {
            "series": series,
            "number": number,
            "year_be": day.year + 543,
            "title_th": f"การประชุมครั้งที่ {number}",
            "title_en": f"Meeting {number}",
            "kind": Meeting.Kind.INTER_AGENCY,
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=3),
            "is_public": True,
        }
        return meeting_save(meeting=Meeting(**(defaults | fields)))

    return make


@pytest.fixture
def agreement_factory(agency_factory):
    counter = iter(range(1, 1_000_000))

    def make(*, parties=(), **fields) -> Agreement:
        n = next(counter)
        defaults = {
            "registry_number": f"MOU-{n}/2569",
            "title_th": f"บันทึกความเข้าใจความร่วมมือด้านข้อมูล {n}",
            "title_en": f"MOU on data cooperation {n}",
            "kind": Agreement.Kind.MOU,
            "scope": Agreement.Scope.DOMESTIC,
            "status": Agreement.Status.ACTIVE,
            "effective_on": date(2025, 1, 1),
            "expires_on": date(2027, 12, 31),
            "is_public": True,
        }
        agreement = agreement_save(agreement=Agreement(**(defaults | fields)))
        for agency in parties or (agency_factory(),):
            AgreementParty.objects.create(agreement=agreement, agency=agency)
        return agreement

    return make
