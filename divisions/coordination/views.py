from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Agency
from .provinces import Province
from .selectors import agency_get, agency_list

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
