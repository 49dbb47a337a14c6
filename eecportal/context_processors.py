from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language

from divisions.core.provinces import Province


def site(request) -> dict:
    province = settings.PORTAL_PROVINCE
    contact = settings.PORTAL_CONTACT
    language = "th" if get_language() == "th" else "en"
    emblem = settings.PORTAL_EMBLEM
    return {
        "PORTAL_PROVINCE_NAME": Province(province).label,
        "PORTAL_CONTACT": contact
        | {"address": contact[f"address_{language}"], "hours": contact[f"hours_{language}"]},
        "PORTAL_EMBLEM": emblem if emblem.startswith("/") else static(emblem),
    }
