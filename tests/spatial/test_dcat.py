"""DCAT: the catalog in Turtle, JSON-LD and RDF/XML."""

import pytest
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "rdf"])
def test_dcat_catalog_lists_public_datasets_with_distributions(client, public_layer, fmt):
    response = client.get(f"/catalog.{fmt}")
    graph = Graph().parse(data=response.content, format={"ttl": "turtle", "jsonld": "json-ld",
                                                          "rdf": "xml"}[fmt])  # fmt: skip
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert [str(d) for d in datasets] == ["http://testserver/th/spatial/datasets/estates/"]
    downloads = {str(url) for url in graph.objects(None, DCAT.downloadURL)}
    assert "http://testserver/data/layers/estates.gpkg" in downloads
