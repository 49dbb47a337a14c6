"""RSS and Atom feeds of published items, one per language (the URL prefix picks it)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Item
from .selectors import item_public_list

FEED_SIZE = 30


class LatestItemsFeed(Feed):
    title = _("EEC Support Division: news and knowledge")
    description = _("News, best practices and explainers on the Eastern Economic Corridor.")

    def link(self) -> str:
        return reverse("knowledge:index")

    def items(self) -> list[Item]:
        return list(item_public_list()[:FEED_SIZE])

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary

    def item_pubdate(self, item: Item):
        return item.published_at

    def item_updateddate(self, item: Item):
        return item.updated_at

    def item_categories(self, item: Item) -> list[str]:
        return [str(item.kind_label), *(topic.name for topic in item.topics.all())]


class LatestItemsAtomFeed(LatestItemsFeed):
    feed_type = Atom1Feed
    subtitle = LatestItemsFeed.description
