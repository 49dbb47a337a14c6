"""Site-wide writes: the search index, and citizens' privacy requests."""

import json
import secrets
import unicodedata
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Value
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from divisions.core.mail import absolute_url, send_in_language
from divisions.core.ratelimit import rate_limit
from divisions.core.thai import segment
from divisions.knowledge.selectors import personal_data_of
from divisions.knowledge.services import personal_data_erase

from .models import PrivacyRequest, SearchEntry, SearchTerm
from .search import Source, source_for, sources

# Thai has no stemmer in PostgreSQL: segmented words are indexed as they are.
SEARCH_CONFIGS = {"th": "simple", "en": "english"}


VOCABULARY_MIN_LENGTH = 3
VOCABULARY_MAX_LENGTH = 100


def _vocabulary(words: list[str]) -> set[str]:
    # Letters and combining marks only: Thai vowels and tone marks are marks, not letters.
    return {
        word.lower()
        for word in words
        if VOCABULARY_MIN_LENGTH <= len(word) <= VOCABULARY_MAX_LENGTH
        and all(unicodedata.category(char)[0] in "LM" for char in word)
    }


def _save_vocabulary(words: set[str]) -> None:
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word) for word in sorted(words)], ignore_conflicts=True
    )


def _entries_for(
    *, source: Source, record: models.Model, content_type: ContentType, vocabulary: set[str]
) -> list[SearchEntry]:
    """The record's index rows, one per language, with vectors PostgreSQL computes on insert;
    the words of titles and summaries are added to `vocabulary`."""
    entries = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            document = source.document(record)
        config = SEARCH_CONFIGS[language]
        title, summary = segment(document["title"]), segment(document["summary"])
        vocabulary |= _vocabulary(title + summary)
        vector = (
            SearchVector(Value(" ".join(title)), config=config, weight="A")
            + SearchVector(Value(" ".join(summary)), config=config, weight="B")
            + SearchVector(Value(" ".join(segment(document["body"]))), config=config, weight="C")
        )
        entries.append(
            SearchEntry(
                content_type=content_type,
                object_id=record.pk,
                language=language,
                section=source.section,
                title=document["title"],
                summary=document["summary"],
                url=document["url"],
                published_at=document.get("published_at"),
                is_fallback=not getattr(record, f"{source.own_text_field}_{language}", ""),
                vector=vector,
            )
        )
    return entries


@transaction.atomic
def search_entry_refresh(*, model: type[models.Model], pk: int) -> None:
    """Index one record if it is public now, or drop it from the index if it is not."""
    source = source_for(model)
    if source is None:
        return
    content_type = ContentType.objects.get_for_model(model)
    old_entries = SearchEntry.objects.filter(content_type=content_type, object_id=pk)
    old_words = _vocabulary(
        [word for entry in old_entries for word in segment(entry.title) + segment(entry.summary)]
    )
    old_entries.delete()
    record = source.public().filter(pk=pk).first()
    vocabulary: set[str] = set()
    if record is not None:
        SearchEntry.objects.bulk_create(
            _entries_for(
                source=source, record=record, content_type=content_type, vocabulary=vocabulary
            )
        )
        _save_vocabulary(vocabulary)
    _prune_vocabulary(old_words - vocabulary)


def _prune_vocabulary(words: set[str]) -> None:
    """Forget the words no public entry holds any more (a record became internal, or lost a
    word): "did you mean" offers only what a reader can find."""
    if not words:
        return
    entries, terms = SearchEntry._meta.db_table, SearchTerm._meta.db_table
    still_held = " OR ".join(
        f"EXISTS (SELECT 1 FROM {entries} e WHERE e.language = '{language}'"
        f" AND e.vector @@ plainto_tsquery('{config}', t.word))"
        for language, config in SEARCH_CONFIGS.items()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {terms} t WHERE t.word = ANY(%s) AND NOT ({still_held})", [list(words)]
        )


REBUILD_BATCH = 1000


@transaction.atomic
def search_index_rebuild() -> int:
    """Rebuild the whole index from every section's public records; returns the record count."""
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    count = 0
    vocabulary: set[str] = set()
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        batch: list[SearchEntry] = []
        for record in source.public().iterator(chunk_size=500):
            batch += _entries_for(
                source=source, record=record, content_type=content_type, vocabulary=vocabulary
            )
            count += 1
            if len(batch) >= REBUILD_BATCH:
                SearchEntry.objects.bulk_create(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
    _save_vocabulary(vocabulary)
    return count


PRIVACY_REQUEST_RATE = (3, 3600)  # verification emails per address per hour
PRIVACY_ANSWER_DAYS = 30  # PDPA s. 30: answer within 30 days of the request
PRIVACY_VERIFY_DAYS = 7  # an unverified request, and its address, is kept no longer


@transaction.atomic
def privacy_request_create(*, email: str, kind: str, language: str, address: str) -> None:
    """Record a request and email a link to the address: only its owner can go on."""
    rate_limit(scope="privacy", address=address, limit=PRIVACY_REQUEST_RATE)
    privacy = PrivacyRequest(
        email=email.strip().lower(),
        kind=kind,
        language=language,
        token=secrets.token_urlsafe(32),
    )
    privacy.full_clean()
    privacy.save()
    with translation.override(language):
        path = reverse("privacy-request-confirm", kwargs={"token": privacy.token})
    context = {"privacy": privacy, "confirm_url": absolute_url(path)}
    transaction.on_commit(
        lambda: send_in_language(
            to=privacy.email,
            language=language,
            template="eecportal/email/privacy_verify",
            context=context,
        )
    )


@transaction.atomic
def privacy_request_verify(*, privacy: PrivacyRequest) -> PrivacyRequest:
    """The link was opened from the mailbox: the 30 days start, and administrators hear."""
    privacy = PrivacyRequest.objects.select_for_update().get(pk=privacy.pk)
    if privacy.status != PrivacyRequest.Status.UNVERIFIED:
        return privacy
    privacy.verified_at = timezone.now()
    privacy.due_at = privacy.verified_at + timedelta(days=PRIVACY_ANSWER_DAYS)
    privacy.status = PrivacyRequest.Status.OPEN
    privacy.save(update_fields=["verified_at", "due_at", "status"])
    staff = User.objects.filter(
        is_active=True, groups__permissions__codename="change_privacyrequest"
    ).exclude(email="")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "privacy": privacy,
            "link": absolute_url(
                reverse("admin:eecportal_privacyrequest_change", args=[privacy.pk])
            ),
        }
    for address in staff.values_list("email", flat=True).distinct():
        transaction.on_commit(
            lambda address=address: send_in_language(
                to=address,
                language=settings.LANGUAGE_CODE,
                template="eecportal/email/privacy_staff",
                context=context,
            )
        )
    return privacy


def _require_open(privacy: PrivacyRequest) -> None:
    if privacy.status != PrivacyRequest.Status.OPEN:
        raise ValidationError(_("Only open requests can be answered."))


@transaction.atomic
def privacy_request_fulfil(*, privacy: PrivacyRequest, user: AbstractBaseUser) -> PrivacyRequest:
    """Answer the request: email a copy of the data, or erase it and say what was erased."""
    privacy = PrivacyRequest.objects.select_for_update().get(pk=privacy.pk)
    _require_open(privacy)
    if privacy.kind == PrivacyRequest.Kind.ACCESS:
        with translation.override(privacy.language):  # titles in the requester's language
            data = personal_data_of(email=privacy.email)
        attachments = [
            (
                "personal-data.json",
                json.dumps(data, ensure_ascii=False, indent=2),
                "application/json",
            )
        ]
        template = "eecportal/email/privacy_access"
    else:
        data = personal_data_erase(email=privacy.email)
        attachments = None
        template = "eecportal/email/privacy_erased"
    privacy.status = PrivacyRequest.Status.FULFILLED
    privacy.closed_at = timezone.now()
    privacy.closed_by = user
    privacy.save(update_fields=["status", "closed_at", "closed_by"])
    context = {"privacy": privacy, "data": data}
    transaction.on_commit(
        lambda: send_in_language(
            to=privacy.email,
            language=privacy.language,
            template=template,
            context=context,
            attachments=attachments,
        )
    )
    return privacy


@transaction.atomic
def privacy_request_decline(
    *, privacy: PrivacyRequest, user: AbstractBaseUser, note: str
) -> PrivacyRequest:
    """Refuse a request (the PDPA allows it on legal grounds); the reason goes to the requester."""
    privacy = PrivacyRequest.objects.select_for_update().get(pk=privacy.pk)
    _require_open(privacy)
    if not note.strip():
        raise ValidationError(_("Write the reason for declining in the note."))
    privacy.status = PrivacyRequest.Status.DECLINED
    privacy.note = note.strip()
    privacy.closed_at = timezone.now()
    privacy.closed_by = user
    privacy.save(update_fields=["status", "note", "closed_at", "closed_by"])
    transaction.on_commit(
        lambda: send_in_language(
            to=privacy.email,
            language=privacy.language,
            template="eecportal/email/privacy_declined",
            context={"privacy": privacy},
        )
    )
    return privacy


def privacy_requests_purge(*, now: datetime | None = None) -> int:
    """Delete requests whose address was never verified: their addresses are not kept."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=PRIVACY_VERIFY_DAYS)
    deleted, _counts = PrivacyRequest.objects.filter(
        status=PrivacyRequest.Status.UNVERIFIED, created_at__lt=cutoff
    ).delete()
    return deleted
