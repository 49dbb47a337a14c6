"""The admin's home tells each member of staff what waits for them, by role, with counts and
links that lead to exactly those records."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.html import strip_tags

from divisions.coordination.models import Agreement, Meeting, MeetingSeries
from divisions.knowledge.models import Comment, Item
from eecportal.templatetags.portal import display_date

pytestmark = pytest.mark.django_db


def staff(role: str) -> User:
    user = User.objects.create_user(role.replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def tasks(client, language: str = "th") -> dict[str, tuple[int, str]]:
    page = client.get(f"/{language}/admin/").content.decode()
    if 'id="waiting-for-me"' not in page:
        return {}
    panel = page[
        page.index('id="waiting-for-me"') : page.index("</div>", page.index('id="waiting-for-me"'))
    ]
    rows = re.findall(
        r'<a href="([^"]+)">([^<]+)</a>(?: <span class="since">[^<]*</span>)?</th>'
        r'<td class="count">(\d+)</td>',
        panel,
    )
    return {label: (int(count), url.replace("&amp;", "&")) for url, label, count in rows}


def test_each_role_sees_what_waits_for_it_with_counts_and_working_links(
    client, item_factory, agency_factory, past
):
    item_factory(title_th="ร่างรอตรวจ", status=Item.Status.IN_REVIEW)
    published = item_factory(title_th="ข่าวเผยแพร่")
    Comment.objects.create(item=published, name="สมชาย", email="s@example.com", body="ดีมาก")
    series = MeetingSeries.objects.create(
        slug="c", name_th="คณะกรรมการ", organiser=agency_factory()
    )
    Meeting.objects.create(
        series=series, number=1, year_be=2569, title_th="ประชุมครั้งที่ 1", starts_at=past,
        ends_at=past + timedelta(hours=2), minutes_status=Meeting.MinutesStatus.CIRCULATED,
    )  # fmt: skip
    Agreement.objects.create(
        registry_number="MOU-9/2569", title_th="บันทึกความเข้าใจ", kind="mou",
        scope="domestic", status=Agreement.Status.EXPIRING,
    )  # fmt: skip

    client.force_login(staff("Knowledge editors"))
    editor = tasks(client)
    assert editor["เนื้อหาที่รอตรวจทาน"][0] == 1
    assert editor["ความคิดเห็นที่รอตรวจ"][0] == 1
    assert not any("รายงานการประชุม" in label for label in editor)  # not their section
    waiting_since = Item.objects.get(title_th="ร่างรอตรวจ").updated_at
    since = f"รายการแรกรอตั้งแต่ {display_date(waiting_since, 'short_time')}"
    assert str(timezone.localtime(waiting_since).year + 543) in since
    assert since in client.get("/th/admin/").content.decode()
    listing = client.get(editor["เนื้อหาที่รอตรวจทาน"][1]).content.decode()
    assert "ร่างรอตรวจ" in listing and "ข่าวเผยแพร่" not in listing

    client.force_login(staff("Coordinators"))
    coordinator = tasks(client, "en")
    assert coordinator["Minutes circulated, to adopt"][0] == 1
    assert coordinator["Agreements about to expire"][0] == 1
    assert "Items waiting for review" not in coordinator
    assert (
        "ประชุมครั้งที่ 1" in client.get(coordinator["Minutes circulated, to adopt"][1]).content.decode()
    )

    client.force_login(staff("Plan analysts"))
    analyst = tasks(client, "en")
    assert set(analyst) == {
        "Possible duplicate projects to decide",
        "Project imports that failed or wait for values to be mapped (30 days)",
    }
    for _count, url in analyst.values():
        assert client.get(url).status_code == 200

    client.force_login(staff("Spatial data stewards"))
    assert set(tasks(client, "en")) == {
        "Layer imports that failed (30 days)",
        "Datasets graded D or E, to improve",
    }
    administrator = staff("Division administrators")
    client.force_login(administrator)
    everything = tasks(client, "en")
    assert len(everything) == 12 and all(
        client.get(url).status_code == 200 for _count, url in everything.values()
    )


def test_the_thai_admin_home_reads_as_thai(client):
    client.force_login(staff("Knowledge editors"))
    page = client.get("/th/admin/").content.decode()
    assert "สิ่งที่ฉันทำล่าสุด" in page and "ยังไม่มีรายการ" in page  # no actions yet
    assert "ไม่ว่าง" not in page  # Django's own Thai reads "None available" as "busy"


def test_role_groups_are_named_in_the_readers_language(admin_client):
    editor = staff("Knowledge editors")
    roles = admin_client.get("/th/admin/auth/group/").content.decode()
    assert "นักวิเคราะห์แผน" in roles and "ผู้ดูแลระบบของกอง" in roles
    assert "Plan analysts" not in roles
    form = admin_client.get(f"/th/admin/auth/user/{editor.pk}/change/").content.decode()
    assert "บรรณาธิการฝ่ายจัดการความรู้</option>" in form
    assert "Spatial data stewards" in admin_client.get("/en/admin/auth/group/").content.decode()


def test_the_thai_admin_shows_dates_in_the_buddhist_era_and_the_english_admin_in_ce(
    admin_client, agency_factory
):
    series = MeetingSeries.objects.create(name_th="คณะทำงาน", organiser=agency_factory())
    starts = datetime(2026, 3, 12, 9, 30, tzinfo=ZoneInfo("Asia/Bangkok"))
    for number, when in ((2, starts), (9, starts.replace(year=2025, month=9))):
        Meeting.objects.create(
            series=series, number=number, year_be=2569, title_th="ประชุมคณะทำงาน",
            starts_at=when, ends_at=when + timedelta(hours=3),
        )  # fmt: skip
    thai = admin_client.get("/th/admin/coordination/meeting/").content.decode()
    assert "12 มีนาคม 2569" in thai and "2026" not in strip_tags(thai)
    assert '<a href="?starts_at__year=2026">2569</a>' in thai  # the year drill-down
    assert '<a href="?starts_at__year=2025">2568</a>' in thai
    months = admin_client.get("/th/admin/coordination/meeting/?starts_at__year=2026")
    assert ">มีนาคม 2569</a>" in months.content.decode()
    days = admin_client.get(
        "/th/admin/coordination/meeting/", {"starts_at__year": 2026, "starts_at__month": 3}
    )
    assert "&lsaquo; 2569</a>" in days.content.decode()
    english = admin_client.get("/en/admin/coordination/meeting/").content.decode()
    assert "March 12, 2026" in english and "2569" in english  # the meeting's own BE number
    assert '<a href="?starts_at__year=2026">2026</a>' in english


def test_the_audit_log_reads_in_thai_with_record_kinds_and_fields_by_name(
    admin_client, agency_factory
):
    agency = agency_factory(name_th="เทศบาลนครแหลมฉบัง")  # saved with no one signed in
    agency.name_th, agency.website = "เทศบาลนครแหลมฉบัง (แก้ไข)", "https://example.go.th"
    agency.save()
    page = admin_client.get("/th/admin/auditlog/logentry/").content.decode()
    changes = re.findall(r'<td class="field-msg_short">([^<]*)</td>', page)
    assert changes[0] == "แก้ไข 3 รายการ: ชื่อ, ชื่อ [th], เว็บไซต์"
    assert set(changes[1:]) == {"-"}  # creations: the action column says so
    assert "รหัสเชื่อมโยงคำขอ" in page and "Correlation ID" not in page
    assert '<td class="field-user_url">ระบบ</td>' in page
    filters = page[page.index('id="changelist-filter"') :]
    assert "หน่วยงาน" in filters and ">agency<" not in filters
    english = admin_client.get("/en/admin/auditlog/logentry/").content.decode()
    assert "3 changes: Name, Name [th], Website" in english
