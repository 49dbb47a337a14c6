import io
import zipfile
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError

from divisions.coordination.models import Affiliation, AgendaItem, Contact, DataRequest, Meeting
from divisions.coordination.services import contact_save
from divisions.spatial.collections import collection_get
from divisions.spatial.features import tile_render

pytestmark = pytest.mark.django_db


def _staff(username: str, role: str) -> User:
    user = User.objects.create_user(username, password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_contact_who_moves_agency_keeps_the_earlier_affiliation(agency_factory):
    first, second = agency_factory(), agency_factory()
    contact = contact_save(
        contact=Contact(name_th="สมชาย ใจดี", agency=first, position="ผู้อำนวยการกอง"),
        on=date(2024, 10, 1),
    )
    contact.agency, contact.position = second, "รองปลัด"
    contact_save(contact=contact, on=date(2026, 1, 15))
    history = list(Affiliation.objects.filter(contact=contact).order_by("started_on"))
    assert [(a.agency, a.position) for a in history] == [
        (first, "ผู้อำนวยการกอง"), (second, "รองปลัด"),
    ]  # fmt: skip
    assert history[0].ended_on == date(2026, 1, 14) and history[1].ended_on is None
    contact.phone = "038-111-222"
    contact_save(contact=contact)  # no move: no new affiliation
    assert contact.affiliations.count() == 2


def test_contacts_api_is_for_staff_with_the_permission_only(client, agency_factory):
    contact = contact_save(contact=Contact(name_th="สมหญิง", agency=agency_factory()))
    assert client.get("/api/v1/coordination/contacts/").status_code in (401, 403)
    client.force_login(_staff("editor", "Knowledge editors"))
    assert client.get("/api/v1/coordination/contacts/").status_code == 403
    client.force_login(_staff("coordinator", "Coordinators"))
    [row] = client.get("/api/v1/coordination/contacts/").json()["results"]
    assert row["id"] == contact.pk and row["affiliations"][0]["agency"] == contact.agency.slug


def test_action_items_and_data_requests_have_staff_apis(client, meeting_factory, agency_factory):
    from divisions.spatial.models import Dataset

    agency = agency_factory()
    request = DataRequest.objects.create(
        agency=agency, direction="incoming", subject="ขอข้อมูลผังเมืองรวม",
        received_on=date(2026, 10, 1),
    )  # fmt: skip
    dataset = Dataset.objects.create(slug="town-plan", title_th="ผังเมืองรวม", publisher=agency)
    dataset.data_requests.add(request)
    assert client.get("/api/v1/coordination/data-requests/").status_code in (401, 403)
    client.force_login(_staff("coordinator", "Coordinators"))
    [row] = client.get("/api/v1/coordination/data-requests/").json()["results"]
    assert row["datasets"] == ["town-plan"]
    meeting = meeting_factory(1, date(2026, 11, 2))
    response = client.post(
        "/api/v1/coordination/action-items/",
        {
            "meeting": meeting.pk,
            "description_th": "ส่งข้อมูลผังเมือง",
            "owner_agency": agency.slug,
            "due_date": "2026-12-01",
            "status": "done",
        },  # fmt: skip
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["closed_at"]  # closed through the service
    listed = client.get("/api/v1/coordination/action-items/?status=done").json()
    assert [r["id"] for r in listed["results"]] == [response.json()["id"]]


def test_changes_are_in_the_audit_log_which_only_administrators_read(client, meeting_factory):
    coordinator = _staff("coordinator", "Coordinators")
    client.force_login(coordinator)
    meeting = meeting_factory(1, date(2026, 11, 2))
    page = client.get(f"/th/admin/coordination/meeting/{meeting.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({
        "minutes_th": "ที่ประชุมรับทราบ", "minutes_status": "circulated",
        "starts_at_0": "2026-11-02", "starts_at_1": "09:30", "ends_at_0": "2026-11-02",
        "ends_at_1": "12:30", "agencies": [],
    })  # fmt: skip
    for prefix in ("agenda", "attendance", "actions", "documents"):
        for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{prefix}-{key}"] = "0"
    data = {k: v for k, v in data.items() if v is not None and v != []}
    response = client.post(f"/th/admin/coordination/meeting/{meeting.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = LogEntry.objects.get_for_object(Meeting.objects.get(pk=meeting.pk)).first()
    assert entry.actor == coordinator
    assert entry.changes_dict["minutes_status"] == ["draft", "circulated"]
    history = f"/th/admin/coordination/meeting/{meeting.pk}/auditlog/"
    assert client.get(history).status_code == 403
    client.force_login(_staff("admin", "Division administrators"))
    body = client.get(history).content.decode()
    assert "circulated" in body and "บันทึกการตรวจสอบ" in body


def test_agenda_nests_and_links_only_what_the_reader_may_see(
    client, meeting_factory, agreement_factory, project_factory
):
    meeting = meeting_factory(1, date(2026, 11, 2))
    public = agreement_factory(title_th="บันทึกความเข้าใจที่เผยแพร่")
    internal = agreement_factory(title_th="ข้อตกลงภายในที่ยังไม่เผยแพร่", is_public=False)
    item = AgendaItem.objects.create(meeting=meeting, number="3", title_th="เรื่องเพื่อพิจารณา",
                                     agreement=public)  # fmt: skip
    sub = AgendaItem.objects.create(meeting=meeting, parent=item, number="3.1",
                                    title_th="ถนนเชื่อมท่าเรือ", agreement=internal)  # fmt: skip
    project_factory(title_th="โครงการถนนเชื่อมท่าเรือ").agenda_items.add(sub)
    project_factory(title_th="โครงการภายใน", is_public=False).agenda_items.add(sub)
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert 'class="agenda-depth-1"><strong>3.1 ถนนเชื่อมท่าเรือ' in body
    assert "บันทึกความเข้าใจที่เผยแพร่" in body and "โครงการถนนเชื่อมท่าเรือ" in body
    assert "ข้อตกลงภายในที่ยังไม่เผยแพร่" not in body and "โครงการภายใน" not in body
    sub.parent = sub
    with pytest.raises(ValidationError, match="ภายใต้ตัวเอง"):
        sub.full_clean()


def test_minutes_as_odt_for_libreoffice_with_thai_as_complex_script(client, meeting_factory):
    meeting = meeting_factory(
        2, date(2026, 3, 15), minutes_th="ที่ประชุมรับทราบความคืบหน้า", minutes_status="adopted"
    )
    top = AgendaItem.objects.create(meeting=meeting, number="3", title_th="เรื่องเพื่อพิจารณา")
    AgendaItem.objects.create(meeting=meeting, parent=top, number="3.1",
                              title_th="ถนนเชื่อมท่าเรือ", decision_th="ที่ประชุมเห็นชอบ")  # fmt: skip
    response = client.get(f"/th/coordination/meetings/{meeting.pk}/minutes.odt")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        content = archive.read("content.xml").decode()
        styles = archive.read("styles.xml").decode()
    assert "3.1 ถนนเชื่อมท่าเรือ" in content and "ที่ประชุมรับทราบความคืบหน้า" in content
    assert "style:font-name-complex" in styles or "font-family-complex" in styles
    assert "minutes-agenda-1" in content  # the sub-item, indented under its item


def test_partner_map_shows_partners_of_public_agreements_at_home_and_abroad(
    client, agency_factory, agreement_factory
):
    jica = agency_factory(name_th="ไจก้า", country="JP", location=Point(139.74, 35.68, srid=4326))
    local = agency_factory(name_th="อบจ.ระยอง", location=Point(101.28, 12.68, srid=4326))
    secret = agency_factory(name_th="หน่วยงานลับ", location=Point(100.5, 13.7, srid=4326))
    agreement_factory(parties=[jica, local], scope="international")
    agreement_factory(parties=[secret], is_public=False)
    items = client.get("/ogc/collections/coordination-partners/items?f=json").json()
    assert {f["id"] for f in items["features"]} == {jica.pk, local.pk}
    for language, japan in (("th", "ญี่ปุ่น"), ("en", "Japan")):  # countries named in either
        url = f"/ogc/collections/coordination-partners/items?f=json&lang={language}"
        countries = {f["properties"]["country"] for f in client.get(url).json()["features"]}
        assert japan in countries, countries
    collection = collection_get(collection_id="coordination-partners", summary=False)
    # The tile east of 135°E reaches the antimeridian; Japan is in it.
    assert tile_render(collection=collection, z=3, x=7, y=3)
    assert "coordination-partners" in client.get("/th/coordination/agreements/").content.decode()


def test_history_of_minutes_status_is_kept_for_each_change(meeting_factory):
    meeting = meeting_factory(1, date(2026, 11, 2))
    for status in ("circulated", "adopted"):
        meeting.minutes_status = status
        if status == "adopted":
            meeting.minutes_adopted_at = meeting_factory(2, date(2026, 12, 2))
        meeting.save()
    changes = [
        entry.changes_dict.get("minutes_status")
        for entry in LogEntry.objects.get_for_object(meeting).order_by("timestamp")
        if "minutes_status" in entry.changes_dict
    ]
    assert changes == [[None, "draft"], ["draft", "circulated"], ["circulated", "adopted"]]


def test_agency_page_lists_the_projects_it_plans_public_ones_only(client, pao, project_factory):
    project_factory(title_th="ก่อสร้างสะพานข้ามคลองหลวง")
    project_factory(title_th="โครงการภายในของ อบจ.", is_public=False)
    body = client.get(pao.get_absolute_url()).content.decode()
    assert "ก่อสร้างสะพานข้ามคลองหลวง" in body and "โครงการภายในของ อบจ." not in body


def test_reading_a_contacts_personal_data_is_logged(client, agency_factory):
    contact = contact_save(contact=Contact(name_th="สมหญิง", agency=agency_factory()))
    coordinator = _staff("coordinator", "Coordinators")
    client.force_login(coordinator)
    client.get("/api/v1/coordination/contacts/")
    client.get(f"/th/admin/coordination/contact/{contact.pk}/change/")
    reads = LogEntry.objects.get_for_object(contact).filter(action=LogEntry.Action.ACCESS)
    assert reads.count() == 2 and {entry.actor for entry in reads} == {coordinator}


def test_meeting_page_asks_for_the_agendas_links_in_a_constant_number_of_queries(
    client, meeting_factory, project_factory
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = meeting_factory(1, date(2026, 11, 2))
    road = project_factory(title_th="โครงการถนนเลียบชายฝั่ง")

    def queries() -> int:
        cache.clear()  # the page itself, not the page cache
        with CaptureQueriesContext(connection) as context:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return len(context)

    road.agenda_items.add(AgendaItem.objects.create(meeting=meeting, number="1", title_th="ก"))
    one = queries()
    for number in "234":
        road.agenda_items.add(
            AgendaItem.objects.create(meeting=meeting, number=number, title_th=f"เรื่อง {number}")
        )
    assert queries() == one
    # A project discussed under several items is shown under each of them.
    cache.clear()
    assert client.get(meeting.get_absolute_url()).content.decode().count("โครงการถนนเลียบชายฝั่ง") == 4
