import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from openpyxl import load_workbook

from divisions.knowledge.models import (
    Answer,
    Choice,
    Consultation,
    ConsultationDocument,
    Participant,
    Question,
)
from divisions.knowledge.services import response_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    now = timezone.now()
    consultation = Consultation.objects.create(
        title_th="รับฟังความคิดเห็นผังเมืองรวมชลบุรี",
        title_en="Consultation on the Chon Buri town plan",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        is_public=True,
    )
    single = Question.objects.create(
        consultation=consultation,
        position=1,
        kind="single",
        text_th="ท่านเห็นด้วยกับร่างผังหรือไม่",
        text_en="Do you agree with the draft plan?",
    )
    for n, (th, en) in enumerate([("เห็นด้วย", "Agree"), ("ไม่เห็นด้วย", "Disagree")]):
        Choice.objects.create(question=single, position=n, text_th=th, text_en=en)
    several = Question.objects.create(
        consultation=consultation,
        position=2,
        kind="multiple",
        required=False,
        text_th="เรื่องที่ห่วงใย",
        text_en="Your concerns",
    )
    for n, (th, en) in enumerate([("น้ำท่วม", "Floods"), ("การจราจร", "Traffic")]):
        Choice.objects.create(question=several, position=n, text_th=th, text_en=en)
    Question.objects.create(
        consultation=consultation,
        position=3,
        kind="text",
        required=False,
        text_th="ข้อเสนอแนะ",
        text_en="Suggestions",
    )
    return consultation


def answers_for(consultation, *, single: str, several=(), text=""):
    questions = list(consultation.questions.all())
    choice = {c.text_en: c.pk for q in questions for c in q.choices.all()}
    return {
        questions[0].pk: [choice[single]],
        questions[1].pk: [choice[name] for name in several],
        questions[2].pk: text,
    }


def invite(client, consultation, email, capture, language="th"):
    """Ask for the personal link; `capture` runs the email sending that waits for commit."""
    with capture(execute=True):
        return client.post(
            f"/{language}/knowledge/consultations/{consultation.pk}/",
            {"email": email, "consent": "on"},
        )


def test_citizen_gets_a_personal_link_answers_once_and_sees_results_after_closing(
    client, consultation, django_capture_on_commit_callbacks
):
    response = invite(
        client, consultation, "Somchai@example.com", django_capture_on_commit_callbacks
    )
    assert "ตรวจสอบอีเมลของท่าน" in response.content.decode()
    link = re.search(r"(/th/knowledge/consultations/respond/[\w-]+/)", mail.outbox[0].body).group(1)
    page = client.get(link).content.decode()
    assert "ท่านเห็นด้วยกับร่างผังหรือไม่" in page

    questions = list(consultation.questions.all())
    agree = questions[0].choices.get(text_en="Agree")
    floods = questions[1].choices.get(text_en="Floods")
    response = client.post(
        link,
        {
            f"q{questions[0].pk}": agree.pk,
            f"q{questions[1].pk}": [floods.pk],
            f"q{questions[2].pk}": "ขอให้มีพื้นที่รับน้ำ",
        },
    )
    assert response.status_code == 302
    assert Answer.objects.count() == 3
    again = client.post(link, {f"q{questions[0].pk}": agree.pk})
    assert "ท่านได้ตอบการรับฟังความคิดเห็นนี้แล้ว" in again.content.decode()
    assert Answer.objects.count() == 3

    assert client.get(f"/en/knowledge/consultations/{consultation.pk}/results/").status_code == 404
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    results = client.get(f"/en/knowledge/consultations/{consultation.pk}/results/").content.decode()
    assert "1 person answered." in results
    assert '<progress max="100" value="100" aria-label="Agree">' in results
    assert "1 written answer" in results
    assert "ขอให้มีพื้นที่รับน้ำ" not in results  # written answers are not published


def test_one_email_gets_one_participant_and_one_response(client, consultation):
    participant = Participant.objects.create(
        consultation=consultation, email="a@example.com", language="th", token="t" * 43
    )
    response_submit(participant=participant, answers=answers_for(consultation, single="Agree"))
    with pytest.raises(ValidationError):
        response_submit(participant=participant, answers=answers_for(consultation, single="Agree"))
    assert Answer.objects.count() == 1


def test_bad_answers_are_refused_whole_with_reasons(client, consultation):
    participant = Participant.objects.create(
        consultation=consultation, email="b@example.com", language="en", token="u" * 43
    )
    questions = list(consultation.questions.all())
    foreign = questions[1].choices.first().pk
    with pytest.raises(ValidationError) as error:
        response_submit(
            participant=participant,
            answers={questions[0].pk: [foreign], questions[2].pk: "text"},
        )
    assert questions[0].pk in error.value.message_dict
    assert Answer.objects.count() == 0
    participant.refresh_from_db()
    assert participant.responded_at is None


def test_a_closed_consultation_refuses_invitations_and_answers(
    client, consultation, django_capture_on_commit_callbacks
):
    participant = Participant.objects.create(
        consultation=consultation, email="c@example.com", language="en", token="v" * 43
    )
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(hours=1)
    )
    consultation.refresh_from_db()
    response = invite(
        client, consultation, "d@example.com", django_capture_on_commit_callbacks, "en"
    )
    assert "not open for answers" in response.content.decode()
    with pytest.raises(ValidationError, match="not open"):
        response_submit(participant=participant, answers=answers_for(consultation, single="Agree"))
    assert not mail.outbox


def test_internal_consultations_are_not_public(client, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(is_public=False)
    assert client.get(f"/en/knowledge/consultations/{consultation.pk}/").status_code == 404
    assert "Chon Buri town plan" not in client.get("/en/knowledge/consultations/").content.decode()


def test_staff_export_responses_as_csv_and_xlsx_without_emails(client, consultation):
    for n, choice in enumerate(["Agree", "Disagree"]):
        participant = Participant.objects.create(
            consultation=consultation, email=f"p{n}@example.com", language="th", token=f"{n}" * 43
        )
        response_submit(
            participant=participant,
            answers=answers_for(consultation, single=choice, several=["Floods", "Traffic"]),
        )
    user = User.objects.create_user("coord", is_staff=True)
    user.groups.add(Group.objects.get(name="Knowledge editors"))
    client.force_login(user)
    data = {"action": "export_csv", "_selected_action": [consultation.pk]}
    response = client.post("/en/admin/knowledge/consultation/", data)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "respondent" and len(rows) == 3
    assert rows[1][2] == "Agree" and rows[1][3] == "Floods; Traffic"
    assert "example.com" not in response.content.decode()
    data["action"] = "export_xlsx"
    workbook = load_workbook(
        io.BytesIO(client.post("/en/admin/knowledge/consultation/", data).content)
    )
    sheet = workbook.active
    assert sheet.max_row == 3 and sheet.cell(row=3, column=3).value == "Disagree"


@pytest.mark.parametrize(
    "answer",
    ['=HYPERLINK("http://example.com/x","ดูผล")', "+66 38 123 456", "@SUM(A1:A9)",
     "-2+3+cmd|' /C calc'!A0", "\x1bเสียงดังจากโรงงาน\x07"],
)  # fmt: skip
def test_citizen_text_never_becomes_a_formula_or_breaks_the_export(client, consultation, answer):
    participant = Participant.objects.create(
        consultation=consultation, email="p@example.com", language="th", token="p" * 43
    )
    response_submit(
        participant=participant, answers=answers_for(consultation, single="Agree", text=answer)
    )
    user = User.objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Knowledge editors"))
    client.force_login(user)
    data = {"action": "export_csv", "_selected_action": [consultation.pk]}
    rows = list(csv.reader(io.StringIO(
        client.post("/en/admin/knowledge/consultation/", data).content.decode("utf-8-sig")
    )))  # fmt: skip
    typed = answer.replace("\x1b", "").replace("\x07", "")
    assert rows[1][-1] == (typed if typed.startswith("เสียง") else "'" + typed)

    data["action"] = "export_xlsx"
    response = client.post("/en/admin/knowledge/consultation/", data)
    assert response.status_code == 200
    cell = load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=5)
    assert cell.value == typed and cell.data_type == "s"  # text, as typed, not a formula


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"MZ\x90\x00 not a pdf", "not what its name says"),
        ("plan.exe", b"MZ\x90\x00", "not accepted"),
        ("plan.docx", b"PK\x03\x04 broken", "not what its name says"),
    ],
)
def test_documents_are_checked_before_they_are_kept(consultation, name, content, message):
    document = ConsultationDocument(
        consultation=consultation, title_th="ร่างผัง", file=SimpleUploadedFile(name, content)
    )
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        document.full_clean()


def test_oversized_documents_are_refused(consultation, settings):
    settings.MAX_DOCUMENT_UPLOAD_MB = 1
    big = SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))
    document = ConsultationDocument(consultation=consultation, title_th="ใหญ่", file=big)
    with translation.override("en"), pytest.raises(ValidationError, match="too large"):
        document.full_clean()


def test_public_consultations_are_in_the_sitemap_and_search_and_internal_ones_are_not(
    client, consultation, django_capture_on_commit_callbacks
):
    from eecportal.services import search_index_rebuild

    search_index_rebuild()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/en/knowledge/consultations/{consultation.pk}/" in sitemap
    html = client.get("/th/search/", {"q": "ผังเมืองรวมชลบุรี"}).content.decode()
    assert "รับฟังความคิดเห็นผังเมืองรวมชลบุรี" in html

    with django_capture_on_commit_callbacks(execute=True):
        consultation.is_public = False
        consultation.save()
    assert (
        f"/knowledge/consultations/{consultation.pk}/"
        not in client.get("/sitemap.xml").content.decode()
    )
    assert (
        "รับฟังความคิดเห็นผังเมืองรวมชลบุรี"
        not in client.get("/th/search/", {"q": "ผังเมืองรวมชลบุรี"}).content.decode()
    )


def test_export_asks_for_exactly_one_consultation(client, consultation):
    other = Consultation.objects.create(
        title_th="อีกเรื่อง", opens_at=consultation.opens_at, closes_at=consultation.closes_at
    )
    client.force_login(User.objects.create_superuser("root"))
    response = client.post(
        "/en/admin/knowledge/consultation/",
        {"action": "export_csv", "_selected_action": [consultation.pk, other.pk]},
        follow=True,
    )
    assert "Select exactly one consultation to export." in response.content.decode()


def test_after_answering_the_page_thanks_instead_of_offering_the_form_again(client, consultation):
    participant = Participant.objects.create(
        consultation=consultation, email="a@example.com", language="th", token="t" * 43
    )
    questions = list(consultation.questions.all())
    agree = questions[0].choices.get(text_en="Agree")
    page = f"/th/knowledge/consultations/{consultation.pk}/"
    assert "ส่งลิงก์ให้ฉัน" in client.get(page).content.decode()
    response = client.post(
        f"/th/knowledge/consultations/respond/{participant.token}/",
        {f"q{questions[0].pk}": agree.pk},
    )
    assert response.status_code == 302 and response["Location"] == page
    answered = client.get(page)
    text = answered.content.decode()
    assert "ขอบคุณ ระบบบันทึกคำตอบของท่านแล้ว" in text and "ส่งลิงก์ให้ฉัน" not in text
    assert "private" in answered["Cache-Control"]  # this reader's page only
    # Another reader (no cookie) is still offered the form; a forged cookie changes nothing.
    client.cookies.clear()
    client.cookies["consultations-answered"] = str(consultation.pk)
    assert "ส่งลิงก์ให้ฉัน" in client.get(page).content.decode()
