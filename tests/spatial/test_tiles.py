"""Vector tiles (OGC API – Tiles): contents, caching by layer version, private tiles."""

import subprocess

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db


def _tile_features(tile: bytes, tmp_path, z: int, x: int, y: int) -> str:
    path = tmp_path / "tile.mvt"
    path.write_bytes(tile)
    return subprocess.run(
        ["ogrinfo", "-al", "-oo", f"X={x}", "-oo", f"Y={y}", "-oo", f"Z={z}", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_vector_tile_holds_the_features_with_their_attributes(client, public_layer, tmp_path):
    tilejson = client.get("/ogc/collections/estates/tiles/WebMercatorQuad").json()
    assert tilejson["tiles"][0].endswith(
        "/ogc/collections/estates/tiles/WebMercatorQuad/{z}/{y}/{x}"
    )
    assert tilejson["vector_layers"][0]["fields"] == {
        "name": "string", "rai": "number", "opened": "date",
    }  # fmt: skip

    response = client.get("/ogc/collections/estates/tiles/WebMercatorQuad/8/118/199")

    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    described = _tile_features(response.content, tmp_path, 8, 199, 118)
    assert "นิคมอุตสาหกรรมอมตะซิตี้" in described
    assert "Feature Count: 3" in described
    elsewhere = client.get("/ogc/collections/estates/tiles/WebMercatorQuad/8/100/100")
    assert elsewhere.status_code == 200
    assert elsewhere.content == b""  # no feature of the layer there


def test_tile_cache_follows_the_layer_version(client, public_layer, tmp_path):
    from divisions.spatial.models import Layer

    from .fixtures import ZONES, run_import, write_geojson

    url = "/ogc/collections/estates/tiles/WebMercatorQuad/8/118/199"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    one = write_geojson(tmp_path / "one.geojson", ZONES | {"features": ZONES["features"][1:2]})
    run_import(Layer.objects.get(slug="estates"), one)

    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert "Feature Count: 1" in _tile_features(second.content, tmp_path, 8, 199, 118)


def test_tiles_of_internal_layers_are_private_to_their_reader(client, internal_layer, public_layer):
    steward = User.objects.create_user("steward", password="x", is_staff=True)
    steward.groups.add(Group.objects.get(name="Spatial data stewards"))
    client.force_login(steward)

    for _fresh_then_cached in range(2):
        tile = client.get("/ogc/collections/secret-plots/tiles/WebMercatorQuad/8/118/199")
        assert tile.status_code == 200 and tile["Cache-Control"].startswith("private")
    unchanged = client.get(
        "/ogc/collections/secret-plots/tiles/WebMercatorQuad/8/118/199",
        HTTP_IF_NONE_MATCH=tile["ETag"],
    )
    assert unchanged.status_code == 304 and unchanged["Cache-Control"].startswith("private")
    public = client.get("/ogc/collections/estates/tiles/WebMercatorQuad/8/118/199")
    assert public["Cache-Control"].startswith("public")
