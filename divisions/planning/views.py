import re
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from divisions.coordination.models import Agency
from divisions.core.exports import table_response
from divisions.core.fragments import public_value
from divisions.core.jobs import job_status_response
from divisions.core.paging import list_page
from divisions.core.params import choice_param
from divisions.core.provinces import Province

from . import selectors, services
from .forms import DecisionForm
from .models import Project, ProjectImport, ProjectPair, Sector

PAGE_SIZE = 30
# The columns the list shows; a project's row is mostly long texts and match data.
LIST_FIELDS = ("title", "title_th", "title_en", "is_public", "province", "district",
               "district_code", "village",
               "fiscal_years", "budget_total", "status",
               *(f"agency__{name}" for name in selectors.AGENCY_NAME_FIELDS))  # fmt: skip
# The list's fixed filter choices, made once (their labels are translated when shown).
FILTER_PROVINCES = Province.choices[:3]
FILTER_SECTORS = Sector.choices
FILTER_STATUSES = [s for s in Project.Status.choices if s[0] != Project.Status.MERGED]
FILTER_YEARS = range(2566, 2574)
SIGNAL_LABELS = {  # lazy: read in the language of each request
    "title": gettext_lazy("Title"),
    "text": gettext_lazy("Objective and target"),
    "place": gettext_lazy("Place"),
    "years": gettext_lazy("Fiscal years"),
    "budget": gettext_lazy("Budget"),
    "group": gettext_lazy("Target group"),
}


def _staff_only(request: HttpRequest, permission: str) -> HttpResponse | None:
    if request.user.has_perm(permission):
        return None
    if request.user.is_authenticated:
        raise Http404
    return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))


def _filters(request: HttpRequest) -> dict:
    year = request.GET.get("year", "")
    return {
        "province": choice_param(request, "province", Province),
        "sector": choice_param(request, "sector", Sector),
        "status": choice_param(request, "status", Project.Status),
        "agency": request.GET.get("agency", "")[:80],
        "year": int(year) if year.isdigit() and 2500 <= int(year) <= 2700 else None,
        "q": request.GET.get("q", "").strip()[:100],
    }


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    """Integrated EEC projects in the province: a list with filters, and a map."""
    filters = _filters(request)
    projects = selectors.project_list(user=request.user, filters=filters)
    projects = projects.order_by("-pk")
    page = list_page(
        request, "projects", projects, filters, request.GET.get("page"), PAGE_SIZE,
        rows=lambda records: records.only(*LIST_FIELDS), also=["project-agencies"],
    )  # fmt: skip
    context = {
        "page": page,
        "filters": filters,
        "provinces": FILTER_PROVINCES,
        "sectors": FILTER_SECTORS,
        "statuses": FILTER_STATUSES,
        "agencies": public_value(request, "project-agencies", selectors.project_agency_choices),
        "years": FILTER_YEARS,
    }
    return render(request, "planning/project_list.html", context)


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        project = public_value(
            request,
            f"project-head:{pk}",
            lambda: selectors.project_head_get(pk=pk, user=request.user),
        )
    except Project.DoesNotExist as error:
        # An old link to a public project merged as a duplicate leads to the one it became.
        survivor = selectors.project_survivor(pk=pk, user=request.user)
        if survivor is None:
            raise Http404 from error
        return redirect(survivor)
    # Read only if the page's body is rendered, not taken from the fragment cache.
    whole = SimpleLazyObject(lambda: selectors.project_get(pk=pk, user=request.user))
    context = {
        "project": project,
        "project_related": whole,
        "links": SimpleLazyObject(
            lambda: selectors.project_links(project=project, user=request.user)
        ),
        "geojson": SimpleLazyObject(lambda: whole.location.geojson if whole.location else ""),
    }
    return render(request, "planning/project_detail.html", context)


def _bars(rows, label_of) -> list[dict]:
    """Rows of (key, amount) as bars scaled to the largest."""
    largest = max((amount for _key, amount in rows), default=0) or 1
    return [
        {"label": label_of(key), "amount": amount, "percent": round(100 * amount / largest, 1)}
        for key, amount in rows
    ]


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The analysts' view: money by agency, year and sector; duplicates; strategies."""
    if denied := _staff_only(request, "planning.view_project"):
        return denied
    agencies = {a.pk: str(a) for a in Agency.objects.filter(planning_projects__isnull=False)}
    by_agency_year = selectors.budget_totals(user=request.user, by=("agency", "year"))
    years = sorted({year for _a, year, _t in by_agency_year})
    matrix: dict[int, dict[int, float]] = defaultdict(dict)
    for agency, year, total in by_agency_year:
        matrix[agency][year] = total
    by_sector = selectors.budget_totals(user=request.user, by=("sector",))
    by_province = selectors.budget_totals(user=request.user, by=("province",))
    clusters = selectors.duplicate_clusters()
    context = {
        "statuses": Project.Status.choices,
        "years": years,
        "agency_rows": [
            {
                "agency": agencies.get(pk, pk),
                "cells": [matrix[pk].get(y) for y in years],
                "total": sum(matrix[pk].values()),
            }
            for pk in sorted(matrix, key=lambda pk: agencies.get(pk, ""))
        ],  # fmt: skip
        "year_bars": _bars(
            selectors.budget_totals(user=request.user, by=("year",)), lambda year: year
        ),
        "sector_bars": _bars(by_sector, lambda code: Sector(code).label if code else _("Other")),
        "province_bars": _bars(
            by_province, lambda code: Province(code).label if code else _("Not given")
        ),
        "clusters": clusters[:20],
        "cluster_count": len(clusters),
        "at_stake": sum(c["at_stake"] for c in clusters),
        "strategies": selectors.projects_per_strategy(user=request.user),
        "queue_count": selectors.review_queue().count(),
    }
    return render(request, "planning/dashboard.html", context)


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if denied := _staff_only(request, "planning.change_projectpair"):
        return denied
    band = request.GET.get("band", "")
    band = band if band in (ProjectPair.Band.PROBABLE, ProjectPair.Band.REVIEW) else ""
    # A filter stays as chosen after its last pair is decided (the page then says there is
    # nothing left), and stays among the options.
    choices = selectors.review_queue_choices()
    agency = request.GET.get("agency", "")
    agency = agency if re.fullmatch(r"[-\w]{1,80}", agency) else ""
    if agency and agency not in dict(choices["agencies"]):
        choices["agencies"].append((agency, agency))
    year = request.GET.get("year", "")
    year = year if year.isdigit() and 2500 <= int(year) <= 2700 else ""
    if year and year not in dict(choices["years"]):
        choices["years"] = sorted([*choices["years"], (year, year)])
    queue = selectors.review_queue(band=band, agency_slug=agency, year=int(year) if year else None)
    page = Paginator(queue, 10).get_page(request.GET.get("page"))
    for pair in page.object_list:
        pair.projects = [pair.first, pair.second]
        pair.form = DecisionForm(pair=pair, prefix=f"pair-{pair.pk}")
        pair.explained = [
            {"label": SIGNAL_LABELS.get(name, name), **values}
            for name, values in pair.signals.get("signals", {}).items()
        ]
    context = {"page": page, "band": band, "bands": ProjectPair.Band.choices[:2], "agency": agency,
               "year": year, **choices, "here": request.get_full_path()}  # fmt: skip
    return render(request, "planning/review.html", context)


@require_http_methods(["POST"])
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if denied := _staff_only(request, "planning.change_projectpair"):
        return denied
    pair = get_object_or_404(ProjectPair.objects.select_related("first", "second"), pk=pk)
    form = DecisionForm(request.POST, pair=pair, prefix=f"pair-{pair.pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back_to_queue(request) + f"#pair-{pk}")
    data = form.cleaned_data
    try:
        if data["keep"]:
            survivor = pair.first if str(pair.first_id) == data["keep"] else pair.second
            services.project_merge(pair=pair, survivor=survivor, reason=data["reason"],
                                   user=request.user)  # fmt: skip
            messages.success(request, _("Merged into “%(title)s”.") % {"title": survivor})
        else:
            services.pair_decide(pair=pair, verdict=data["verdict"], reason=data["reason"],
                                 user=request.user)  # fmt: skip
            messages.success(request, _("Decision saved."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    # Back to the same filtered page, where the next pair now waits first.
    return redirect(_back_to_queue(request) + "#queue")


def _back_to_queue(request: HttpRequest) -> str:
    """The queue page the decision was made on (its filters), if the form says one."""
    back = request.POST.get("back", "")
    queue = reverse("planning:review")
    if back.startswith(queue + "?") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return queue


@require_GET
def report(request: HttpRequest, fmt: str) -> HttpResponse:
    """The integration report for the division's meetings: projects, money, duplicates."""
    if denied := _staff_only(request, "planning.view_project"):
        return denied
    header = [_("ID"), _("External ID"), _("Project"), _("Responsible agency"), _("Status"),
              _("Sector"), _("Province"), _("District"), _("Subdistrict"), _("Village"),
              _("Fiscal years"), _("Total budget (THB)")]  # fmt: skip
    rows = selectors.report_rows(user=request.user)
    if fmt == "xlsx":
        return table_response(name="integration-report", header=header, rows=rows, fmt="xlsx")
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    clusters = selectors.duplicate_clusters()
    html = render_to_string(
        "planning/report_print.html",
        {
            "header": header,
            "rows": rows,
            "clusters": clusters,
            "by_year": selectors.budget_totals(user=request.user, by=("year",)),
            "at_stake": sum(c["at_stake"] for c in clusters),
            "today": timezone.localdate(),
        },  # fmt: skip
        request=request,
    )
    return HttpResponse(
        HTML(string=html).write_pdf(), content_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="integration-report.pdf"'},
    )  # fmt: skip


@require_GET
def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Progress of a project import, polled by the admin's progress bar; staff only."""
    if not request.user.has_perm("planning.view_projectimport"):
        raise Http404
    return job_status_response(get_object_or_404(ProjectImport, pk=pk))
