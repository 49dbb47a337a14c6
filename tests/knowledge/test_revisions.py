import re
from datetime import timedelta

import pytest
from django import forms
from django.contrib.auth.models import Group, User
from django.utils import timezone

from divisions.knowledge.models import Item
from divisions.knowledge.selectors import item_revision_history
from divisions.knowledge.services import item_revision_restore, item_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, staff_member):
    user = staff_member("malee", "Knowledge editors")
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


def _change_form_data(response) -> dict:
    """What the admin's change form would send back unchanged: every field's value and the
    inline formsets' management forms."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False or isinstance(field, forms.FileField):
            continue  # (a file input sends nothing when no new file is chosen)
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value if v not in (None, "")]
        elif hasattr(field.widget, "widgets"):  # split date and time
            data.update(
                {f"{name}_{n}": v for n, v in enumerate(field.widget.decompress(value)) if v}
            )
        else:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({f"{management.prefix}-{k}": v for k, v in management.initial.items()})
    return data


@pytest.fixture
def publisher(db):
    user = User.objects.create_user("somsri", is_staff=True)
    user.groups.add(Group.objects.get(name="Division administrators"))
    return user


def test_an_editors_change_to_a_published_item_waits_for_approval_in_every_channel(
    client, editor, publisher, item_factory, django_capture_on_commit_callbacks
):
    from eecportal.services import search_index_rebuild

    item = item_factory(title_th="อบจ.ชลบุรีเปิดศูนย์ข้อมูล", title_en="Chonburi PAO opens a data centre",
                        summary_en="Open to all.")  # fmt: skip
    search_index_rebuild()
    change = f"/en/admin/knowledge/item/{item.pk}/change/"
    data = _change_form_data(client.get(change))
    data |= {"title_en": "Chonburi PAO closes the data centre", "summary_en": "Unannounced."}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change, data, follow=True)

    assert "wait for approval" in response.content.decode()
    public = [
        f"/en/knowledge/items/{item.pk}/", "/en/knowledge/news/", "/en/knowledge/feed/atom/",
        f"/api/v1/knowledge/items/{item.pk}/", "/en/search/?q=closes", "/en/",
    ]  # fmt: skip
    client.logout()
    for url in public:
        body = client.get(url).content.decode()
        assert "closes the data centre" not in body and "Unannounced" not in body, url
    assert "opens a data centre" in client.get(public[0]).content.decode()
    item.refresh_from_db()
    assert item.title_en == "Chonburi PAO opens a data centre" and item.draft_revision

    # The editor sees their waiting changes when they open or preview the item again.
    client.force_login(editor)
    assert "Chonburi PAO closes the data centre" in client.get(change).content.decode()
    preview = client.get(f"/en/knowledge/items/{item.pk}/preview/").content.decode()
    assert "Chonburi PAO closes the data centre" in preview

    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/admin/knowledge/item/",
                    {"action": "publish", "_selected_action": [item.pk]})  # fmt: skip
    client.logout()
    assert "closes the data centre" in client.get(public[0]).content.decode()
    item.refresh_from_db()
    assert item.draft_revision is None and item.status == Item.Status.PUBLISHED
    assert item.revisions.first().note == "Approved revision 2"


def test_a_publisher_changes_a_published_item_at_once_and_an_editor_a_draft(
    client, editor, publisher, item_factory
):
    draft = item_factory(status=Item.Status.DRAFT, title_en="Draft")
    draft.title_en = "Draft, edited"
    item_save(item=draft, user=editor)
    draft.refresh_from_db()
    assert draft.title_en == "Draft, edited" and draft.draft_revision is None

    live = item_factory(title_en="Live")
    live.title_en = "Live, corrected"
    item_save(item=live, user=publisher)
    live.refresh_from_db()
    assert live.title_en == "Live, corrected" and live.draft_revision is None


def test_an_editor_cannot_change_a_published_items_files_or_links_directly(
    client, editor, item_factory
):
    item = item_factory(title_en="Live")
    other = item_factory(title_en="Another item")
    change = f"/en/admin/knowledge/item/{item.pk}/change/"
    page = client.get(change)
    assert "attachments-0-file" not in page.content.decode()  # no new attachment rows
    data = _change_form_data(page) | {"related": [str(other.pk)]}
    client.post(change, data)

    assert not item.related.exists()  # the link waits with the other changes
    item.refresh_from_db()
    assert item.draft_revision.content["related"] == [other.pk]


def _buttons(response) -> list[str]:
    """The names of the edit page's submit buttons, in order."""
    html = response.content.decode()
    return re.findall(r'<input type="submit" value="[^"]*" name="(_\w+)"', html)


def test_the_edit_page_saves_a_draft_sends_it_for_review_and_a_publisher_publishes_it(
    client, editor, publisher, item_factory
):
    item = item_factory(status=Item.Status.DRAFT, title_th="ร่างข่าวท่าเรือ")
    change = f"/th/admin/knowledge/item/{item.pk}/change/"
    page = client.get(change)
    assert _buttons(page) == ["_continue", "_submit_review"]  # no publish for an editor
    assert "บันทึกฉบับร่าง" in page.content.decode()

    response = client.post(change, _change_form_data(page) | {"_submit_review": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == change  # the editor stays on the item
    assert "บันทึกและส่งตรวจทานแล้ว" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Item.Status.IN_REVIEW
    assert _buttons(client.get(change)) == ["_continue"]  # already sent

    client.force_login(publisher)
    page = client.get(change)
    assert _buttons(page) == ["_continue", "_publish"]
    data = _change_form_data(page) | {"title_th": "ข่าวท่าเรือ", "_publish": "1"}
    client.post(change, data)
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED and item.title_th == "ข่าวท่าเรือ"
    assert _buttons(client.get(change)) == ["_publish"]  # a live item changes by publishing

    client.force_login(editor)
    page = client.get(f"/en/admin/knowledge/item/{item.pk}/change/")
    assert _buttons(page) == ["_continue"]
    assert "Save changes for approval" in page.content.decode()


def test_publishing_from_the_edit_page_that_cannot_happen_keeps_the_save_and_says_why(
    client, publisher, item_factory
):
    item = item_factory(status=Item.Status.DRAFT, title_en="Port news")
    client.force_login(publisher)
    change = f"/en/admin/knowledge/item/{item.pk}/change/"
    data = _change_form_data(client.get(change))
    data |= {"title_en": "Port news, edited", "_publish": "1",
             "unpublish_at_0": (timezone.localdate() - timedelta(days=1)).strftime("%Y-%m-%d"),
             "unpublish_at_1": "10:00:00"}  # fmt: skip
    response = client.post(change, data, follow=True)
    assert response.status_code == 200
    assert "Saved, but not moved on: The unpublish time must come after" in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.title_en == "Port news, edited" and item.status == Item.Status.DRAFT
