"""Who may change whose rights: division administrators give people their role groups; only
superusers grant superuser status or raw permissions; every change of rights is logged."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group, Permission, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    user = User.objects.create_user("admin", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Division administrators"))
    client.force_login(user)
    return user


def _change(client, user: User, **fields):
    data = {
        "username": user.username, "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "is_staff": "on", "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00", "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "09:00:00",
    } | fields  # fmt: skip
    return client.post(f"/en/admin/auth/user/{user.pk}/change/", data)


def test_an_administrator_cannot_make_anyone_a_superuser_or_hand_out_raw_permissions(
    client, administrator
):
    editor = User.objects.create_user("editor", is_staff=True)
    form = client.get(f"/en/admin/auth/user/{editor.pk}/change/").content.decode()
    assert 'name="groups"' in form
    assert 'name="is_superuser"' not in form and 'name="user_permissions"' not in form
    everything = list(Permission.objects.values_list("pk", flat=True)[:20])
    for user in (editor, administrator):
        response = _change(client, user, is_superuser="on", user_permissions=everything)
        assert response.status_code == 302, user
        user.refresh_from_db()
        assert not user.is_superuser and not user.user_permissions.exists(), user


def test_an_administrator_gives_role_groups_and_the_change_is_in_the_audit_log(
    client, administrator
):
    editor = User.objects.create_user("editor", is_staff=True)
    editors = Group.objects.get(name="Knowledge editors")

    assert _change(client, editor, groups=[editors.pk]).status_code == 302

    assert list(editor.groups.all()) == [editors]
    entry = LogEntry.objects.get_for_object(editor).filter(changes__has_key="groups").get()
    assert entry.actor == administrator
    assert entry.changes["groups"]["objects"] == [str(editors)]


def test_superusers_accounts_and_role_definitions_are_out_of_an_administrators_reach(
    client, administrator
):
    root = User.objects.create_superuser("root", password="x")
    form = client.get(f"/en/admin/auth/user/{root.pk}/change/").content.decode()
    assert 'name="_save"' not in form
    assert client.get(f"/en/admin/auth/user/{root.pk}/password/").status_code == 403
    assert _change(client, root, is_active="").status_code == 403
    root.refresh_from_db()
    assert root.is_active
    group = Group.objects.get(name="Knowledge editors")
    permission = Permission.objects.get(codename="publish_item")
    response = client.post(
        f"/en/admin/auth/group/{group.pk}/change/",
        {"name": group.name, "permissions": [permission.pk]},
    )
    assert response.status_code == 403
    assert not group.permissions.filter(pk=permission.pk).exists()


def test_a_superuser_grants_superuser_status_and_it_is_logged(client):
    root = User.objects.create_superuser("root", password="x")
    client.force_login(root)
    staff = User.objects.create_user("staff", is_staff=True)

    assert _change(client, staff, is_superuser="on").status_code == 302

    staff.refresh_from_db()
    assert staff.is_superuser
    entry = LogEntry.objects.get_for_object(staff).get(action=LogEntry.Action.UPDATE)
    assert entry.changes["is_superuser"] == [False, True] and entry.actor == root


def test_role_groups_follow_the_code_after_every_migrate():
    from django.core.management import call_command

    editors = Group.objects.get(name="Knowledge editors")
    editors.permissions.clear()
    Group.objects.get(name="Division administrators").permissions.add(
        Permission.objects.get(codename="change_group")
    )

    call_command("migrate", verbosity=0)  # nothing to migrate: the roles are synced anyway

    assert editors.permissions.filter(codename="change_item").exists()
    administrators = Group.objects.get(name="Division administrators")
    assert not administrators.permissions.filter(codename="change_group").exists()
