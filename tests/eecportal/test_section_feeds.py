"""Each section's Atom feed, read by feedparser as feed readers do: public records in the page's
language, never an internal one; every page links the feeds for autodiscovery."""

import feedparser
import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db(transaction=True)

FEEDS = {
    "dataset": "/{lang}/spatial/feed/atom/",
    "meeting": "/{lang}/coordination/meetings/feed/atom/",
    "project": "/{lang}/planning/feed/atom/",
}


@pytest.mark.parametrize("language", ["th", "en"])
def test_each_sections_feed_lists_public_records_only(client, records, language):
    shown, hidden = records
    for record, address in FEEDS.items():
        response = client.get(address.format(lang=language))
        assert response.status_code == 200 and "atom+xml" in response["Content-Type"]
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (record, feed.bozo_exception)
        assert feed.feed.title and f"/{language}/" in feed.feed.link
        titles = " ".join(entry.title for entry in feed.entries)
        with translation.override(language):
            assert shown[record].title in titles, record
        for secret in filter(None, (hidden[record].title_th, hidden[record].title_en)):
            assert secret not in titles, record
        links = {entry.link for entry in feed.entries}
        assert any(link.endswith(shown[record].get_absolute_url().split("/", 2)[-1])
                   for link in links)  # fmt: skip
        assert all(entry.get("updated") for entry in feed.entries)


def test_every_page_links_every_sections_feed_for_autodiscovery(client, records):
    for page in ("/th/", "/en/planning/", "/th/spatial/"):
        body = client.get(page).content.decode()
        for address in FEEDS.values():
            language = page.split("/")[1]
            assert 'type="application/atom+xml"' in body
            assert f'href="{address.format(lang=language)}"' in body, (page, address)


def test_meeting_pages_offer_the_calendar_and_the_feed(client, records):
    shown, _hidden = records
    body = client.get(shown["meeting"].get_absolute_url()).content.decode()
    assert 'href="webcal://testserver/th/coordination/meetings.ics"' in body
    assert 'href="/th/coordination/meetings/feed/atom/"' in body
