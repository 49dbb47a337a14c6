import re
import zlib
from datetime import date, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from divisions.coordination.models import ActionItem, AgendaItem
from divisions.coordination.selectors import action_items_carried_over
from divisions.coordination.services import action_item_save, meeting_save

pytestmark = pytest.mark.django_db
BANGKOK = timezone.get_fixed_timezone(7 * 60)


def test_unfinished_action_items_carry_over_until_done(meeting_factory, agency_factory):
    first = meeting_factory(1, date(2026, 1, 15))
    second = meeting_factory(2, date(2026, 3, 15))
    third = meeting_factory(3, date(2026, 5, 15))
    road = action_item_save(
        action=ActionItem(
            meeting=first, description_th="สำรวจถนนเชื่อมนิคม", owner_agency=agency_factory(),
            due_date=date(2026, 2, 28),
        )
    )  # fmt: skip

    assert list(action_items_carried_over(meeting=second)) == [road]
    assert list(action_items_carried_over(meeting=third)) == [road]

    road.status = ActionItem.Status.DONE
    action_item_save(action=road)
    ActionItem.objects.filter(pk=road.pk).update(
        closed_at=datetime(2026, 4, 1, tzinfo=BANGKOK)
    )  # closed between the second and the third meeting

    assert list(action_items_carried_over(meeting=second)) == [road]
    assert list(action_items_carried_over(meeting=third)) == []
    assert list(action_items_carried_over(meeting=first)) == []


def test_reopening_an_action_item_clears_when_it_was_closed(meeting_factory, agency_factory):
    action = action_item_save(
        action=ActionItem(
            meeting=meeting_factory(1, date(2026, 1, 15)), description_th="ส่งข้อมูลแปลงที่ดิน",
            owner_agency=agency_factory(), due_date=date(2026, 2, 1),
            status=ActionItem.Status.DONE,
        )
    )  # fmt: skip
    assert action.closed_at is not None

    action.status = ActionItem.Status.IN_PROGRESS
    action_item_save(action=action)

    assert action.closed_at is None


def test_meeting_numbers_are_unique_per_series_and_year(meeting_factory):
    meeting_factory(3, date(2026, 1, 15))

    with translation.override("en"), pytest.raises(ValidationError, match="already has a meeting"):
        meeting_factory(3, date(2026, 2, 15))


def test_a_meeting_cannot_end_before_it_starts(meeting_factory):
    starts = datetime(2026, 1, 15, 9, 0, tzinfo=BANGKOK)

    with translation.override("th"), pytest.raises(ValidationError, match="ต้องอยู่หลังเวลาเริ่ม"):
        meeting_factory(1, date(2026, 1, 15), starts_at=starts, ends_at=starts)


@pytest.mark.parametrize(("language", "year"), [("th", "2569"), ("en", "2026")])
def test_public_meeting_page_shows_agenda_decisions_and_carried_over_items(
    client, meeting_factory, agency_factory, language, year
):
    first = meeting_factory(1, date(2026, 1, 15))
    second = meeting_factory(2, date(2026, 3, 15), minutes_status="adopted")
    AgendaItem.objects.create(
        meeting=second, number="3.1", title_th="โครงการถนนเชื่อมท่าเรือ",
        title_en="Port access road", decision_th="ที่ประชุมเห็นชอบ", decision_en="Approved",
    )  # fmt: skip
    action_item_save(
        action=ActionItem(
            meeting=first, description_th="สำรวจเส้นทาง", description_en="Survey the route",
            owner_agency=agency_factory(), due_date=date(2026, 2, 28),
        )
    )  # fmt: skip

    page = client.get(f"/{language}/coordination/meetings/{second.pk}/").content.decode()

    assert ("ที่ประชุมเห็นชอบ" if language == "th" else "Approved") in page
    assert ("สำรวจเส้นทาง" if language == "th" else "Survey the route") in page
    assert year in page


def test_internal_meetings_and_their_action_items_stay_internal(
    client, meeting_factory, agency_factory
):
    secret = meeting_factory(1, date(2026, 1, 15), is_public=False, title_th="ประชุมลับ")
    public = meeting_factory(2, date(2026, 3, 15))
    action_item_save(
        action=ActionItem(
            meeting=secret, description_th="งานภายในที่ค้างอยู่", owner_agency=agency_factory(),
            due_date=date(2026, 2, 28),
        )
    )  # fmt: skip

    assert client.get(secret.get_absolute_url()).status_code == 404
    for url in ["/th/coordination/meetings/", public.get_absolute_url(), "/sitemap.xml"]:
        content = client.get(url).content.decode()
        assert "ประชุมลับ" not in content and "งานภายในที่ค้างอยู่" not in content, url

    coordinator = User.objects.create_user("coordinator", password="x", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    assert client.get(secret.get_absolute_url()).status_code == 200
    assert "งานภายในที่ค้างอยู่" in client.get(public.get_absolute_url()).content.decode()


def test_contacts_are_seen_only_by_roles_with_full_coordination_access():
    def can_view(role: str) -> bool:
        return Group.objects.get(name=role).permissions.filter(codename="view_contact").exists()

    assert can_view("Coordinators") and can_view("Division administrators")
    assert not any(
        can_view(role) for role in ("Knowledge editors", "Spatial data stewards", "Plan analysts")
    )


def test_meeting_list_keeps_a_constant_query_count(client, meeting_factory, settings):
    # Rendered each time: nothing kept (a kept page and count would read as fewer queries).
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    meeting_factory(1, date(2026, 1, 15))

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get("/th/coordination/meetings/")
        return len(context.captured_queries)

    few = queries()
    for number in range(2, 8):
        meeting_factory(number, date(2026, 1, number))
    assert queries() == few


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return stream


def test_minutes_download_as_pdf_with_a_thai_font_and_as_editable_docx(client, meeting_factory):
    import io

    from docx import Document

    meeting = meeting_factory(
        2, date(2026, 3, 15), minutes_th="ที่ประชุมรับทราบความคืบหน้า", minutes_status="adopted"
    )
    AgendaItem.objects.create(
        meeting=meeting, number="3.1", title_th="ถนนเชื่อมท่าเรือ", decision_th="ที่ประชุมเห็นชอบ"
    )

    pdf = client.get(f"/th/coordination/meetings/{meeting.pk}/minutes.pdf")
    docx = client.get(f"/th/coordination/meetings/{meeting.pk}/minutes.docx")

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    # The Thai font is embedded (not a fallback that drops tone marks): its name is in the
    # PDF's compressed object streams.
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf.content, re.DOTALL)
    assert any(b"Laksaman" in _inflate(stream) for stream in streams)
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "ระเบียบวาระที่ 3.1 ถนนเชื่อมท่าเรือ" in paragraphs
    assert any("ที่ประชุมเห็นชอบ" in text for text in paragraphs)
    assert "ที่ประชุมรับทราบความคืบหน้า" in paragraphs


def test_minutes_of_internal_meetings_are_not_downloadable_by_the_public(client, meeting_factory):
    meeting = meeting_factory(1, date(2026, 3, 15), is_public=False)

    assert client.get(f"/th/coordination/meetings/{meeting.pk}/minutes.pdf").status_code == 404


@pytest.mark.parametrize("status", ["draft", "circulated"])
def test_minutes_and_decisions_of_a_public_meeting_are_public_only_once_adopted(
    client, meeting_factory, status, django_capture_on_commit_callbacks
):
    meeting = meeting_factory(1, date(2026, 3, 15), minutes_th="ร่างรายงานการประชุม",
                              minutes_status=status)  # fmt: skip
    AgendaItem.objects.create(meeting=meeting, number="1", title_th="ถนนเชื่อมท่าเรือ",
                              decision_th="ร่างมติที่ประชุม")  # fmt: skip
    page = f"/th/coordination/meetings/{meeting.pk}/"
    draft = ("ร่างรายงานการประชุม", "ร่างมติที่ประชุม", "minutes.pdf")

    body = client.get(page).content.decode()
    assert "ถนนเชื่อมท่าเรือ" in body and not any(text in body for text in draft)
    for fmt in ("pdf", "docx", "odt"):
        assert client.get(f"{page}minutes.{fmt}").status_code == 404
    api = client.get(f"/api/v1/coordination/meetings/{meeting.pk}/").json()
    assert api["agenda"][0]["decision_th"] == ""

    coordinator = User.objects.create_user("coordinator", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    assert all(text in client.get(page).content.decode() for text in draft)
    assert (
        client.get(f"/api/v1/coordination/meetings/{meeting.pk}/").json()["agenda"][0][
            "decision_th"
        ]
        == "ร่างมติที่ประชุม"
    )

    client.logout()
    meeting.minutes_status = "adopted"
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is refreshed
        meeting_save(meeting=meeting)
    assert all(text in client.get(page).content.decode() for text in draft)


def test_a_public_meeting_does_not_name_the_internal_meeting_that_adopted_its_minutes(
    client, meeting_factory
):
    internal = meeting_factory(2, date(2026, 4, 15), is_public=False, title_th="ประชุมภายใน")
    meeting = meeting_factory(1, date(2026, 3, 15), minutes_th="รายงานการประชุม",
                              minutes_status="adopted", minutes_adopted_at=internal)  # fmt: skip

    body = client.get(f"/th/coordination/meetings/{meeting.pk}/").content.decode()

    assert "รายงานการประชุม" in body
    assert str(internal) not in body and internal.number_label not in body


def test_public_meetings_with_a_place_are_on_the_map_and_internal_ones_are_not(
    client, meeting_factory
):
    from django.contrib.gis.geos import Point

    venue = Point(100.98, 13.36, srid=4326)
    shown = meeting_factory(1, date(2026, 3, 15), location=venue, place_th="ศาลากลาง")
    meeting_factory(2, date(2026, 4, 15), location=venue, is_public=False)

    body = client.get("/ogc/collections/coordination-meetings/items").json()

    assert [f["id"] for f in body["features"]] == [shown.pk]
    assert body["features"][0]["properties"]["place"] == "ศาลากลาง"


def test_meeting_papers_are_served_only_when_they_and_their_meeting_are_public(
    client, meeting_factory, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from divisions.coordination.models import Document

    settings.MEDIA_ROOT = tmp_path
    public, internal = (
        meeting_factory(1, date(2026, 3, 15)),
        meeting_factory(2, date(2026, 4, 15), is_public=False),
    )

    def paper(meeting, title, is_public):
        return Document.objects.create(
            meeting=meeting, kind="agenda_paper", title=title, is_public=is_public,
            file=ContentFile(b"%PDF-1.4 paper", name="paper.pdf"),
        )  # fmt: skip

    shown = paper(public, "เอกสารประกอบวาระ", True)
    draft = paper(public, "ร่างภายใน", False)
    hidden = paper(internal, "เอกสารประชุมภายใน", True)

    page = client.get(public.get_absolute_url()).content.decode()
    assert "เอกสารประกอบวาระ" in page and "ร่างภายใน" not in page
    assert b"".join(client.get(shown.get_absolute_url()).streaming_content).startswith(b"%PDF")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url()).status_code == 404
    coordinator = User.objects.create_user("c", password="x", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    assert client.get(draft.get_absolute_url()).status_code == 200
