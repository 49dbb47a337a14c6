"""Reads of knowledge items; what the public may see is decided here for every channel."""

from functools import lru_cache

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from divisions.core.dashboard import StaffTask, staff_task
from divisions.core.fields import translated_columns
from divisions.core.geo import map_rows, page_address, translated
from divisions.core.jsonrows import json_rows, linked_slugs, local_time
from divisions.core.textdiff import text_diff

from .models import (
    Answer,
    BestPracticeSubmission,
    Choice,
    Comment,
    Consultation,
    ConsultationDocument,
    Item,
    ItemAttachment,
    ItemRevision,
    Participant,
    Question,
    ServiceManual,
    Subscription,
    Topic,
)


def item_public_list(*, filters: dict | None = None) -> QuerySet[Item]:
    """Published items, newest first, with what list pages show fetched up front."""
    items = (
        Item.objects.filter(status=Item.Status.PUBLISHED)
        .select_related("organisation")
        .prefetch_related("topics")
    )
    filters = filters or {}
    if kind := filters.get("kind"):
        items = items.filter(kind=kind)
    if topic := filters.get("topic"):
        items = items.filter(topics__slug=topic)
    if province := filters.get("province"):
        items = items.filter(provinces__contains=[province])
    if year := filters.get("year"):
        items = items.filter(published_at__year=year)
    return items


# What a list shows of an item: its title and summary in both languages, kind and date
# (an event's own date).
TEASER_FIELDS = ("kind", "status", "published_at", "starts_at", "title", "title_th", "title_en",
                 "summary", "summary_th", "summary_en")  # fmt: skip


COVER_FIELDS = ("cover_image", "cover_renditions", "cover_alt", "cover_alt_th", "cover_alt_en")


def item_teaser_list(
    *,
    filters: dict | None = None,
    topics: bool = False,
    bodies: bool = False,
    covers: bool = False,
) -> QuerySet[Item]:
    """Published items for list pages: no bodies (unless `bodies`: the questions and answers
    list shows its answers) and no organisation, which lists never show (an item's columns are
    mostly long bilingual texts); with `covers`, the cover image and its copies. With `topics`,
    each item's topic names in the reader's language as `topic_names`, from a subquery:
    cheaper than prefetching."""
    return item_teaser_rows(item_public_list(filters=filters), topics=topics, bodies=bodies,
                            covers=covers)  # fmt: skip


def item_teaser_rows(
    items: QuerySet[Item], *, topics: bool = False, bodies: bool = False, covers: bool = False
) -> QuerySet[Item]:
    """`items` with what `item_teaser_list` reads of each (a list page's rows)."""
    fields = (*TEASER_FIELDS, "body", "body_th", "body_en") if bodies else TEASER_FIELDS
    fields = (*fields, *COVER_FIELDS) if covers else fields
    items = items.select_related(None).prefetch_related(None).only(*fields)
    if topics:
        items = items.annotate(topic_names=_topic_names(get_language()))
    return items


@lru_cache(maxsize=len(settings.LANGUAGES))
def _topic_names(language: str) -> ArraySubquery:
    """An item's topic names in `language`, made once (building the subquery was more than
    half of building a list's queryset, profiled; annotating resolves a copy of it)."""
    # A plain QuerySet: modeltranslation's adds its language columns to values().
    names = QuerySet(model=Topic).filter(item=OuterRef("pk")).order_by("pk")
    with override(language):
        return ArraySubquery(names.values(label=translated("name")))


def item_public_get(*, pk: int) -> Item:
    """A published item, alone: what its page shows of other records is read by
    `item_relations_read`, when the page's body is rendered rather than kept."""
    return Item.objects.filter(status=Item.Status.PUBLISHED).get(pk=pk)


# What an item's page shows besides its kept body: its head (title, description, the
# Open Graph and JSON-LD facts) and breadcrumbs.
ITEM_HEAD_FIELDS = ("kind", "status", "cover_image", "published_at", "updated_at",
                    *translated_columns("title", "summary"))  # fmt: skip


def item_public_head_get(*, pk: int) -> Item:
    """A published item's head only: its whole row and related records are read for the
    body only when it is rendered (compiling and reading some sixty columns of texts in
    three languages was a third of the page, profiled)."""
    return Item.objects.filter(status=Item.Status.PUBLISHED).only(*ITEM_HEAD_FIELDS).get(pk=pk)


def item_relations_read(item: Item) -> Item:
    """The item with its organisation, topics and attachments read."""
    prefetch_related_objects([item], "organisation", "topics", "attachments")
    return item


def item_related(*, item: Item, limit: int = 4) -> list[Item]:
    """Items the editors linked, then others on the same topics, with only what the page
    shows of them (a teaser's fields: an item's full columns were most of the page's time)."""
    chosen = list(item_teaser_list().filter(related=item).exclude(pk=item.pk)[:limit])
    if len(chosen) < limit:
        topic_ids = [topic.pk for topic in item.topics.all()]
        chosen += list(
            item_teaser_list()
            .filter(topics__in=topic_ids)
            .exclude(Q(pk=item.pk) | Q(pk__in=[c.pk for c in chosen]))
            .distinct()[: limit - len(chosen)]
        )
    return chosen


def item_related_records(*, item: Item, user=None) -> list[tuple[str, str, str]]:
    """The datasets, projects and agreements an item is about, as far as the reader may see
    them (each section's own selector decides): (kind, title, address)."""
    from divisions.coordination.selectors import agreement_list
    from divisions.planning.selectors import project_list
    from divisions.spatial.selectors import dataset_list

    # Most items link to nothing: one query says which sections to ask.
    linked = (
        QuerySet(model=Item)
        .filter(pk=item.pk)
        .values(
            datasets=Exists(Item.related_datasets.through.objects.filter(item=item)),
            projects=Exists(Item.related_projects.through.objects.filter(item=item)),
            agreements=Exists(Item.related_agreements.through.objects.filter(item=item)),
        )
        .get()
    )
    groups = []
    if linked["datasets"]:
        datasets = dataset_list(user=user).filter(pk__in=item.related_datasets.values("pk"))
        groups.append((_("Dataset"), datasets))
    if linked["projects"]:
        projects = project_list(user=user).filter(pk__in=item.related_projects.values("pk"))
        groups.append((_("Project"), projects))
    if linked["agreements"]:
        agreements = agreement_list(user=user).filter(pk__in=item.related_agreements.values("pk"))
        groups.append((_("Agreement"), agreements.prefetch_related(None)))
    return [
        (str(kind), record.title, record.get_absolute_url())
        for kind, records in groups
        for record in records
    ]


def item_public_years(*, kind: str) -> list[int]:
    """CE years from the newest published item of a kind back to the oldest (year filter).

    First and last come from the list index; a DISTINCT over every row cost 40 ms at 20,000.
    """
    span = Item.objects.filter(status=Item.Status.PUBLISHED, kind=kind).aggregate(
        first=Min("published_at"), last=Max("published_at")
    )
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[key]).year for key in ("first", "last"))
    return list(range(last, first - 1, -1))


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.all()


def item_filter_choices(*, kind: str) -> tuple[list[tuple[str, str]], list[int]]:
    """What a list of items of `kind` offers to filter by: the topics (slug, name in the
    active language) and the CE years of its published items."""
    return [(t.slug, t.name) for t in topic_list()], item_public_years(kind=kind)


def item_search_document(item: Item) -> dict:
    """How an item reads in the site-wide search, in the active language."""
    return {
        "title": item.title,
        "summary": item.summary,
        "body": strip_tags(
            " ".join(
                filter(None, [item.body, item.problem, item.approach, item.results, item.lessons])
            )
        ),
        "url": item.get_absolute_url(),
        "published_at": item.published_at,
    }


def item_preview_get(*, pk: int) -> Item:
    """Any item, whatever its status: only for staff previews."""
    return item_relations_read(Item.objects.get(pk=pk))


def attachment_get(*, pk: int, user=None) -> ItemAttachment:
    """An attachment of a published item, or of any item for staff who preview items."""
    attachments = ItemAttachment.objects.all()
    if not (user and user.is_staff and user.has_perm("knowledge.view_item")):
        attachments = attachments.filter(item__status=Item.Status.PUBLISHED)
    return attachments.get(pk=pk)


def consultation_document_get(*, pk: int) -> ConsultationDocument:
    return ConsultationDocument.objects.filter(consultation__in=consultation_public_list()).get(
        pk=pk
    )


def item_revision_history(*, item: Item) -> list[dict]:
    """Revisions newest first, each with what changed since the one before it."""
    revisions = list(item.revisions.select_related("created_by").order_by("number"))
    # modeltranslation's fields are real fields with labels such as "title [th]".
    labels = {field.attname: str(field.verbose_name) for field in Item._meta.fields}
    labels["topics"] = str(Item._meta.get_field("topics").verbose_name)
    history, previous = [], {}
    for revision in revisions:
        changes = [
            {
                "field": labels.get(name, name),
                "diff": text_diff(_as_text(previous.get(name)), _as_text(value)),
            }
            for name, value in revision.content.items()
            if _as_text(previous.get(name)) != _as_text(value)
        ]
        history.append({"revision": revision, "changes": changes})
        previous = revision.content
    return list(reversed(history))


def item_revision_get(*, item: Item, number: int) -> ItemRevision:
    return item.revisions.get(number=number)


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def comment_public_list(*, item: Item) -> QuerySet[Comment]:
    """Approved comments, oldest first; the email address is never selected for pages."""
    return item.comments.filter(status=Comment.Status.APPROVED).only(
        "pk", "name", "body", "created_at", "language"
    )


def comment_public_get(*, pk: int) -> Comment:
    return Comment.objects.filter(
        status=Comment.Status.APPROVED, item__status=Item.Status.PUBLISHED
    ).get(pk=pk)


def personal_data_of(*, email: str) -> dict[str, list[dict]]:
    """Everything the section holds about one email address, for a PDPA access request."""
    email = email.strip().lower()
    comments = Comment.objects.filter(email__iexact=email).select_related("item")
    subscriptions = Subscription.objects.filter(email__iexact=email).prefetch_related("topics")
    participants = (
        Participant.objects.filter(email__iexact=email)
        .select_related("consultation")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("question", "choice").order_by(
                    "question__position", "pk"
                ),
            )
        )
    )
    submissions = BestPracticeSubmission.objects.filter(contact_email__iexact=email)
    return {
        "comments": [
            {
                "item": comment.item.title,
                "name": comment.name,
                "comment": comment.body,
                "status": comment.get_status_display(),
                "sent_at": comment.created_at.isoformat(),
            }
            for comment in comments
        ],
        "subscriptions": [
            {
                "language": subscription.language,
                "topics": [topic.name for topic in subscription.topics.all()],
                "confirmed_at": subscription.confirmed_at and subscription.confirmed_at.isoformat(),
            }
            for subscription in subscriptions
        ],
        "consultation_responses": [
            {
                "consultation": participant.consultation.title,
                "responded_at": participant.responded_at and participant.responded_at.isoformat(),
                "answers": [
                    {"question": answer.question.text, "answer": answer.text or str(answer.choice)}
                    for answer in participant.answers.all()
                ],
            }
            for participant in participants
        ],
        "best_practice_submissions": [
            {
                "title": submission.title,
                "organisation": submission.organisation,
                "contact_name": submission.contact_name,
                "contact_phone": submission.contact_phone,
                "status": submission.get_status_display(),
                "sent_at": submission.created_at.isoformat(),
            }
            for submission in submissions
        ],
    }


def subscription_get_by_token(*, token: str) -> Subscription:
    return Subscription.objects.get(token=token)


def consultation_public_list() -> QuerySet[Consultation]:
    return Consultation.objects.filter(is_public=True)


def consultation_open_list(*, now) -> QuerySet[Consultation]:
    """Public consultations taking answers now, those closing soonest first."""
    return (
        consultation_public_list()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")
    )


def event_upcoming_list(*, now) -> QuerySet[Item]:
    """Published events that have not ended, the soonest first."""
    return (
        item_public_list(filters={"kind": Item.Kind.EVENT})
        .select_related(None)
        .prefetch_related(None)
        .only(*TEASER_FIELDS, "ends_at", "place", "place_th", "place_en")
        .filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now))
        .order_by("starts_at")
    )


def consultation_public_get(*, pk: int) -> Consultation:
    return consultation_public_list().prefetch_related("documents").get(pk=pk)


def consultation_public_head_get(*, pk: int) -> Consultation:
    """A public consultation's title and dates only: its description and documents are read
    for the page's body only when it is rendered, not kept."""
    fields = ("opens_at", "closes_at", *translated_columns("title"))
    return consultation_public_list().only(*fields).get(pk=pk)


def consultation_search_document(consultation: Consultation) -> dict:
    return {
        "title": consultation.title,
        "summary": consultation.description,
        "body": " ".join(question.text for question in consultation.questions.all()),
        "url": consultation.get_absolute_url(),
        "published_at": consultation.opens_at,
    }


def participant_get_by_token(*, token: str) -> Participant:
    return Participant.objects.select_related("consultation").get(
        token=token, consultation__is_public=True
    )


def consultation_questions(*, consultation: Consultation) -> QuerySet[Question]:
    return consultation.questions.prefetch_related("choices")


def consultation_results(*, consultation: Consultation) -> dict:
    """Counts per choice and per question, from the answers of everyone who responded."""
    responded = consultation.participants.filter(responded_at__isnull=False).count()
    questions = consultation.questions.prefetch_related(
        Prefetch("choices", queryset=Choice.objects.annotate(votes=Count("answers")))
    ).annotate(text_answers=Count("answers", filter=~Q(answers__text="")))
    rows = []
    for question in questions:
        choices = [
            {
                "text": choice.text,
                "votes": choice.votes,
                "percent": round(100 * choice.votes / responded) if responded else 0,
            }
            for choice in question.choices.all()
        ]
        rows.append({"question": question, "choices": choices})
    return {"responded": responded, "questions": rows}


def consultation_export_rows(*, consultation: Consultation) -> tuple[list[str], list[list]]:
    """One row per respondent (numbered, no email), one column per question."""
    questions = list(consultation.questions.all())
    header = ["respondent", "responded_at", *(q.text for q in questions)]
    participants = (
        consultation.participants.filter(responded_at__isnull=False)
        .order_by("responded_at", "pk")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("choice")))
    )
    rows = []
    for number, participant in enumerate(participants, start=1):
        by_question: dict[int, list[str]] = {}
        for answer in participant.answers.all():
            value = answer.text or (answer.choice.text if answer.choice else "")
            by_question.setdefault(answer.question_id, []).append(value)
        rows.append(
            [
                number,
                timezone.localtime(participant.responded_at).isoformat(timespec="minutes"),
                *("; ".join(by_question.get(q.pk, [])) for q in questions),
            ]
        )
    return header, rows


def manual_public_list() -> QuerySet[ServiceManual]:
    return ServiceManual.objects.filter(is_public=True)


def manual_public_get(*, pk: int) -> ServiceManual:
    """A published manual, alone: its steps, documents and fees are read by
    `manual_parts_read`, when the page's body is rendered rather than kept."""
    return manual_public_list().get(pk=pk)


def manual_parts_read(manual: ServiceManual) -> ServiceManual:
    prefetch_related_objects([manual], "steps", "documents", "fees")
    return manual


def manual_search_document(manual: ServiceManual) -> dict:
    return {
        "title": manual.title,
        "summary": manual.summary,
        "body": " ".join([manual.channels, *(step.description for step in manual.steps.all())]),
        "url": manual.get_absolute_url(),
        "published_at": None,
    }


def event_map_rows(*, user=None) -> QuerySet:
    """Published events with a map point (for every user: drafts are never mapped), as the
    map and the OGC API read them: fid, properties (title in the active language, place,
    start, page) and geom."""
    return map_rows(
        Item.objects.filter(status=Item.Status.PUBLISHED, kind=Item.Kind.EVENT),
        properties={
            "title": translated("title"),
            "place": translated("place"),
            "starts_at": F("starts_at"),
            "url": page_address("knowledge:item-detail"),
        },
    )


def event_map_attributes() -> list[tuple[str, str, str]]:
    return [
        ("title", "string", _("Title")),
        ("place", "string", _("Place")),
        ("starts_at", "datetime", _("Starts")),
        ("url", "string", _("Page")),
    ]


def staff_tasks(*, user) -> list[StaffTask]:
    """What waits for the user in the knowledge section: reviews, approvals, moderation."""
    tasks = []
    items = "admin:knowledge_item_changelist"
    if user.has_perm("knowledge.change_item"):
        waiting = Item.objects.filter(status=Item.Status.IN_REVIEW).aggregate(
            count=Count("pk"), since=Min("updated_at")
        )
        tasks.append(
            staff_task(_("Items waiting for review"), waiting["count"], items,
                       "status__exact=in_review", since=waiting["since"])
        )  # fmt: skip
    if user.has_perm("knowledge.publish_item"):
        changes = Item.objects.filter(draft_revision__isnull=False).aggregate(
            count=Count("pk"), since=Min("draft_revision__created_at")
        )
        tasks.append(
            staff_task(_("Changes to published items waiting for approval"), changes["count"],
                       items, "waiting=yes", since=changes["since"])
        )  # fmt: skip
    if user.has_perm("knowledge.change_comment"):
        comments = "admin:knowledge_comment_changelist"
        pending = Comment.objects.filter(status=Comment.Status.PENDING).count()
        tasks.append(
            staff_task(_("Comments to moderate"), pending, comments, "status__exact=pending")
        )
    if user.has_perm("knowledge.change_bestpracticesubmission"):
        received = BestPracticeSubmission.objects.filter(
            status=BestPracticeSubmission.Status.RECEIVED
        ).count()
        tasks.append(
            staff_task(
                _("Best practices sent in, to read"), received,
                "admin:knowledge_bestpracticesubmission_changelist", "status__exact=received",
            )
        )  # fmt: skip
    return tasks


def item_api_rows(*, ids: list[int], user=None, url: str = "") -> dict[int, str]:
    """The items `ids` as the API lists them (ItemSerializer.Meta.fields, in its order),
    written by PostgreSQL. The viewset (JSONRowsList) chose the published ids."""
    language = "en" if get_language() == "en" else "th"  # topics in the reader's order
    topics = linked_slugs(
        link=Item.topics.through._meta.db_table, own="item_id", other="topic_id",
        table=Topic._meta.db_table, order=f"o.name_{language}",
    )  # fmt: skip
    plain = ("id", "kind", "title_th", "title_en", "summary_th", "summary_en", "body_th",
             "body_en")  # fmt: skip
    fields = [
        *((name, f"r.{name}") for name in plain),
        ("topics", topics),
        ("provinces", "r.provinces"),
        ("tags", "r.tags"),
        ("published_at", local_time("r.published_at")),
        ("updated_at", local_time("r.updated_at")),
    ]
    return json_rows(fields=fields, source=f"{Item._meta.db_table} r", ids=ids, url=url)
