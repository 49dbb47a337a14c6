"""Every admin list, add and change page, as every role, with the demo content and internal
records of every section present: no page answers with a server error. Each list is also
opened with every filter and sort link it offers, and each change page with ids that are
not ids."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from eecportal.roles import ROLES

pytestmark = pytest.mark.django_db(transaction=True)

QUERY_LINKS = re.compile(r'href="(\?[^"]*)"')
NOT_IDS = ["abc", "99999999999999999999", "-1", "1.5", "%20"]
LINKS_PER_LIST = 25


def _crawl(client) -> list[tuple[str, int]]:
    failures = []

    def get(url: str) -> str:
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code))
        return response.content.decode(errors="replace") if response.status_code == 200 else ""

    get("/th/admin/")
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        page = get(changelist)
        links = sorted(set(QUERY_LINKS.findall(page)))[:LINKS_PER_LIST]
        for link in links:
            get(changelist + link.replace("&amp;", "&"))
        get(changelist + "?q=" + "ถนน%27%22<>")
        get(reverse("admin:{}_{}_add".format(*info)))
        first = model_admin.get_queryset(_request(client)).order_by("pk").first()
        ids = ([str(first.pk)] if first else []) + NOT_IDS
        for object_id in ids:
            for view in ("change", "history", "delete"):
                get(reverse("admin:{}_{}_{}".format(*info, view), args=[object_id]))
    return failures


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = client.user
    return request


@pytest.fixture
def content(records):
    call_command("load_demo", verbosity=0)
    return records


def test_every_admin_page_opens_for_every_role_without_a_server_error(client, content):
    client.raise_request_exception = False
    failures = {}
    for number, role in enumerate([*ROLES, "superuser"]):
        user = User.objects.create_user(f"crawler-{number}", is_staff=True,
                                        is_superuser=role == "superuser")  # fmt: skip
        if role in ROLES:
            user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        client.user = user
        failures[role] = _crawl(client)

    assert failures == {role: [] for role in failures}
