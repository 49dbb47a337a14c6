import pytest
from django.contrib.auth.models import Group, User

from divisions.knowledge.models import Item
from divisions.knowledge.selectors import item_revision_history
from divisions.knowledge.services import item_revision_restore, item_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("malee", is_staff=True)
    user.groups.add(Group.objects.get(name="Knowledge editors"))
    client.force_login(user)
    return user


def test_every_save_records_who_and_what_and_the_diff_is_word_level_in_thai(editor, item_factory):
    item = item_factory(status=Item.Status.DRAFT, title_th="อบจ.ชลบุรีจัดเวทีรับฟังความคิดเห็น")
    item.title_th = "อบจ.ระยองจัดเวทีรับฟังความคิดเห็น"
    item_save(item=item, user=editor)
    history = item_revision_history(item=item)
    assert [entry["revision"].number for entry in history] == [2, 1]
    assert history[0]["revision"].created_by == editor
    (change,) = history[0]["changes"]
    assert change["field"] == "ชื่อเรื่อง [th]"
    assert change["diff"] == "อบจ.<del>ชลบุรี</del><ins>ระยอง</ins>จัดเวทีรับฟังความคิดเห็น"


def test_restoring_an_old_revision_brings_back_text_and_topics_as_a_new_revision(
    editor, item_factory
):
    item = item_factory(status=Item.Status.DRAFT, title_en="First", topics=("jobs",))
    item.title_en = "Second"
    item_save(item=item, user=editor, topics=[])
    first = item.revisions.get(number=1)
    item_revision_restore(revision=first, user=editor)
    item.refresh_from_db()
    assert item.title_en == "First"
    assert list(item.topics.values_list("slug", flat=True)) == ["jobs"]
    assert item.revisions.count() == 3
    assert item.revisions.get(number=3).note == "คืนค่าจากฉบับแก้ไขที่ 1"


def test_admin_shows_revisions_and_restores_one(client, editor, item_factory):
    item = item_factory(status=Item.Status.DRAFT, title_en="Original title")
    item.title_en = "Changed title"
    item_save(item=item, user=editor)
    html = client.get(f"/en/admin/knowledge/item/{item.pk}/revisions/").content.decode()
    assert "<del>Original</del><ins>Changed</ins> title" in html
    response = client.post(f"/en/admin/knowledge/item/{item.pk}/revisions/1/restore/")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_en == "Original title"
    assert client.get(f"/en/admin/knowledge/item/{item.pk}/revisions/1/restore/").status_code == 404


def test_staff_preview_a_draft_in_either_language_but_the_public_cannot(
    client, editor, item_factory
):
    item = item_factory(status=Item.Status.DRAFT, title_th="ร่างข่าว", title_en="Draft news")
    thai = client.get(f"/th/knowledge/items/{item.pk}/preview/")
    assert thai.status_code == 200 and "ร่างข่าว" in thai.content.decode()
    assert thai["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in thai["Cache-Control"]
    english = client.get(f"/en/knowledge/items/{item.pk}/preview/").content.decode()
    assert "Draft news" in english and "The public sees this page only once" in english
    client.logout()
    assert client.get(f"/en/knowledge/items/{item.pk}/preview/").status_code == 404
    assert client.get(f"/en/knowledge/items/{item.pk}/").status_code == 404
