import pytest

pytestmark = pytest.mark.django_db


def test_agency_api_lists_both_languages_and_filters_by_province(client, agency_factory):
    agency_factory(slug="pao-rayong", name_th="อบจ.ระยอง", name_en="Rayong PAO", province="TH-21")
    agency_factory(slug="pao-chonburi", province="TH-20")
    body = client.get("/api/v1/agencies/", {"province": "TH-21"}).json()
    assert body["count"] == 1
    assert body["results"][0]["slug"] == "pao-rayong"
    assert body["results"][0]["name_th"] == "อบจ.ระยอง"
    assert body["results"][0]["name_en"] == "Rayong PAO"


def test_agency_api_refuses_unknown_filter_values(client):
    response = client.get("/api/v1/agencies/", {"kind": "martian"})
    assert response.status_code == 400


def test_agency_api_is_read_only_for_anonymous_users(client, agency_factory):
    agency_factory(slug="eeco")
    assert client.post("/api/v1/agencies/", {"slug": "x"}).status_code in (401, 403)
    assert client.delete("/api/v1/agencies/eeco/").status_code in (401, 403, 405)


def test_api_root_schema_and_docs_are_served_by_the_portal(client):
    assert client.get("/api/v1/").status_code == 200
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/agencies/" in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "unpkg" not in docs


def test_agency_api_query_count_is_constant(client, agency_factory, django_assert_max_num_queries):
    parent = agency_factory()
    for _ in range(30):
        agency_factory(parent=parent)
    # The count, the page's ids, the page written as JSON (JSONRowsList): 3 however many.
    with django_assert_max_num_queries(3):
        client.get("/api/v1/agencies/")


def test_agency_names_never_mix_languages(agency_factory):
    from django.utils import translation

    agency = agency_factory(
        name_th="เทศบาลนครระยอง",
        name_en="Rayong City Municipality",
        short_name_th="ทน.ระยอง",
        short_name_en="",
    )
    with translation.override("en"):
        assert str(agency) == "Rayong City Municipality"
    with translation.override("th"):
        assert str(agency) == "เทศบาลนครระยอง (ทน.ระยอง)"
