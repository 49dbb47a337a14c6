from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "divisions.knowledge"
    # ฝ่ายจัดการความรู้
    verbose_name = _("Knowledge management")
