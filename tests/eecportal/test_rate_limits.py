"""Expensive public endpoints answer 429 to one address past its share, and only to it."""

import time

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.ENDPOINT_RATE_LIMITS = {"search": (3, 60), "download": (2, 60),
                                     "tiles-low-zoom": (2, 60)}  # fmt: skip


def test_search_floods_get_429_in_the_readers_language_and_other_readers_go_on(client, limits):
    # A different query each time: a page already in the page cache costs nothing to serve.
    for word in ("ชลบุรี", "ระยอง", "ท่าเรือ"):
        assert client.get(f"/th/search/?q={word}", REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get("/th/search/?q=อีอีซี", REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "คำขอจากที่อยู่ของท่านมากเกินไป" in refused.content.decode()
    assert client.get("/en/search/?q=port", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_downloads_are_limited_per_address(client, limits, layer_factory):
    layer_factory(slug="estates")
    url = "/data/layers/estates.geojson"
    assert client.get(url, REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get(url, REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get(url, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_only_drawing_low_zoom_tiles_is_limited(client, limits, layer_factory, settings):
    settings.TILE_CACHE_SECONDS = 0  # every request draws its tile
    layer_factory(slug="estates")
    low = "/ogc/collections/estates/tiles/WebMercatorQuad/5/14/24"
    high = "/ogc/collections/estates/tiles/WebMercatorQuad/12/1897/3190"
    statuses = [client.get(low, REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)]
    assert 429 not in statuses[:2] and statuses[2] == 429
    assert all(client.get(high, REMOTE_ADDR="10.0.0.1").status_code != 429 for _ in range(5))


def test_low_zoom_tiles_from_the_tile_cache_are_not_counted(client, limits, layer_factory):
    layer_factory(slug="estates")
    low = "/ogc/collections/estates/tiles/WebMercatorQuad/5/14/24"
    assert all(client.get(low, REMOTE_ADDR="10.0.0.1").status_code != 429 for _ in range(5))


def test_a_limits_window_ends_its_seconds_after_the_first_request_and_counting_starts_again(
    client, settings
):
    settings.ENDPOINT_RATE_LIMITS = {"search": (2, 1)}
    statuses = [client.get(f"/th/search/?q=ระยอง{n}", REMOTE_ADDR="10.0.0.3").status_code
                for n in range(3)]  # fmt: skip
    assert statuses == [200, 200, 429]
    time.sleep(1.2)
    assert client.get("/th/search/?q=ระยอง", REMOTE_ADDR="10.0.0.3").status_code == 200


def test_only_searches_that_rank_are_counted(client, limits, settings, admin_user):
    # The whole-page cache off: each page is rendered, its query's ranking kept or not.
    settings.PAGE_CACHE_SECONDS = 0
    for page in ("1", "2", "1", "2", "1"):  # ranked once, then kept
        response = client.get("/th/search/", {"q": "ชลบุรี", "page": page}, REMOTE_ADDR="10.0.0.5")
        assert response.status_code == 200
    for word in ("ระยอง", "ท่าเรือ"):  # new queries rank
        assert client.get(f"/th/search/?q={word}", REMOTE_ADDR="10.0.0.5").status_code == 200
    assert client.get("/th/search/?q=อีอีซี", REMOTE_ADDR="10.0.0.5").status_code == 429
    # Staff searches are never kept (they may find internal records): each one ranks.
    client.force_login(admin_user)
    statuses = [client.get("/th/search/?q=ชลบุรี", REMOTE_ADDR="10.0.0.6").status_code
                for _ in range(4)]  # fmt: skip
    assert statuses == [200, 200, 200, 429]
