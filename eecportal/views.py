"""Site-level pages: home, search, privacy notice, health check."""

import redis
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from divisions.coordination.selectors import agency_list
from divisions.knowledge.selectors import item_public_list
from divisions.planning.selectors import project_public_list
from divisions.spatial.selectors import dataset_public_list

from .models import Section
from .selectors import highlight, search_entries

SEARCH_PAGE_SIZE = 20
HOME_ITEMS_PER_SECTION = 5


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    items = item_public_list().prefetch_related(None)[:HOME_ITEMS_PER_SECTION]
    agencies = agency_list().order_by("-created_at")[:HOME_ITEMS_PER_SECTION]
    datasets = dataset_public_list().order_by("-updated_at")[:HOME_ITEMS_PER_SECTION]
    projects = project_public_list().order_by("-updated_at")[:HOME_ITEMS_PER_SECTION]
    latest = {
        Section.SPATIAL: [
            {"record": dataset, "title_field": "title", "date": dataset.updated_at}
            for dataset in datasets
        ],
        Section.KNOWLEDGE: [
            {"record": item, "title_field": "title", "date": item.published_at} for item in items
        ],
        Section.COORDINATION: [
            {"record": agency, "title_field": "name", "date": agency.created_at}
            for agency in agencies
        ],
        Section.PLANNING: [
            {"record": project, "title_field": "title", "date": project.updated_at}
            for project in projects
        ],
    }
    return render(request, "eecportal/home.html", {"latest": latest})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    section = request.GET.get("section", "")
    if section not in Section.values:
        section = ""
    results = search_entries(query=query, language=request.LANGUAGE_CODE, section=section)
    page = Paginator(results.entries, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    marked = results.suggestion or results.query
    hits = [
        {"entry": entry, "snippet": highlight(entry.summary, marked)} for entry in page.object_list
    ]
    context = {
        "query": results.query,
        "suggestion": results.suggestion,
        "section": section,
        "sections": Section.choices,
        "page": page,
        "hits": hits,
    }
    return render(request, "eecportal/search.html", context)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "eecportal/privacy.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: 200 when the database and Redis answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        checks["database"] = f"error: {error.__class__.__name__}"
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
        checks["redis"] = "ok"
    except Exception as error:  # noqa: BLE001
        checks["redis"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /th/admin/",
        "Disallow: /en/admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
