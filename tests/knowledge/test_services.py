from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from divisions.knowledge.models import Item
from divisions.knowledge.services import (
    MAX_BODY_CHARACTERS,
    item_archive,
    item_publish,
    item_publish_due,
    item_save,
    item_submit_for_review,
    sanitize_html,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Knowledge editors"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def administrator():
    user = User.objects.create_user("admin-of-division", is_staff=True)
    user.groups.add(Group.objects.get(name="Division administrators"))
    return User.objects.get(pk=user.pk)


def test_sanitiser_removes_scripts_handlers_and_javascript_links_but_keeps_content():
    dirty = (
        '<p onclick="steal()">ข่าว<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">x</a><img src="/m/a.png" alt="แผนที่" onerror="x()">'
        "<table><tr><td>1</td></tr></table>"
    )
    clean = sanitize_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "onerror" not in clean
    assert "javascript:" not in clean
    assert '<img src="/m/a.png" alt="แผนที่">' in clean
    assert "<table><tbody><tr><td>1</td></tr></tbody></table>" in clean
    assert "<p>ข่าว</p>" in clean


def test_saving_sanitises_every_rich_text_field_in_both_languages():
    item = item_save(
        item=Item(
            kind="best_practice",
            title_th="แนวปฏิบัติ",
            body_en="<script>x</script>ok",
            problem_th='<p onmouseover="x()">ปัญหา</p>',
        ),
        user=None,
    )
    item.refresh_from_db()
    assert item.body_en == "ok"
    assert item.problem_th == "<p>ปัญหา</p>"


def test_a_huge_body_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as error:
        item_save(
            item=Item(kind="news", title_th="ยาว", body_th="ก" * (MAX_BODY_CHARACTERS + 1)),
            user=None,
        )
    assert "body_th" in error.value.message_dict
    assert not Item.objects.exists()


def test_an_item_needs_a_title_in_some_language():
    with pytest.raises(ValidationError):
        item_save(item=Item(kind="news", summary_th="ไม่มีชื่อ"), user=None)
    assert not Item.objects.exists()


def test_event_cannot_end_before_it_starts():
    start = timezone.now()
    with pytest.raises(ValidationError):
        item_save(
            item=Item(
                kind="event", title_th="สัมมนา", starts_at=start, ends_at=start - timedelta(hours=1)
            ),
            user=None,
        )


def test_editor_sends_for_review_but_cannot_publish(editor, item_factory):
    item = item_factory(status=Item.Status.DRAFT)
    item_submit_for_review(item=item, user=editor)
    assert item.status == Item.Status.IN_REVIEW
    with pytest.raises(PermissionDenied):
        item_publish(item=item, user=editor)
    item.refresh_from_db()
    assert item.status == Item.Status.IN_REVIEW


def test_administrator_publishes_now_and_the_first_publication_date_is_kept(
    administrator, item_factory
):
    item = item_factory(status=Item.Status.IN_REVIEW)
    item_publish(item=item, user=administrator)
    first = item.published_at
    assert item.status == Item.Status.PUBLISHED and first is not None
    item_archive(item=item, user=administrator)
    item_publish(item=item, user=administrator)
    assert item.published_at == first


def test_future_publication_is_scheduled_then_published_once_by_the_periodic_job(
    administrator, item_factory
):
    now = timezone.now()
    item = item_factory(status=Item.Status.DRAFT, publish_at=now + timedelta(hours=2))
    item_publish(item=item, user=administrator, now=now)
    assert item.status == Item.Status.SCHEDULED

    assert item_publish_due(now=now + timedelta(hours=1)) == (0, 0)
    assert item_publish_due(now=now + timedelta(hours=3)) == (1, 0)
    assert item_publish_due(now=now + timedelta(hours=3)) == (0, 0)  # a second run changes nothing
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED
    assert item.published_at == now + timedelta(hours=2)


def test_periodic_job_archives_items_whose_unpublish_time_has_passed(item_factory):
    now = timezone.now()
    item = item_factory(unpublish_at=now + timedelta(days=1))
    assert item_publish_due(now=now + timedelta(days=2)) == (0, 1)
    item.refresh_from_db()
    assert item.status == Item.Status.ARCHIVED


def test_unpublish_time_before_publish_time_is_refused(administrator, item_factory):
    now = timezone.now()
    item = item_factory(status=Item.Status.DRAFT, publish_at=now, unpublish_at=now)
    with pytest.raises(ValidationError):
        item_publish(item=item, user=administrator, now=now)
