"""Writes of citizens' participation: comments, subscriptions, consultations, and
best practices sent in by partner local governments."""

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from divisions.core.mail import absolute_url, send_in_language
from divisions.core.ratelimit import rate_limit
from divisions.core.thai import format_date

from ..models import (
    Answer,
    BestPracticeSubmission,
    Comment,
    Consultation,
    Item,
    Participant,
    Question,
    Subscription,
    Topic,
)
from ..selectors import item_public_list

COMMENT_RATE = (5, 600)  # at most 5 comments per address in 10 minutes
REPORTS_TO_HIDE = 3


def _notify_editors(*, template: str, context: dict) -> None:
    """Tell knowledge editors, once the transaction has committed, that a reader's
    contribution waits for them (in the site's language; staff have no language of their own).
    Only what the editor needs to find it: no reader's email address."""
    addresses = list(
        User.objects.filter(groups__name="Knowledge editors", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    for address in addresses:
        transaction.on_commit(
            lambda address=address: send_in_language(
                to=address, language=settings.LANGUAGE_CODE, template=template, context=context
            )
        )


@transaction.atomic
def comment_submit(
    *, item: Item, name: str, email: str, body: str, language: str, address: str
) -> Comment:
    """Store a reader's comment as pending; moderators decide whether it is shown."""
    if item.kind not in Comment.COMMENTABLE_KINDS or item.status != Item.Status.PUBLISHED:
        raise ValidationError(_("Comments are not open on this item."))
    rate_limit(scope="comment", address=address, limit=COMMENT_RATE)
    comment = Comment(
        item=item, name=name.strip(), email=email.strip(), body=body.strip(), language=language
    )
    comment.full_clean()
    comment.save()
    with translation.override(settings.LANGUAGE_CODE):
        _notify_editors(
            template="knowledge/email/editor_comment",
            context={
                "title": item.title,
                "name": comment.name,
                "excerpt": comment.body[:300],
                "link": absolute_url(reverse("admin:knowledge_comment_change", args=[comment.pk])),
            },
        )
    return comment


@transaction.atomic
def comment_moderate(*, comment: Comment, user: AbstractBaseUser, approve: bool) -> Comment:
    comment.status = Comment.Status.APPROVED if approve else Comment.Status.REJECTED
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    return comment


@transaction.atomic
def comment_report(*, comment: Comment, address: str) -> Comment:
    """A reader flags a comment; enough reports take it back to moderation."""
    rate_limit(scope="report", address=address, limit=COMMENT_RATE)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.report_count += 1
    fields = ["report_count"]
    if comment.report_count >= REPORTS_TO_HIDE and comment.status == Comment.Status.APPROVED:
        comment.status = Comment.Status.PENDING
        fields.append("status")
    comment.save(update_fields=fields)
    return comment


SUBSCRIBE_RATE = (5, 3600)  # confirmation emails per address per hour
DIGEST_INTERVAL = timedelta(days=6)


def _send(*, subscription: Subscription, template: str, context: dict) -> None:
    with translation.override(subscription.language):
        unsubscribe = absolute_url(
            reverse("knowledge:unsubscribe", kwargs={"token": subscription.token})
        )
    send_in_language(
        to=subscription.email,
        language=subscription.language,
        template=f"knowledge/email/{template}",
        context=context | {"subscription": subscription, "unsubscribe_url": unsubscribe},
        unsubscribe_url=unsubscribe,
    )


@transaction.atomic
def subscription_request(
    *, email: str, topics: Iterable[Topic], language: str, address: str
) -> Subscription:
    """Start (or restart) a subscription and email a confirmation link: double opt-in."""
    rate_limit(scope="subscribe", address=address, limit=SUBSCRIBE_RATE)
    email = email.strip().lower()
    subscription = Subscription.objects.filter(email=email).first() or Subscription(email=email)
    subscription.language = language
    subscription.token = secrets.token_urlsafe(32)
    subscription.full_clean()
    subscription.save()
    subscription.topics.set(topics)
    with translation.override(language):
        path = reverse("knowledge:subscribe-confirm", kwargs={"token": subscription.token})
    context = {"confirm_url": absolute_url(path)}
    transaction.on_commit(
        lambda: _send(subscription=subscription, template="confirm", context=context)
    )
    return subscription


@transaction.atomic
def subscription_confirm(*, subscription: Subscription) -> Subscription:
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: Subscription) -> None:
    """Unsubscribing deletes the address: nothing is kept once it is not needed."""
    subscription.delete()


def subscription_digest_send(*, now: datetime | None = None) -> int:
    """Email each confirmed subscriber the items published since their last digest.

    A subscriber is locked and marked as sent in the same transaction that sends, so a second
    run (or a second beat) in the same week finds nothing to do.
    """
    now = now or timezone.now()
    sent = 0
    due = Subscription.objects.filter(confirmed_at__isnull=False).filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_INTERVAL)
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update(skip_locked=True)
                .filter(pk=pk)
                .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_INTERVAL))
                .first()
            )
            if subscription is None:
                continue
            since = subscription.last_sent_at or subscription.confirmed_at
            items = item_public_list().filter(published_at__gt=since, published_at__lte=now)
            topic_ids = list(subscription.topics.values_list("pk", flat=True))
            if topic_ids:
                items = items.filter(topics__in=topic_ids).distinct()
            items = list(items.order_by("-published_at")[:30])
            if items:
                subscription.last_sent_at = now
                subscription.save(update_fields=["last_sent_at"])
                with translation.override(subscription.language):
                    links = [(item.title, absolute_url(item.get_absolute_url())) for item in items]
                _send(subscription=subscription, template="digest", context={"links": links})
                sent += 1
    return sent


INVITE_RATE = (5, 3600)


def _require_open(consultation: Consultation, now: datetime) -> None:
    if not consultation.is_public or not consultation.is_open(now):
        raise ValidationError(
            _("This consultation is not open: it runs from %(opens)s to %(closes)s.")
            % {
                "opens": format_date(consultation.opens_at, translation.get_language(), "long"),
                "closes": format_date(consultation.closes_at, translation.get_language(), "long"),
            }
        )


@transaction.atomic
def participant_invite(
    *, consultation: Consultation, email: str, language: str, address: str
) -> Participant:
    """Email a personal link to answer; only someone who can read the mailbox can use it."""
    _require_open(consultation, timezone.now())
    rate_limit(scope="consultation", address=address, limit=INVITE_RATE)
    email = email.strip().lower()
    participant, _created = Participant.objects.get_or_create(
        consultation=consultation,
        email=email,
        defaults={"language": language, "token": secrets.token_urlsafe(32)},
    )
    with translation.override(language):
        link = absolute_url(reverse("knowledge:consultation-respond", args=[participant.token]))
        title = consultation.title
    transaction.on_commit(
        lambda: send_in_language(
            to=email,
            language=language,
            template="knowledge/email/consultation_invite",
            context={"link": link, "title": title},
        )
    )
    return participant


@transaction.atomic
def response_submit(
    *, participant: Participant, answers: dict[int, list[int] | str], now: datetime | None = None
) -> Participant:
    """Store one participant's answers, all or none, once.

    `answers` maps a question id to the chosen choice ids, or to text for free-text questions.
    """
    now = now or timezone.now()
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    consultation = participant.consultation
    _require_open(consultation, now)
    if participant.responded_at is not None:
        raise ValidationError(_("You have already answered this consultation."))
    rows = []
    errors = {}
    for question in consultation.questions.prefetch_related("choices"):
        given = answers.get(question.pk)
        if question.kind == Question.Kind.TEXT:
            text = (given or "").strip() if isinstance(given, str) else ""
            if text:
                rows.append(Answer(participant=participant, question=question, text=text[:4000]))
            elif question.required:
                errors[question.pk] = _("Please answer this question.")
            continue
        chosen = set(given or []) if isinstance(given, list) else set()
        valid = {choice.pk: choice for choice in question.choices.all()}
        if not chosen <= set(valid):
            errors[question.pk] = _("Choose among the answers offered.")
        elif question.kind == Question.Kind.SINGLE and len(chosen) > 1:
            errors[question.pk] = _("Choose only one answer.")
        elif not chosen and question.required:
            errors[question.pk] = _("Please answer this question.")
        else:
            rows += [
                Answer(participant=participant, question=question, choice=valid[pk])
                for pk in sorted(chosen)
            ]
    if errors:
        raise ValidationError(errors)
    Answer.objects.bulk_create(rows)
    participant.responded_at = now
    participant.save(update_fields=["responded_at"])
    return participant


SUBMISSION_RATE = (3, 3600)


@transaction.atomic
def submission_receive(*, submission: BestPracticeSubmission, address: str) -> None:
    rate_limit(scope="submission", address=address, limit=SUBMISSION_RATE)
    submission.full_clean()
    submission.save()
    with translation.override(settings.LANGUAGE_CODE):
        _notify_editors(
            template="knowledge/email/editor_submission",
            context={
                "title": submission.title,
                "organisation": submission.organisation,
                "link": absolute_url(
                    reverse("admin:knowledge_bestpracticesubmission_change", args=[submission.pk])
                ),
            },
        )


@transaction.atomic
def submission_accept(
    *, submission: BestPracticeSubmission, user: AbstractBaseUser
) -> BestPracticeSubmission:
    """Turn a submission into a draft best practice in its language, for editors to finish."""
    from .items import item_save

    if submission.status != BestPracticeSubmission.Status.RECEIVED:
        raise ValidationError(_("This submission has already been reviewed."))
    language = submission.language

    def paragraph(text: str) -> str:
        return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())

    item = Item(kind=Item.Kind.BEST_PRACTICE, provinces=[submission.province])
    setattr(item, f"title_{language}", submission.title)
    for field in ("problem", "approach", "results", "lessons"):
        setattr(item, f"{field}_{language}", paragraph(getattr(submission, field)))
    item.contact = f"{submission.contact_name}, {submission.organisation}"
    submission.item = item_save(item=item, user=user)
    submission.status = BestPracticeSubmission.Status.ACCEPTED
    submission.save(update_fields=["item", "status"])
    return submission


@transaction.atomic
def submission_decline(
    *, submission: BestPracticeSubmission, user: AbstractBaseUser
) -> BestPracticeSubmission:
    submission.status = BestPracticeSubmission.Status.DECLINED
    submission.save(update_fields=["status"])
    return submission


ERASED_EMAIL = "erased-{pk}@erased.invalid"  # .invalid never delivers (RFC 2606)


@transaction.atomic
def personal_data_erase(*, email: str) -> dict[str, int]:
    """Erase what the section holds about one email address (a PDPA erasure request).

    Comments, subscriptions, unanswered invitations and submissions not yet turned into an
    item are deleted. Consultation answers stay, without the address, so results already
    published do not change; an accepted submission keeps its organisation and loses its
    contact person.
    """
    email = email.strip().lower()
    counts = {
        "comments": Comment.objects.filter(email__iexact=email)
        .delete()[1]
        .get(Comment._meta.label, 0),
        "subscriptions": Subscription.objects.filter(email__iexact=email)
        .delete()[1]
        .get(Subscription._meta.label, 0),
    }
    participants = Participant.objects.filter(email__iexact=email)
    participants.filter(responded_at__isnull=True).delete()
    responded = list(participants.select_for_update())
    for participant in responded:
        participant.email = ERASED_EMAIL.format(pk=participant.pk)
        participant.token = secrets.token_urlsafe(32)
        participant.save(update_fields=["email", "token"])
    counts["consultation_responses"] = len(responded)
    submissions = BestPracticeSubmission.objects.filter(contact_email__iexact=email)
    accepted = list(submissions.filter(item__isnull=False).select_for_update())
    for submission in accepted:
        submission.contact_name = "—"
        submission.contact_email = ERASED_EMAIL.format(pk=submission.pk)
        submission.contact_phone = ""
        submission.save(update_fields=["contact_name", "contact_email", "contact_phone"])
    deleted = submissions.filter(item__isnull=True).delete()[1]
    counts["best_practice_submissions"] = len(accepted) + deleted.get(
        BestPracticeSubmission._meta.label, 0
    )
    return counts
