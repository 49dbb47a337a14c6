from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from divisions.core.fragments import public_value
from divisions.core.paging import list_page
from divisions.core.params import choice_param
from divisions.core.provinces import Province, province_choices
from divisions.core.uploads import file_response

from .documents import MINUTES_FORMATS
from .models import Agency, Agreement, CalendarToken, Document, Meeting, TargetIndustry
from .selectors import (
    action_items_carried_over,
    agency_get,
    agency_head_get,
    agency_list,
    agenda_outline,
    agreement_get,
    agreement_list,
    agreement_partner_choices,
    agreement_related_read,
    calendar_meetings,
    calendar_user_get,
    dashboard,
    document_get,
    meeting_get,
    meeting_list,
    meeting_related,
    minutes_adopted_at,
    minutes_shown,
    public_documents,
)
from .services import calendar_token_get_or_create

PAGE_SIZE = 30


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    filters = {
        "kind": request.GET.get("kind") if request.GET.get("kind") in Agency.Kind.values else "",
        "province": request.GET.get("province")
        if request.GET.get("province") in Province.values
        else "",
    }
    agencies = agency_list(filters=filters)
    page = list_page(request, "agencies", agencies, filters, request.GET.get("page"), PAGE_SIZE)
    context = {
        "page": page,
        "filters": filters,
        "kinds": Agency.Kind.choices,
        "provinces": province_choices(),
    }
    return render(request, "coordination/index.html", context)


@require_GET
def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        agency = public_value(request, f"agency-head:{slug}", lambda: agency_head_get(slug=slug))
    except Agency.DoesNotExist as error:
        raise Http404 from error
    context = {
        "agency": agency,
        # Read only if the page's body is rendered, not taken from the fragment cache.
        "agency_whole": SimpleLazyObject(lambda: agency_get(slug=slug)),
        "meetings": meeting_list(user=request.user).filter(agencies=agency)[:20],
        "agreements": agreement_list(user=request.user).filter(parties__agency=agency)[:20],
    }
    return render(request, "coordination/agency_detail.html", context)


@require_GET
def meeting_list_page(request: HttpRequest) -> HttpResponse:
    meetings = meeting_list(user=request.user)
    page = list_page(request, "meetings", meetings, {}, request.GET.get("page"), PAGE_SIZE)
    return render(request, "coordination/meeting_list.html", {"page": page})


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = public_value(
            request,
            f"meeting-head:{pk}",
            lambda: meeting_get(pk=pk, user=request.user, related=False),
        )
    except Meeting.DoesNotExist as error:
        raise Http404 from error
    # Read only if the page's body is rendered, not taken from the fragment cache.
    user = request.user
    context = {
        "meeting": meeting,
        "meeting_related": SimpleLazyObject(lambda: meeting_related(meeting)),
        "agenda": SimpleLazyObject(lambda: agenda_outline(meeting=meeting, user=user)),
        "minutes_shown": SimpleLazyObject(lambda: minutes_shown(meeting=meeting, user=user)),
        "adopted_at": SimpleLazyObject(lambda: minutes_adopted_at(meeting=meeting, user=user)),
        "carried_over": SimpleLazyObject(
            lambda: action_items_carried_over(meeting=meeting, user=user)
        ),
        "documents": SimpleLazyObject(lambda: public_documents(meeting.documents.all(), user)),
    }
    return render(request, "coordination/meeting_detail.html", context)


# The register's fixed filter choices, made once (their labels are translated when shown).
AGREEMENT_SCOPES = Agreement.Scope.choices
AGREEMENT_STATUSES = Agreement.Status.choices
AGREEMENT_THEMES = TargetIndustry.choices


@require_GET
def agreement_register(request: HttpRequest) -> HttpResponse:
    """The MOU register: filters by domestic or international, status, partner and theme."""
    filters = {
        "scope": choice_param(request, "scope", Agreement.Scope),
        "status": choice_param(request, "status", Agreement.Status),
        "theme": choice_param(request, "theme", TargetIndustry),
        "partner": request.GET.get("partner", "")[:80],
    }
    agreements = agreement_list(user=request.user, filters=filters)
    page = list_page(request, "agreements", agreements, filters, request.GET.get("page"), PAGE_SIZE)
    context = {
        "page": page,
        "filters": filters,
        "scopes": AGREEMENT_SCOPES,
        "statuses": AGREEMENT_STATUSES,
        "themes": AGREEMENT_THEMES,
        # Read only if the partner filter's options are rendered, not kept as a fragment.
        "partners": SimpleLazyObject(
            lambda: public_value(
                request, "agreement-partners", lambda: agreement_partner_choices(user=request.user)
            )
        ),
    }
    return render(request, "coordination/agreement_list.html", context)


@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        agreement = public_value(
            request,
            f"agreement-head:{pk}",
            lambda: agreement_get(pk=pk, user=request.user, related=False),
        )
    except Agreement.DoesNotExist as error:
        raise Http404 from error
    context = {
        "agreement": agreement,
        # Read only if the page's body is rendered, not taken from the fragment cache.
        "agreement_related": SimpleLazyObject(lambda: agreement_related_read(agreement)),
        "documents": SimpleLazyObject(
            lambda: public_documents(agreement.documents.all(), request.user)
        ),
    }
    return render(request, "coordination/agreement_detail.html", context)


def _calendar(request: HttpRequest, meetings, name: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//EEC Portal//coordination//TH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{request.get_host()}")
        event.add("dtstamp", meeting.updated_at)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", f"{meeting.title} ({meeting.series} {meeting.number_label})")
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
        if not meeting.is_public:
            event.add("class", "CONFIDENTIAL")
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


@require_GET
def calendar_public(request: HttpRequest) -> HttpResponse:
    """Public meetings, for anyone's calendar program."""
    return _calendar(request, calendar_meetings(), gettext("EEC Portal: public meetings"))


@require_GET
def calendar_private(request: HttpRequest, token: str) -> HttpResponse:
    """A staff member's own feed, internal meetings included; the address is the secret."""
    try:
        user = calendar_user_get(token=token)
    except CalendarToken.DoesNotExist as error:
        raise Http404 from error
    response = _calendar(request, calendar_meetings(user=user), gettext("EEC Portal: my meetings"))
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("coordination.view_meeting"):
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    context = dashboard(user=request.user, today=timezone.localdate())
    context["calendar_url"] = request.build_absolute_uri(
        calendar_token_get_or_create(user=request.user).get_absolute_url()
    )
    return render(request, "coordination/dashboard.html", context)


@require_GET
def minutes_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The minutes as a PDF to print, or a DOCX or ODT to edit, in the page's language."""
    try:
        meeting = meeting_get(pk=pk, user=request.user)
    except Meeting.DoesNotExist as error:
        raise Http404 from error
    if not minutes_shown(meeting=meeting, user=request.user):
        raise Http404
    render_document, content_type = MINUTES_FORMATS[fmt]
    body = render_document(meeting=meeting, language=request.LANGUAGE_CODE, user=request.user)
    name = f"minutes-{meeting.series.slug}-{meeting.number}-{meeting.year_be}.{fmt}"
    return HttpResponse(
        body, content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )  # fmt: skip


@require_GET
def document_download(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    try:
        document = document_get(pk=pk, user=request.user)
    except Document.DoesNotExist as error:
        raise Http404 from error
    return file_response(document.file, name)
