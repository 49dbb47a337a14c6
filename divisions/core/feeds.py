"""Atom feeds of a section's public records, newest change first, in the language of the URL
prefix: what each section's feed shares (the knowledge section has its own, with RSS)."""

import copy
import io

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.xmlutils import SimplerXMLGenerator

from .fragments import per_record

FEED_SIZE = 30


class _WrittenOnce:
    """Django's feed generators write every element to the response in a call of its own (a
    thousand writes, each encoded, for thirty entries): written to memory, the response
    takes one. Each entry is written on its own (`written`), so that KeptEntriesFeed can
    keep it written; an entry kept so is put in as it is."""

    element = ""  # the element of an entry

    def write(self, outfile, encoding: str) -> None:
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())

    def write_items(self, handler) -> None:
        for item in self.items:
            handler.ignorableWhitespace(item.get("written") or self.written(item))

    def written(self, item: dict) -> str:
        buffer = io.StringIO()
        handler = SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True)
        handler.startElement(self.element, self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement(self.element)
        return buffer.getvalue()


class AtomFeed(_WrittenOnce, Atom1Feed):
    element = "entry"


class RssFeed(_WrittenOnce, Rss201rev2Feed):
    element = "item"


class KeptEntriesFeed(Feed):
    """A feed of the first FEED_SIZE of `feed_records()` (public records, in the feed's order)
    whose entries are kept per record for anonymous readers, as list rows are
    (divisions.core.fragments): the feed's keys are read, then every kept entry in one round
    trip, and only the records not kept are read and written by Django's feed framework.
    Django's own loop over the records and its writing of their elements were most of a
    feed's time, profiled: an entry is kept written."""

    chosen = ()  # the records written by a copy of the view (_feed_of)

    def feed_records(self) -> QuerySet:
        raise NotImplementedError

    def items(self):
        return self.chosen

    def get_feed(self, obj, request):
        def entries(records: list) -> list[dict]:
            feed = self._feed_of(records, obj, request)
            return [
                {
                    "written": feed.written(entry),
                    "pubdate": entry["pubdate"],  # the feed's own date is its newest entry's
                    "updateddate": entry["updateddate"],
                }
                for entry in feed.items
            ]

        records = self.feed_records()
        name = f"feed:{type(self).__module__}.{type(self).__qualname__}"
        feed = self._feed_of([], obj, request)
        feed.items = per_record(request, name, records[:FEED_SIZE], records, entries)
        return feed

    def _feed_of(self, records: list, obj, request):
        """Django's feed of `records` (this view is shared by every request: a copy holds
        them)."""
        view = copy.copy(self)
        view.chosen = records
        return super(KeptEntriesFeed, view).get_feed(obj, request)


class SectionFeed(KeptEntriesFeed):
    """Subclasses give `title`, `subtitle`, `link`, `records()` (public ones only) and
    `item_description`; records have a title, `updated_at` and an absolute URL."""

    feed_type = AtomFeed

    def records(self):
        raise NotImplementedError

    def feed_records(self) -> QuerySet:
        return self.records().order_by("-updated_at")

    def item_title(self, record) -> str:
        return str(record)

    def item_updateddate(self, record):
        return record.updated_at

    def item_pubdate(self, record):
        return getattr(record, "created_at", None) or record.updated_at
