"""The division's staff roles and the permissions each one has, kept in one place."""

from django.utils.translation import gettext_lazy as _

# Role name -> {app label, or "app_label.model" for one model: actions}. Actions are
# Django's model permissions.
ALL = ("add", "change", "delete", "view")
ROLES: dict[str, dict[str, tuple[str, ...]]] = {
    "Knowledge editors": {"knowledge": ("add", "change", "view"), "coordination": ("view",)},
    "Coordinators": {"coordination": ALL},
    "Spatial data stewards": {"spatial": ALL, "coordination": ("view",)},
    "Plan analysts": {"planning": ALL, "coordination": ("view",)},
    "Division administrators": {
        "knowledge": (*ALL, "publish"),
        "coordination": ALL,
        "spatial": ALL,
        "planning": ALL,
        # Accounts and their role groups; what a group may do is set here, in code, and
        # only superusers grant superuser status or raw permissions.
        "auth.user": ("add", "change", "view"),
        "auth.group": ("view",),
        # Sign-in records of django-axes: read them, and delete a lock to unlock an account.
        "axes": ("view", "delete"),
        # The audit log of who changed what.
        "auditlog": ("view",),
        # Second factors: delete a person's devices to let them set up a new one.
        "otp_totp": ("view", "delete"),
        "otp_static": ("view", "delete"),
        # Citizens' PDPA requests: read them and answer them.
        "eecportal.privacyrequest": ("view", "change"),
        # Who follows what (delete to stop someone's e-mails), what was announced, and the
        # machines told of public changes, with every delivery attempt.
        "eecportal.follow": ("view", "delete"),
        "eecportal.publicchange": ("view",),
        "eecportal.webhook": ALL,
        "eecportal.webhookdelivery": ("view",),
    },
}


# Role groups are named in English in the database (code refers to them by name); staff read
# them in their own language.
ROLE_LABELS = {
    "Knowledge editors": _("Knowledge editors"),
    "Coordinators": _("Coordinators"),
    "Spatial data stewards": _("Spatial data stewards"),
    "Plan analysts": _("Plan analysts"),
    "Division administrators": _("Division administrators"),
}


def role_label(name: str) -> str:
    return str(ROLE_LABELS.get(name, name))


# Models holding personal data (PDPA): only roles with full access to their section see them.
PERSONAL_DATA = {"coordination": ("contact", "affiliation")}


def roles_sync(apps, schema_editor=None) -> None:
    """Create the role groups and give each the permissions of its sections' models: after
    every migrate (post_migrate, with the migrated state's registry) and after a flush (with
    the global one)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # A migration state's app configs have no models module, which create_permissions
        # takes for "no models": lend one for the call, then put back what was there.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLES.items():
        group, _created = Group.objects.get_or_create(name=role)
        permissions = []
        for target, actions in grants.items():
            app_label, _dot, model = target.partition(".")
            granted = Permission.objects.filter(
                content_type__app_label=app_label,
                codename__regex=rf"^({'|'.join(actions)})_",
            )
            if model:
                granted = granted.filter(content_type__model=model)
            if set(actions) != set(ALL):
                granted = granted.exclude(content_type__model__in=PERSONAL_DATA.get(app_label, ()))
            permissions += granted
        group.permissions.set(permissions)
