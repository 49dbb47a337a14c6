"""Citizens' requests under the PDPA: a copy of their data, or its erasure."""

import json
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from divisions.core.mail import absolute_url, send_in_language
from divisions.core.ratelimit import rate_limit
from divisions.knowledge.selectors import personal_data_of
from divisions.knowledge.services import personal_data_erase

from ..follows import follows_of
from ..models import PrivacyRequest
from .follows import follows_erase

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
            data = personal_data_of(email=privacy.email) | {
                "follows": follows_of(email=privacy.email)
            }
        attachments = [
            (
                "personal-data.json",
                json.dumps(data, ensure_ascii=False, indent=2),
                "application/json",
            )
        ]
        template = "eecportal/email/privacy_access"
    else:
        data = personal_data_erase(email=privacy.email) | {
            "follows": follows_erase(email=privacy.email)
        }
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
