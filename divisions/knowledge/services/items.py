"""Writes of knowledge items: saving with sanitised rich text, revisions, the workflow."""

from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from pathlib import PurePosixPath

import nh3
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from ..models import Item, ItemRevision, Topic

RICH_TEXT_FIELDS = ("body", "problem", "approach", "results", "lessons")
ALLOWED_TAGS = {
    "p", "div", "br", "strong", "em", "b", "i", "u", "s", "del", "sub", "sup", "blockquote",
    "code", "pre",
    "h2", "h3", "h4", "ul", "ol", "li", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
MAX_BODY_CHARACTERS = 200_000
PUBLISH_PERMISSION = "knowledge.publish_item"


def sanitize_html(html: str) -> str:
    """Keep formatting, links, images and tables; drop scripts, event handlers, javascript:."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def _language_fields(field: str) -> list[str]:
    return [f"{field}_th", f"{field}_en"]


def item_validate_text(values: dict) -> None:
    """Rules on an item's text that the admin form and the service share."""
    for field in RICH_TEXT_FIELDS:
        for name in _language_fields(field):
            if len(values.get(name) or "") > MAX_BODY_CHARACTERS:
                raise ValidationError(
                    {
                        name: _("The text is too long (at most %(max)s characters).")
                        % {"max": f"{MAX_BODY_CHARACTERS:,}"}
                    }
                )
    if not (values.get("title_th") or values.get("title_en")):
        raise ValidationError({"title_th": _("Give the item a title in Thai or English.")})
    if values.get("cover_image") and not (values.get("cover_alt_th") or values.get("cover_alt_en")):
        raise ValidationError(
            {"cover_alt_th": _("Describe the cover image for people who cannot see it.")}
        )


def item_is_live(item: Item) -> bool:
    """Published or scheduled: what the public reads, or soon will."""
    return item.status in (Item.Status.PUBLISHED, Item.Status.SCHEDULED)


def item_may_publish(user: AbstractBaseUser | None) -> bool:
    # No user means the system itself (beat, management commands), which may publish.
    return user is None or user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def item_save(
    *,
    item: Item,
    user: AbstractBaseUser | None,
    topics: Iterable[Topic] | None = None,
    related: dict[str, Iterable] | None = None,
    note: str = "",
) -> Item:
    """Validate and save an item, sanitising rich text first, and record a revision.

    Changes to a live item by someone without the publish right are not saved into it: they
    are recorded as a revision that waits for a publisher's approval (item_publish), and the
    item stays as the public reads it. `related` maps RELATED_FIELDS to the records linked."""
    item_validate_text(
        {name: getattr(item, name) for name in _text_field_names()}
        | {"cover_image": item.cover_image, "cover_alt_th": item.cover_alt_th,
           "cover_alt_en": item.cover_alt_en}
    )  # fmt: skip
    previous_cover = (
        Item.objects.filter(pk=item.pk).values_list("cover_image", flat=True).first()
        if item.pk
        else None
    )
    for field in RICH_TEXT_FIELDS:
        for name in _language_fields(field):
            setattr(item, name, sanitize_html(getattr(item, name) or ""))
    if item.pk is None and user is not None:
        item.created_by = user
    item.full_clean()
    if item.pk and item_is_live(item) and not item_may_publish(user):
        return _changes_wait_for_approval(
            item=item, user=user, topics=topics, related=related, note=note
        )
    item.draft_revision = None  # a publisher's save puts what waited (and its edits) live
    item.save()  # stores an uploaded cover first, so renditions are made from the kept file
    if (item.cover_image.name or None) != (previous_cover or None):
        item.cover_renditions = _cover_renditions(item)
        item.save(update_fields=["cover_renditions"])
    if topics is not None:
        item.topics.set(topics)
    for name, records in (related or {}).items():
        getattr(item, name).set(records)
    _revision_record(item=item, user=user, note=note)
    return item


def _changes_wait_for_approval(
    *, item: Item, user: AbstractBaseUser | None, topics, related, note: str
) -> Item:
    """Record the edited item as a revision waiting for approval; the row stays as it is."""
    if item.cover_image and not item.cover_image._committed:
        # Stored now (in a random folder, like every cover) so the revision can name it.
        item.cover_image.save(item.cover_image.name, item.cover_image.file, save=False)
    revision = _revision_record(
        item=item, user=user, note=note or _("Waiting for approval"),
        content=_snapshot(item, topics=topics, related=related),
    )  # fmt: skip
    Item.objects.filter(pk=item.pk).update(draft_revision=revision)
    item.draft_revision = revision
    return item


RENDITION_WIDTHS = (480, 960, 1600)


def _cover_renditions(item: Item) -> list[dict]:
    """WebP copies of the cover at the widths pages ask for (never wider than the original)."""
    if not item.cover_image:
        return []
    storage = item.cover_image.storage
    renditions = []
    with storage.open(item.cover_image.name, "rb") as stored, Image.open(stored) as original:
        upright = ImageOps.exif_transpose(original).convert("RGB")
        # Beside the cover, in its random folder: a draft's renditions are as unguessable.
        cover = PurePosixPath(item.cover_image.name)
        for wanted in RENDITION_WIDTHS:
            width = min(wanted, upright.width)
            copy = upright.copy()
            copy.thumbnail((width, width * 4))
            buffer = BytesIO()
            copy.save(buffer, "WEBP", quality=80)
            name = storage.save(
                f"{cover.parent}/{cover.stem}-{width}.webp", ContentFile(buffer.getvalue())
            )
            renditions.append({"width": copy.width, "name": name})
            if width < wanted:  # the original is narrower: no larger copies
                break
    return renditions


# What a revision keeps: the item's content, not its workflow state.
TRANSLATED_FIELDS = ("title", "summary", *RICH_TEXT_FIELDS, "place", "cover_alt")
PLAIN_FIELDS = ("kind", "provinces", "tags", "contact", "organisation_id")
TIME_FIELDS = ("starts_at", "ends_at", "publish_at", "unpublish_at")
RELATED_FIELDS = ("related", "related_datasets", "related_projects", "related_agreements")


def _snapshot(item: Item, *, topics=None, related: dict | None = None) -> dict:
    """The item's content as a revision keeps it; `topics` and `related` as chosen in a form
    that has not been saved into the item (else as the item holds them)."""
    content = {name: getattr(item, name) for name in _language_fields_of(TRANSLATED_FIELDS)}
    content |= {name: getattr(item, name) for name in PLAIN_FIELDS}
    content |= {
        name: value.isoformat() if (value := getattr(item, name)) else None for name in TIME_FIELDS
    }
    content["location"] = item.location.ewkt if item.location else None
    content["cover_image"] = item.cover_image.name or ""
    content["topics"] = sorted(t.slug for t in (item.topics.all() if topics is None else topics))
    related = related or {}
    for name in RELATED_FIELDS:
        records = related[name] if name in related else getattr(item, name).all()
        content[name] = sorted(record.pk for record in records)
    return content


def item_content_apply(*, item: Item, content: dict) -> tuple[list[Topic], dict[str, list]]:
    """Put a revision's content into the item (not saved); returns its topics and related
    records, which live in tables of their own."""
    for name in _language_fields_of(TRANSLATED_FIELDS) + list(PLAIN_FIELDS):
        if name in content:
            setattr(item, name, content[name])
    for name in TIME_FIELDS:
        setattr(item, name, parse_datetime(content[name]) if content.get(name) else None)
    item.location = GEOSGeometry(content["location"]) if content.get("location") else None
    if "cover_image" in content:
        item.cover_image = content["cover_image"] or None
    topics = list(Topic.objects.filter(slug__in=content.get("topics", [])))
    related = {
        name: list(Item._meta.get_field(name).related_model.objects.filter(pk__in=content[name]))
        for name in RELATED_FIELDS
        if name in content
    }
    return topics, related


def _language_fields_of(fields: Iterable[str]) -> list[str]:
    return [name for field in fields for name in _language_fields(field)]


def _revision_record(
    *, item: Item, user: AbstractBaseUser | None, note: str, content: dict | None = None
) -> ItemRevision:
    last = item.revisions.aggregate(last=Max("number"))["last"] or 0
    return ItemRevision.objects.create(
        item=item,
        number=last + 1,
        created_by=user if user is not None and user.is_authenticated else None,
        note=note,
        content=_snapshot(item) if content is None else content,
    )


@transaction.atomic
def item_revision_restore(*, revision: ItemRevision, user: AbstractBaseUser | None) -> Item:
    """Bring an item's content back to what a revision held; this makes a new revision (which
    waits for approval when the item is live and the user may not publish)."""
    item = revision.item
    topics, related = item_content_apply(item=item, content=revision.content)
    return item_save(
        item=item,
        user=user,
        topics=topics,
        related=related,
        note=_("Restored revision %(number)d") % {"number": revision.number},
    )


def _text_field_names() -> list[str]:
    return [name for field in ("title", *RICH_TEXT_FIELDS) for name in _language_fields(field)]


def _require_publisher(user: AbstractBaseUser | None) -> None:
    if not item_may_publish(user):
        raise PermissionDenied(
            _("Only a Division administrator or an approving editor may do this.")
        )


def _set_status(item: Item, status: str, **fields) -> Item:
    item.status = status
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=["status", "updated_at", *fields])
    return item


@transaction.atomic
def item_submit_for_review(*, item: Item, user: AbstractBaseUser) -> Item:
    if item.status not in (Item.Status.DRAFT, Item.Status.ARCHIVED):
        raise ValidationError(_("Only a draft can be sent for review."))
    return _set_status(item, Item.Status.IN_REVIEW)


@transaction.atomic
def item_publish(*, item: Item, user: AbstractBaseUser | None, now: datetime | None = None) -> Item:
    """Publish now, or schedule when the item's publish time lies in the future; changes
    waiting for approval go live with it."""
    _require_publisher(user)
    if item.draft_revision_id:
        waiting = item.draft_revision
        topics, related = item_content_apply(item=item, content=waiting.content)
        note = _("Approved revision %(number)d") % {"number": waiting.number}
        item = item_save(item=item, user=user, topics=topics, related=related, note=note)
    now = now or timezone.now()
    if item.unpublish_at and item.unpublish_at <= (item.publish_at or now):
        raise ValidationError(_("The unpublish time must come after the publish time."))
    if item.publish_at and item.publish_at > now:
        return _set_status(item, Item.Status.SCHEDULED)
    return _set_status(
        item, Item.Status.PUBLISHED, published_at=item.published_at or item.publish_at or now
    )


@transaction.atomic
def item_archive(*, item: Item, user: AbstractBaseUser) -> Item:
    _require_publisher(user)
    return _set_status(item, Item.Status.ARCHIVED)


@transaction.atomic
def item_publish_due(*, now: datetime | None = None) -> tuple[int, int]:
    """Publish scheduled items whose time has come and archive expired ones.

    Safe to run twice or concurrently: rows are locked and re-checked, and an item already
    in its target state is not touched again.
    """
    now = now or timezone.now()
    due = Item.objects.select_for_update(skip_locked=True).filter(
        status=Item.Status.SCHEDULED, publish_at__lte=now
    )
    published = 0
    for item in due:
        _set_status(item, Item.Status.PUBLISHED, published_at=item.published_at or item.publish_at)
        published += 1
    expired = Item.objects.select_for_update(skip_locked=True).filter(
        status=Item.Status.PUBLISHED, unpublish_at__lte=now
    )
    archived = 0
    for item in expired:
        _set_status(item, Item.Status.ARCHIVED)
        archived += 1
    return published, archived
