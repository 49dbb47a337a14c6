from modeltranslation.translator import TranslationOptions, register

from .models import Plan, PlanNode, Project


@register(Plan)
class PlanTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(PlanNode)
class PlanNodeTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "objective", "target", "kpi", "expected_result", "target_group")
