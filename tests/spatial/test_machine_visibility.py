"""Internal datasets stay out of every machine channel; stewards see them."""

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db


def test_internal_dataset_is_absent_from_every_machine_channel(
    client, public_layer, internal_layer
):
    secret = "secret-plots"
    for url in [
        "/ogc/collections?f=json",
        "/api/3/action/package_search?rows=100",
        "/api/3/action/package_list",
        "/api/3/action/current_package_list_with_resources",
        "/catalog.ttl",
        "/catalog.jsonld",
        "/sitemap.xml",
        "/th/spatial/",
        "/en/spatial/map/",
        "/th/search/?q=แปลง",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert secret.encode() not in content, url
        assert "แปลงลับ".encode() not in content, url
    for url in [
        f"/ogc/collections/{secret}",
        f"/ogc/collections/{secret}/items",
        f"/ogc/collections/{secret}/items/1",
        f"/ogc/collections/{secret}/tiles/WebMercatorQuad",
        f"/ogc/collections/{secret}/tiles/WebMercatorQuad/8/118/199",
        f"/data/layers/{secret}.geojson",
        f"/data/layers/{secret}.gpkg",
        f"/th/spatial/datasets/{secret}/",
        f"/api/3/action/package_show?id={secret}",
    ]:
        assert client.get(url).status_code == 404, url


def test_spatial_data_stewards_see_internal_layers(client, internal_layer):
    steward = User.objects.create_user("steward", password="x", is_staff=True)
    steward.groups.add(Group.objects.get(name="Spatial data stewards"))
    client.force_login(steward)

    assert client.get("/th/spatial/datasets/secret-plots/").status_code == 200
    assert client.get("/ogc/collections/secret-plots/items").json()["numberMatched"] == 3
    # The harvestable catalogs stay public-only even for staff.
    assert b"secret-plots" not in client.get("/api/3/action/package_list").content


@pytest.mark.django_db(transaction=True)
def test_a_layer_kept_for_gis_clients_follows_its_labels_and_its_dataset_made_internal(
    client, public_layer
):
    from divisions.spatial.models import Dataset
    from divisions.spatial.services import dataset_save

    url = "/ogc/collections/estates"
    for _ in range(2):  # read, then kept
        assert client.get(f"{url}/items?limit=1").status_code == 200
        assert client.get(f"{url}/queryables?f=json&lang=en").status_code == 200
    attribute = public_layer.attributes.order_by("position").first()
    attribute.label_en = "Estate name, revised"
    attribute.save()
    titles = client.get(f"{url}/queryables?f=json&lang=en").json()["properties"]
    assert titles[attribute.name]["title"] == "Estate name, revised"

    dataset = Dataset.objects.get(pk=public_layer.dataset_id)
    dataset.classification = Dataset.Classification.INTERNAL
    dataset_save(dataset=dataset)
    for path in ("", "/items?limit=1", "/items/1", "/queryables?f=json&lang=en"):
        assert client.get(url + path).status_code == 404, path
