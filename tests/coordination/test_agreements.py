import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from divisions.coordination.models import (
    ActionItem,
    Agreement,
    Contact,
    Meeting,
    MeetingSeries,
    Reminder,
)
from divisions.coordination.services import (
    action_item_save,
    agreement_overlaps,
    reminders_send,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)


def test_expiry_before_the_effective_date_is_refused(agreement_factory):
    with translation.override("en"), pytest.raises(ValidationError, match="cannot expire before"):
        agreement_factory(effective_on=date(2026, 1, 1), expires_on=date(2025, 1, 1))


def test_registry_numbers_are_unique(agreement_factory):
    agreement_factory(registry_number="MOU-7/2569")

    with translation.override("en"), pytest.raises(ValidationError, match="already has this"):
        agreement_factory(registry_number="MOU-7/2569")
    assert Agreement.objects.count() == 1


def test_a_new_agreement_with_the_same_parties_over_the_same_period_is_flagged(
    agreement_factory, agency_factory
):
    port, pao = agency_factory(), agency_factory()
    active = agreement_factory(parties=(port, pao))
    agreement_factory(parties=(port,))  # other parties: not an overlap
    agreement_factory(parties=(port, pao), effective_on=date(2030, 1, 1), expires_on=None)
    new = agreement_factory(
        parties=(port, pao), status=Agreement.Status.DRAFT, effective_on=date(2026, 6, 1)
    )

    assert list(agreement_overlaps(agreement=new)) == [active]


def test_expiry_reminders_go_once_per_threshold_in_each_recipients_language(
    agreement_factory, agency_factory
):
    agency = agency_factory()
    agreement = agreement_factory(parties=(agency,), expires_on=TODAY + timedelta(days=85))
    agreement.focal_persons.add(
        Contact.objects.create(name_th="Jane", agency=agency, email="jane@example.org",
                               language="en"),
        Contact.objects.create(name_th="สมหญิง", agency=agency, email="somying@example.go.th"),
    )  # fmt: skip
    coordinator = User.objects.create_user("c", email="coordinator@pao.example.go.th")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))

    assert reminders_send(today=TODAY) == 1
    assert reminders_send(today=TODAY) == 0  # beat ran twice: nothing more
    assert reminders_send(today=TODAY + timedelta(days=1)) == 0  # still the 90-day reminder
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert (
        subjects["jane@example.org"] == f"Agreement {agreement.registry_number} expires in 85 days"
    )
    assert subjects["somying@example.go.th"].startswith("ข้อตกลง")
    assert set(subjects) == {"jane@example.org", "somying@example.go.th",
                             "coordinator@pao.example.go.th"}  # fmt: skip

    assert reminders_send(today=agreement.expires_on - timedelta(days=59)) == 1  # the 60-day one
    assert Reminder.objects.count() == 2


def test_action_items_are_reminded_when_due_soon_and_once_more_when_overdue(agency_factory):
    organiser = agency_factory()
    series = MeetingSeries.objects.create(slug="s", name_th="ชุด", organiser=organiser)
    meeting = Meeting.objects.create(
        series=series, number=1, year_be=2569, title_th="ประชุม", kind="internal",
        starts_at="2026-11-01T09:00+07:00", ends_at="2026-11-01T12:00+07:00",
    )  # fmt: skip
    action_item_save(
        action=ActionItem(meeting=meeting, description_th="ส่งข้อมูล", owner_agency=organiser,
                          due_date=TODAY + timedelta(days=3))
    )  # fmt: skip

    assert reminders_send(today=TODAY) == 1
    assert reminders_send(today=TODAY) == 0
    assert reminders_send(today=TODAY + timedelta(days=4)) == 1  # now overdue
    assert reminders_send(today=TODAY + timedelta(days=5)) == 0


def test_public_register_filters_and_never_shows_internal_agreements(
    client, agreement_factory, agency_factory
):
    jica = agency_factory(slug="jica", name_th="ไจก้า", name_en="JICA", country="JP")
    agreement_factory(
        parties=(jica,), scope=Agreement.Scope.INTERNATIONAL, title_th="ความร่วมมือกับญี่ปุ่น",
        themes=["robotics"],
    )  # fmt: skip
    agreement_factory(title_th="ข้อตกลงภายในที่ยังไม่เปิดเผย", is_public=False)
    agreement_factory(title_th="ความร่วมมือในประเทศ")

    international = client.get("/th/coordination/agreements/?scope=international").content.decode()
    assert "ความร่วมมือกับญี่ปุ่น" in international and "ความร่วมมือในประเทศ" not in international
    by_theme = client.get("/en/coordination/agreements/?theme=robotics&partner=jica")
    assert "MOU on data cooperation 1" in by_theme.content.decode()
    for url in ["/th/coordination/agreements/", "/sitemap.xml"]:
        assert "ข้อตกลงภายในที่ยังไม่เปิดเผย" not in client.get(url).content.decode()
    internal = Agreement.objects.get(is_public=False)
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get("/th/coordination/agreements/?scope=nonsense").status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_staff_download_agreements_as_csv_and_xlsx(admin_client, agreement_factory, fmt):
    import io

    from openpyxl import load_workbook

    agreement = agreement_factory(title_th="ความร่วมมือด้านข้อมูลเชิงพื้นที่")

    response = admin_client.post(
        "/en/admin/coordination/agreement/",
        {"action": f"export_{fmt}", "_selected_action": [agreement.pk]},
    )

    assert response["Content-Disposition"] == f'attachment; filename="agreements.{fmt}"'
    if fmt == "csv":
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("Registry number,Title")
        assert lines[1].startswith(f"{agreement.registry_number},MOU on data cooperation")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(row=2, column=1).value == agreement.registry_number


def test_agency_page_lists_its_public_agreements_only(client, agreement_factory, agency_factory):
    port = agency_factory(slug="port", name_th="การท่าเรือ")
    agreement_factory(parties=(port,), title_th="ความร่วมมือท่าเรือ")
    agreement_factory(parties=(port,), title_th="ร่างข้อตกลงภายใน", is_public=False)

    page = client.get("/th/coordination/agencies/port/").content.decode()

    assert "ความร่วมมือท่าเรือ" in page
    assert "ร่างข้อตกลงภายใน" not in page


def test_agreements_become_expiring_then_expired_by_their_dates(agreement_factory):
    from divisions.coordination.services import agreements_lifecycle_update

    soon = agreement_factory(expires_on=TODAY + timedelta(days=100))
    later = agreement_factory(expires_on=TODAY + timedelta(days=400))
    past = agreement_factory(expires_on=TODAY - timedelta(days=1))
    renews = agreement_factory(expires_on=TODAY - timedelta(days=1), auto_renews=True)
    assert agreements_lifecycle_update(today=TODAY) == 2
    assert agreements_lifecycle_update(today=TODAY) == 0  # run again: nothing changes
    statuses = {a.pk: a.status for a in Agreement.objects.all()}
    assert statuses[soon.pk] == Agreement.Status.EXPIRING
    assert statuses[later.pk] == Agreement.Status.ACTIVE
    assert statuses[past.pk] == Agreement.Status.EXPIRED
    assert statuses[renews.pk] == Agreement.Status.ACTIVE
    assert agreements_lifecycle_update(today=TODAY + timedelta(days=101)) == 1
    assert Agreement.objects.get(pk=soon.pk).status == Agreement.Status.EXPIRED


def test_the_partner_filter_names_partners_in_the_readers_language_public_ones_only(
    client, agreement_factory, agency_factory
):
    highways = agency_factory(slug="doh", name_th="กรมทางหลวง", name_en="Department of Highways",
                              short_name_th="ทล.", short_name_en="DOH")  # fmt: skip
    port = agency_factory(slug="pat", name_th="การท่าเรือแห่งประเทศไทย", name_en="",
                          short_name_th="กทท.")  # fmt: skip
    secret = agency_factory(slug="secret", name_th="หน่วยงานคู่ภาคีลับ")
    agreement_factory(parties=[highways, port])
    agreement_factory(parties=[secret], is_public=False)
    for language, labels in (
        ("th", ["กรมทางหลวง (ทล.)", "การท่าเรือแห่งประเทศไทย (กทท.)"]),
        # No English name: the Thai one, never with a Thai abbreviation beside English.
        ("en", ["Department of Highways (DOH)", "การท่าเรือแห่งประเทศไทย"]),
    ):
        page = client.get(f"/{language}/coordination/agreements/").content.decode()
        select = page[
            page.index('id="filter-partner"') : page.index(
                "</select>", page.index('id="filter-partner"')
            )
        ]
        assert re.findall(r'<option value="(\w+)">([^<]+)</option>', select) == list(
            zip(["doh", "pat"], labels, strict=True)
        ), select
