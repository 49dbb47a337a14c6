import pytest

from .conftest import cache_calls

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_cached_and_invalidated_when_content_changes(
    client, agency_factory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agency = agency_factory(slug="pat", name_en="Port Authority of Thailand")
    assert client.get("/en/coordination/")["X-Page-Cache"] == "miss"
    assert client.get("/en/coordination/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        agency.name_en = "Port Authority of Thailand (PAT)"
        agency.save()

    response = client.get("/en/coordination/")
    assert response["X-Page-Cache"] == "miss"
    assert "Port Authority of Thailand (PAT)" in response.content.decode()


def test_languages_and_query_strings_are_cached_apart(client, agency_factory):
    agency_factory(name_en="Rayong PAO", province="TH-21")
    client.get("/en/coordination/")
    thai = client.get("/th/coordination/")
    assert thai["X-Page-Cache"] == "miss" and '<html lang="th">' in thai.content.decode()
    filtered = client.get("/en/coordination/", {"province": "TH-10"})
    assert filtered["X-Page-Cache"] == "miss"
    assert "Rayong PAO" not in filtered.content.decode()


def test_pages_served_over_http_and_https_are_cached_apart(client):
    assert client.get("/en/coordination/")["X-Page-Cache"] == "miss"
    assert client.get("/en/coordination/", secure=True)["X-Page-Cache"] == "miss"
    assert client.get("/en/coordination/", secure=True)["X-Page-Cache"] == "hit"


def test_signed_in_staff_and_admin_pages_are_never_cached(client, admin_user):
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get("/en/coordination/")
    assert "X-Page-Cache" not in client.get("/en/admin/")


def test_cached_pages_keep_their_headers(client):
    first = client.get("/en/")
    second = client.get("/en/")
    assert second["X-Page-Cache"] == "hit"
    for header in ("Content-Type", "Content-Language", "X-Frame-Options"):
        assert second[header] == first[header]


def test_a_cached_page_costs_one_round_trip_to_redis(client):
    """The generation and the page are read together; a hit writes nothing."""
    client.get("/en/coordination/")  # stored
    with cache_calls() as calls:
        assert client.get("/en/coordination/")["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]


def test_the_cache_keeps_one_redis_client_for_its_calls():
    from django.core.cache import cache

    client = cache._cache.get_client()
    cache.set("client-probe", "kept")
    assert cache.get("client-probe") == "kept"
    assert cache._cache.get_client() is client  # (Django's own backend makes one a call)
