"""Writes of following: public changes as the search index sees them, citizens who follow a
thing by e-mail (double opt-in, at once or daily, one-click unsubscribe), and signed webhooks
with retries. Only what the public can read is ever announced."""

import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from divisions.core.mail import absolute_url, send_in_language
from divisions.core.ratelimit import rate_limit

from ..follows import change_targets, followed_get
from ..models import Follow, PublicChange, Webhook, WebhookDelivery

FOLLOW_RATE = (5, 3600)  # confirmation e-mails per address per hour
DIGEST_INTERVAL = timedelta(days=1)
DIGEST_MAX_CHANGES = 50
# Seconds before each retry of a failed webhook delivery: six attempts over about nine hours.
WEBHOOK_RETRY_DELAYS = (60, 300, 1800, 7200, 21600)
WEBHOOK_TIMEOUT = 10
SIGNATURE_HEADER = "X-EEC-Signature"


def public_change_record(
    *, record: models.Model, published: bool, titles: dict[str, str], paths: dict[str, str]
) -> PublicChange:
    """Keep a change the public can see (called by the search index when what it holds of a
    public record changes) and announce it after the commit."""
    change = PublicChange.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        kind=PublicChange.Kind.PUBLISHED if published else PublicChange.Kind.UPDATED,
        title_th=titles["th"][:500],
        title_en=titles["en"][:500],
        path_th=paths["th"][:500],
        path_en=paths["en"][:500],
        targets=change_targets(record),
        at=timezone.now(),
    )
    if _has_audience(change):
        from ..tasks import public_change_announce_task  # the tasks module imports this one

        transaction.on_commit(lambda: public_change_announce_task.delay(change.pk))
    return change


def public_changes_forget(*, model: type[models.Model], pk: int) -> None:
    """A record that is no longer public leaves every feed of changes."""
    PublicChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk
    ).delete()


def _immediate_followers(change: PublicChange):
    return Follow.objects.filter(
        target__in=change.targets,
        confirmed_at__isnull=False,
        frequency=Follow.Frequency.IMMEDIATE,
    )


def _webhooks(change: PublicChange):
    return Webhook.objects.filter(is_active=True).filter(
        Q(targets=[]) | Q(targets__overlap=change.targets)
    )


def _has_audience(change: PublicChange) -> bool:
    return _immediate_followers(change).exists() or _webhooks(change).exists()


def public_change_announce(*, change_id: int) -> int:
    """E-mail the change to its immediate followers (once per address) and queue a delivery
    to every webhook that wants it; returns the number of e-mails."""
    from ..tasks import webhook_deliver_task  # the tasks module imports this one

    change = PublicChange.objects.filter(pk=change_id).first()
    if change is None:  # the record became internal again before this ran
        return 0
    sent = set()
    for follow in _immediate_followers(change).order_by("pk"):
        if follow.email in sent:
            continue
        sent.add(follow.email)
        _send(
            follow=follow,
            template="follow_changes",
            context={"changes": [_line(change, follow)], "digest": False},
        )
        Follow.objects.filter(pk=follow.pk).update(last_sent_at=timezone.now())
    for webhook in _webhooks(change):
        delivery = WebhookDelivery.objects.create(webhook=webhook, change=change)
        webhook_deliver_task.delay(delivery.pk)
    return len(sent)


def follow_digest_send(*, now: datetime | None = None) -> int:
    """One e-mail a day to each daily follower with the changes since the last one."""
    now = now or timezone.now()
    due = Follow.objects.filter(
        confirmed_at__isnull=False, frequency=Follow.Frequency.DAILY
    ).filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_INTERVAL))
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            follow = Follow.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if follow is None:
                continue
            since = follow.last_sent_at or follow.confirmed_at
            changes = list(
                PublicChange.objects.filter(
                    targets__contains=[follow.target], at__gt=since, at__lte=now
                ).order_by("at")[:DIGEST_MAX_CHANGES]
            )
            if not changes:
                continue
            follow.last_sent_at = now
            follow.save(update_fields=["last_sent_at"])
            lines = [_line(change, follow) for change in changes]
            _send(
                follow=follow, template="follow_changes", context={"changes": lines, "digest": True}
            )
            sent += 1
    return sent


def _line(change: PublicChange, follow: Follow) -> dict:
    return {
        "title": change.title_in(follow.language),
        "url": absolute_url(change.path_in(follow.language)),
        "published": change.kind == PublicChange.Kind.PUBLISHED,
    }


def _send(*, follow: Follow, template: str, context: dict) -> None:
    with translation.override(follow.language):
        unsubscribe = absolute_url(reverse("unfollow", kwargs={"token": follow.token}))
        try:
            thing = str(followed_get(follow.target))
        except LookupError:
            thing = ""
    send_in_language(
        to=follow.email,
        language=follow.language,
        template=f"eecportal/email/{template}",
        context=context | {"thing": thing, "unsubscribe_url": unsubscribe},
        unsubscribe_url=unsubscribe,
    )


@transaction.atomic
def follow_request(*, email: str, target: str, frequency: str, language: str, address: str):
    """Start (or restart) following and e-mail a confirmation link: double opt-in. The
    target must be a public thing (followed_get); the caller has checked it."""
    rate_limit(scope="follow", address=address, limit=FOLLOW_RATE)
    email = email.strip().lower()
    follow = Follow.objects.filter(email=email, target=target).first() or Follow(
        email=email, target=target
    )
    follow.language, follow.frequency = language, frequency
    follow.token = secrets.token_urlsafe(32)
    follow.full_clean()
    follow.save()
    with translation.override(language):
        confirm = absolute_url(reverse("follow-confirm", kwargs={"token": follow.token}))
    transaction.on_commit(
        lambda: _send(follow=follow, template="follow_confirm", context={"confirm_url": confirm})
    )
    return follow


@transaction.atomic
def follow_confirm(*, follow: Follow) -> Follow:
    if follow.confirmed_at is None:
        follow.confirmed_at = timezone.now()
        follow.save(update_fields=["confirmed_at"])
    return follow


@transaction.atomic
def follow_cancel(*, follow: Follow) -> None:
    """Unfollowing deletes the address's follow: nothing is kept once it is not needed."""
    follow.delete()


def follows_erase(*, email: str) -> int:
    """A PDPA erasure: every thing the address follows is forgotten."""
    return Follow.objects.filter(email__iexact=email.strip()).delete()[0]


def webhook_payload(change: PublicChange) -> bytes:
    document = {
        "event": f"public_change.{change.kind}",
        "id": change.pk,
        "record": f"{change.content_type.app_label}.{change.content_type.model}:{change.object_id}",
        "targets": change.targets,
        "title": {"th": change.title_th, "en": change.title_en},
        "url": {"th": absolute_url(change.path_th), "en": absolute_url(change.path_en)},
        "at": change.at.isoformat(),
    }
    return json.dumps(document, ensure_ascii=False).encode()


def webhook_signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 of "<timestamp>.<body>" with the shared secret, as the receiver checks it."""
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def webhook_deliver(*, delivery_id: int) -> float | None:
    """POST one delivery; on failure, record why and return the seconds to wait before the
    next attempt (None when delivered or out of attempts)."""
    delivery = (
        WebhookDelivery.objects.select_related("webhook", "change__content_type")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status in (
        WebhookDelivery.Status.DELIVERED,
        WebhookDelivery.Status.FAILED,
    ):
        return None
    body = webhook_payload(delivery.change)
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        delivery.webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "EEC-Portal-Webhook/1",
            "X-EEC-Event": f"public_change.{delivery.change.kind}",
            "X-EEC-Delivery": str(delivery.pk),
            "X-EEC-Timestamp": timestamp,
            SIGNATURE_HEADER: webhook_signature(
                secret=delivery.webhook.secret, timestamp=timestamp, body=body
            ),
        },
    )
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:  # noqa: S310
            delivery.response_status, delivery.error = response.status, ""
    except urllib.error.HTTPError as error:
        delivery.response_status, delivery.error = error.code, str(error.reason)[:500]
    except (urllib.error.URLError, OSError) as error:
        delivery.response_status, delivery.error = None, str(error)[:500]
    wait = None
    if delivery.response_status and 200 <= delivery.response_status < 300:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.DELIVERED, None
    elif delivery.attempts > len(WEBHOOK_RETRY_DELAYS):
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, None
    else:
        wait = WEBHOOK_RETRY_DELAYS[delivery.attempts - 1]
        delivery.status = WebhookDelivery.Status.RETRYING
        delivery.next_attempt_at = delivery.last_attempt_at + timedelta(seconds=wait)
    delivery.save()
    return wait
