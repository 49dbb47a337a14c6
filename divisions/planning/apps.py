from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "divisions.planning"
    # ฝ่ายบูรณาการแผน
    verbose_name = _("Plan integration")
