from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from . import services
from .models import Item, Topic


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_th", "name_en", "slug"]


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("both", _("Thai and English")), ("th", _("Thai only")), ("en", _("English only"))]

    def queryset(self, request, queryset):
        has_th, has_en = ~Q(title_th=""), ~Q(title_en="")
        return {
            "both": queryset.filter(has_th & has_en),
            "th": queryset.filter(has_th & ~has_en),
            "en": queryset.filter(~has_th & has_en),
        }.get(self.value(), queryset)


class ItemAdminForm(forms.ModelForm):
    """The admin builds the fields from ItemAdmin.fieldsets; this adds the service's rules."""

    def clean(self):
        cleaned = super().clean()
        try:
            services.item_validate_text(cleaned)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return cleaned


@admin.register(Item)
class ItemAdmin(TabbedTranslationAdmin):
    form = ItemAdminForm
    list_display = ["title", "kind", "status", "translation_status", "published_at", "updated_at"]
    list_filter = ["kind", "status", TranslationStatusFilter, "topics"]
    search_fields = ["title_th", "title_en", "summary_th", "summary_en"]
    readonly_fields = ["status", "published_at"]
    autocomplete_fields = ["organisation", "related"]
    filter_horizontal = ["topics"]
    date_hierarchy = "published_at"
    actions = ["submit_for_review", "publish", "archive"]
    fieldsets = [
        (None, {"fields": ["kind", "status", "title", "summary", "body", "topics", "provinces",
                           "tags", "related"]}),
        (_("Publishing"), {"fields": ["publish_at", "unpublish_at", "published_at"]}),
        (_("Best practice"), {"classes": ["collapse"],
                              "fields": ["organisation", "problem", "approach", "results",
                                         "lessons", "contact"]}),
        (_("Event"), {"classes": ["collapse"],
                      "fields": ["starts_at", "ends_at", "place", "location"]}),
    ]  # fmt: skip

    @admin.display(description=_("translation"))
    def translation_status(self, item: Item) -> str:
        if item.title_th and item.title_en:
            return _("Thai and English")
        return _("Thai only") if item.title_th else _("English only")

    def save_model(self, request, obj, form, change):
        services.item_save(item=obj, user=request.user)

    def _apply(self, request, queryset, action, done_message):
        done = 0
        for item in queryset:
            try:
                action(item=item, user=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{item}: {' '.join(_messages(error))}", messages.ERROR)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Send for review"))
    def submit_for_review(self, request, queryset):
        self._apply(request, queryset, services.item_submit_for_review,
                    _("%(count)d item(s) sent for review."))  # fmt: skip

    @admin.action(description=_("Publish (or schedule)"), permissions=["publish"])
    def publish(self, request, queryset):
        self._apply(request, queryset, services.item_publish,
                    _("%(count)d item(s) published or scheduled."))  # fmt: skip

    @admin.action(description=_("Archive"), permissions=["publish"])
    def archive(self, request, queryset):
        self._apply(request, queryset, services.item_archive, _("%(count)d item(s) archived."))

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(services.PUBLISH_PERMISSION)


def _messages(error: Exception) -> list[str]:
    return error.messages if isinstance(error, ValidationError) else [str(error)]
