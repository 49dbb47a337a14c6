"""Atom feeds of a section's public records, newest change first, in the language of the URL
prefix: what each section's feed shares (the knowledge section has its own, with RSS)."""

import io

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_SIZE = 30


class _WrittenOnce:
    """Django's feed generators write every element to the response in a call of its own (a
    thousand writes, each encoded, for thirty entries): written to memory, the response
    takes one."""

    def write(self, outfile, encoding: str) -> None:
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class AtomFeed(_WrittenOnce, Atom1Feed):
    pass


class RssFeed(_WrittenOnce, Rss201rev2Feed):
    pass


class SectionFeed(Feed):
    """Subclasses give `title`, `subtitle`, `link`, `records()` (public ones only) and
    `item_description`; records have a title, `updated_at` and an absolute URL."""

    feed_type = AtomFeed

    def records(self):
        raise NotImplementedError

    def items(self) -> list:
        return list(self.records().order_by("-updated_at")[:FEED_SIZE])

    def item_title(self, record) -> str:
        return str(record)

    def item_updateddate(self, record):
        return record.updated_at

    def item_pubdate(self, record):
        return getattr(record, "created_at", None) or record.updated_at
