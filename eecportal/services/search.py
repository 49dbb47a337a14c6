"""Writes of the site-wide search index: one record's entries, the whole index, and the
vocabulary "did you mean" draws on."""

import unicodedata

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.db.models import Value
from django.utils import translation

from divisions.core.thai import index_words, segment

from ..models import SearchEntry, SearchTerm, SearchText
from ..pagecache import page_cache_bump
from ..search import Source, source_for, sources
from .follows import public_change_record, public_changes_forget

# Thai has no stemmer in PostgreSQL: segmented words are indexed as they are.
SEARCH_CONFIGS = {"th": "simple", "en": "english"}


VOCABULARY_MIN_LENGTH = 3
VOCABULARY_MAX_LENGTH = 100


def _vocabulary(words: list[str]) -> set[str]:
    # Letters and combining marks only: Thai vowels and tone marks are marks, not letters.
    return {
        word.lower()
        for word in words
        if VOCABULARY_MIN_LENGTH <= len(word) <= VOCABULARY_MAX_LENGTH
        and all(unicodedata.category(char)[0] in "LM" for char in word)
    }


def _save_vocabulary(words: set[str]) -> None:
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word) for word in sorted(words)], ignore_conflicts=True
    )


def _entries_for(
    *, source: Source, record: models.Model, content_type: ContentType, vocabulary: set[str]
) -> list[tuple[SearchEntry, SearchText]]:
    """The record's index rows, one per language, with vectors PostgreSQL computes on insert:
    title, summary and body weighted in that order; the parts of compounds and the other
    forms of abbreviations as the summary when in the title (นักลงทุน in a title is about
    ลงทุน more than a passing word of the body is), else last. Every public word is added to
    `vocabulary`."""
    entries = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            document = source.document(record)
        config = SEARCH_CONFIGS[language]
        texts = [document["title"], document["summary"], document["body"]]
        title, summary, body = (segment(text) for text in texts)
        title_extra, extra = index_words(texts[0]), index_words(" ".join(texts[1:]))
        vocabulary |= _vocabulary(title + summary + body)
        vector = (
            SearchVector(Value(" ".join(title)), config=config, weight="A")
            + SearchVector(Value(" ".join(summary + title_extra)), config=config, weight="B")
            + SearchVector(Value(" ".join(body)), config=config, weight="C")
            + SearchVector(Value(" ".join(extra)), config=config, weight="D")
        )
        entry = SearchEntry(
            content_type=content_type,
            object_id=record.pk,
            language=language,
            section=source.section,
            title=document["title"],
            url=document["url"],
            published_at=document.get("published_at"),
            is_fallback=not getattr(record, f"{source.own_text_field}_{language}", ""),
            vector=vector,
        )
        entries.append((entry, SearchText(summary=document["summary"], body=document["body"])))
    return entries


def _save_entries(pairs: list[tuple[SearchEntry, SearchText]]) -> None:
    # One language's entries side by side: a query reads only its language's table pages.
    pairs = sorted(pairs, key=lambda pair: pair[0].language)
    SearchEntry.objects.bulk_create([entry for entry, _text in pairs])
    for entry, text in pairs:
        text.entry = entry
    SearchText.objects.bulk_create([text for _entry, text in pairs])


@transaction.atomic
def search_entry_refresh(*, model: type[models.Model], pk: int) -> None:
    """Index one record if it is public now, or drop it from the index if it is not. When what
    the public reads of it changes (or it becomes public), the change is kept for followers;
    when it stops being public, its changes go too."""
    source = source_for(model)
    if source is None:
        return
    content_type = ContentType.objects.get_for_model(model)
    old_entries = list(
        SearchEntry.objects.filter(content_type=content_type, object_id=pk).select_related("text")
    )
    old_texts = {
        (entry.language, entry.title, entry.text.summary, entry.text.body) for entry in old_entries
    }
    old_words = _vocabulary(
        [word for entry in old_entries
         for text in (entry.title, entry.text.summary, entry.text.body) for word in segment(text)]
    )  # fmt: skip
    SearchEntry.objects.filter(pk__in=[entry.pk for entry in old_entries]).delete()
    record = source.public().filter(pk=pk).first()
    vocabulary: set[str] = set()
    if record is not None:
        pairs = _entries_for(
            source=source, record=record, content_type=content_type, vocabulary=vocabulary
        )
        _save_entries(pairs)
        _save_vocabulary(vocabulary)
        if {(e.language, e.title, t.summary, t.body) for e, t in pairs} != old_texts:
            public_change_record(
                record=record,
                published=not old_texts,
                titles={entry.language: entry.title for entry, _text in pairs},
                paths={entry.language: entry.url for entry, _text in pairs},
            )
    else:
        public_changes_forget(model=model, pk=pk)
    _prune_vocabulary(old_words - vocabulary)


def _prune_vocabulary(words: set[str]) -> None:
    """Forget the words no public entry holds any more (a record became internal, or lost a
    word): "did you mean" offers only what a reader can find."""
    if not words:
        return
    entries, terms = SearchEntry._meta.db_table, SearchTerm._meta.db_table
    still_held = " OR ".join(
        f"EXISTS (SELECT 1 FROM {entries} e WHERE e.language = '{language}'"
        f" AND e.vector @@ plainto_tsquery('{config}', t.word))"
        for language, config in SEARCH_CONFIGS.items()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {terms} t WHERE t.word = ANY(%s) AND NOT ({still_held})", [list(words)]
        )


REBUILD_BATCH = 5000


@transaction.atomic
def search_index_rebuild() -> int:
    """Rebuild the whole index from every section's public records; returns the record count."""
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    count = 0
    vocabulary: set[str] = set()
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        batch: list[tuple[SearchEntry, SearchText]] = []
        for record in source.public().iterator(chunk_size=500):
            batch += _entries_for(
                source=source, record=record, content_type=content_type, vocabulary=vocabulary
            )
            count += 1
            if len(batch) >= REBUILD_BATCH:
                _save_entries(batch)
                batch = []
        _save_entries(batch)
    _save_vocabulary(vocabulary)
    transaction.on_commit(page_cache_bump)  # searches kept for readers are of the old index
    return count


def search_index_reconcile() -> dict[str, int]:
    """Repair drift between the index and what each section holds public now: entries of
    records that are gone or no longer public are removed, public records the index lacks
    are added. Run by beat; the index is otherwise kept by every change as it happens."""
    removed = added = 0
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        public = set(source.public().values_list("pk", flat=True))
        indexed = set(
            SearchEntry.objects.filter(content_type=content_type).values_list(
                "object_id", flat=True
            )
        )
        for pk in indexed - public:
            search_entry_refresh(model=source.model, pk=pk)
            removed += 1
        for pk in public - indexed:
            search_entry_refresh(model=source.model, pk=pk)
            added += 1
    if removed or added:
        page_cache_bump()  # searches kept for readers are of the old index
    return {"removed": removed, "added": added}
