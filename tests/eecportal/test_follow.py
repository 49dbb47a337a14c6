"""Following a thing by e-mail, feed or webhook: double opt-in, each change or a daily
digest in the follower's language, one-click unsubscribe, signed webhooks with retries, and
nothing internal ever announced."""

import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

import feedparser
import pytest
from django.core import mail

from divisions.spatial.models import Dataset
from divisions.spatial.services import dataset_save
from eecportal.follows import follows_of
from eecportal.models import Follow, PublicChange, Webhook, WebhookDelivery
from eecportal.services import (
    follow_digest_send,
    follows_erase,
    public_change_announce,
    webhook_deliver,
)
from eecportal.tasks import public_change_announce_task, webhook_deliver_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def announce_now():
    """Announcements run in the test instead of a worker."""
    with (
        mock.patch.object(
            public_change_announce_task,
            "delay",
            side_effect=lambda pk: public_change_announce(change_id=pk),
        ),
        mock.patch.object(webhook_deliver_task, "delay"),
    ):
        yield


def change(dataset: Dataset, callbacks, **fields) -> None:
    for name, value in fields.items():
        setattr(dataset, name, value)
    with callbacks(execute=True):
        dataset_save(dataset=dataset)


def test_a_citizen_follows_a_dataset_confirms_gets_each_change_and_unsubscribes_in_one_click(
    client, dataset_factory, django_capture_on_commit_callbacks, announce_now
):
    dataset = dataset_factory(title_th="ท่าเรือในอีอีซี", title_en="Ports in the EEC")
    target = f"spatial.dataset:{dataset.pk}"
    page = client.get(f"/en/follow/?target={target}")
    assert "Follow Ports in the EEC" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/follow/?target={target}",
            {"email": "Somchai@Example.com", "frequency": "immediate"},
        )
    assert "Check your email" in response.content.decode()
    (confirmation,) = mail.outbox
    assert confirmation.to == ["somchai@example.com"]
    assert "Confirm that you follow Ports in the EEC" in confirmation.subject
    link = re.search(r"https?://[^/]+(/en/follow/confirm/[\w-]+/)", confirmation.body).group(1)

    # Unconfirmed: told nothing.
    change(dataset, django_capture_on_commit_callbacks, title_en="Ports and harbours in the EEC")
    assert len(mail.outbox) == 1
    assert client.get(link).status_code == 200  # a button: scanners that open links confirm nothing
    assert Follow.objects.get().confirmed_at is None
    client.post(link)
    assert Follow.objects.get().confirmed_at is not None

    change(dataset, django_capture_on_commit_callbacks, title_en="Deep-sea ports in the EEC")
    message = mail.outbox[-1]
    assert message.subject == "Updated: Deep-sea ports in the EEC"  # in the follower's language
    assert f"/en/spatial/datasets/{dataset.slug}/" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A change the public cannot see (no field a reader sees) tells no one.
    change(dataset, django_capture_on_commit_callbacks, maintainer_email="other@pao.example.go.th")
    assert len(mail.outbox) == 2

    # The personal data it holds: in an access request, and gone with an erasure or one click.
    assert follows_of(email="somchai@example.com")[0]["follows"] == target
    client.post(re.sub(r"^https?://[^/]+", "", unsubscribe))  # one click, no cookie, no token
    assert not Follow.objects.exists()
    change(dataset, django_capture_on_commit_callbacks, title_en="Ports, again")
    assert len(mail.outbox) == 2
    Follow.objects.create(email="a@example.com", target=target, language="th", token="x")
    assert follows_erase(email="A@example.com") == 1


def test_internal_things_cannot_be_followed_and_their_changes_reach_no_one(
    client, dataset_factory, django_capture_on_commit_callbacks, announce_now
):
    internal = dataset_factory(classification=Dataset.Classification.INTERNAL)
    assert client.get(f"/th/follow/?target=spatial.dataset:{internal.pk}").status_code == 404
    assert client.get(f"/th/follow/feed/spatial.dataset:{internal.pk}/").status_code == 404
    for hostile in ["auth.user:1", "spatial.dataset:x", "", "spatial.dataset:1:2"]:
        assert client.get("/th/follow/", {"target": hostile}).status_code == 404

    dataset = dataset_factory(title_th="ผังเมืองรวม")
    target = f"spatial.dataset:{dataset.pk}"
    Follow.objects.create(email="a@example.com", target=target, language="th", token="t1",
                          confirmed_at="2026-01-01T00:00Z")  # fmt: skip
    change(dataset, django_capture_on_commit_callbacks, title_th="ผังเมืองรวม (ร่าง)")
    assert len(mail.outbox) == 1
    change(dataset, django_capture_on_commit_callbacks, classification="internal",
           title_th="ผังเมืองรวม (ลับ)")  # fmt: skip
    assert len(mail.outbox) == 1  # the internal title is never sent
    assert not PublicChange.objects.filter(object_id=dataset.pk).exists()
    assert client.get(f"/th/follow/feed/{target}/").status_code == 404


def test_daily_followers_get_one_digest_of_the_days_changes(
    dataset_factory, django_capture_on_commit_callbacks, announce_now
):
    dataset = dataset_factory(title_th="แหล่งน้ำ")
    Follow.objects.create(
        email="a@example.com", target=f"spatial.dataset:{dataset.pk}", language="th",
        token="t1", frequency=Follow.Frequency.DAILY, confirmed_at="2026-01-01T00:00Z",
    )  # fmt: skip
    change(dataset, django_capture_on_commit_callbacks, title_th="แหล่งน้ำดิบ")
    change(dataset, django_capture_on_commit_callbacks, title_th="แหล่งน้ำดิบภาคตะวันออก")
    assert mail.outbox == []  # nothing at once for a daily follower
    assert follow_digest_send() == 1
    (digest,) = mail.outbox
    assert "วันนี้มีการเปลี่ยนแปลง 2 รายการ" in digest.subject
    assert "แหล่งน้ำดิบ\n" in digest.body and "แหล่งน้ำดิบภาคตะวันออก" in digest.body
    assert follow_digest_send() == 0


def test_each_thing_has_an_atom_feed_of_its_changes_and_those_of_what_belongs_to_it(
    client, dataset_factory, agency_factory, django_capture_on_commit_callbacks
):
    agency = agency_factory(name_th="กรมเจ้าท่า", name_en="Marine Department")
    dataset = dataset_factory(publisher=agency, title_th="ร่องน้ำ", title_en="Channels")
    change(dataset, django_capture_on_commit_callbacks, title_en="Shipping channels")
    english = feedparser.parse(
        client.get(f"/en/follow/feed/coordination.agency:{agency.pk}/").content
    )
    assert english.bozo == 0
    assert [entry.title for entry in english.entries][:1] == ["Shipping channels"]
    assert english.entries[0].link.endswith(f"/en/spatial/datasets/{dataset.slug}/")
    thai = feedparser.parse(client.get(f"/th/follow/feed/spatial.dataset:{dataset.pk}/").content)
    assert thai.entries[0].title == "ร่องน้ำ"
    # Linked from the dataset's page, with a way to follow it by e-mail.
    page = client.get(dataset.get_absolute_url()).content.decode()
    assert f"/th/follow/?target=spatial.dataset%3A{dataset.pk}" in page


class Receiver(BaseHTTPRequestHandler):
    answers: list[int] = []
    received: list[tuple] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((self.headers, body))  # names read case-insensitively
        self.send_response(Receiver.answers.pop(0))
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    Receiver.answers, Receiver.received = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()


def test_webhooks_are_signed_retried_with_growing_delays_and_logged(
    dataset_factory, django_capture_on_commit_callbacks, receiver, announce_now
):
    dataset = dataset_factory(title_th="เส้นทางรถไฟ", title_en="Railways")
    change(dataset, django_capture_on_commit_callbacks)  # published (and indexed) first
    hook = Webhook.objects.create(name="NSO catalog", url=receiver, secret="s3cret")
    Webhook.objects.create(
        name="Another agency's", url=receiver, secret="x", targets=["coordination.agency:999999"]
    )
    change(dataset, django_capture_on_commit_callbacks, title_en="Railway lines")
    (delivery,) = WebhookDelivery.objects.all()  # only the webhook that wants every change
    assert delivery.webhook == hook

    Receiver.answers = [500, 204]
    assert webhook_deliver(delivery_id=delivery.pk) == 60  # failed: try again in a minute
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("retrying", 1, 500)
    assert webhook_deliver(delivery_id=delivery.pk) is None
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 2, 204)

    headers, body = Receiver.received[-1]
    expected = hmac.new(
        b"s3cret", headers["X-EEC-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-EEC-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["event"] == "public_change.updated"
    assert payload["title"] == {"th": "เส้นทางรถไฟ", "en": "Railway lines"}
    assert payload["record"] == f"spatial.dataset:{dataset.pk}"

    # The task schedules the next attempt; after the last one the delivery fails for good.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="retrying", attempts=5)
    Receiver.answers = [503]
    assert webhook_deliver(delivery_id=delivery.pk) is None
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 6)
    second = WebhookDelivery.objects.create(webhook=hook, change=delivery.change)
    Receiver.answers = [500]
    with mock.patch.object(webhook_deliver_task, "apply_async") as later:
        webhook_deliver_task(second.pk)
    later.assert_called_once_with((second.pk,), countdown=60)
