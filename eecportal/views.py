"""Site-level pages: home, search, privacy notice and requests, health check."""

import hashlib

import redis
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from divisions.coordination.selectors import agency_teaser_list
from divisions.core.feeds import FEED_SIZE, AtomFeed
from divisions.core.fragments import per_key, public_value
from divisions.core.ratelimit import (
    RateLimited,
    client_address,
    endpoint_count,
    endpoint_refusal,
)
from divisions.knowledge.selectors import (
    consultation_open_list,
    event_upcoming_list,
    item_teaser_list,
)
from divisions.planning.selectors import project_teaser_list
from divisions.spatial.selectors import dataset_teaser_list

from .follows import followed_get
from .forms import FollowForm, PrivacyRequestForm
from .models import Follow, PrivacyRequest, PublicChange, SearchEntry, Section
from .selectors import (
    SearchPaginator,
    highlight,
    privacy_request_get_by_token,
    search_entries,
    search_entry_values,
    search_ranked_keys,
)
from .services import (
    follow_cancel,
    follow_confirm,
    follow_request,
    privacy_request_create,
    privacy_request_verify,
)

SEARCH_PAGE_SIZE = 20
HOME_ITEMS_PER_SECTION = 5
# The home page's first rows: newest news with their covers, open consultations, upcoming events.
HOME_NEWS = 3
HOME_CONSULTATIONS = 3
HOME_EVENTS = 3


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    # Querysets and a lazy dict: read only if the page's body is not taken from the
    # fragment cache.
    context = {
        "latest": SimpleLazyObject(_home_latest),
        "news": item_teaser_list(filters={"kind": "news"}, covers=True)[:HOME_NEWS],
        "consultations": consultation_open_list(now=now)[:HOME_CONSULTATIONS],
        "events": event_upcoming_list(now=now)[:HOME_EVENTS],
    }
    return render(request, "eecportal/home.html", context)


def _home_latest() -> dict:
    """Each section's newest public records (its teaser selector: only what the page shows)."""
    items = item_teaser_list()[:HOME_ITEMS_PER_SECTION]
    agencies = agency_teaser_list()[:HOME_ITEMS_PER_SECTION]
    datasets = dataset_teaser_list()[:HOME_ITEMS_PER_SECTION]
    projects = project_teaser_list()[:HOME_ITEMS_PER_SECTION]
    return {
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


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    section = request.GET.get("section", "")
    if section not in Section.values:
        section = ""

    def ranked() -> tuple[str, str, list[int]]:
        # Ranking is what a search costs: only a search that ranks counts against its
        # reader's address (as only a tile drawn does), not one whose ranking is kept.
        endpoint_count(request, "search")
        results = search_entries(query=query, language=request.LANGUAGE_CODE, section=section)
        return results.query, results.suggestion, search_ranked_keys(results)

    # Ranking every entry that matches (ชลบุรี matches thousands) is most of a search's time:
    # a query's ranked keys are kept for anonymous readers, as a filter's choices are, until
    # public content (and with it the index) changes.
    digest = hashlib.sha256(query.encode()).hexdigest()
    try:
        searched, suggestion, keys = public_value(request, f"search:{section}:{digest}", ranked)
    except RateLimited:
        return endpoint_refusal("search")
    page = SearchPaginator(keys, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    # Each entry's texts are kept as a list's rows are, for every query that shows it.
    label = SearchEntry._meta.label_lower
    entries = per_key(request, "search-hit", label, list(page.object_list), search_entry_values)
    marked = suggestion or searched
    sections = dict(Section.choices)
    hits = [
        entry
        | {
            "section": sections[entry["section"]],
            "snippet": highlight([entry["summary"], entry["body"], entry["title"]], marked),
        }
        for entry in entries
    ]
    context = {
        "query": searched,
        "suggestion": suggestion,
        "section": section,
        "sections": Section.choices,
        "page": page,
        "hits": hits,
    }
    return render(request, "eecportal/search.html", context)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "eecportal/privacy.html")


def privacy_request(request: HttpRequest) -> HttpResponse:
    form = PrivacyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy_request_create(
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                language=get_language(),
                address=client_address(request),
            )
        except RateLimited:
            form.add_error(None, gettext("Too many requests from your address. Try again later."))
        else:
            # The same answer whether or not the portal holds anything for the address.
            return render(request, "eecportal/privacy_request.html", {"sent": True})
    status = 400 if form.errors else 200
    return render(request, "eecportal/privacy_request.html", {"form": form}, status=status)


def privacy_request_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST verifies: mail scanners that open links verify nothing."""
    try:
        privacy = privacy_request_get_by_token(token=token)
    except PrivacyRequest.DoesNotExist as error:
        raise Http404 from error
    if request.method == "POST":
        privacy = privacy_request_verify(privacy=privacy)
    context = {"privacy": privacy, "verified": privacy.verified_at is not None}
    return render(request, "eecportal/privacy_request_confirm.html", context)


def follow(request: HttpRequest) -> HttpResponse:
    """Follow one public thing by e-mail (?target=spatial.dataset:12); its feed is linked."""
    target = request.GET.get("target", "")
    try:
        thing = followed_get(target)
    except LookupError as error:
        raise Http404 from error
    form = FollowForm(request.POST or None)
    context = {"thing": thing, "target": target, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            follow_request(
                email=form.cleaned_data["email"],
                target=target,
                frequency=form.cleaned_data["frequency"],
                language=get_language(),
                address=client_address(request),
            )
        except RateLimited:
            form.add_error(None, gettext("Too many requests from your address. Try again later."))
        else:
            return render(request, "eecportal/follow.html", context | {"sent": True})
    status = 400 if form.errors else 200
    return render(request, "eecportal/follow.html", context, status=status)


def follow_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""
    follow = _follow_or_404(token)
    if request.method == "POST":
        follow_confirm(follow=follow)
        return render(request, "eecportal/follow_done.html", {"action": "confirmed"})
    return render(request, "eecportal/follow_done.html", {"action": "confirm"})


@csrf_exempt  # RFC 8058 one-click unsubscribe posts from the mail client, without a cookie
def unfollow(request: HttpRequest, token: str) -> HttpResponse:
    follow = _follow_or_404(token)
    if request.method == "POST":
        follow_cancel(follow=follow)
        return render(request, "eecportal/follow_done.html", {"action": "cancelled"})
    return render(request, "eecportal/follow_done.html", {"action": "cancel"})


def _follow_or_404(token: str) -> Follow:
    follow = Follow.objects.filter(token=token).first()
    if follow is None:
        raise Http404
    return follow


class FollowFeed(Feed):
    """The public changes of one thing (and of the records that belong to it), as Atom."""

    feed_type = AtomFeed

    def get_object(self, request: HttpRequest, target: str):
        try:
            thing = followed_get(target)
        except LookupError as error:
            raise Http404 from error
        return target, thing

    def title(self, obj) -> str:
        return gettext("EEC Portal: changes to %(thing)s") % {"thing": obj[1]}

    def link(self, obj) -> str:
        return reverse("follow") + f"?target={obj[0]}"

    def subtitle(self, obj) -> str:
        return gettext("What was published or changed, newest first.")

    def items(self, obj) -> list[PublicChange]:
        return list(PublicChange.objects.filter(targets__contains=[obj[0]])[:FEED_SIZE])

    def item_title(self, change: PublicChange) -> str:
        return change.title_in(get_language())

    def item_description(self, change: PublicChange) -> str:
        if change.kind == PublicChange.Kind.PUBLISHED:
            return gettext("Published")
        return gettext("Updated")

    def item_link(self, change: PublicChange) -> str:
        return change.path_in(get_language())

    def item_guid(self, change: PublicChange) -> str:
        return f"urn:eecportal:change:{change.pk}"

    def item_updateddate(self, change: PublicChange):
        return change.at

    def item_pubdate(self, change: PublicChange):
        return change.at


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


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 as a page of the site in the reader's language, saying what was wrong when a view
    said so (BadRequest); other refusals (a forged host, a broken cookie) say nothing more."""
    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"message": message}, status=400)
