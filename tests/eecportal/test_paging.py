"""Pages of public lists: the page's keys and the list's count in one query, and the same
page as Django's paginator would give for any page number a reader may type."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator

from divisions.coordination.models import Agency
from divisions.core.paging import list_page, page_get, page_number

pytestmark = pytest.mark.django_db
# Page numbers as readers type them, and as a hostile one does.
NUMBERS = [None, "", "1", "3", "4", "99", "9" * 40, "0", "-2", "abc", "2.0", "2.5", " 2"]


@pytest.fixture
def agencies(agency_factory):
    for _ in range(25):
        agency_factory(province="TH-21")
    return Agency.objects.filter(province="TH-21").order_by("-slug")


def test_a_page_reads_its_keys_and_the_count_in_one_query(agencies, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_get(agencies, "2", 10)
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 25, 3)
    expected = list(agencies.values_list("pk", flat=True)[10:20])
    assert page.pks == expected
    assert [agency.pk for agency in page.object_list] == expected


@pytest.mark.parametrize("number", NUMBERS)
def test_any_page_number_gives_the_page_djangos_paginator_gives(agencies, number):
    ours = page_get(agencies, number, 10)
    django = Paginator(agencies, 10).get_page(number)
    assert ours.number == django.number
    assert ours.paginator.count == django.paginator.count == 25
    assert list(ours.object_list) == list(django.object_list)


@pytest.mark.parametrize("number", NUMBERS)
def test_a_kept_page_is_the_page_djangos_paginator_gives_and_read_again_reads_no_record(
    agencies, rf, number, django_assert_max_num_queries
):
    def anonymous_request():
        request = rf.get("/", {"page": number} if number is not None else {})
        request.user = AnonymousUser()
        return request

    django = Paginator(agencies, 10).get_page(number)
    expected = [agency.pk for agency in django.object_list]
    first = list_page(anonymous_request(), "agencies", agencies, {}, number, 10)
    kept = django.number == page_number(number)  # (a page out of range is read each time)
    with django_assert_max_num_queries(0 if kept else 3):
        again = list_page(anonymous_request(), "agencies", agencies, {}, number, 10)
        assert again.number == first.number == django.number
        assert again.paginator.count == first.paginator.count == 25
        if kept:
            assert again.pks == first.pks == expected
    assert [agency.pk for agency in again.object_list] == expected


def test_an_empty_list_has_one_empty_page(db):
    page = page_get(Agency.objects.none(), "3", 10)
    assert (page.number, page.paginator.count, list(page.object_list)) == (1, 0, [])


@pytest.mark.parametrize(("offset", "shown"), [(0, 2), (24, 1), (25, 0), (10**6, 0)])
def test_a_list_apis_count_and_rows_for_any_offset(client, agency_factory, offset, shown):
    for _ in range(25):
        agency_factory()
    body = client.get(f"/api/v1/agencies/?limit=2&offset={offset}").json()
    assert body["count"] == 25
    assert len(body["results"]) == shown
    assert (body["next"] is not None) == (offset + 2 < 25)


def _link(page_html: str, rel: str) -> dict[str, list[str]]:
    href = re.search(rf'rel="{rel}" href="([^"]*)"', page_html).group(1)
    return parse_qs(urlsplit(html.unescape(href)).query, keep_blank_values=True)


@pytest.mark.parametrize("language", ["th", "en"])
def test_page_links_keep_every_filter_and_encode_what_the_reader_typed(
    client, agency_factory, language
):
    for _ in range(65):
        agency_factory(province="TH-21")
    hostile = '"><script>x</script>&a=b'
    response = client.get(
        f"/{language}/coordination/",
        {"province": "TH-21", "page": "2", "kind": ["local", "state"], hostile: "1 & 2"},
    )
    body = response.content.decode()
    assert "<script>x" not in body
    expected = {"province": ["TH-21"], "kind": ["local", "state"], hostile: ["1 & 2"]}
    assert _link(body, "next") == expected | {"page": ["3"]}
    assert _link(body, "prev") == expected | {"page": ["1"]}
    label = "หน้า 2 จาก 3" if language == "th" else "Page 2 of 3"
    assert label in body
