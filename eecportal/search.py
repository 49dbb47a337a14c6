"""What the site-wide search indexes: each section's public records, kept fresh on every save
and on every change a section announces (records_changed), which also invalidates the public
page cache; a periodic reconcile repairs whatever drift remains."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from divisions.coordination import selectors as coordination_selectors
from divisions.core.signals import records_changed
from divisions.knowledge import selectors as knowledge_selectors
from divisions.planning import selectors as planning_selectors
from divisions.spatial import selectors as spatial_selectors

from .models import Section


@dataclass(frozen=True)
class Source:
    model: type[models.Model]
    section: str
    # The section's own selector of public records: visibility is decided there, once.
    public: Callable[[], models.QuerySet]
    # Renders a record in the active language as title, summary, body, url (+ published_at).
    document: Callable[[models.Model], dict]
    # The translated field whose emptiness means "no text of its own in this language".
    own_text_field: str


def sources() -> list[Source]:
    from divisions.coordination.models import Agency, Agreement, Meeting
    from divisions.knowledge.models import Consultation, Item, ServiceManual
    from divisions.planning.models import Project
    from divisions.spatial.models import Dataset

    return [
        Source(
            model=Dataset,
            section=Section.SPATIAL,
            public=spatial_selectors.dataset_public_list,
            document=spatial_selectors.dataset_search_document,
            own_text_field="title",
        ),
        Source(
            model=Item,
            section=Section.KNOWLEDGE,
            public=knowledge_selectors.item_public_list,
            document=knowledge_selectors.item_search_document,
            own_text_field="title",
        ),
        Source(
            model=Consultation,
            section=Section.KNOWLEDGE,
            public=knowledge_selectors.consultation_public_list,
            document=knowledge_selectors.consultation_search_document,
            own_text_field="title",
        ),
        Source(
            model=ServiceManual,
            section=Section.KNOWLEDGE,
            public=knowledge_selectors.manual_public_list,
            document=knowledge_selectors.manual_search_document,
            own_text_field="title",
        ),
        Source(
            model=Meeting,
            section=Section.COORDINATION,
            public=coordination_selectors.meeting_public_list,
            document=coordination_selectors.meeting_search_document,
            own_text_field="title",
        ),
        Source(
            model=Agreement,
            section=Section.COORDINATION,
            public=coordination_selectors.agreement_list,
            document=coordination_selectors.agreement_search_document,
            own_text_field="title",
        ),
        Source(
            model=Agency,
            section=Section.COORDINATION,
            public=coordination_selectors.agency_list,
            document=coordination_selectors.agency_search_document,
            own_text_field="name",
        ),
        Source(
            model=Project,
            section=Section.PLANNING,
            public=planning_selectors.project_public_list,
            document=planning_selectors.project_search_document,
            own_text_field="title",
        ),
    ]


def source_for(model: type[models.Model]) -> Source | None:
    return next((s for s in sources() if s.model is model), None)


def _on_change(sender, instance, **kwargs) -> None:
    from .pagecache import page_cache_bump
    from .services import search_entry_refresh

    pk = instance.pk
    transaction.on_commit(lambda: search_entry_refresh(model=sender, pk=pk))
    transaction.on_commit(page_cache_bump)


def _on_records_changed(sender, pks, **kwargs) -> None:
    from .pagecache import page_cache_bump
    from .services import search_entry_refresh

    if source_for(sender) is not None:
        for pk in pks:
            transaction.on_commit(lambda pk=pk: search_entry_refresh(model=sender, pk=pk))
    transaction.on_commit(page_cache_bump)


def _on_other_public_change(sender, instance, **kwargs) -> None:
    from .pagecache import page_cache_bump

    transaction.on_commit(page_cache_bump)


def cache_only_models() -> list[type[models.Model]]:
    """Records shown on public pages but not searched (parts of a searched record shown on its
    pages, saved on their own as often as with it): their changes only refresh pages."""
    from divisions.coordination.models import (
        ActionItem,
        AgendaItem,
        AgreementParty,
        Attendance,
        Document,
        MeetingSeries,
        Obligation,
    )
    from divisions.knowledge.models import (
        Comment,
        ConsultationDocument,
        ItemAttachment,
        ManualDocument,
        ManualFee,
        ManualStep,
        Question,
        Topic,
    )
    from divisions.planning.models import Budget
    from divisions.spatial.models import Layer, LayerAttribute, Resource

    return [
        Comment, Layer, LayerAttribute, Resource, Budget, AgreementParty, Obligation, Document,
        MeetingSeries, AgendaItem, Attendance, ActionItem, ItemAttachment, ConsultationDocument,
        Question, ManualStep, ManualDocument, ManualFee, Topic,
    ]  # fmt: skip


def connect_signals() -> None:
    # Index upkeep follows saves the way Wagtail's and Haystack's signal processors do;
    # the rules of what is public stay in each section's selectors.
    for source in sources():
        post_save.connect(_on_change, sender=source.model, dispatch_uid=f"search-{source.model}")
        post_delete.connect(
            _on_change, sender=source.model, dispatch_uid=f"search-del-{source.model}"
        )
    records_changed.connect(_on_records_changed, dispatch_uid="search-records-changed")
    for model in cache_only_models():
        for signal in (post_save, post_delete):
            signal.connect(_on_other_public_change, sender=model, dispatch_uid=f"page-{model}")
    # Links between records (a meeting's agencies, an item's topics) change pages too.
    for source in sources():
        for field in source.model._meta.many_to_many:
            m2m_changed.connect(
                _on_other_public_change,
                sender=field.remote_field.through,
                dispatch_uid=f"page-m2m-{field.remote_field.through}",
            )
