"""Reads of coordination records, with the rules of who may see what."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries
from django_otp.plugins.otp_totp.models import TOTPDevice

from divisions.core.dashboard import StaffTask, staff_task
from divisions.core.fields import translated_columns
from divisions.core.geo import map_rows, page_address, translated
from divisions.core.jsonrows import json_rows, linked_slugs, local_time
from divisions.core.provinces import Province

from .models import (
    ActionItem,
    Agency,
    AgendaItem,
    Agreement,
    AgreementParty,
    Attendance,
    CalendarToken,
    DataRequest,
    Document,
    Meeting,
    MeetingSeries,
)


def agency_list(*, filters: dict | None = None) -> QuerySet[Agency]:
    """Agencies of the shared registry; the registry itself is public information."""
    agencies = Agency.objects.select_related("parent")
    filters = filters or {}
    if kind := filters.get("kind"):
        agencies = agencies.filter(kind=kind)
    if province := filters.get("province"):
        agencies = agencies.filter(province=province)
    return agencies


def agency_get(*, slug: str) -> Agency:
    return agency_list().get(slug=slug)


# What names an agency (str(agency): its name and short name, with their fallbacks).
AGENCY_NAME_FIELDS = ("slug", *translated_columns("name", "short_name"))


def agency_head_get(*, slug: str) -> Agency:
    """What an agency's page shows besides its kept body (its names): the whole row and its
    parent are read for the body only when it is rendered."""
    return Agency.objects.only(*AGENCY_NAME_FIELDS).get(slug=slug)


def agency_search_document(agency: Agency) -> dict[str, str]:
    """How an agency reads in the site-wide search, in the active language."""
    parts = [agency.kind_label]
    if agency.province:
        parts.append(agency.province_label)
    return {
        "title": agency.name,
        "summary": " · ".join(str(p) for p in parts),
        "body": " ".join(filter(None, [agency.short_name, agency.website])),
        "url": agency.get_absolute_url(),
    }


def agency_teaser_list() -> QuerySet[Agency]:
    """The newest agencies, with only what a teaser shows (the home page)."""
    return (
        agency_list()
        .select_related(None)
        .prefetch_related(None)
        .only("slug", "name", "name_th", "name_en", "short_name", "short_name_th",
              "short_name_en", "created_at")
        .order_by("-created_at")
    )  # fmt: skip


def _can_see_internal(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("coordination.view_meeting"))


def meeting_public_list() -> QuerySet[Meeting]:
    return Meeting.objects.filter(is_public=True).select_related("series")


def meeting_list(*, user=None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("series")
    return meetings if _can_see_internal(user) else meetings.filter(is_public=True)


def meeting_get(*, pk: int, user=None, related: bool = True) -> Meeting:
    """A meeting and its series (every page names it); with `related`, `meeting_related`."""
    meeting = meeting_list(user=user).select_related("series").get(pk=pk)
    return meeting_related(meeting) if related else meeting


def meeting_related(meeting: Meeting) -> Meeting:
    """The meeting with its organiser, the meeting that adopted its minutes, its agencies,
    agenda, attendance and action items read."""
    prefetch_related_objects(
        [meeting],
        "series__organiser",
        "minutes_adopted_at__series",
        "agencies",
        Prefetch(
            "agenda",
            queryset=AgendaItem.objects.select_related("agreement").order_by("position", "pk"),
        ),
        Prefetch("attendance", queryset=Attendance.objects.select_related("agency", "contact")),
        Prefetch(
            "actions",
            queryset=ActionItem.objects.select_related("owner_agency", "owner_contact"),
        ),
    )
    return meeting


def minutes_shown(*, meeting: Meeting, user=None) -> bool:
    """Minutes, and the decisions they record, are the committee's own until adopted: the
    public reads them from then on, staff while they are drafted and circulated."""
    return meeting.minutes_status == Meeting.MinutesStatus.ADOPTED or _can_see_internal(user)


def minutes_adopted_at(*, meeting: Meeting, user=None) -> Meeting | None:
    """The meeting that adopted these minutes, when the user may see that meeting."""
    adopting = meeting.minutes_adopted_at
    if adopting is None or not (adopting.is_public or _can_see_internal(user)):
        return None
    return adopting


def agenda_outline(*, meeting: Meeting, user=None) -> list[tuple[AgendaItem, int]]:
    """The agenda in reading order, each item with its depth (0 for a main item, 1 for its
    sub-items, …); an item's agreement is kept only when the user may see it."""
    items = list(meeting.agenda.all())
    visible = set(
        agreement_list(user=user)
        .filter(pk__in=[i.agreement_id for i in items if i.agreement_id])
        .values_list("pk", flat=True)
    )
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
        item.visible_agreement = item.agreement if item.agreement_id in visible else None
    outline: list[tuple[AgendaItem, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for item in children.get(parent_id, []):
            outline.append((item, depth))
            walk(item.pk, depth + 1)

    walk(None, 0)
    return outline


def action_items_carried_over(*, meeting: Meeting, user=None) -> QuerySet[ActionItem]:
    """Action items of earlier meetings of the series still open when this one started
    (of meetings the user may see: an internal meeting's items stay internal)."""
    return (
        ActionItem.objects.filter(
            meeting__in=meeting_list(user=user).values("pk"),
            meeting__series_id=meeting.series_id,
            meeting__starts_at__lt=meeting.starts_at,
        )
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=meeting.starts_at))
        .select_related("meeting__series", "owner_agency")
        .order_by("due_date", "pk")
    )


def meeting_search_document(meeting: Meeting) -> dict:
    """How a public meeting reads in the site-wide search, in the active language."""
    return {
        "title": f"{meeting.title} ({meeting.series} {meeting.number_label})",
        "summary": meeting.place,
        "body": " ".join(meeting.agenda.values_list("title", flat=True)),
        "url": meeting.get_absolute_url(),
        "published_at": meeting.starts_at,
    }


def agreement_list(*, user=None, filters: dict | None = None) -> QuerySet[Agreement]:
    """Agreements the user may see (public ones for everyone, all for coordination staff),
    filtered by the register's facets."""
    agreements = Agreement.objects.all()
    if not (user and user.is_authenticated and user.has_perm("coordination.view_agreement")):
        agreements = agreements.filter(is_public=True)
    filters = filters or {}
    for field in ("scope", "status"):
        if value := filters.get(field):
            agreements = agreements.filter(**{field: value})
    if theme := filters.get("theme"):
        agreements = agreements.filter(themes__contains=[theme])
    if partner := filters.get("partner"):
        agreements = agreements.filter(parties__agency__slug=partner)
    return agreements.prefetch_related(_parties())


def _parties() -> Prefetch:
    return Prefetch(
        "parties", queryset=AgreementParty.objects.select_related("agency").order_by("pk")
    )


def agreement_get(*, pk: int, user=None, related: bool = True) -> Agreement:
    agreement = agreement_list(user=user).prefetch_related(None).get(pk=pk)
    return agreement_related_read(agreement) if related else agreement


def agreement_related_read(agreement: Agreement) -> Agreement:
    """The agreement with its parties, obligations and the agreements it belongs to or renews
    read."""
    prefetch_related_objects(
        [agreement],
        "umbrella",
        "renews",
        "obligations",
        _parties(),
    )
    return agreement


def calendar_user_get(*, token: str):
    """The staff member whose private calendar address this is. With the second factor
    required, only someone who has set one up: an address seen before that is worth nothing."""
    tokens = CalendarToken.objects.select_related("user").filter(user__is_active=True)
    if settings.OTP_REQUIRED:
        tokens = tokens.filter(
            Exists(TOTPDevice.objects.filter(user=OuterRef("user"), confirmed=True))
        )
    return tokens.get(token=token).user


def calendar_meetings(*, user=None, limit: int = 500) -> QuerySet[Meeting]:
    """Meetings for a calendar feed: the recent past and everything ahead."""
    since = timezone.now() - timedelta(days=365)
    return meeting_list(user=user).filter(starts_at__gte=since).order_by("starts_at")[:limit]


def dashboard(*, user, today: date) -> dict:
    """What a coordinator looks at first; a fixed number of queries however much there is."""
    return {
        "upcoming": list(
            meeting_list(user=user).filter(starts_at__date__gte=today).order_by("starts_at")[:10]
        ),
        "overdue": list(
            ActionItem.objects.filter(
                status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
                due_date__lt=today,
            )
            .select_related("meeting__series", "owner_agency")
            .order_by("due_date")[:50]
        ),
        "expiring": list(
            agreement_list(user=user)
            .filter(
                status__in=Agreement.IN_FORCE,
                expires_on__gte=today,
                expires_on__lte=today + timedelta(days=180),
            )
            .order_by("expires_on")[:50]
        ),
        "requests": list(
            DataRequest.objects.filter(
                status__in=[DataRequest.Status.RECEIVED, DataRequest.Status.IN_PROGRESS]
            )
            .select_related("agency")
            .order_by("due_on", "received_on")[:50]
        ),
    }


def _day(value) -> str:
    return value.isoformat() if value else ""


def meeting_export_rows(meetings: QuerySet[Meeting]) -> tuple[list[str], list[list]]:
    header = [str(_("Series")), str(_("Number")), str(_("Title")), str(_("Kind")),
              str(_("Starts")), str(_("Ends")), str(_("Place")), str(_("Public"))]  # fmt: skip
    rows = [
        [
            str(m.series),
            m.number_label,
            m.title,
            m.get_kind_display(),
            timezone.localtime(m.starts_at).isoformat(),
            timezone.localtime(m.ends_at).isoformat(),
            m.place,
            m.is_public,
        ]  # fmt: skip
        for m in meetings.select_related("series").order_by("starts_at")
    ]
    return header, rows


def action_item_export_rows(actions: QuerySet[ActionItem]) -> tuple[list[str], list[list]]:
    header = [str(_("Raised at")), str(_("What is to be done")), str(_("Responsible agency")),
              str(_("Due")), str(_("Status")), str(_("Progress")), str(_("Closed"))]  # fmt: skip
    rows = [
        [
            f"{a.meeting.series} {a.meeting.number_label}",
            a.description,
            str(a.owner_agency),
            _day(a.due_date),
            a.get_status_display(),
            a.progress,
            timezone.localtime(a.closed_at).isoformat() if a.closed_at else "",
        ]  # fmt: skip
        for a in actions.select_related("meeting__series", "owner_agency").order_by("due_date")
    ]
    return header, rows


def agreement_export_rows(agreements: QuerySet[Agreement]) -> tuple[list[str], list[list]]:
    header = [str(_("Registry number")), str(_("Title")), str(_("Kind")),
              str(_("Domestic or international")), str(_("Status")), str(_("Parties")),
              str(_("Signed")), str(_("Effective from")), str(_("Expires on")),
              str(_("Public"))]  # fmt: skip
    rows = [
        [
            a.registry_number,
            a.title,
            a.get_kind_display(),
            a.get_scope_display(),
            a.get_status_display(),
            ", ".join(str(p.agency) for p in a.parties.all()),
            _day(a.signed_on),
            _day(a.effective_on),
            _day(a.expires_on),
            a.is_public,
        ]  # fmt: skip
        for a in agreements.prefetch_related(
            Prefetch(
                "parties", queryset=AgreementParty.objects.select_related("agency").order_by("pk")
            )
        ).order_by("registry_number")
    ]
    return header, rows


def meeting_map_rows(*, user=None) -> QuerySet:
    """Meetings with a map point that the user may see, as the map and the OGC API read them."""
    return map_rows(
        meeting_list(user=user),
        properties={
            "title": translated("title"),
            "place": translated("place"),
            "starts_at": F("starts_at"),
            "url": page_address("coordination:meeting-detail"),
        },
    )


def meeting_map_attributes() -> list[tuple[str, str, str]]:
    return [
        ("title", "string", _("Meeting")),
        ("place", "string", _("Place")),
        ("starts_at", "datetime", _("Starts")),
        ("url", "string", _("Page")),
    ]


def partner_map_rows(*, user=None) -> QuerySet:
    """Partners of public agreements that have a place, at home and abroad, as the map and
    the OGC API read them: the agency, its country and province, its agreements. The same
    for every user: the register maps public agreements only."""
    public = AgreementParty.objects.filter(agency=OuterRef("pk"), agreement__is_public=True)
    agencies = Agency.objects.annotate(
        agreements=Subquery(
            public.values("agency").annotate(n=Count("agreement", distinct=True)).values("n")
        )
    ).filter(agreements__gt=0)
    page = reverse("coordination:agency-detail", kwargs={"slug": "-"}).removesuffix("-/")
    return map_rows(
        agencies,
        properties={
            "name": translated("name"),
            # The country's name in the reader's language, not its code.
            "country": Case(
                *[When(country=code, then=Value(str(name))) for code, name in countries],
                default=F("country"),
                output_field=CharField(),
            ),
            "province": Case(
                *[
                    When(province=code, then=Value(str(label))) for code, label in Province.choices
                ],  # fmt: skip
                default=Value(""),
                output_field=CharField(),
            ),
            "agreements": F("agreements"),
            "url": Concat(Value(page), F("slug"), Value("/")),
        },
    )


def partner_map_attributes() -> list[tuple[str, str, str]]:
    return [
        ("name", "string", _("Agency")),
        ("country", "string", _("Country")),
        ("province", "string", _("Province")),
        ("agreements", "integer", _("Public agreements")),
        ("url", "string", _("Page")),
    ]


def agreement_search_document(agreement: Agreement) -> dict:
    """How a public agreement reads in the site-wide search, in the active language."""
    return {
        "title": agreement.title,
        "summary": " · ".join(
            [agreement.registry_number, *(str(p.agency) for p in agreement.parties.all())]
        ),
        "body": agreement.summary,
        "url": agreement.get_absolute_url(),
        "published_at": agreement.updated_at,
    }


def document_get(*, pk: int, user=None) -> Document:
    """A meeting's or an agreement's paper, if the user may see it."""
    documents = Document.objects.all()
    if not (user and user.is_authenticated and user.has_perm("coordination.view_document")):
        documents = documents.filter(is_public=True).filter(
            Q(meeting__is_public=True) | Q(agreement__is_public=True)
        )
    return documents.get(pk=pk)


def public_documents(documents, user=None) -> list[Document]:
    """The papers of a record a reader may see (the record itself is visible already)."""
    if user and user.is_authenticated and user.has_perm("coordination.view_document"):
        return list(documents)
    return [document for document in documents if document.is_public]


def staff_tasks(*, user) -> list[StaffTask]:
    """What waits for the user in coordination: minutes, overdue actions, expiring MOUs."""
    tasks = []
    if user.has_perm("coordination.change_meeting"):
        meetings = "admin:coordination_meeting_changelist"
        held = Meeting.objects.filter(starts_at__lt=timezone.now())
        to_write = held.filter(minutes_status=Meeting.MinutesStatus.DRAFT).count()
        to_adopt = held.filter(minutes_status=Meeting.MinutesStatus.CIRCULATED).count()
        tasks += [
            staff_task(_("Minutes to write"), to_write, meetings, "minutes_status__exact=draft"),
            staff_task(
                _("Minutes circulated, to adopt"), to_adopt, meetings,
                "minutes_status__exact=circulated",
            ),
        ]  # fmt: skip
    if user.has_perm("coordination.change_actionitem"):
        overdue = ActionItem.objects.filter(
            due_date__lt=timezone.localdate(),
            status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        ).count()
        tasks.append(
            staff_task(_("Action items past their due date"), overdue,
                       "admin:coordination_actionitem_changelist", "status__exact=open")
        )  # fmt: skip
    if user.has_perm("coordination.change_agreement"):
        expiring = Agreement.objects.filter(status=Agreement.Status.EXPIRING).count()
        tasks.append(
            staff_task(_("Agreements about to expire"), expiring,
                       "admin:coordination_agreement_changelist", "status__exact=expiring")
        )  # fmt: skip
    return tasks


def meeting_api_rows(*, ids: list[int], user=None, url: str = "") -> dict[int, str]:
    """The meetings `ids` as the API lists them (MeetingSerializer.Meta.fields, in its order),
    written by PostgreSQL; agenda decisions blank where the minutes are not yet the public's
    (minutes_shown). The viewset (JSONRowsList) chose the ids the user may read."""
    language = "en" if get_language() == "en" else "th"  # agencies in the reader's order
    decision = (
        "ag.decision_{0}" if _can_see_internal(user)
        else "CASE WHEN r.minutes_status = 'adopted' THEN ag.decision_{0} ELSE '' END"
    )  # fmt: skip
    agenda = f"""COALESCE((
        SELECT json_agg(json_build_object(
            'number', ag.number, 'title_th', ag.title_th, 'title_en', ag.title_en,
            'decision_th', {decision.format("th")}, 'decision_en', {decision.format("en")})
            ORDER BY ag.position, ag.id)
        FROM {AgendaItem._meta.db_table} ag WHERE ag.meeting_id = r.id), '[]'::json)"""
    agencies = linked_slugs(
        link=Meeting.agencies.through._meta.db_table, own="meeting_id", other="agency_id",
        table=Agency._meta.db_table, order=f"o.name_{language}",
    )  # fmt: skip
    plain = ("number", "year_be", "title_th", "title_en", "kind", "mode", "place_th",
             "place_en", "link")  # fmt: skip
    fields = [
        ("id", "r.id"),
        ("series", "s.slug"),
        *((name, f"r.{name}") for name in plain),
        ("starts_at", local_time("r.starts_at")),
        ("ends_at", local_time("r.ends_at")),
        ("agencies", agencies),
        ("is_public", "r.is_public"),
        ("minutes_status", "r.minutes_status"),
        ("agenda", agenda),
    ]
    source = (f"{Meeting._meta.db_table} r "
              f"JOIN {MeetingSeries._meta.db_table} s ON s.id = r.series_id")  # fmt: skip
    return json_rows(fields=fields, source=source, ids=ids, url=url)


def agreement_api_rows(*, ids: list[int], user=None, url: str = "") -> dict[int, str]:
    """The agreements `ids` as the API lists them (AgreementSerializer.Meta.fields, in its
    order), written by PostgreSQL, parties in the order they were entered. The viewset
    (JSONRowsList) chose the ids the user may read."""
    parties = linked_slugs(
        link=AgreementParty._meta.db_table, own="agreement_id", other="agency_id",
        table=Agency._meta.db_table, order="k.id",
    )  # fmt: skip
    plain = ("id", "registry_number", "title_th", "title_en", "kind", "scope", "status",
             "themes", "signed_on", "effective_on", "expires_on", "auto_renews",
             "is_public")  # fmt: skip
    fields = [*((name, f"r.{name}") for name in plain), ("parties", parties)]
    return json_rows(fields=fields, source=f"{Agreement._meta.db_table} r", ids=ids, url=url)


def agency_api_rows(*, ids: list[int], user=None, url: str = "") -> dict[int, str]:
    """The agencies `ids` as the API lists them (AgencySerializer.Meta.fields, in its order),
    written by PostgreSQL."""
    plain = ("slug", "name_th", "name_en", "short_name_th", "short_name_en", "kind")
    fields = [
        *((name, f"r.{name}") for name in plain),
        ("parent", "parent.slug"),
        ("country", "r.country"),
        ("province", "r.province"),
        ("website", "r.website"),
        ("updated_at", local_time("r.updated_at")),
    ]
    table = Agency._meta.db_table
    source = f"{table} r LEFT JOIN {table} parent ON parent.id = r.parent_id"
    return json_rows(fields=fields, source=source, ids=ids, url=url)


def agreement_partner_choices(*, user=None) -> list[tuple[str, str]]:
    """The partners of the agreements the user may see, as the register's filter lists them:
    (slug, name in the reader's language with its own abbreviation), by name. Read as plain
    values: the register has thousands of partners, and a model instance each was most of
    the page's time."""
    short = f"short_name_{'en' if get_language() == 'en' else 'th'}"  # not Thai beside English
    name = translated("name")
    label = Concat(name, Case(
        When(**{f"{short}__gt": ""},
             then=Concat(Value(" ("), F(short), Value(")"), output_field=CharField())),
        default=Value(""),
    ), output_field=CharField())  # fmt: skip
    return list(
        Agency.objects.filter(agreementparty__agreement__in=agreement_list(user=user).values("pk"))
        .distinct()
        .annotate(label=label, sort_name=name)
        .order_by("sort_name", "slug")
        .values_list("slug", "label")
    )
