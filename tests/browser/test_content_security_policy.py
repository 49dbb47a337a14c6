import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations_on(page, url: str) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [text for text in messages if "Content Security Policy" in text]


def test_public_pages_api_docs_and_admin_run_under_the_policy(page, live_server, item_factory):
    item = item_factory(title_th="ข่าวทดสอบนโยบายความปลอดภัย")
    for path in ["/th/", f"/th/knowledge/items/{item.pk}/", "/en/search/?q=test", "/api/docs/"]:
        assert violations_on(page, live_server.url + path) == [], path
    expect(page.locator(".swagger-ui")).to_be_visible()  # the docs really start

    User.objects.create_superuser("root", password="a-long-test-password")
    page.goto(f"{live_server.url}/en/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "a-long-test-password")
    page.locator("input[type=submit]").click()
    assert violations_on(page, f"{live_server.url}/en/admin/knowledge/item/{item.pk}/change/") == []
    expect(page.locator("a[href='#tab_id_title_en']")).to_be_visible()  # jQuery UI tabs ran


def test_responses_carry_the_policy_and_other_security_headers(client):
    response = client.get("/th/")
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == "'self'"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
