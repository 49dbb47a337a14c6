"""RSS and Atom feeds of published items, one per language (the URL prefix picks it)."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.core.feeds import AtomFeed, KeptEntriesFeed, RssFeed

from .models import Item
from .selectors import TEASER_FIELDS, item_teaser_list

FEED_FIELDS = (*TEASER_FIELDS, "updated_at")


class LatestItemsFeed(KeptEntriesFeed):
    feed_type = RssFeed
    title = _("EEC Support Division: news and knowledge")
    description = _("News, best practices and explainers on the Eastern Economic Corridor.")

    def link(self) -> str:
        return reverse("knowledge:index")

    def feed_records(self) -> QuerySet[Item]:
        # A teaser's columns (no bodies, no organisation) and the topic names in one query.
        return item_teaser_list(topics=True).only(*FEED_FIELDS)

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary

    def item_pubdate(self, item: Item):
        return item.published_at

    def item_updateddate(self, item: Item):
        return item.updated_at

    def item_categories(self, item: Item) -> list[str]:
        return [str(item.kind_label), *item.topic_names]


class LatestItemsAtomFeed(LatestItemsFeed):
    feed_type = AtomFeed
    subtitle = LatestItemsFeed.description
