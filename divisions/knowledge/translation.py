from modeltranslation.translator import TranslationOptions, register

from .models import (
    Choice,
    Consultation,
    ConsultationDocument,
    Item,
    ItemAttachment,
    ManualDocument,
    ManualFee,
    ManualStep,
    Question,
    ServiceManual,
    Topic,
)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Item)
class ItemTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "summary",
        "body",
        "problem",
        "approach",
        "results",
        "lessons",
        "place",
        "cover_alt",
    )


@register(Consultation)
class ConsultationTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(ConsultationDocument)
class ConsultationDocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(ItemAttachment)
class ItemAttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(ServiceManual)
class ServiceManualTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "legal_basis", "responsible_unit", "channels", "complaints")


@register(ManualStep)
class ManualStepTranslationOptions(TranslationOptions):
    fields = ("description", "responsible")


@register(ManualDocument)
class ManualDocumentTranslationOptions(TranslationOptions):
    fields = ("name", "issued_by")


@register(ManualFee)
class ManualFeeTranslationOptions(TranslationOptions):
    fields = ("description",)
