"""Hostile input on every address that takes parameters: the public site is crawled as an
anonymous reader and as staff (pages, feeds, search, sitemap, REST, CKAN, DCAT, OGC items and
tiles), every query parameter each view reads is recorded by a spy and then sent with values
people and scripts really send, and every value in the path is replaced the same way. The run
passes only with no server error at all."""

import json
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import Resolver404, get_resolver, resolve

pytestmark = pytest.mark.django_db(transaction=True)

START = [
    "/th/", "/en/", "/sitemap.xml", "/robots.txt", "/th/coordination/dashboard/",
    "/th/planning/dashboard/", "/th/planning/review/", "/th/knowledge/feed/rss/",
    "/en/knowledge/feed/atom/", "/th/coordination/meetings.ics", "/ogc/", "/ogc/collections",
    "/ogc/api", "/api/v1/", "/api/3/action/package_list", "/api/3/action/package_search",
    "/api/3/action/organization_list", "/api/3/action/group_list", "/catalog.ttl",
    "/catalog.jsonld", "/catalog.rdf", "/th/search/?q=ถนน", "/en/search/?q=port",
]  # fmt: skip
LINK = re.compile(r'(?:href|src)="(/[^"#]*)"|"https?://testserver(/[^"]*)"')
HOSTILE = [
    "", "0", "-1", "99999999999999999999", "1e309", "NaN", "ถนน'\"<script>alert(1)</script>",
    "2026-02-30", "9999-12-31T23:59:59+23:59", "๒๕๖๙", "[", "*:*", ",,,", "a" * 1999,
    "metadata_modified:[2026-02-30 TO *]", "1,2,3,4,5", "../../etc/passwd",
]  # fmt: skip
HOSTILE_PATH = ["0", "99999999999999999999", "x" * 300, "ก", "a.b", "-"]
# Views whose pages are not reached by links: sent forms, links from e-mails.
NOT_CRAWLED = {
    "comment-create", "comment-report", "consultation-respond", "subscribe-confirm",
    "unsubscribe", "privacy-request-confirm", "import-status", "review-decide", "follow-confirm",
    "unfollow",
    "calendar-private", "minutes", "attachment", "consultation-document", "resource",
    "document", "api-docs", "schema", "openapi", "consultation-results", "item-preview",
    "contact-detail", "data-request-detail", "action-item-detail", "agency-detail",
    "api-root", "manual-detail", "report-pdf", "report-xlsx", "sitemap", "robots-txt",
    "download", "item", "tile", "tileset", "tilesets", "conformance", "landing",
}  # fmt: skip
PER_VIEW = 3


def _crawl(client, start: list[str]) -> tuple[dict[str, list[str]], set[str]]:
    """Addresses of the site reached from START by links, a few per view; and the views
    that refused this reader."""
    seen, queue, by_view, refused = set(), [*START, *start], {}, set()
    while queue and len(seen) < 1500:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or path.startswith(("/static/", "/media/", "/th/admin", "/en/admin")):
            continue
        seen.add(url)
        try:
            view = resolve(path).url_name or path
        except Resolver404:
            continue
        if len(by_view.setdefault(view, [])) >= PER_VIEW:
            continue
        response = client.get(url)
        if response.status_code != 200:
            refused |= {view} if response.status_code in (302, 401, 403) else set()
            continue
        by_view[view].append(url)
        if (
            response.streaming
            or "html" not in response["Content-Type"]
            and "json" not in (response["Content-Type"])
        ):
            continue
        for match in LINK.finditer(response.content.decode(errors="replace")):
            link = (match.group(1) or match.group(2)).replace("&amp;", "&")
            if link not in seen:
                queue.append(link)
    return by_view, refused


def _path_variants(url: str) -> list[str]:
    path, query = urlsplit(url).path, urlsplit(url).query
    match = resolve(path)
    variants = []
    for value in match.kwargs.values():
        value = str(value)
        if value and f"/{value}" in path:
            variants += [path.replace(f"/{value}", f"/{bad}", 1) for bad in HOSTILE_PATH]
    return [f"{v}?{query}" if query else v for v in variants]


def _fuzz(client, names_read, by_view) -> list[tuple[str, int]]:
    failures = []

    def get(url: str, **extra):
        response = client.get(url, **extra)
        if response.status_code >= 500:
            failures.append((url, response.status_code))

    for urls in by_view.values():
        for url in urls:
            names_read.clear()
            client.get(url)
            path = urlsplit(url).path
            for name in sorted(names_read - {"format"}):
                for value in HOSTILE:
                    get(f"{path}?{urlencode({name: value})}")
                get(f"{path}?{urlencode([(name, 'a'), (name, 'b')])}")
            for variant in _path_variants(url):
                get(variant)
    for action in ("package_search", "package_show", "package_list", "organization_show"):
        for name in ("q", "fq", "sort", "rows", "start", "id", "limit", "offset"):
            for value in [*HOSTILE, ["a"], {"a": 1}, None, True, 1.5]:
                response = client.post(f"/api/3/action/{action}", json.dumps({name: value}),
                                       content_type="application/json")  # fmt: skip
                if response.status_code >= 500:
                    failures.append((f"POST {action} {name}={value!r}", response.status_code))
    return failures


def _public_view_names() -> set[str]:
    names = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                if "admin" not in str(pattern.pattern):
                    walk(pattern.url_patterns)
            elif pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


@pytest.fixture
def content(records, settings):
    call_command("load_demo", verbosity=0)
    # Thousands of requests from one address: the per-address limits are not under test.
    settings.ENDPOINT_RATE_LIMITS = dict.fromkeys(settings.ENDPOINT_RATE_LIMITS, (10**6, 60))
    return records


@pytest.mark.parametrize("reader", ["anonymous", "Division administrators"])
def test_every_parameter_of_every_address_takes_hostile_input_without_a_server_error(
    client, content, names_read, reader
):
    client.raise_request_exception = False
    if reader != "anonymous":
        user = User.objects.create_user("staff", is_staff=True)
        user.groups.add(Group.objects.get(name=reader))
        client.force_login(user)
    shown, _hidden = content
    api_details = [f"/api/v1/knowledge/items/{shown['item'].pk}/",
                   f"/api/v1/planning/projects/{shown['project'].pk}/"]  # fmt: skip
    by_view, refused = _crawl(client, api_details)
    missing = _public_view_names() - set(by_view) - refused - NOT_CRAWLED
    assert not missing, f"the crawl never reached {missing}"

    assert _fuzz(client, names_read, by_view) == []
