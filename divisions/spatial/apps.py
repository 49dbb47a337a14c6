from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpatialConfig(AppConfig):
    name = "divisions.spatial"
    # ฝ่ายฐานข้อมูลเชิงพื้นที่
    verbose_name = _("Spatial data")
