from modeltranslation.translator import TranslationOptions, register

from .models import Dataset, Layer, LayerAttribute, Resource


@register(Dataset)
class DatasetTranslationOptions(TranslationOptions):
    fields = ("title", "description", "objective")


@register(Layer)
class LayerTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(LayerAttribute)
class LayerAttributeTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(Resource)
class ResourceTranslationOptions(TranslationOptions):
    fields = ("name", "description")
