import pytest
from django.contrib.auth.models import User

from divisions.knowledge.models import BestPracticeSubmission, Item
from divisions.knowledge.services import submission_accept

pytestmark = pytest.mark.django_db

FORM = {
    "organisation": "เทศบาลตำบลบ้านฉาง",
    "province": "TH-21",
    "contact_name": "สมหญิง รักดี",
    "contact_email": "somying@example.com",
    "contact_phone": "038-000-222",
    "title": "ตลาดนัดสีเขียวลดขยะพลาสติก",
    "problem": "ขยะพลาสติกจากตลาดนัด",
    "approach": "ให้ผู้ค้าใช้ภาชนะย่อยสลายได้\nจัดจุดคัดแยกขยะ",
    "results": "ขยะพลาสติกลดลงครึ่งหนึ่ง",
    "lessons": "",
    "consent": "on",
    "website": "",
}


def test_partner_sends_work_and_an_editor_turns_it_into_a_draft(client):
    response = client.post("/th/knowledge/best-practices/submit/", FORM)
    assert response.status_code == 200
    assert "เราได้รับผลงานของท่านแล้ว" in response.content.decode()
    submission = BestPracticeSubmission.objects.get()
    assert submission.language == "th"
    assert not Item.objects.exists()  # nothing public until an editor acts

    submission_accept(submission=submission, user=User.objects.create_user("editor"))
    item = Item.objects.get()
    assert item.status == Item.Status.DRAFT and item.kind == Item.Kind.BEST_PRACTICE
    assert item.title_th == "ตลาดนัดสีเขียวลดขยะพลาสติก"
    assert item.approach_th == "<p>ให้ผู้ค้าใช้ภาชนะย่อยสลายได้</p><p>จัดจุดคัดแยกขยะ</p>"
    assert client.get(f"/th/knowledge/items/{item.pk}/").status_code == 404


def test_submission_errors_are_shown_in_the_readers_language(client):
    response = client.post(
        "/en/knowledge/best-practices/submit/", FORM | {"contact_email": "x", "problem": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html and "This field is required." in html
    assert not BestPracticeSubmission.objects.exists()


def test_submission_html_is_stored_as_text_and_escaped_when_accepted(client):
    client.post("/en/knowledge/best-practices/submit/", FORM | {"results": "<script>x</script>"})
    submission = BestPracticeSubmission.objects.get()
    submission_accept(submission=submission, user=User.objects.create_user("editor"))
    assert "<script>" not in Item.objects.get().results_th


def test_bots_and_floods_are_turned_away(client):
    client.post("/en/knowledge/best-practices/submit/", FORM | {"website": "spam"})
    assert not BestPracticeSubmission.objects.exists()
    for _ in range(3):
        client.post("/en/knowledge/best-practices/submit/", FORM)
    flooded = client.post("/en/knowledge/best-practices/submit/", FORM)
    assert "Too many requests from your address" in flooded.content.decode()
    assert BestPracticeSubmission.objects.count() == 3


def test_editors_hear_of_a_new_submission(client, mailoutbox, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    editor = User.objects.create_user("editor", email="editor@pao.example.go.th")
    editor.groups.add(Group.objects.get(name="Knowledge editors"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/th/knowledge/best-practices/submit/", FORM)
    [message] = mailoutbox
    assert message.to == ["editor@pao.example.go.th"]
    assert "ตลาดนัดสีเขียวลดขยะพลาสติก" in message.subject
    assert "เทศบาลตำบลบ้านฉาง" in message.body and FORM["contact_email"] not in message.body
