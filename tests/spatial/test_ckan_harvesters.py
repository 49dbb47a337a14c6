"""The requests the national catalog's harvesters send, replayed as their code sends them
(ckanext-harvest's CKAN harvester, ckanext-dcat's RDF harvester).

ckanext-harvest's CKANHarvester (ckanext/harvest/harvesters/ckanharvester.py) gathers with
`_search_for_datasets`: GET {base}/api/3/action/package_search with rows=100, start=0 and
sort="id asc", fq = its fq_terms joined by spaces (organizations_filter_include as
"organization:a OR organization:b", _exclude as "-organization:a", the same for groups, and
"metadata_modified:[<last harvest − 1 h, isoformat>Z TO *]" after a successful harvest),
urlencoded; it pages by adding rows to start until a page comes back empty and reads
result.results[].id. With remote_orgs/remote_groups "create" it calls organization_show?id=
and group_show?id=. `_search_for_datasets` below is that loop, line for line."""

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, RDF

from divisions.spatial.catalog import stable_id
from divisions.spatial.models import Dataset

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _portal_address(settings):
    # Catalog identifiers are built from the portal's own address: the test client's here.
    settings.PORTAL_BASE_URL = "http://testserver"


SEARCH = "/api/3/action/package_search"
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")


def _search_for_datasets(client, fq_terms=None, rows="100"):
    params = {"rows": rows, "start": "0"}
    params["sort"] = "id asc"
    if fq_terms:
        params["fq"] = " ".join(fq_terms)
    pkg_dicts, pkg_ids = [], set()
    while True:
        url = SEARCH + "?" + urlencode(params)
        response_dict = json.loads(client.get(url).content)
        assert response_dict["success"] is True, (url, response_dict)
        pkg_dicts_page = response_dict.get("result", {}).get("results", [])
        ids_in_page = {p["id"] for p in pkg_dicts_page}
        pkg_dicts_page = [p for p in pkg_dicts_page if p["id"] not in pkg_ids]
        pkg_ids |= ids_in_page
        pkg_dicts.extend(pkg_dicts_page)
        if len(pkg_dicts_page) == 0:
            break
        params["start"] = str(int(params["start"]) + int(params["rows"]))
    return pkg_dicts


@pytest.fixture
def catalog(dataset_factory, agency_factory):
    port, pao = agency_factory(slug="pat"), agency_factory(slug="pao-rayong")
    return {
        "port": dataset_factory(slug="port-berths", publisher=port, category="infrastructure",
                                keywords=["ท่าเรือ", "EEC"]),
        "roads": dataset_factory(slug="rural-roads", publisher=pao, category="infrastructure"),
        "estates": dataset_factory(slug="estates", publisher=pao, category="industry"),
        "secret": dataset_factory(slug="secret", publisher=pao, classification="internal"),
    }  # fmt: skip


def _ids(*datasets: Dataset) -> set[str]:
    return {stable_id("dataset", dataset.pk) for dataset in datasets}


def test_the_first_harvest_gathers_every_public_dataset(client, catalog):
    found = _search_for_datasets(client)
    assert {p["id"] for p in found} == _ids(catalog["port"], catalog["roads"], catalog["estates"])


def test_paging_ends_on_an_empty_page_without_repeats(client, catalog):
    found = _search_for_datasets(client, rows="2")  # the same loop, smaller pages
    assert len(found) == 3 and len({p["id"] for p in found}) == 3


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["organization:pat OR organization:pao-rayong"], {"port", "roads", "estates"}),
        (["organization:pat"], {"port"}),
        (["-organization:pat"], {"roads", "estates"}),
        (["groups:industry OR groups:infrastructure"], {"port", "roads", "estates"}),
        (["groups:industry"], {"estates"}),
        (["-groups:industry", "organization:pao-rayong"], {"roads"}),
        (["organization:pat OR organization:pao-rayong", "-groups:industry"], {"port", "roads"}),
    ],
)
def test_organization_and_group_filters_as_the_harvester_writes_them(
    client, catalog, terms, expected
):
    found = {p["name"] for p in _search_for_datasets(client, terms)}
    assert found == {catalog[name].slug for name in expected}


def test_a_later_harvest_gathers_what_changed_since_the_last_one(client, catalog):
    last_time = datetime.now(UTC).replace(tzinfo=None)  # gather_started, naive UTC
    Dataset.objects.filter(pk=catalog["port"].pk).update(
        updated_at=datetime.now(UTC) - timedelta(days=3)
    )
    get_changes_since = (last_time - timedelta(hours=1)).isoformat()
    fq_since_last_time = f"metadata_modified:[{get_changes_since}Z TO *]"

    found = _search_for_datasets(client, ["organization:pat OR organization:pao-rayong",
                                          fq_since_last_time])  # fmt: skip

    assert {p["name"] for p in found} == {"rural-roads", "estates"}


def test_remote_organizations_and_groups_are_fetched_as_the_harvester_asks(client, catalog):
    org = client.get("/api/3/action/organization_show?id=pat").json()
    assert org["success"] and org["result"]["name"] == "pat"
    group = client.get("/api/3/action/group_show?id=industry").json()
    assert group["success"] and group["result"]["name"] == "industry"


@pytest.mark.parametrize(
    "query",
    [
        {"fq": "+dataset_type:dataset"},
        {"q": "*:*", "fq": "+dataset_type:dataset"},
        {"fq_list": ["+dataset_type:dataset", "organization:pat OR organization:pao-rayong"]},
    ],
)
def test_dataset_type_and_fq_list_are_read_as_ckan_reads_them(client, catalog, query):
    answer = client.get(SEARCH, query).json()
    assert answer["success"] and answer["result"]["count"] == 3


def test_fq_list_terms_all_hold_and_unknown_fields_are_refused(client, catalog):
    answer = client.get(SEARCH, {"fq_list": ["organization:pao-rayong", "groups:industry"]})
    assert [p["name"] for p in answer.json()["result"]["results"]] == ["estates"]
    refused = client.get(SEARCH, {"fq": "no_such_field:x"}).json()
    assert refused["success"] is False and refused["error"]["__type"] == "Search Query Error"


def test_tag_and_licence_lists(client, catalog):
    tags = client.get("/api/3/action/tag_list").json()
    assert tags["success"] and {"ท่าเรือ", "EEC"} <= set(tags["result"])
    licences = client.get("/api/3/action/license_list").json()["result"]
    ids = {licence["id"] for licence in licences}
    assert {"Creative Commons Attributions", "Open Data Common"} <= ids  # the national values


def test_dcat_identifiers_are_the_same_in_every_language_and_for_every_host(client, catalog):
    def datasets(**headers):
        graph = Graph().parse(data=client.get("/catalog.ttl", **headers).content, format="turtle")
        return sorted(str(s) for s in graph.subjects(RDF.type, DCAT.Dataset))

    plain = datasets()
    assert plain and plain == datasets(HTTP_HOST="localhost")
    assert plain == datasets(HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="django_language=en")
    assert all(uri.startswith("http://testserver/th/spatial/datasets/") for uri in plain)


def _rdf_gather(client, url: str) -> list[str]:
    """ckanext-dcat's DCATRDFHarvester gather loop: fetch a page, parse it in the format its
    Content-Type names, take the dcat:Dataset subjects, follow RDFParser.next_page (the
    hydra:PagedCollection's hydra:next, else hydra:nextPage) until there is none."""
    formats = {"text/turtle": "turtle", "application/rdf+xml": "xml",
               "application/ld+json": "json-ld"}  # fmt: skip
    found, seen_pages = [], set()
    while url and url not in seen_pages:
        seen_pages.add(url)
        # DCATHarvester._get_content_and_type: HEAD first (GET only if HEAD is refused).
        assert client.head(url).status_code == 200, url
        response = client.get(url)
        assert response.status_code == 200, url
        content_type = response["Content-Type"].split(";")[0]
        graph = Graph().parse(data=response.content, format=formats[content_type])
        found += [str(s) for s in graph.subjects(RDF.type, DCAT.Dataset)]
        url = None
        for pagination in graph.subjects(RDF.type, HYDRA.PagedCollection):
            for next_url in graph.objects(pagination, HYDRA.next):
                url = str(next_url)
            if url is None:
                for next_url in graph.objects(pagination, HYDRA.nextPage):
                    url = str(next_url)
    return found


@pytest.mark.parametrize("fmt", ["ttl", "rdf", "jsonld"])
def test_the_dcat_harvester_pages_through_the_whole_catalog(client, catalog, monkeypatch, fmt):
    from divisions.spatial import dcat

    monkeypatch.setattr(dcat, "PAGE_SIZE", 2)  # three public datasets: two pages

    found = _rdf_gather(client, f"http://testserver/catalog.{fmt}")

    assert len(found) == 3 and len(set(found)) == 3
    assert "http://testserver/th/spatial/datasets/secret/" not in found


def _json_gather(client, url: str) -> tuple[list[str], dict[str, dict]]:
    """ckanext-dcat's DCATJSONHarvester.gather_stage with DCATHarvester._get_content_and_type:
    page 1 is the address itself, page N adds page=N (after "&" or "?"); each page is asked
    with HEAD first (GET when HEAD answers 405 or 400), then fetched with GET; a 404 after
    the first page ends the paging; the document is a list of datasets or an object whose
    "dataset" holds them; each dataset's guid is its identifier; an empty page, or one with
    the same guids as the page before, ends the loop."""
    previous_guids, guids_in_source, found = [], [], {}
    page = 1
    while True:
        page_url = url
        if page > 1:
            page_url = page_url + "&" if "?" in page_url else page_url + "?"
            page_url = page_url + f"page={page}"
        response = client.head(page_url)
        if response.status_code in (405, 400):
            response = client.get(page_url)
        if response.status_code == 404 and page > 1:
            break
        assert response.status_code < 400, (page_url, response.status_code)
        response = client.get(page_url)
        doc = json.loads(response.content)
        datasets = doc if isinstance(doc, list) else doc.get("dataset", [])
        batch_guids = []
        for dataset in datasets:
            guid = dataset.get("identifier")
            assert guid, dataset  # else the harvester falls back to a hash of the text
            batch_guids.append(guid)
            if guid not in previous_guids:
                found[guid] = dataset
        if len(batch_guids) > 0:
            guids_in_source.extend(set(batch_guids) - set(previous_guids))
        else:
            break
        if sorted(previous_guids) == sorted(batch_guids):
            break
        page = page + 1
        previous_guids = batch_guids
    return guids_in_source, found


def _dcat_to_ckan(dcat_dict: dict) -> dict:
    """ckanext-dcat's converters.dcat_to_ckan, which the JSON harvester's import stage runs."""
    package_dict = {"title": dcat_dict.get("title"), "notes": dcat_dict.get("description"),
                    "url": dcat_dict.get("landingPage")}  # fmt: skip
    package_dict["tags"] = [{"name": keyword} for keyword in dcat_dict.get("keyword", [])]
    package_dict["extras"] = [
        {"key": f"dcat_{key}", "value": dcat_dict.get(key)} for key in ("issued", "modified")
    ]
    package_dict["extras"].append({"key": "guid", "value": dcat_dict.get("identifier")})
    package_dict["extras"].append({"key": "language",
                                   "value": ",".join(dcat_dict.get("language", []))})  # fmt: skip
    package_dict["resources"] = [
        {
            "name": distribution.get("title"),
            "description": distribution.get("description"),
            "url": distribution.get("downloadURL") or distribution.get("accessURL"),
            "format": distribution.get("format"),
        }
        for distribution in dcat_dict["distribution"]
    ]
    return package_dict


def test_the_dcat_json_harvester_gathers_and_imports_every_public_dataset(
    client, catalog, monkeypatch, layer_factory
):
    from divisions.spatial import dcat

    monkeypatch.setattr(dcat, "PAGE_SIZE", 2)  # three public datasets: two pages and an empty one
    layer_factory(dataset=catalog["estates"], slug="estates-map")

    guids, found = _json_gather(client, "http://testserver/data.json")

    assert sorted(guids) == sorted(found) and len(guids) == 3
    assert "http://testserver/th/spatial/datasets/secret/" not in guids
    packages = [_dcat_to_ckan(found[guid]) for guid in guids]
    assert all(package["title"] and package["tags"] for package in packages)
    with_layer = next(p for p in packages if any(r["format"] == "GPKG" for r in p["resources"]))
    assert all(r["url"].startswith("http://testserver/") for r in with_layer["resources"])
    # The same identifiers whoever asks and in whatever language: the next harvest updates.
    again, _found = _json_gather(client, "http://testserver/data.json")
    assert sorted(again) == sorted(guids)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "9" * 12])
def test_data_json_refuses_impossible_pages_in_the_readers_language(client, page):
    response = client.get(f"/data.json?page={page}", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 400
    assert "หมายเลขหน้าต้องเป็นจำนวนเต็ม" in response.content.decode()


def test_package_search_facets_as_ckan_clients_ask_for_them(client, catalog):
    fields = '["organization", "groups", "tags", "license_id", "quality_grade", "nope"]'
    result = client.get(SEARCH, {"facet.field": fields, "fq": "-organization:pat"}).json()["result"]

    assert result["facets"]["organization"] == {"pao-rayong": 2}  # the internal one not counted
    assert result["facets"]["groups"] == {"infrastructure": 1, "industry": 1}
    assert result["facets"]["license_id"] == {"Creative Commons Attributions": 2}
    assert sum(result["facets"]["quality_grade"].values()) == 2
    assert result["facets"]["nope"] == {}
    assert result["facets"]["tags"] == {"EEC": 2, "นิคมอุตสาหกรรม": 2}
    items = result["search_facets"]["tags"]["items"]
    assert {"name": "EEC", "display_name": "EEC", "count": 2} in items
    everything = client.get(SEARCH, {"facet.field": '["tags"]', "facet.limit": "1"}).json()
    assert everything["result"]["facets"]["tags"] == {"EEC": 3}
    for bad in ({"facet.field": "organization"}, {"facet.field": '["tags"]', "facet.limit": "x"}):
        answer = client.get(SEARCH, bad)
        assert answer.status_code == 409 and answer.json()["success"] is False
