from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "eecportal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from . import search

        search.connect_signals()
