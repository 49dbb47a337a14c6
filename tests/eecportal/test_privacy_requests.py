import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from divisions.knowledge.models import (
    Answer,
    BestPracticeSubmission,
    Comment,
    Consultation,
    Participant,
    Question,
    Subscription,
    Topic,
)
from eecportal.models import PrivacyRequest
from eecportal.services import (
    privacy_request_decline,
    privacy_request_fulfil,
    privacy_request_verify,
    privacy_requests_purge,
)

pytestmark = pytest.mark.django_db

EMAIL = "somsri@example.com"


@pytest.fixture
def administrator():
    user = User.objects.create_user("dpo", email="dpo@pao.example.go.th", is_staff=True)
    user.groups.add(Group.objects.get(name="Division administrators"))
    return user


@pytest.fixture
def citizens_data(item_factory):
    """The same person's records in every place the portal keeps personal data, and
    someone else's beside them."""
    item = item_factory(kind="news", title_th="ข่าวนิคมอุตสาหกรรม")
    now = timezone.now()
    consultation = Consultation.objects.create(
        title_th="รับฟังความคิดเห็นผังเมือง", opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=5), is_public=True,
    )  # fmt: skip
    question = Question.objects.create(consultation=consultation, kind="text", text_th="ข้อเสนอ")
    for email, words in ((EMAIL, "ขอถนนเลียบชายหาด"), ("other@example.com", "ขอสวนสาธารณะ")):
        Comment.objects.create(item=item, name="สมศรี", email=email, body=words, language="th")
        subscription = Subscription.objects.create(email=email, language="th", token=email)
        subscription.topics.add(Topic.objects.create(slug=f"t-{email}", name="เศรษฐกิจ"))
        participant = Participant.objects.create(
            consultation=consultation, email=email, language="th", token=f"p-{email}",
            responded_at=now - timedelta(days=10),
        )  # fmt: skip
        Answer.objects.create(participant=participant, question=question, text=words)
        BestPracticeSubmission.objects.create(
            organisation="อบต.บางพระ", province="20", contact_name="สมศรี ใจดี",
            contact_email=email, contact_phone="081", title="ธนาคารขยะ", problem="ขยะ",
            approach="คัดแยก", results="ลดขยะ", language="th",
        )  # fmt: skip
    Participant.objects.create(
        consultation=consultation, email=EMAIL.upper(), language="th", token="unanswered"
    )
    return consultation


def request_by_mail(client, django_capture_on_commit_callbacks, kind="access", language="th"):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{language}/privacy/requests/", {"email": "Somsri@Example.com", "kind": kind}
        )
    link = re.search(
        r"http://127\.0\.0\.1:8000(/\w\w/privacy/requests/[\w-]+/)", mail.outbox[-1].body
    )
    return response, link.group(1)


def verified(kind: str, email: str = EMAIL, language: str = "th") -> PrivacyRequest:
    request = PrivacyRequest.objects.create(email=email, kind=kind, language=language, token=kind)
    return privacy_request_verify(privacy=request)


def test_a_request_counts_only_once_the_address_is_verified(
    client, django_capture_on_commit_callbacks, administrator
):
    response, link = request_by_mail(client, django_capture_on_commit_callbacks)
    assert "ตรวจสอบอีเมลของท่าน" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert "ยืนยัน" in message.subject
    assert PrivacyRequest.objects.get().status == "unverified"

    assert "ยืนยัน" in client.get(link).content.decode()
    assert PrivacyRequest.objects.get().status == "unverified"  # opening the link is not enough
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(link).content.decode()
    request = PrivacyRequest.objects.get()
    assert request.status == "open"
    assert request.due_at == request.verified_at + timedelta(days=30)
    # the deadline in the Buddhist era, in Thai time (a deadline late on 31 December UTC is
    # in the next year in Bangkok)
    assert str(timezone.localtime(request.due_at).year + 543) in page
    staff_notice = mail.outbox[-1]
    assert staff_notice.to == ["dpo@pao.example.go.th"]
    assert EMAIL not in staff_notice.body  # the address stays in the admin, not in mailboxes


def test_the_same_answer_whether_or_not_data_is_held_and_floods_are_refused(
    client, django_capture_on_commit_callbacks
):
    for _attempt in range(3):
        response, _link = request_by_mail(client, django_capture_on_commit_callbacks)
        assert response.status_code == 200
    response = client.post("/th/privacy/requests/", {"email": EMAIL, "kind": "access"})
    assert response.status_code == 400
    assert "มากเกินไป" in response.content.decode()


def test_bad_input_gets_an_error_in_the_readers_language(client):
    thai = client.post("/th/privacy/requests/", {"email": "not-an-address", "kind": "sell"})
    assert thai.status_code == 400
    assert "กรอกอีเมลให้ถูกต้อง" in thai.content.decode()
    english = client.post("/en/privacy/requests/", {"email": "not-an-address", "kind": "access"})
    assert "Enter a valid email address" in english.content.decode()
    assert not PrivacyRequest.objects.exists()


def test_an_old_unverified_link_no_longer_works_and_its_address_is_purged(client):
    request = PrivacyRequest.objects.create(email=EMAIL, kind="access", language="th", token="old")
    PrivacyRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    assert client.get("/th/privacy/requests/old/").status_code == 404
    assert privacy_requests_purge() == 1
    assert privacy_requests_purge() == 0  # a second run changes nothing
    assert not PrivacyRequest.objects.exists()


def test_access_sends_every_record_held_for_the_address_and_nobody_elses(
    citizens_data, administrator, django_capture_on_commit_callbacks
):
    request = verified("access")
    with django_capture_on_commit_callbacks(execute=True):
        privacy_request_fulfil(privacy=request, user=administrator)
    message = mail.outbox[-1]
    assert message.to == [EMAIL]
    assert "ขอถนนเลียบชายหาด" in message.body
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("personal-data.json", "application/json")
    data = json.loads(content)
    assert [c["comment"] for c in data["comments"]] == ["ขอถนนเลียบชายหาด"]
    assert data["subscriptions"][0]["topics"] == ["เศรษฐกิจ"]
    assert len(data["consultation_responses"]) == 2  # the answered and the unanswered invitation
    assert data["best_practice_submissions"][0]["contact_name"] == "สมศรี ใจดี"
    assert "สวนสาธารณะ" not in content
    request.refresh_from_db()
    assert (request.status, request.closed_by) == ("fulfilled", administrator)
    with pytest.raises(ValidationError):
        privacy_request_fulfil(privacy=request, user=administrator)  # answered once


def test_erasure_leaves_the_address_nowhere_and_published_results_unchanged(
    citizens_data, administrator, django_capture_on_commit_callbacks
):
    answers_before = Answer.objects.filter(question__consultation=citizens_data).count()
    request = verified("erasure")
    with django_capture_on_commit_callbacks(execute=True):
        privacy_request_fulfil(privacy=request, user=administrator)
    message = mail.outbox[-1]
    assert message.to == [EMAIL]
    assert "ลบ" in message.subject

    # Not in any knowledge table, in any column, in any case.
    with connection.cursor() as cursor:
        for model in (Comment, Subscription, Participant, BestPracticeSubmission):
            table = model._meta.db_table
            cursor.execute(f"SELECT count(*) FROM {table} t WHERE t::text ILIKE %s", [f"%{EMAIL}%"])
            assert cursor.fetchone()[0] == 0, table
    assert Answer.objects.filter(question__consultation=citizens_data).count() == answers_before
    assert Comment.objects.filter(email="other@example.com").exists()  # others' data stays
    assert Subscription.objects.filter(email="other@example.com").exists()


def test_erasure_keeps_an_accepted_best_practice_without_its_contact(
    citizens_data, administrator, item_factory
):
    submission = BestPracticeSubmission.objects.get(contact_email=EMAIL)
    submission.item = item_factory(kind="best_practice", title_th="ธนาคารขยะบางพระ")
    submission.save()
    privacy_request_fulfil(privacy=verified("erasure"), user=administrator)
    submission.refresh_from_db()
    assert (submission.organisation, submission.contact_name, submission.contact_phone) == (
        "อบต.บางพระ", "—", "",
    )  # fmt: skip
    assert submission.contact_email.endswith("@erased.invalid")


def test_declining_needs_a_reason_which_goes_to_the_requester(
    administrator, django_capture_on_commit_callbacks
):
    request = verified("erasure")
    with pytest.raises(ValidationError):
        privacy_request_decline(privacy=request, user=administrator, note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        privacy_request_decline(
            privacy=request, user=administrator, note="ต้องเก็บไว้ตามระเบียบงานสารบรรณ"
        )
    assert "ต้องเก็บไว้ตามระเบียบงานสารบรรณ" in mail.outbox[-1].body
    assert PrivacyRequest.objects.get().status == "declined"


def test_the_staff_dashboard_shows_waiting_requests_and_their_deadline(client, administrator):
    verified("access")
    overdue = verified("erasure", email="late@example.com")
    PrivacyRequest.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - timedelta(days=1))
    client.force_login(administrator)
    page = client.get("/th/admin/").content.decode()
    panel = page[page.index('id="privacy-requests"') :][:1500]
    assert "2 คำขอรอคำตอบ" in panel
    assert str(timezone.localtime(timezone.now() - timedelta(days=1)).year + 543) in panel
    assert "เกินกำหนด 1 คำขอ" in panel

    listing = client.get("/th/admin/eecportal/privacyrequest/?status__exact=open").content.decode()
    assert "late@example.com" in listing and "เกินกำหนด" in listing


def test_only_division_administrators_see_privacy_requests(client):
    verified("access")
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Knowledge editors"))
    client.force_login(editor)
    assert client.get("/th/admin/eecportal/privacyrequest/").status_code == 403
    assert 'id="privacy-requests"' not in client.get("/th/admin/").content.decode()


def test_the_copy_speaks_the_requesters_language_whoever_answers(
    citizens_data, administrator, django_capture_on_commit_callbacks
):
    request = verified("access", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        privacy_request_fulfil(privacy=request, user=administrator)  # staff page in Thai
    message = mail.outbox[-1]
    assert "Comments: 1" in message.body
    data = json.loads(message.attachments[0][1])
    assert data["comments"][0]["item"].startswith("Test news")
