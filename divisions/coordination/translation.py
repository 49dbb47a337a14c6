from modeltranslation.translator import TranslationOptions, register

from .models import (
    ActionItem,
    Agency,
    AgendaItem,
    Agreement,
    Contact,
    Meeting,
    MeetingSeries,
    Obligation,
)


@register(Agency)
class AgencyTranslationOptions(TranslationOptions):
    fields = ("name", "short_name")


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("name", "position")


@register(MeetingSeries)
class MeetingSeriesTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "place", "minutes", "recorded_by", "checked_by")


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "decision")


@register(ActionItem)
class ActionItemTranslationOptions(TranslationOptions):
    fields = ("description", "progress")


@register(Agreement)
class AgreementTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


@register(Obligation)
class ObligationTranslationOptions(TranslationOptions):
    fields = ("description",)
