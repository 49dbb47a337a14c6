import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from divisions.knowledge.models import Subscription
from divisions.knowledge.services import subscription_digest_send

pytestmark = pytest.mark.django_db


def subscribe(client, django_capture_on_commit_callbacks, language="th", **extra):
    data = {"email": "Somsri@Example.com", "consent": "on"} | extra
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/{language}/knowledge/subscribe/", data)


def link_in(message, name: str) -> str:
    return re.search(rf"http://127\.0\.0\.1:8000(/\w\w/knowledge/{name}/[\w-]+/)", message).group(1)


def test_double_opt_in_in_the_readers_language(client, django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks, topics=[])
    assert "ตรวจสอบอีเมลของท่าน" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["somsri@example.com"]
    assert "ยืนยัน" in message.subject
    confirm = link_in(message.body, "subscribe")
    assert confirm.startswith("/th/")
    assert Subscription.objects.get().confirmed_at is None

    assert "ยืนยัน" in client.get(confirm).content.decode()
    assert Subscription.objects.get().confirmed_at is None  # opening the link confirms nothing
    client.post(confirm)
    assert Subscription.objects.get().confirmed_at is not None


def test_bad_input_and_floods_are_refused_with_clear_messages(
    client, django_capture_on_commit_callbacks
):
    response = subscribe(client, django_capture_on_commit_callbacks, "en", email="nope", consent="")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    for _ in range(5):
        subscribe(client, django_capture_on_commit_callbacks, "en")
    flooded = subscribe(client, django_capture_on_commit_callbacks, "en")
    assert "Too many requests from your address" in flooded.content.decode()
    assert Subscription.objects.count() == 1


def test_weekly_digest_sends_new_items_on_chosen_topics_once_with_one_click_unsubscribe(
    client, item_factory
):
    now = timezone.now()
    subscription = Subscription.objects.create(
        email="reader@example.com",
        language="en",
        token="t" * 43,
        confirmed_at=now - timedelta(days=8),
    )
    subscription.topics.set([])
    item_factory(title_en="Jobs fair in Rayong", topics=("jobs",))
    assert subscription_digest_send(now=now + timedelta(minutes=1)) == 1
    (message,) = mail.outbox
    assert "Jobs fair in Rayong" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert subscription_digest_send(now=now + timedelta(minutes=2)) == 0  # idempotent
    assert len(mail.outbox) == 1

    unsubscribe = link_in(message.body, "unsubscribe")
    assert client.post(unsubscribe).status_code == 200  # one click, no cookie, no CSRF token
    assert not Subscription.objects.exists()


def test_digest_respects_topics_and_skips_unconfirmed_addresses(item_factory):
    now = timezone.now()
    confirmed = Subscription.objects.create(
        email="a@example.com", language="th", token="a" * 43, confirmed_at=now - timedelta(days=1)
    )
    from divisions.knowledge.models import Topic

    confirmed.topics.set([Topic.objects.get(slug="environment")])
    Subscription.objects.create(email="b@example.com", language="th", token="b" * 43)
    item_factory(title_th="ข่าวแรงงาน", topics=("jobs",))
    assert subscription_digest_send(now=now + timedelta(minutes=1)) == 0
    item_factory(title_th="ข่าวสิ่งแวดล้อม", topics=("environment",))
    assert subscription_digest_send(now=now + timedelta(days=7)) == 1
    assert "ข่าวสิ่งแวดล้อม" in mail.outbox[0].body and "ข่าวแรงงาน" not in mail.outbox[0].body
    assert mail.outbox[0].to == ["a@example.com"]


def test_unknown_tokens_are_404(client):
    assert client.get("/th/knowledge/subscribe/nope/").status_code == 404
    assert client.post("/th/knowledge/unsubscribe/nope/").status_code == 404
