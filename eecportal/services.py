"""Writes to the site-wide search index."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import models, transaction
from django.db.models import Value
from django.utils import translation

from .models import SearchEntry
from .search import Source, source_for, sources
from .thai import segment

# Thai has no stemmer in PostgreSQL: segmented words are indexed as they are.
SEARCH_CONFIGS = {"th": "simple", "en": "english"}


def _segmented(text: str) -> str:
    return " ".join(segment(text))


def _index_record(*, source: Source, record: models.Model, content_type: ContentType) -> None:
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            document = source.document(record)
        own_text = getattr(record, f"{source.own_text_field}_{language}", "")
        config = SEARCH_CONFIGS[language]
        vector = (
            SearchVector(Value(_segmented(document["title"])), config=config, weight="A")
            + SearchVector(Value(_segmented(document["summary"])), config=config, weight="B")
            + SearchVector(Value(_segmented(document["body"])), config=config, weight="C")
        )
        entry, _created = SearchEntry.objects.update_or_create(
            content_type=content_type,
            object_id=record.pk,
            language=language,
            defaults={
                "section": source.section,
                "title": document["title"],
                "summary": document["summary"],
                "url": document["url"],
                "published_at": document.get("published_at"),
                "is_fallback": not own_text,
            },
        )
        SearchEntry.objects.filter(pk=entry.pk).update(vector=vector)


@transaction.atomic
def search_entry_refresh(*, model: type[models.Model], pk: int) -> None:
    """Index one record if it is public now, or drop it from the index if it is not."""
    source = source_for(model)
    if source is None:
        return
    content_type = ContentType.objects.get_for_model(model)
    record = source.public().filter(pk=pk).first()
    if record is None:
        SearchEntry.objects.filter(content_type=content_type, object_id=pk).delete()
        return
    _index_record(source=source, record=record, content_type=content_type)


@transaction.atomic
def search_index_rebuild() -> int:
    """Rebuild the whole index from every section's public records; returns the record count."""
    SearchEntry.objects.all().delete()
    count = 0
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        for record in source.public().iterator(chunk_size=500):
            _index_record(source=source, record=record, content_type=content_type)
            count += 1
    return count
