import functools

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    # Chosen for "eecportal" in INSTALLED_APPS although this module holds two configs.
    default = True
    name = "eecportal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from . import maps, search
        from .roles import role_label

        # Role groups keep their English names in the database (code finds them by name);
        # everywhere they are shown (the admin's lists, forms, filters) staff read their role
        # in their own language.
        Group.__str__ = lambda group: role_label(group.name)
        # Dates Django formats itself (the admin's lists, read-only fields, history, the
        # `date` filter) read in the Buddhist era in Thai, as the site's own dates do.
        formats.date_format = _buddhist_era(formats.date_format)
        search.connect_signals()
        maps.connect_live_collections()
        # The role groups follow eecportal.roles after every migrate, as contrib.auth's
        # permissions do.
        post_migrate.connect(_roles_sync, sender=self)
        # A deploy migrates: pages and fragments rendered by the previous release go stale.
        post_migrate.connect(_release_changed, sender=self)


def _buddhist_era(date_format):
    from divisions.core.thai import buddhist_era_format

    @functools.wraps(date_format)
    def wrapper(value, format=None, use_l10n=None):  # noqa: A002 - Django's own signature
        if get_language() == "th" and hasattr(value, "year"):
            format = buddhist_era_format(
                formats.get_format(format or "DATE_FORMAT", use_l10n=use_l10n), value.year
            )
        return date_format(value, format, use_l10n)

    return wrapper


def _roles_sync(sender, apps=None, **kwargs) -> None:
    # `apps` is the migrated state after migrate; flush sends the signal without it.
    from django.apps import apps as global_apps

    from .roles import roles_sync

    roles_sync(apps or global_apps)


class SignInRecordsConfig(AxesAppConfig):
    """django-axes under a name staff understand, in their language."""

    verbose_name = _("Sign-in records")


# django-axes ships no Thai catalogue: these are its model names, extracted into ours.
AXES_MODEL_NAMES = (
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("access attempt expiration"),
    _("access attempt expirations"),
)


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the portal's site with a second factor (eecportal.admin_site)."""

    default = False
    default_site = "eecportal.admin_site.PortalAdminSite"

    def ready(self) -> None:
        from django.contrib.admin import options
        from django.db import models

        from divisions.core.fields import (
            BuddhistEraDateField,
            BuddhistEraSplitDateTimeField,
            ChoiceArrayField,
        )
        from divisions.core.widgets import (
            BuddhistEraDateWidget,
            BuddhistEraSplitDateTime,
            ChoicePicker,
            KeptFileInput,
        )

        # Before the sections' admins are registered (they copy these defaults): coded
        # choices are picked from searchable lists, by name; a chosen file is kept when the
        # form comes back with errors; dates may be typed with Buddhist-era years, and the
        # date picker shows them.
        defaults = options.FORMFIELD_FOR_DBFIELD_DEFAULTS
        defaults[ChoiceArrayField] = {"widget": ChoicePicker}
        defaults[models.FileField] = defaults[models.ImageField] = {"widget": KeptFileInput}
        defaults[models.DateField] = {
            "form_class": BuddhistEraDateField,
            "widget": BuddhistEraDateWidget,
        }
        defaults[models.DateTimeField] = {
            "form_class": BuddhistEraSplitDateTimeField,
            "widget": BuddhistEraSplitDateTime,
        }
        super().ready()


def _release_changed(sender, **kwargs) -> None:
    from redis.exceptions import ConnectionError as RedisUnavailable

    from .pagecache import page_cache_bump

    try:
        page_cache_bump()
    except RedisUnavailable:  # an image built without its services keeps nothing to refresh
        pass
