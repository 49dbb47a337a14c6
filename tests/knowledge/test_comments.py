import pytest
from django.contrib.auth.models import User

from divisions.knowledge.models import Comment, Item
from divisions.knowledge.services import comment_moderate

pytestmark = pytest.mark.django_db

VALID = {
    "name": "สมศรี",
    "email": "somsri@example.com",
    "body": "อยากให้มีเวทีรับฟังที่อำเภอบ้านฉางด้วย",
    "consent": "on",
    "website": "",
}


@pytest.fixture
def news(item_factory):
    return item_factory(kind=Item.Kind.NEWS, title_th="ข่าวรับฟังความคิดเห็น")


def post(client, item, data, language="th"):
    return client.post(f"/{language}/knowledge/items/{item.pk}/comments/", data)


# Committed: the approval's commit makes the item's kept page parts stale, as in production.
@pytest.mark.django_db(transaction=True)
def test_comment_waits_for_moderation_and_then_appears_without_the_email(client, news):
    response = post(client, news, VALID)
    assert response.status_code == 302
    assert response["Location"].endswith("?comment=pending#comments")
    page = client.get(response["Location"]).content.decode()
    assert "ความคิดเห็นของท่านจะแสดงหลังจากเจ้าหน้าที่ตรวจสอบแล้ว" in page
    assert VALID["body"] not in page

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.language == "th"
    comment_moderate(comment=comment, user=User.objects.create_user("mod"), approve=True)
    page = client.get(f"/th/knowledge/items/{news.pk}/").content.decode()
    assert VALID["body"] in page
    assert VALID["email"] not in page
    assert VALID["email"] not in client.get("/api/v1/knowledge/items/").content.decode()


def test_item_pages_with_comment_forms_stay_cacheable(client, news):
    assert client.get(f"/en/knowledge/items/{news.pk}/")["X-Page-Cache"] == "miss"
    assert client.get(f"/en/knowledge/items/{news.pk}/")["X-Page-Cache"] == "hit"


def test_bad_input_is_explained_in_the_readers_language_and_nothing_is_saved(client, news):
    response = post(client, news, VALID | {"email": "not-an-email", "consent": ""}, "en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html and "This field is required." in html
    thai = post(client, news, VALID | {"body": ""}).content.decode()
    assert "ฟิลด์นี้จำเป็น" in thai
    assert post(client, news, VALID | {"body": "ก" * 2001}).status_code == 400
    assert not Comment.objects.exists()


def test_honeypot_silently_drops_bot_comments(client, news):
    response = post(client, news, VALID | {"website": "http://spam.example"})
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_a_comment_flood_from_one_address_is_refused(client, news):
    for _ in range(5):
        assert post(client, news, VALID).status_code == 302
    flooded = post(client, news, VALID, "en")
    assert flooded.status_code == 429
    assert "Too many comments from your address" in flooded.content.decode()
    assert Comment.objects.count() == 5


def test_comments_are_closed_on_kinds_that_do_not_take_them_and_on_hidden_items(
    client, item_factory
):
    faq = item_factory(kind=Item.Kind.FAQ)
    assert post(client, faq, VALID).status_code == 400
    assert 'id="comments"' not in client.get(f"/en/knowledge/items/{faq.pk}/").content.decode()
    draft = item_factory(status=Item.Status.DRAFT)
    assert post(client, draft, VALID).status_code == 404
    assert not Comment.objects.exists()


def test_enough_reports_send_a_comment_back_to_moderation(client, news):
    comment = Comment.objects.create(
        item=news,
        name="x",
        email="x@example.com",
        body="ไม่สุภาพ",
        language="th",
        status=Comment.Status.APPROVED,
    )
    for n in range(3):
        response = client.post(
            f"/th/knowledge/comments/{comment.pk}/report/", REMOTE_ADDR=f"10.0.0.{n}"
        )
        assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.report_count == 3 and comment.status == Comment.Status.PENDING
    assert client.post(f"/th/knowledge/comments/{comment.pk}/report/").status_code == 404


def test_editors_hear_of_a_new_comment_without_the_readers_email(
    client, news, mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    editor = User.objects.create_user("editor", email="editor@pao.example.go.th")
    editor.groups.add(Group.objects.get(name="Knowledge editors"))
    User.objects.create_user("other", email="other@pao.example.go.th")  # not an editor
    with django_capture_on_commit_callbacks(execute=True):
        post(client, news, VALID)
    [message] = mailoutbox
    assert message.to == ["editor@pao.example.go.th"]
    assert "ข่าวรับฟังความคิดเห็น" in message.subject and "รอการตรวจ" in message.subject
    assert VALID["body"] in message.body and VALID["email"] not in message.body
    assert f"/admin/knowledge/comment/{Comment.objects.get().pk}/change/" in message.body
