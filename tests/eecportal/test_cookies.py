"""The public site sets no cookie but the strictly necessary one (the CSRF token of the
best-practice submission form): no analytics, no tracking, no preferences. There is nothing a
visitor would have to consent to first."""

import pytest

pytestmark = pytest.mark.django_db
STRICTLY_NECESSARY = {"csrftoken"}


@pytest.mark.parametrize(
    "path",
    ["/th/", "/en/", "/th/knowledge/news/", "/th/spatial/map/", "/th/coordination/agreements/",
     "/th/planning/", "/th/search/?q=อีอีซี", "/th/knowledge/best-practices/submit/",
     "/th/privacy/", "/th/privacy/requests/", "/en/knowledge/subscribe/"],
)  # fmt: skip
def test_public_pages_set_no_cookie(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert set(response.cookies) <= STRICTLY_NECESSARY, (path, list(response.cookies))
