"""Every periodic job, run by name as beat runs it, twice: the second run changes nothing."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from divisions.coordination.models import ActionItem, Reminder
from divisions.knowledge.models import Item, Subscription
from eecportal.backups import database_summary
from eecportal.models import PrivacyRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_work(item_factory, agency_factory, meeting_factory, agreement_factory):
    now = timezone.now()
    item_factory(status=Item.Status.SCHEDULED, publish_at=now - timedelta(minutes=5),
                 title_th="ข่าวตั้งเวลาเผยแพร่")  # fmt: skip
    Subscription.objects.create(email="reader@example.com", language="th", token="t" * 43,
                                confirmed_at=now - timedelta(days=8))  # fmt: skip
    agency = agency_factory()
    agreement_factory(parties=(agency,), expires_on=timezone.localdate() + timedelta(days=29))
    meeting = meeting_factory(1, timezone.localdate() - timedelta(days=20))
    ActionItem.objects.create(meeting=meeting, description_th="ส่งรายงาน", owner_agency=agency,
                              due_date=timezone.localdate() - timedelta(days=1))  # fmt: skip
    unverified = PrivacyRequest.objects.create(email="who@example.com", kind="access",
                                               language="th", token="p" * 43)  # fmt: skip
    PrivacyRequest.objects.filter(pk=unverified.pk).update(created_at=now - timedelta(days=8))


def test_each_periodic_job_run_twice_changes_nothing_the_second_time(due_work):
    from django.db import connection

    from eecportal.celery import app

    app.loader.import_default_modules()  # the sections' tasks, as a worker finds them
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    for name in tasks:
        app.tasks[name].apply().get()
    assert Item.objects.get().status == Item.Status.PUBLISHED  # the jobs did their work
    assert Reminder.objects.exists() and mail.outbox
    assert not PrivacyRequest.objects.exists()
    with connection.cursor() as cursor:
        before = database_summary(cursor)
    sent = len(mail.outbox)
    for name in tasks:
        app.tasks[name].apply().get()
    with connection.cursor() as cursor:
        assert database_summary(cursor) == before
    assert len(mail.outbox) == sent
