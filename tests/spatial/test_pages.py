import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/th/spatial/",
        "/en/spatial/?category=industry",
        "/ogc/collections?f=json",
        "/th/spatial/map/",
        "/api/3/action/package_search?rows=50",
        "/api/3/action/current_package_list_with_resources?limit=50",
        "/catalog.ttl",
    ],
)
def test_list_pages_keep_a_constant_query_count(client, layer_factory, settings, url):
    # Counted as rendered afresh: the layers below are added without the commit that would
    # make kept pages and fragments stale.
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    layer_factory()
    few = _queries(client, url)
    for _ in range(4):
        layer_factory()

    assert _queries(client, url) == few


def test_ogc_items_keep_a_constant_query_count_however_many_features(
    client, layer_factory, project_factory, tmp_path, settings
):
    from .fixtures import ZONES, write_geojson

    settings.FRAGMENT_CACHE_SECONDS = 0  # (a live collection's kept count: counted afresh)

    many = {**ZONES, "features": ZONES["features"] * 20}
    small = layer_factory(slug="small")
    large = layer_factory(slug="large", path=write_geojson(tmp_path / "many.geojson", many))
    few = _queries(client, f"/ogc/collections/{small.slug}/items?limit=100")
    assert _queries(client, f"/ogc/collections/{large.slug}/items?limit=100") == few

    project_factory(lon_lat=(101.0, 13.3))
    live = "/ogc/collections/planning-projects/items?limit=100"
    few = _queries(client, live)
    for n in range(20):
        project_factory(lon_lat=(101.0 + n / 100, 13.3))
    assert _queries(client, live) == few


def test_a_cached_tile_costs_one_query(client, layer_factory):
    layer = layer_factory(slug="estates")
    url = f"/ogc/collections/{layer.slug}/tiles/WebMercatorQuad/8/118/199"
    client.get(url)

    assert _queries(client, url) == 1


@pytest.mark.parametrize(("language", "date"), [("th", "2569"), ("en", "2026")])
def test_dataset_page_in_both_languages_with_the_calendar_of_each(
    client, layer_factory, language, date
):
    from datetime import date as day

    layer = layer_factory()
    dataset = layer.dataset
    dataset.release_date = day(2026, 3, 1)
    dataset.save()

    page = client.get(f"/{language}{dataset.get_absolute_url()[3:]}").content.decode()

    assert date in page
    assert ("ชุดข้อมูลนิคมอุตสาหกรรม" if language == "th" else "Industrial estates") in page
