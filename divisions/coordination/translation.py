from modeltranslation.translator import TranslationOptions, register

from .models import Agency


@register(Agency)
class AgencyTranslationOptions(TranslationOptions):
    fields = ("name", "short_name")
