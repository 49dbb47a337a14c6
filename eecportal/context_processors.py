from django.conf import settings

from divisions.core.provinces import Province


def site(request) -> dict:
    province = settings.PORTAL_PROVINCE
    return {
        "PORTAL_PROVINCE_NAME": Province(province).label,
        "PORTAL_CONTACT": settings.PORTAL_CONTACT,
    }
