from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Agency, Agreement, Meeting, TargetIndustry
from .provinces import Province
from .selectors import (
    action_items_carried_over,
    agency_get,
    agency_list,
    agreement_get,
    agreement_list,
    meeting_get,
    meeting_list,
)

PAGE_SIZE = 30


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    filters = {
        "kind": request.GET.get("kind") if request.GET.get("kind") in Agency.Kind.values else "",
        "province": request.GET.get("province")
        if request.GET.get("province") in Province.values
        else "",
    }
    page = Paginator(agency_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "kinds": Agency.Kind.choices,
        "provinces": Province.choices,
    }
    return render(request, "coordination/index.html", context)


@require_GET
def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        agency = agency_get(slug=slug)
    except Agency.DoesNotExist as error:
        raise Http404 from error
    return render(request, "coordination/agency_detail.html", {"agency": agency})


@require_GET
def meeting_list_page(request: HttpRequest) -> HttpResponse:
    page = Paginator(meeting_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "coordination/meeting_list.html", {"page": page})


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = meeting_get(pk=pk, user=request.user)
    except Meeting.DoesNotExist as error:
        raise Http404 from error
    context = {
        "meeting": meeting,
        "carried_over": action_items_carried_over(meeting=meeting, user=request.user),
    }
    return render(request, "coordination/meeting_detail.html", context)


@require_GET
def agreement_register(request: HttpRequest) -> HttpResponse:
    """The MOU register: filters by domestic or international, status, partner and theme."""
    filters = {
        "scope": _valid(request, "scope", Agreement.Scope.values),
        "status": _valid(request, "status", Agreement.Status.values),
        "theme": _valid(request, "theme", TargetIndustry.values),
        "partner": request.GET.get("partner", "")[:80],
    }
    agreements = agreement_list(user=request.user, filters=filters)
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    partners = Agency.objects.filter(
        agreementparty__agreement__in=agreement_list(user=request.user).values("pk")
    ).distinct()
    context = {
        "page": page,
        "filters": filters,
        "scopes": Agreement.Scope.choices,
        "statuses": Agreement.Status.choices,
        "themes": TargetIndustry.choices,
        "partners": partners,
    }
    return render(request, "coordination/agreement_list.html", context)


@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        agreement = agreement_get(pk=pk, user=request.user)
    except Agreement.DoesNotExist as error:
        raise Http404 from error
    return render(request, "coordination/agreement_detail.html", {"agreement": agreement})


def _valid(request: HttpRequest, name: str, allowed) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else ""
