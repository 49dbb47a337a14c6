import re
from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from divisions.knowledge.models import Item

pytestmark = pytest.mark.django_db


def staff(client, username: str, group: str) -> User:
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


FORM = {
    "kind": "news",
    "title_th": "ข่าวใหม่",
    "title_en": "",
    "summary_th": "",
    "summary_en": "",
    "body_th": '<p>เนื้อหา</p><script>alert("x")</script>',
    "body_en": "",
    "problem_th": "", "problem_en": "", "approach_th": "", "approach_en": "",
    "results_th": "", "results_en": "", "lessons_th": "", "lessons_en": "",
    "place_th": "", "place_en": "", "contact": "",
    "provinces": "TH-20",
    "tags": "",
    "cover_alt_th": "", "cover_alt_en": "",
    # The attachments inline's management form: no attachments.
    "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
}  # fmt: skip


def test_editor_drafts_an_item_whose_body_is_sanitised(client):
    staff(client, "malee", "Knowledge editors")
    response = client.post("/en/admin/knowledge/item/add/", FORM)
    assert response.status_code == 302, response.content.decode()[-3000:]
    item = Item.objects.get()
    assert item.status == Item.Status.DRAFT
    assert item.body_th == "<p>เนื้อหา</p>"


def test_admin_form_refuses_an_item_without_any_title_in_the_users_language(client):
    staff(client, "malee", "Knowledge editors")
    response = client.post("/th/admin/knowledge/item/add/", FORM | {"title_th": ""})
    assert response.status_code == 200
    assert "กรุณาใส่ชื่อเรื่องเป็นภาษาไทยหรือภาษาอังกฤษ" in response.content.decode()
    assert not Item.objects.exists()


def test_editor_has_no_publish_action_but_an_administrator_does(client, item_factory):
    item = item_factory(status=Item.Status.IN_REVIEW)
    staff(client, "malee", "Knowledge editors")
    html = client.get("/en/admin/knowledge/item/").content.decode()
    assert 'value="submit_for_review"' in html and 'value="publish"' not in html

    staff(client, "somsak", "Division administrators")
    response = client.post(
        "/en/admin/knowledge/item/",
        {"action": "publish", "_selected_action": [item.pk]},
        follow=True,
    )
    assert "1 item(s) published or scheduled." in response.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED


def test_admin_list_shows_and_filters_translation_status(client, item_factory):
    item_factory(title_th="สองภาษา", title_en="Both")
    item_factory(title_th="ไทยอย่างเดียว", title_en="")
    staff(client, "somsak", "Division administrators")
    html = client.get("/en/admin/knowledge/item/", {"translation": "th"}).content.decode()
    assert "ไทยอย่างเดียว" in html and "สองภาษา" not in html
    assert "Thai only" in html


def test_event_map_point_is_entered_as_latitude_and_longitude(client):
    staff(client, "malee", "Knowledge editors")
    data = FORM | {"kind": "event", "location_0": "13.3611", "location_1": "100.9847"}
    response = client.post("/en/admin/knowledge/item/add/", data)
    assert response.status_code == 302
    item = Item.objects.get()
    assert (round(item.location.y, 4), round(item.location.x, 4)) == (13.3611, 100.9847)
    html = client.get(f"/en/admin/knowledge/item/{item.pk}/change/").content.decode()
    assert 'name="location_0"' in html and 'value="13.3611"' in html


def test_rich_text_is_edited_with_a_local_editor_and_no_inline_script(client, db):
    from django.contrib.auth.models import Group, User

    editor = User.objects.create_user("editor", password="pw-for-tests-only", is_staff=True)
    editor.groups.add(Group.objects.get(name="Knowledge editors"))
    client.force_login(editor)
    html = client.get("/th/admin/knowledge/item/add/").content.decode()
    assert '<trix-editor input="id_body_th"' in html
    assert 'type="hidden" name="body_th"' in html and "mt-field-body-th" in html
    assert "/static/vendor/trix/trix.umd.min.js" in html and "unpkg" not in html
    assert "<script>" not in html.replace(" ", "")


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (1200, 630), "#0b4f6c").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_chosen_cover_is_kept_when_the_form_comes_back_with_errors(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    staff(client, "malee", "Knowledge editors")
    cover = SimpleUploadedFile("ท่าเรือ.png", _png(), "image/png")
    data = FORM | {"title_th": "", "cover_alt_th": "ท่าเรือแหลมฉบังยามเช้า"}
    response = client.post("/th/admin/knowledge/item/add/", data | {"cover_image": cover})
    assert response.status_code == 200 and not Item.objects.exists()
    html = response.content.decode()
    assert "เก็บไฟล์จากครั้งก่อนไว้แล้ว: ท่าเรือ.png" in html
    key = re.search(r'name="cover_image__kept" value="([^"]+)"', html).group(1)

    # Sent again with the title and no file chosen: the kept cover is the item's.
    response = client.post(
        "/th/admin/knowledge/item/add/", data | {"title_th": "ข่าวท่าเรือ", "cover_image__kept": key}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    item = Item.objects.get()
    assert item.cover_image.name.endswith(".png") and item.cover_image.size > 1000
    assert item.cover_renditions  # made from the kept file as from a fresh upload


def test_a_forged_kept_file_key_keeps_nothing(client):
    staff(client, "malee", "Knowledge editors")
    response = client.post(
        "/th/admin/knowledge/item/add/", FORM | {"cover_image__kept": "not-a-key"}
    )
    assert response.status_code == 302
    assert not Item.objects.get().cover_image


def test_provinces_are_picked_by_name_and_a_wrong_one_is_refused_in_thai(client):
    staff(client, "malee", "Knowledge editors")
    page = client.get("/th/admin/knowledge/item/add/").content.decode()
    assert re.search(r'<select name="provinces" id="id_provinces" multiple class="selectfilter"'
                     r' data-field-name="จังหวัด"', page)  # fmt: skip
    assert '<option value="TH-20">ชลบุรี</option>' in page
    response = client.post("/th/admin/knowledge/item/add/", FORM | {"provinces": "ชลบุรี"})
    html = response.content.decode()
    assert response.status_code == 200 and not Item.objects.exists()
    assert "เลือกตัวเลือกที่ถูกต้อง" in html and "did not validate" not in html
    response = client.post(
        "/th/admin/knowledge/item/add/", FORM | {"provinces": ["TH-20", "TH-21"]}
    )
    assert response.status_code == 302
    assert Item.objects.get().provinces == ["TH-20", "TH-21"]


def test_dates_typed_with_buddhist_era_years_are_read_as_the_dates_they_mean(client):
    staff(client, "malee", "Knowledge editors")
    data = FORM | {"publish_at_0": "2569-12-01", "publish_at_1": "09:00:00",
                   "unpublish_at_0": "29/02/2571", "unpublish_at_1": "17:00"}  # fmt: skip
    response = client.post("/th/admin/knowledge/item/add/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    item = Item.objects.get()
    assert timezone.localtime(item.publish_at).date() == date(2026, 12, 1)
    assert timezone.localtime(item.unpublish_at).date() == date(2028, 2, 29)  # BE 2571 leap day


def test_a_file_larger_than_a_document_upload_is_not_kept(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_DOCUMENT_UPLOAD_MB = 0
    staff(client, "malee", "Knowledge editors")
    cover = SimpleUploadedFile("ท่าเรือ.png", _png(), "image/png")
    data = FORM | {"title_th": "", "cover_alt_th": "ท่าเรือ", "cover_image": cover}
    html = client.post("/th/admin/knowledge/item/add/", data).content.decode()
    assert "cover_image__kept" not in html
