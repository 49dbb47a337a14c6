"""What each role may do with each kind of record, in the admin and the API; stated here
independently of eecportal.roles, so a change there that widens access fails a test."""

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db

MODELS = {
    "knowledge.item": "/th/admin/knowledge/item/",
    "coordination.agreement": "/th/admin/coordination/agreement/",
    "coordination.meeting": "/th/admin/coordination/meeting/",
    "coordination.contact": "/th/admin/coordination/contact/",
    "spatial.dataset": "/th/admin/spatial/dataset/",
    "planning.project": "/th/admin/planning/project/",
    "auditlog.logentry": "/th/admin/auditlog/logentry/",
    "eecportal.privacyrequest": "/th/admin/eecportal/privacyrequest/",
}
# v view, a add, c change, d delete, p publish (knowledge items only).
MATRIX = {
    "Knowledge editors": {"knowledge.item": "vac", "coordination.agreement": "v",
                          "coordination.meeting": "v"},
    "Coordinators": {"coordination.agreement": "vacd", "coordination.meeting": "vacd",
                     "coordination.contact": "vacd"},
    "Spatial data stewards": {"spatial.dataset": "vacd", "coordination.agreement": "v",
                              "coordination.meeting": "v"},
    "Plan analysts": {"planning.project": "vacd", "coordination.agreement": "v",
                      "coordination.meeting": "v"},
    "Division administrators": {"knowledge.item": "vacdp", "coordination.agreement": "vacd",
                                "coordination.meeting": "vacd", "coordination.contact": "vacd",
                                "spatial.dataset": "vacd", "planning.project": "vacd",
                                "auditlog.logentry": "v", "eecportal.privacyrequest": "vc"},
}  # fmt: skip
ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete", "p": "publish"}


def _user(role: str) -> User:
    user = User.objects.create_user(role.replace(" ", "-").lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.parametrize("role", list(MATRIX))
def test_each_role_has_exactly_its_permissions(role):
    user = _user(role)
    for model in MODELS:
        app, name = model.split(".")
        granted = MATRIX[role].get(model, "")
        for letter, action in ACTIONS.items():
            if letter == "p" and model != "knowledge.item":
                continue
            codename = f"{app}.{action}_{name}"
            assert user.has_perm(codename) == (letter in granted), (role, codename)


@pytest.mark.parametrize("role", list(MATRIX))
def test_admin_pages_follow_the_matrix(client, role):
    client.force_login(_user(role))
    for model, url in MODELS.items():
        granted = MATRIX[role].get(model, "")
        assert client.get(url).status_code == (200 if "v" in granted else 403), (role, url)
        if model not in ("auditlog.logentry", "eecportal.privacyrequest"):  # nothing to add
            status = client.get(f"{url}add/").status_code
            assert status == (200 if "a" in granted else 403), (role, f"{url}add/")


@pytest.mark.parametrize(
    ("role", "url", "payload", "allowed"),
    [
        (None, "/api/v1/planning/projects/", {}, False),
        ("Knowledge editors", "/api/v1/planning/projects/", {}, False),
        ("Coordinators", "/api/v1/planning/projects/", {}, False),
        ("Plan analysts", "/api/v1/planning/projects/", {}, True),
        (None, "/api/v1/coordination/agreements/", {}, False),
        ("Plan analysts", "/api/v1/coordination/agreements/", {}, False),
        ("Coordinators", "/api/v1/coordination/agreements/", {}, True),
        ("Knowledge editors", "/api/v1/knowledge/items/", {}, False),
        ("Spatial data stewards", "/api/v1/coordination/contacts/", {}, False),
    ],
)
def test_api_writes_follow_the_matrix(client, role, url, payload, allowed):
    if role:
        client.force_login(_user(role))
    status = client.post(url, payload, content_type="application/json").status_code
    # Allowed writers get past permissions to validation (400 for an empty payload).
    assert (status == 400) if allowed else status in (401, 403, 405), (role, url, status)


@pytest.mark.parametrize("role", [None, "Knowledge editors", "Spatial data stewards"])
def test_contacts_personal_data_is_not_readable_without_the_permission(client, role):
    if role:
        client.force_login(_user(role))
    assert client.get("/api/v1/coordination/contacts/").status_code in (401, 403)
    if role:
        assert client.get("/th/admin/coordination/contact/").status_code == 403
