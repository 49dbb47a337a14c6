from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Agency, Meeting
from .provinces import Province
from .selectors import (
    action_items_carried_over,
    agency_get,
    agency_list,
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
