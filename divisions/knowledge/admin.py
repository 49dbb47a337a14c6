from django import forms
from django.contrib import admin, messages
from django.contrib.gis.db.models import PointField
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from divisions.core.exports import table_response
from divisions.core.widgets import LatLonWidget, RichTextWidget

from . import selectors, services
from .models import (
    BestPracticeSubmission,
    Choice,
    Comment,
    Consultation,
    ConsultationDocument,
    Item,
    ItemAttachment,
    ItemRevision,
    ManualDocument,
    ManualFee,
    ManualStep,
    Question,
    ServiceManual,
    Subscription,
    Topic,
)


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


class WaitingFilter(admin.SimpleListFilter):
    title = _("changes waiting for approval")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes"))]

    def queryset(self, request, queryset):
        return queryset.filter(draft_revision__isnull=False) if self.value() == "yes" else queryset


class ItemAdminForm(forms.ModelForm):
    """The admin builds the fields from ItemAdmin.fieldsets; this adds the service's rules.
    An item with changes waiting for approval is edited as those changes have it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, records in getattr(self.instance, "waiting_choices", {}).items():
            if name in self.fields:
                self.initial[name] = [record.pk for record in records]

    def clean(self):
        cleaned = super().clean()
        try:
            services.item_validate_text(cleaned)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return cleaned


class AttachmentInline(TranslationTabularInline):
    model = ItemAttachment
    extra = 0
    fields = ["position", "title", "file"]

    # A live item's files change only with the publish right (they would go live at once).
    def _may_change(self, request, obj) -> bool:
        return (
            obj is None or not services.item_is_live(obj) or services.item_may_publish(request.user)
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return self._may_change(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may_change(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may_change(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Item)
class ItemAdmin(TabbedTranslationAdmin):
    inlines = [AttachmentInline]
    form = ItemAdminForm
    list_display = ["title", "kind", "status", "changes_waiting", "translation_status",
                    "published_at", "updated_at"]  # fmt: skip
    list_filter = ["kind", "status", WaitingFilter, TranslationStatusFilter, "topics"]
    search_fields = ["title_th", "title_en", "summary_th", "summary_en"]
    readonly_fields = ["status", "published_at"]
    autocomplete_fields = ["organisation", "related", "related_datasets", "related_projects",
                           "related_agreements"]  # fmt: skip
    filter_horizontal = ["topics"]
    date_hierarchy = "published_at"
    formfield_overrides = {PointField: {"widget": LatLonWidget}}
    change_form_template = "admin/knowledge/item/change_form.html"
    actions = ["submit_for_review", "publish", "archive"]
    fieldsets = [
        (None, {"fields": ["kind", "status", "title", "summary", "body", "cover_image",
                           "cover_alt", "topics", "provinces", "tags", "related",
                           "related_datasets", "related_projects", "related_agreements"]}),
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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name.rsplit("_", 1)[0] in services.RICH_TEXT_FIELDS:
            # Keep the attributes modeltranslation gave the field: its language tabs use them.
            field.widget = RichTextWidget(attrs=field.widget.attrs)
        return field

    @admin.display(description=_("changes waiting for approval"), boolean=True)
    def changes_waiting(self, item: Item) -> bool:
        return item.draft_revision_id is not None

    def get_object(self, request, object_id, from_field=None):
        item = super().get_object(request, object_id, from_field)
        if item is not None and item.draft_revision_id:
            topics, related = services.item_content_apply(
                item=item, content=item.draft_revision.content
            )
            item.waiting_choices = {"topics": topics, **related}
        return item

    def save_model(self, request, obj, form, change):
        services.item_save(
            item=obj, user=request.user, topics=form.cleaned_data.get("topics"),
            related={name: form.cleaned_data[name] for name in services.RELATED_FIELDS
                     if name in form.cleaned_data},
        )  # fmt: skip
        # The service decides: changes it did not save into the item wait as a revision.
        obj.changes_wait = obj.draft_revision_id is not None
        if obj.changes_wait:
            self.message_user(
                request,
                _("Your changes wait for approval by a publisher; the published version "
                  "stays as it is until then."),
                messages.WARNING,
            )  # fmt: skip

    def save_related(self, request, form, formsets, change):
        if getattr(form.instance, "changes_wait", False):
            # Topics and links are in the waiting revision; the live item keeps its own (and
            # its files, which are read-only here): nothing is written.
            for formset in formsets:
                formset.save(commit=False)
            return
        super().save_related(request, form, formsets, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.has_change_permission(request, obj) and not context.get("is_popup"):
            context["editorial_buttons"] = self._editorial_buttons(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _editorial_buttons(self, request, item: Item | None) -> list[tuple[str, str]]:
        """The edit page's buttons as Wagtail's: the first saves without publishing, the others
        save and then move the item on. A live item changes for the public only by publishing."""
        may_publish = services.item_may_publish(request.user)
        if item is not None and services.item_is_live(item):
            if may_publish:
                return [("_publish", _("Save and publish"))]
            return [("_continue", _("Save changes for approval"))]
        buttons = [("_continue", _("Save draft"))]
        if item is None or item.status in (Item.Status.DRAFT, Item.Status.ARCHIVED):
            buttons.append(("_submit_review", _("Save and send for review")))
        if may_publish:
            buttons.append(("_publish", _("Save and publish")))
        return buttons

    def response_add(self, request, obj, post_url_continue=None):
        return self._editorial_response(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._editorial_response(request, obj) or super().response_change(request, obj)

    def _editorial_response(self, request, item: Item):
        """After "save and send for review" or "save and publish": the saved item moves on
        (or the reason it cannot is shown), and the editor stays on its page."""
        if "_submit_review" in request.POST:
            action, done = services.item_submit_for_review, _("Saved and sent for review.")
        elif "_publish" in request.POST:
            action, done = services.item_publish, _("Saved and published (or scheduled).")
        else:
            return None
        try:
            action(item=item, user=request.user)
            self.message_user(request, done, messages.SUCCESS)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(
                request,
                _("Saved, but not moved on: %(reason)s") % {"reason": " ".join(_messages(error))},
                messages.ERROR,
            )
        return HttpResponseRedirect(reverse("admin:knowledge_item_change", args=[item.pk]))

    def get_urls(self):
        revisions = self.admin_site.admin_view(self.revisions_view)
        restore = self.admin_site.admin_view(self.restore_view)
        return [
            path("<int:pk>/revisions/", revisions, name="knowledge_item_revisions"),
            path(
                "<int:pk>/revisions/<int:number>/restore/",
                restore,
                name="knowledge_item_revision_restore",
            ),
            *super().get_urls(),
        ]

    def revisions_view(self, request, pk: int):
        item = get_object_or_404(Item, pk=pk)
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "item": item,
            "history": selectors.item_revision_history(item=item),
            "can_restore": self.has_change_permission(request, item),
            "title": _("Revisions of “%(item)s”") % {"item": item},
        }
        return TemplateResponse(request, "admin/knowledge/item/revisions.html", context)

    def restore_view(self, request, pk: int, number: int):
        item = get_object_or_404(Item, pk=pk)
        if request.method != "POST":
            raise Http404
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        try:
            revision = selectors.item_revision_get(item=item, number=number)
        except ItemRevision.DoesNotExist as error:
            raise Http404 from error
        services.item_revision_restore(revision=revision, user=request.user)
        self.message_user(
            request, _("Revision %(number)d restored.") % {"number": number}, messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:knowledge_item_change", args=[pk]))

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


class ReportedFilter(admin.SimpleListFilter):
    title = _("reported by readers")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_count__gt=0)
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["body_start", "name", "item", "status", "report_count", "created_at"]
    list_filter = ["status", "language", ReportedFilter]
    search_fields = ["name", "email", "body"]
    readonly_fields = ["item", "name", "email", "body", "language", "created_at",
                       "moderated_at", "moderated_by", "report_count"]  # fmt: skip
    list_select_related = ["item"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("comment"))
    def body_start(self, comment: Comment) -> str:
        return comment.body[:80]

    @admin.action(description=_("Approve and show"), permissions=["change"])
    def approve(self, request, queryset):
        for comment in queryset:
            services.comment_moderate(comment=comment, user=request.user, approve=True)

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request, queryset):
        for comment in queryset:
            services.comment_moderate(comment=comment, user=request.user, approve=False)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "confirmed_at", "last_sent_at"]
    list_filter = ["language", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["email", "language", "token", "created_at", "confirmed_at", "last_sent_at"]
    exclude = ["token"]

    def has_add_permission(self, request) -> bool:
        return False


class DocumentInline(TranslationTabularInline):
    model = ConsultationDocument
    extra = 0


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["position", "text", "kind", "required"]
    show_change_link = True


@admin.register(Consultation)
class ConsultationAdmin(TabbedTranslationAdmin):
    list_display = ["title", "opens_at", "closes_at", "is_public", "responses"]
    list_filter = ["is_public"]
    search_fields = ["title_th", "title_en"]
    inlines = [DocumentInline, QuestionInline]
    actions = ["export_csv", "export_xlsx"]

    def _one(self, request, queryset) -> Consultation | None:
        """Exports are per consultation: their columns are that consultation's questions."""
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one consultation to export."), messages.ERROR
            )
            return None
        return queryset.get()

    @admin.display(description=_("responses"))
    def responses(self, consultation: Consultation) -> int:
        return consultation.participants.filter(responded_at__isnull=False).count()

    @admin.action(description=_("Export responses as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Export responses as XLSX"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")

    def _export(self, request, queryset, fmt: str):
        consultation = self._one(request, queryset)
        if consultation is None:
            return None
        header, rows = selectors.consultation_export_rows(consultation=consultation)
        name = f"consultation-{consultation.pk}"
        return table_response(name=name, header=header, rows=rows, fmt=fmt)


class ChoiceInline(TranslationTabularInline):
    model = Choice
    extra = 2
    fields = ["position", "text"]


@admin.register(Question)
class QuestionAdmin(TabbedTranslationAdmin):
    list_display = ["text", "consultation", "kind", "position"]
    list_select_related = ["consultation"]
    inlines = [ChoiceInline]


@admin.register(BestPracticeSubmission)
class BestPracticeSubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "province", "status", "created_at"]
    list_filter = ["status", "province"]
    search_fields = ["title", "organisation", "contact_name", "contact_email"]
    readonly_fields = [field.name for field in BestPracticeSubmission._meta.fields]
    actions = ["accept", "decline"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Accept as a draft best practice"), permissions=["change"])
    def accept(self, request, queryset):
        for submission in queryset:
            try:
                services.submission_accept(submission=submission, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{submission}: {' '.join(error.messages)}", messages.ERROR
                )

    @admin.action(description=_("Decline"), permissions=["change"])
    def decline(self, request, queryset):
        for submission in queryset:
            services.submission_decline(submission=submission, user=request.user)


class ManualStepInline(TranslationTabularInline):
    model = ManualStep
    extra = 0


class ManualDocumentInline(TranslationTabularInline):
    model = ManualDocument
    extra = 0


class ManualFeeInline(TranslationTabularInline):
    model = ManualFee
    extra = 0


@admin.register(ServiceManual)
class ServiceManualAdmin(TabbedTranslationAdmin):
    list_display = ["title", "responsible_unit", "total_days", "is_public", "updated_at"]
    list_filter = ["is_public"]
    search_fields = ["title_th", "title_en"]
    inlines = [ManualStepInline, ManualDocumentInline, ManualFeeInline]
