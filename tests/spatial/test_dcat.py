"""DCAT: the catalog in Turtle, JSON-LD and RDF/XML."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _portal_address(settings):
    # Catalog identifiers are built from the portal's own address: the test client's here.
    settings.PORTAL_BASE_URL = "http://testserver"


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "rdf"])
def test_dcat_catalog_lists_public_datasets_with_distributions(client, public_layer, fmt):
    response = client.get(f"/catalog.{fmt}")
    graph = Graph().parse(data=response.content, format={"ttl": "turtle", "jsonld": "json-ld",
                                                          "rdf": "xml"}[fmt])  # fmt: skip
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert [str(d) for d in datasets] == ["http://testserver/th/spatial/datasets/estates/"]
    downloads = {str(url) for url in graph.objects(None, DCAT.downloadURL)}
    assert "http://testserver/data/layers/estates.gpkg" in downloads


SHAPES = Path(__file__).parent / "data" / "dcat-ap-3.0.0-SHACL.ttl"


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "rdf"])
def test_the_catalog_conforms_to_the_official_dcat_ap_3_shapes(
    client, public_layer, dataset_factory, settings, tmp_path, fmt
):
    from django.core.files.base import ContentFile

    from divisions.spatial.models import Resource

    settings.MEDIA_ROOT = tmp_path
    report = dataset_factory(slug="reports", languages=["th", "en"], license="odc-odbl",
                             category="economy")  # fmt: skip
    Resource.objects.create(dataset=report, kind=Resource.Kind.FILE, name="รายงาน", format="pdf",
                            file=ContentFile(b"%PDF-1.4 report", name="report.pdf"))  # fmt: skip
    Resource.objects.create(dataset=report, kind=Resource.Kind.LINK, name="Portal",
                            format="html", url="https://example.go.th/report")  # fmt: skip
    response = client.get(f"/catalog.{fmt}")
    data = Graph().parse(data=response.content, format={"ttl": "turtle", "jsonld": "json-ld",
                                                        "rdf": "xml"}[fmt])  # fmt: skip
    shapes = Graph().parse(SHAPES, format="turtle")

    conforms, _results, text = validate(data, shacl_graph=shapes, inference="none")

    assert conforms, text
    # Titles and descriptions carry their language.
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {"th", "en"} <= {text.language for text in data.objects(None, predicate)}


def test_turtle_written_in_kept_parts_says_what_the_other_formats_say(
    client, public_layer, dataset_factory
):
    """Turtle is written from each dataset's statements kept apart (read twice: written, then
    kept); JSON-LD and RDF/XML from one graph: the same triples, blank nodes and the paging
    (each format's own addresses) aside."""
    from rdflib.compare import isomorphic
    from rdflib.namespace import Namespace

    paged = Namespace("http://www.w3.org/ns/hydra/core#").PagedCollection

    dataset_factory(slug="reports", languages=["th", "en"], category="economy")
    graphs = {}
    for fmt, parser in (("ttl", "turtle"), ("ttl", "turtle"), ("jsonld", "json-ld"),
                        ("rdf", "xml")):  # fmt: skip
        graph = Graph().parse(data=client.get(f"/catalog.{fmt}").content, format=parser)
        for page in list(graph.subjects(RDF.type, paged)):
            graph.remove((page, None, None))
        graphs[fmt] = graph
    assert len(graphs["ttl"]) > 100
    assert isomorphic(graphs["ttl"], graphs["jsonld"]) and isomorphic(graphs["ttl"], graphs["rdf"])
