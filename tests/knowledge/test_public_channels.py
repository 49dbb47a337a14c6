"""Only published items reach the public, in every channel."""

import json
import re

import pytest

from divisions.knowledge.models import Item
from eecportal.selectors import search_entries

pytestmark = pytest.mark.django_db(transaction=True)

HIDDEN_STATUSES = [
    Item.Status.DRAFT,
    Item.Status.IN_REVIEW,
    Item.Status.SCHEDULED,
    Item.Status.ARCHIVED,
]


@pytest.fixture
def items(item_factory):
    from datetime import timedelta

    from django.utils import timezone

    public = item_factory(title_th="ข่าวเผยแพร่แล้วเรื่องท่าเรือ", title_en="Published port news")
    hidden = {}
    for status in HIDDEN_STATUSES:
        extra = {"publish_at": timezone.now() + timedelta(days=3)} if status == "scheduled" else {}
        hidden[status] = item_factory(
            status=status,
            title_th=f"ข่าวภายในสถานะ{status}เรื่องท่าเรือ",
            title_en=f"Internal {status} port news",
            **extra,
        )
    return public, hidden


def test_hidden_items_are_absent_from_lists_details_feeds_api_sitemap_and_search(client, items):
    public, hidden = items
    assert {i.status for i in hidden.values()} == set(HIDDEN_STATUSES)
    pages = {
        "list": client.get("/en/knowledge/news/").content.decode(),
        "index": client.get("/en/knowledge/").content.decode(),
        "home": client.get("/en/").content.decode(),
        "rss": client.get("/en/knowledge/feed/rss/").content.decode(),
        "atom": client.get("/th/knowledge/feed/atom/").content.decode(),
        "api": client.get("/api/v1/knowledge/items/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "search": client.get("/en/search/", {"q": "port"}).content.decode(),
        "search-th": client.get("/th/search/", {"q": "ท่าเรือ"}).content.decode(),
    }
    for channel, text in pages.items():
        assert "Published port news" in text or "ข่าวเผยแพร่แล้ว" in text or channel == "sitemap"
        for item in hidden.values():
            assert item.title_en not in text, channel
            assert item.title_th not in text, channel
            assert f"/knowledge/items/{item.pk}/" not in text, channel
    assert f"/knowledge/items/{public.pk}/" in pages["sitemap"]
    for item in hidden.values():
        assert client.get(f"/en/knowledge/items/{item.pk}/").status_code == 404
        assert client.get(f"/api/v1/knowledge/items/{item.pk}/").status_code == 404
    assert [e.title for e in search_entries(query="port", language="en").entries] == [
        "Published port news"
    ]


def test_archiving_removes_an_item_from_search(client, item_factory, admin_user):
    from divisions.knowledge.services import item_archive

    item = item_factory(title_en="Rayong waste bank")
    assert search_entries(query="waste", language="en").entries.count() == 1
    item_archive(item=item, user=admin_user)
    assert search_entries(query="waste", language="en").entries.count() == 0


def test_sitemap_lists_only_translations_that_exist(client, item_factory):
    both = item_factory(title_en="Both languages")
    thai_only = item_factory(title_en="", summary_en="")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/en/knowledge/items/{both.pk}/" in sitemap
    assert f"http://testserver/th/knowledge/items/{both.pk}/" in sitemap
    assert f"http://testserver/th/knowledge/items/{thai_only.pk}/" in sitemap
    assert f"http://testserver/en/knowledge/items/{thai_only.pk}/" not in sitemap


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /th/admin/" in text


def test_feeds_are_per_language_and_linked_from_pages(client, item_factory):
    item_factory(title_th="ข่าวภาษาไทย", title_en="English news")
    assert "ข่าวภาษาไทย" in client.get("/th/knowledge/feed/rss/").content.decode()
    english = client.get("/en/knowledge/feed/atom/").content.decode()
    assert "English news" in english and "ข่าวภาษาไทย" not in english
    html = client.get("/th/knowledge/news/").content.decode()
    assert 'type="application/rss+xml"' in html and "/th/knowledge/feed/rss/" in html


def test_json_ld_cannot_break_out_of_its_script_element(client, item_factory):
    item = item_factory(title_en="</script><script>alert(1)</script>")
    html = client.get(f"/en/knowledge/items/{item.pk}/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html
