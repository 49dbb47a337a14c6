"""Writes of coordination records."""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from divisions.core.mail import absolute_url, send_in_language

from .models import (
    ActionItem,
    Affiliation,
    Agency,
    Agreement,
    CalendarToken,
    Contact,
    DataRequest,
    Meeting,
    Reminder,
)

# Action items are reminded of this many days before they are due, and once when overdue.
ACTION_DUE_SOON_DAYS = 7


@transaction.atomic
def agency_upsert(
    *,
    slug: str,
    name_th: str,
    name_en: str,
    kind: str,
    short_name_th: str = "",
    short_name_en: str = "",
    parent: Agency | None = None,
    country: str = "TH",
    province: str = "",
    website: str = "",
    location=None,
) -> Agency:
    """Create the agency with this slug, or bring an existing one up to date."""
    agency = Agency.objects.filter(slug=slug).first() or Agency(slug=slug)
    agency.name_th, agency.name_en = name_th, name_en
    agency.short_name_th, agency.short_name_en = short_name_th, short_name_en
    agency.kind, agency.parent, agency.country = kind, parent, country
    agency.province, agency.website = province, website
    if location is not None:
        agency.location = location
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def contact_save(*, contact: Contact, on: date | None = None) -> Contact:
    """Save a contact. A new contact, or one who has moved agency or position, gets an
    affiliation from `on` (today by default); the one they leave is closed the day before,
    so their history across agencies stays."""
    on = on or timezone.localdate()
    contact.full_clean()
    previous = Contact.objects.filter(pk=contact.pk).first() if contact.pk else None
    contact.save()
    moved = previous is None or (previous.agency_id, previous.position) != (
        contact.agency_id,
        contact.position,
    )
    if moved:
        contact.affiliations.filter(ended_on__isnull=True).update(ended_on=on - timedelta(days=1))
        Affiliation.objects.create(
            contact=contact,
            agency=contact.agency,
            position=contact.position,
            started_on=contact.active_from if previous is None and contact.active_from else on,
        )
    return contact


def contacts_accessed(*, contacts) -> None:
    """Record in the audit log that contacts' personal data was shown (PDPA): the reader comes
    from the request, as for changes."""
    from auditlog.signals import accessed

    for contact in contacts:
        accessed.send(sender=Contact, instance=contact)


def data_request_save(*, data_request: DataRequest) -> DataRequest:
    data_request.full_clean()
    data_request.save()
    return data_request


def action_item_save(*, action: ActionItem) -> ActionItem:
    """Save an action item; closing it records when, which decides the meetings it carries
    over to."""
    if action.is_closed and action.closed_at is None:
        action.closed_at = timezone.now()
    elif not action.is_closed:
        action.closed_at = None
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def meeting_save(*, meeting: Meeting) -> Meeting:
    meeting.full_clean()
    meeting.save()
    return meeting


def agreement_overlaps(*, agreement: Agreement) -> QuerySet[Agreement]:
    """Active or signed agreements with the same parties whose period overlaps this one's:
    a new agreement should usually amend one of them instead."""
    parties = set(agreement.parties.values_list("agency_id", flat=True))
    if not parties:
        return Agreement.objects.none()
    start = agreement.effective_on or agreement.signed_on or date.min
    end = agreement.expires_on or date.max
    candidates = (
        Agreement.objects.exclude(pk=agreement.pk)
        .filter(status__in=Agreement.IN_FORCE)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=start))
        .filter(Q(effective_on__isnull=True) | Q(effective_on__lte=end))
        .prefetch_related("parties")
    )
    return candidates.filter(
        pk__in=[c.pk for c in candidates if {p.agency_id for p in c.parties.all()} == parties]
    )


@transaction.atomic
def agreement_save(*, agreement: Agreement) -> Agreement:
    agreement.full_clean()
    agreement.save()
    return agreement


def _coordinator_addresses() -> list[str]:
    return list(
        User.objects.filter(groups__name="Coordinators", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _remind(*, key: str, template: str, context: dict, contacts) -> bool:
    """Send one reminder once: the key is recorded in the same transaction as the sending."""
    with transaction.atomic():
        reminder, created = Reminder.objects.select_for_update().get_or_create(key=key)
        if not created:
            return False
        recipients = [(c.email, c.language) for c in contacts if c.email]
        recipients += [(address, settings.LANGUAGE_CODE) for address in _coordinator_addresses()]
        for address, language in recipients:
            send_in_language(to=address, language=language, template=template, context=context)
        reminder.recipients = ", ".join(address for address, _language in recipients)
        reminder.save(update_fields=["recipients"])
        return True


def agreements_lifecycle_update(*, today: date | None = None) -> int:
    """Run daily by beat: agreements in force move to expiring within the longest reminder
    window before their expiry, and to expired after it (unless they renew automatically).
    Saved one by one so the audit log records each change; running it again changes nothing."""
    today = today or timezone.localdate()
    window = today + timedelta(days=max(settings.AGREEMENT_REMINDER_DAYS))
    changed = 0
    for agreement in Agreement.objects.filter(
        status__in=Agreement.IN_FORCE, expires_on__isnull=False
    ):
        if agreement.expires_on < today:
            if agreement.auto_renews:
                continue  # in force on its renewal terms; staff record the renewal
            status = Agreement.Status.EXPIRED
        elif agreement.expires_on <= window and agreement.status != Agreement.Status.SIGNED:
            status = Agreement.Status.EXPIRING
        elif agreement.status == Agreement.Status.EXPIRING:  # its expiry was moved later
            status = Agreement.Status.ACTIVE
        else:
            continue
        if agreement.status != status:
            agreement.status = status
            agreement.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


def reminders_send(*, today: date | None = None) -> int:
    """Run daily by beat: agreements nearing expiry (at the configured days before), and
    action items due within a week or overdue. Each goes once; returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    agreements = Agreement.objects.filter(
        status__in=Agreement.IN_FORCE,
        expires_on__gte=today,
        expires_on__lte=today + timedelta(days=max(settings.AGREEMENT_REMINDER_DAYS)),
    ).prefetch_related("focal_persons")
    for agreement in agreements:
        days_left = (agreement.expires_on - today).days
        threshold = min(d for d in settings.AGREEMENT_REMINDER_DAYS if d >= days_left)
        sent += _remind(
            key=f"agreement:{agreement.pk}:expires:{agreement.expires_on}:{threshold}",
            template="coordination/email/agreement_expiring",
            context={"agreement": agreement, "days_left": days_left,
                     "url": absolute_url(agreement.get_absolute_url())},
            contacts=agreement.focal_persons.all(),
        )  # fmt: skip
    actions = ActionItem.objects.filter(
        status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        due_date__lte=today + timedelta(days=ACTION_DUE_SOON_DAYS),
    ).select_related("owner_contact", "meeting__series")
    for action in actions:
        state = "overdue" if action.due_date < today else "due-soon"
        sent += _remind(
            key=f"action:{action.pk}:{action.due_date}:{state}",
            template="coordination/email/action_due",
            context={"action": action, "overdue": state == "overdue",
                     "url": absolute_url(action.meeting.get_absolute_url())},
            contacts=[action.owner_contact] if action.owner_contact else [],
        )  # fmt: skip
    return sent


def calendar_token_get_or_create(*, user) -> CalendarToken:
    """The user's private calendar address, made on first use."""
    token, _created = CalendarToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token


def calendar_token_revoke(*, user) -> None:
    """Forget the user's private calendar address (a lost phone may hold it)."""
    CalendarToken.objects.filter(user=user).delete()
