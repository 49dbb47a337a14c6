"""Every query parameter an API view reads is declared in its OpenAPI document: the REST
and CKAN Action APIs' `/api/schema/`, and the OGC API's `/ogc/api`. Each operation is called
with a spy on the query string, which records every name the view asks for."""

import re

import pytest

from divisions.spatial.models import Feature

pytestmark = pytest.mark.django_db

# Read by DRF's content negotiation on every request (`?format=json`), not by a view.
FRAMEWORK_PARAMETERS = {"format"}


def _undeclared(client, names_read, path: str, operation: dict) -> set[str]:
    names_read.clear()
    response = client.get(path)
    assert response.status_code < 500, path
    declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    return names_read - declared - FRAMEWORK_PARAMETERS


def test_rest_api_views_read_only_declared_parameters(admin_client, names_read):
    schema = admin_client.get("/api/schema/?format=json").json()
    checked = 0
    for template, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        path = re.sub(r"\{[^}]+\}", "0", template)
        undeclared = _undeclared(admin_client, names_read, path, methods["get"])
        assert not undeclared, f"{template} reads {undeclared} without declaring them"
        checked += 1
    assert checked >= 25  # the REST API's and the ten CKAN actions


def test_ogc_api_views_read_only_declared_parameters(client, names_read, layer_factory):
    layer = layer_factory(slug="estates")
    feature = Feature.objects.filter(layer=layer).first()
    document = client.get("/ogc/api").json()
    values = {
        "featureId": str(feature.pk),
        "tileMatrixSetId": "WebMercatorQuad",
        "tileMatrix": "0",
        "tileRow": "0",
        "tileCol": "0",
    }
    checked = 0
    for template, methods in document["paths"].items():
        path = "/ogc" + re.sub(r"\{([^}]+)\}", lambda m: values[m.group(1)], template)
        undeclared = _undeclared(client, names_read, path, methods["get"])
        assert not undeclared, f"{template} reads {undeclared} without declaring them"
        checked += 1
    assert checked >= 9  # landing, conformance, collections and the six of a collection
