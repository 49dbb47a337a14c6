"""Minutes as a Thai official report of a meeting (รายงานการประชุม), in PDF, DOCX and ODT, in
Thai and English, downloaded from the admin as from the public page."""

import io
import re
import zipfile
from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from docx import Document
from pypdf import PdfReader

from divisions.coordination.models import ActionItem, AgendaItem, Attendance, Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(meeting_factory, agency_factory):
    """A committee meeting of Monday 16 March 2026 written up as coordinators write it."""
    meeting = meeting_factory(
        3, date(2026, 3, 16), title_th="ติดตามโครงการถนนเชื่อมท่าเรือ",
        title_en="Port road follow-up", place_th="ห้องประชุมชั้น 3 อบจ.ชลบุรี",
        place_en="Room 3, Chon Buri PAO", mode="hybrid", minutes_status="adopted",
        minutes_th="ผู้แทนกรมทางหลวงรายงานความคืบหน้าร้อยละ 40",
        recorded_by_th="นางสาวสมใจ ใจดี นักวิเคราะห์นโยบายและแผนชำนาญการ",
        recorded_by_en="Ms Somjai Jaidee, Policy and Plan Analyst",
        checked_by_th="นายประเสริฐ มั่นคง ผู้อำนวยการกองส่งเสริมเขตพัฒนาพิเศษภาคตะวันออก",
    )  # fmt: skip
    pao = agency_factory(name_th="องค์การบริหารส่วนจังหวัดชลบุรี", name_en="Chon Buri PAO")
    highways = agency_factory(name_th="กรมทางหลวง", name_en="Department of Highways")
    port = agency_factory(name_th="การท่าเรือแห่งประเทศไทย", name_en="Port Authority of Thailand")
    chair = Contact.objects.create(name_th="นายวิชัย ศรีสุข", position_th="นายก อบจ.ชลบุรี",
                                   agency=pao)  # fmt: skip
    Attendance.objects.create(meeting=meeting, agency=pao, contact=chair, status="attended")
    Attendance.objects.create(meeting=meeting, agency=highways, status="represented",
                              represented_by="นายสมบัติ ทางดี")  # fmt: skip
    Attendance.objects.create(meeting=meeting, agency=port, status="absent")
    first = AgendaItem.objects.create(meeting=meeting, number="1", position=1,
                                      title_th="เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
                                      title_en="Matters from the chair")  # fmt: skip
    third = AgendaItem.objects.create(
        meeting=meeting, number="3", position=3, title_th="เรื่องเพื่อพิจารณา", title_en="For decision"
    )
    AgendaItem.objects.create(
        meeting=meeting, parent=third, number="3.1", position=4, title_th="ถนนเชื่อมท่าเรือ",
        title_en="Port link road", decision_th="เห็นชอบ", decision_en="Approved",
    )  # fmt: skip
    ActionItem.objects.create(
        meeting=meeting, agenda_item=first, owner_agency=highways, due_date=date(2026, 4, 30),
        description_th="เสนอแบบถนนต่อที่ประชุม", description_en="Present the road's design",
    )  # fmt: skip
    return meeting


@pytest.fixture
def coordinator(client, staff_member):
    """Staff who may read contacts: the full official minutes, people by name."""
    user = staff_member("wanna", "Coordinators")
    client.force_login(user)
    return user


def _in_order(lines: list[str], expected: list[str]) -> None:
    """Each expected text is in a line after the line of the one before it."""
    lines = [part for line in lines for part in line.split("\n")]
    at = -1
    for text in expected:
        found = next((n for n, line in enumerate(lines) if n > at and text in line), None)
        assert found is not None, f"{text!r} missing after line {at}: {lines[at + 1 : at + 5]}"
        at = found


THAI_ORDER = [
    "กองส่งเสริมเขตพัฒนาพิเศษภาคตะวันออก องค์การบริหารส่วนจังหวัดชลบุรี",  # letterhead
    "รายงานการประชุมคณะกรรมการประสานงานอีอีซี",
    "ครั้งที่ 3/2569",
    "ติดตามโครงการถนนเชื่อมท่าเรือ",
    "เมื่อวันจันทร์ที่ 16 มีนาคม 2569",
    "ณ ห้องประชุมชั้น 3 อบจ.ชลบุรี และผ่านสื่ออิเล็กทรอนิกส์",
    "ผู้มาประชุม",
    "1. นายวิชัย ศรีสุข นายก อบจ.ชลบุรี องค์การบริหารส่วนจังหวัดชลบุรี",
    "2. นายสมบัติ ทางดี แทน กรมทางหลวง",
    "ผู้ไม่มาประชุม",
    "1. การท่าเรือแห่งประเทศไทย",
    "เริ่มประชุมเวลา 09.30 น.",
    "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
    "ระเบียบวาระที่ 3 เรื่องเพื่อพิจารณา",
    "3.1 ถนนเชื่อมท่าเรือ",
    "มติที่ประชุม: เห็นชอบ",
    "สาระการประชุม",
    "ผู้แทนกรมทางหลวงรายงานความคืบหน้าร้อยละ 40",
    "เรื่องที่มอบหมายให้ดำเนินการ",
    "1. เสนอแบบถนนต่อที่ประชุม ผู้รับผิดชอบ: กรมทางหลวง กำหนดเสร็จ: 30 เมษายน 2569",
    "เลิกประชุมเวลา 12.30 น.",
    "(ลงชื่อ) ....",
    "(นางสาวสมใจ ใจดี นักวิเคราะห์นโยบายและแผนชำนาญการ)",
    "ผู้จดรายงานการประชุม",
    "(ลงชื่อ) ....",
    "(นายประเสริฐ มั่นคง ผู้อำนวยการกองส่งเสริมเขตพัฒนาพิเศษภาคตะวันออก)",
    "ผู้ตรวจรายงานการประชุม",
]


def test_minutes_are_a_thai_official_report_in_the_usual_order_in_docx_odt_and_pdf(
    client, coordinator, held
):
    base = f"/th/coordination/meetings/{held.pk}/minutes"
    docx = Document(io.BytesIO(client.get(f"{base}.docx").content))
    _in_order([p.text for p in docx.paragraphs], THAI_ORDER)
    # Thai is set in the document font as complex script, which is what Word uses for Thai.
    assert 'w:cs="TH Sarabun New"' in docx.styles["Normal"].element.xml

    with zipfile.ZipFile(io.BytesIO(client.get(f"{base}.odt").content)) as archive:
        content = archive.read("content.xml").decode()
        styles = archive.read("styles.xml").decode()
    paragraphs = re.findall(r"<text:[ph]\b.*?</text:[ph]>", content)
    _in_order([re.sub(r"<[^>]+>", "", paragraph) for paragraph in paragraphs], THAI_ORDER)
    assert 'style:font-family-complex="TH Sarabun New"' in styles
    assert 'style:language-complex="th"' in styles

    pdf = PdfReader(io.BytesIO(client.get(f"{base}.pdf").content))
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    for text in ("2569", "09.30", "12.30", "ถนนเชื่อมท่าเรือ"):
        assert text in pdf_text


def test_english_minutes_put_the_heading_number_and_date_in_that_order(client, coordinator, held):
    docx = client.get(f"/en/coordination/meetings/{held.pk}/minutes.docx")
    lines = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    _in_order(lines, [
        "EEC Support Division, Chon Buri Provincial Administrative Organization",
        "Minutes of the EEC coordination committee", "No. 3/2569", "Port road follow-up",
        "on Monday 16 March 2026", "at Room 3, Chon Buri PAO and by electronic means",
        "Present", "2. นายสมบัติ ทางดี, for Department of Highways", "Absent",
        "The meeting opened at 09:30", "Agenda item 1 Matters from the chair",
        "3.1 Port link road", "Resolution: Approved", "Action items",
        "1. Present the road's design. Responsible: Department of Highways. Due: 30 April 2026",
        "The meeting closed at 12:30", "Signed ....",
        "(Ms Somjai Jaidee, Policy and Plan Analyst)", "Recorded the minutes", "Signed ....",
        "Checked the minutes",
    ])  # fmt: skip
    assert not any(line.startswith("Draft") for line in lines)


def test_minutes_not_yet_adopted_say_so_and_staff_download_them_from_the_admin(
    client, meeting_factory
):
    meeting = meeting_factory(4, date(2026, 4, 20), minutes_status="circulated", is_public=False)
    coordinator = User.objects.create_user("wanna", is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(coordinator)
    admin_page = client.get(f"/th/admin/coordination/meeting/{meeting.pk}/change/").content.decode()
    links = re.findall(r'href="(/(?:th|en)/coordination/meetings/\d+/minutes\.\w+)"', admin_page)
    assert {link.rsplit(".", 1)[1] for link in links} == {"pdf", "docx", "odt"}
    assert {link[:4] for link in links} == {"/th/", "/en/"}
    for link in links:
        assert client.get(link).status_code == 200, link
    docx = client.get(f"/th/coordination/meetings/{meeting.pk}/minutes.docx")
    lines = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "ร่าง ยังไม่ได้รับรอง" in lines
    client.logout()
    assert client.get(links[0]).status_code == 404  # an internal meeting's minutes


def test_the_publics_minutes_name_agencies_not_people_as_the_meetings_page_does(client, held):
    ActionItem.objects.filter(meeting=held).update(
        owner_contact=Contact.objects.get(name_th="นายวิชัย ศรีสุข")
    )
    for language, represented in (("th", "กรมทางหลวง (ผู้แทน)"),
                                  ("en", "Department of Highways (represented)")):  # fmt: skip
        docx = client.get(f"/{language}/coordination/meetings/{held.pk}/minutes.docx")
        text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
        assert represented in text
        assert "นายวิชัย" not in text and "นายสมบัติ" not in text  # contacts are staff records
        page = client.get(f"/{language}/coordination/meetings/{held.pk}/").content.decode()
        assert "นายวิชัย" not in page and "นายสมบัติ" not in page
