from modeltranslation.translator import TranslationOptions, register

from .models import Item, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Item)
class ItemTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "problem", "approach", "results", "lessons", "place")
