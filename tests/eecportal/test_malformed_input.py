"""Input PostgreSQL cannot take is refused with 400, never 500 (found by fuzzing the API)."""

import pytest

pytestmark = pytest.mark.django_db


def test_nul_in_a_json_body_a_form_body_or_the_path_is_refused(client, analyst):
    client.force_login(analyst)
    body = '{"title_th": "ถนน\\u0000", "agency": "x"}'
    response = client.post("/api/v1/planning/projects/", body, content_type="application/json")
    assert response.status_code == 400
    form = "name=a%00b&body=x"
    response = client.post(
        "/th/knowledge/best-practices/submit/", form,
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert response.status_code == 400
    assert client.get("/api/v1/agencies/a%00b/").status_code == 400


def test_times_with_offsets_postgresql_refuses_are_compared_in_utc(client):
    response = client.get(
        "/api/v1/knowledge/items/", {"published_before": "0219-01-25T02:02:57-22:49"}
    )
    assert response.status_code == 200


def test_the_api_takes_no_passwords_with_requests(client):
    response = client.get("/api/v1/planning/projects/1/", HTTP_AUTHORIZATION="Basic AAAAAA==")
    assert response.status_code == 404  # the header is ignored, not looked up
