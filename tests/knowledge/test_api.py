import pytest

from divisions.knowledge.models import Item

pytestmark = pytest.mark.django_db


def test_api_lists_published_items_in_both_languages_with_filters(client, item_factory):
    item_factory(title_en="Rayong jobs", topics=("jobs",), provinces=["TH-21"])
    item_factory(kind=Item.Kind.EXPLAINER, title_en="", topics=("economy",))
    item_factory(status=Item.Status.DRAFT, title_en="Draft")
    body = client.get("/api/v1/knowledge/items/").json()
    assert body["count"] == 2
    assert {r["title_en"] for r in body["results"]} == {"Rayong jobs", ""}
    assert client.get("/api/v1/knowledge/items/", {"topic": "jobs"}).json()["count"] == 1
    assert client.get("/api/v1/knowledge/items/", {"province": "TH-21"}).json()["count"] == 1
    assert client.get("/api/v1/knowledge/items/", {"kind": "explainer"}).json()["count"] == 1
    assert client.get("/api/v1/knowledge/items/", {"language": "en"}).json()["count"] == 1
    result = client.get("/api/v1/knowledge/items/", {"language": "en"}).json()["results"][0]
    assert result["url"].startswith("http://testserver/")


def test_api_filters_by_publication_date_and_refuses_bad_values(client, item_factory):
    item_factory()
    assert (
        client.get("/api/v1/knowledge/items/", {"published_after": "2100-01-01"}).json()["count"]
        == 0
    )
    assert (
        client.get("/api/v1/knowledge/items/", {"published_after": "yesterday"}).status_code == 400
    )
    assert client.get("/api/v1/knowledge/items/", {"kind": "gossip"}).status_code == 400


def test_api_is_documented_in_the_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    parameters = {
        p["name"] for p in schema["paths"]["/api/v1/knowledge/items/"]["get"]["parameters"]
    }
    assert {"kind", "topic", "province", "language", "published_after"} <= parameters


def test_api_list_query_count_is_constant(client, item_factory, django_assert_max_num_queries):
    for _ in range(20):
        item_factory(topics=("jobs", "economy"))
    with django_assert_max_num_queries(3):
        client.get("/api/v1/knowledge/items/")
