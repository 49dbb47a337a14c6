"""Site-wide admin: periodic jobs hidden, citizens' privacy requests."""

from auditlog.admin import LogEntryAdmin
from auditlog.filters import CIDFilter
from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .admin_site import second_factor_reset
from .models import Follow, PrivacyRequest, PublicChange, Webhook, WebhookDelivery
from .services import privacy_request_decline, privacy_request_fulfil
from .templatetags.portal import display_date

# Periodic jobs are defined in code (CELERY_BEAT_SCHEDULE); editing them in the admin would
# only let the two drift apart, and those screens have no Thai translation.
for model in (PeriodicTask, ClockedSchedule, CrontabSchedule, SolarSchedule, IntervalSchedule):
    admin.site.unregister(model)

# Second factors are managed from the user list (a column and a reset action), in the
# portal's languages; django-otp's own device screens have no translations.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)
admin.site.unregister(User)


RAW_RIGHTS = {"is_superuser", "user_permissions"}


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = [*UserAdmin.list_display, "has_second_factor"]
    actions = ["reset_second_factor"]

    def get_fieldsets(self, request: HttpRequest, obj=None):
        """Superuser status and raw permissions are granted by superusers only; division
        administrators give people their role groups."""
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in RAW_RIGHTS]})
            for name, options in fieldsets
        ]

    @staticmethod
    def _superuser_of_another(request: HttpRequest, obj) -> bool:
        # A superuser's account (its password, its groups) is a superuser's business.
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._superuser_of_another(request, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._superuser_of_another(request, obj) and super().has_delete_permission(
            request, obj
        )

    def get_queryset(self, request: HttpRequest):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(second_factor=Exists(confirmed))

    @admin.display(description=_("two-step sign-in"), boolean=True, ordering="second_factor")
    def has_second_factor(self, user: User) -> bool:
        return user.second_factor

    def has_reset_second_factor_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(
            ["otp_totp.delete_totpdevice", "otp_static.delete_staticdevice"]
        )

    @admin.action(
        description=_("Reset two-step sign-in (they set it up again at their next sign-in)"),
        permissions=["reset_second_factor"],
    )
    def reset_second_factor(self, request: HttpRequest, queryset) -> None:
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        for user in queryset:
            second_factor_reset(user=user, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Two-step sign-in reset for %(count)d person.",
                "Two-step sign-in reset for %(count)d people.",
                len(queryset),
            )
            % {"count": len(queryset)},
            level=messages.SUCCESS,
        )


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(admin.ModelAdmin):
    """Citizens' PDPA requests, answered from here within 30 days of verification."""

    list_display = ["kind", "email", "status", "verified_at_display", "due_display"]
    list_filter = ["status", "kind"]
    search_fields = ["email"]
    fields = [
        "kind",
        "email",
        "language",
        "status",
        "created_at",
        "verified_at",
        "due_at",
        "closed_at",
        "closed_by",
        "note",
    ]
    readonly_fields = [field for field in fields if field != "note"]
    actions = ["fulfil", "decline"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # requests come from citizens, verified by email

    @admin.display(description=_("verified at"), ordering="verified_at")
    def verified_at_display(self, privacy: PrivacyRequest) -> str:
        return display_date(privacy.verified_at, "short_time")

    @admin.display(description=_("answer due by"), ordering="due_at")
    def due_display(self, privacy: PrivacyRequest) -> str:
        if privacy.status != PrivacyRequest.Status.OPEN:
            return display_date(privacy.due_at)
        days = (privacy.due_at - timezone.now()).days
        if days < 0:
            left = gettext("overdue")
        else:
            left = ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
        return f"{display_date(privacy.due_at)} ({left})"

    def _answer(self, request: HttpRequest, queryset, answer) -> None:
        done = 0
        for privacy in queryset:
            try:
                answer(privacy)
            except ValidationError as error:
                self.message_user(
                    request, f"{privacy}: {' '.join(error.messages)}", level=messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d request answered.", "%(count)d requests answered.", done)
                % {"count": done},
                level=messages.SUCCESS,
            )

    @admin.action(
        description=_("Fulfil: email a copy of the data, or erase it"), permissions=["change"]
    )
    def fulfil(self, request: HttpRequest, queryset) -> None:
        self._answer(
            request,
            queryset,
            lambda privacy: privacy_request_fulfil(privacy=privacy, user=request.user),
        )

    @admin.action(
        description=_("Decline, with the reason written in the note"), permissions=["change"]
    )
    def decline(self, request: HttpRequest, queryset) -> None:
        self._answer(
            request,
            queryset,
            lambda privacy: privacy_request_decline(
                privacy=privacy, user=request.user, note=privacy.note
            ),
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    """Citizens who follow a thing by e-mail; deleting one stops their e-mails about it."""

    list_display = ["email", "target", "frequency", "confirmed_at_display", "language"]
    list_filter = ["frequency", "language"]
    search_fields = ["email", "target"]
    exclude = ["token"]

    @admin.display(description=_("confirmed at"), ordering="confirmed_at")
    def confirmed_at_display(self, follow: Follow) -> str:
        return display_date(follow.confirmed_at, "short_time") or gettext("not yet")


@admin.register(PublicChange)
class PublicChangeAdmin(ReadOnlyAdmin):
    list_display = ["title_th", "kind", "at_display"]
    list_filter = ["kind", "content_type"]
    search_fields = ["title_th", "title_en", "targets"]

    @admin.display(description=_("at"), ordering="at")
    def at_display(self, change: PublicChange) -> str:
        return display_date(change.at, "short_time")


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = ["change", "status", "attempts", "response_status", "error", "last_attempt_at"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-created_at"]
    show_change_link = True


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    """Machines told of every public change (or of some things'): signed, retried, logged."""

    list_display = ["name", "url", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    inlines = [WebhookDeliveryInline]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["webhook", "change", "status", "attempts", "response_status", "created_at"]
    list_filter = ["status", "webhook"]
    list_select_related = ["webhook", "change"]


class ResourceTypeFilter(admin.SimpleListFilter):
    """The kinds of record in the audit log, by their names in the reader's language."""

    title = _("Resource Type")
    parameter_name = "resource_type"

    def lookups(self, request, model_admin):
        kinds = LogEntry.objects.values_list("content_type", flat=True).distinct()
        types = ContentType.objects.filter(pk__in=kinds)
        return sorted(((kind.pk, capfirst(str(kind))) for kind in types), key=lambda c: c[1])

    def queryset(self, request, queryset):
        return queryset.filter(content_type_id=self.value()) if self.value() else queryset


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    """django-auditlog's screens, in the reader's language: record kinds and fields by their
    names, "system" and the correlation id translated."""

    list_filter = ["action", ResourceTypeFilter, CIDFilter]

    @admin.display(description=_("Changes"))
    def msg_short(self, obj):
        if obj.action != LogEntry.Action.UPDATE:  # the action column says created or deleted
            return ""
        names = [str(get_field_verbose_name(obj, name)) for name in obj.changes_dict]
        count = len(names)
        fields = ", ".join(names)
        if len(fields) > 60:
            cut = fields.rfind(", ", 0, 60)
            fields = fields[: cut if cut > 0 else 60] + " …"
        return ngettext("%(count)d change: %(fields)s", "%(count)d changes: %(fields)s", count) % {
            "count": count,
            "fields": fields,
        }

    @admin.display(description=_("User"))
    def user_url(self, obj):
        return super().user_url(obj) if obj.actor else gettext("system")

    @admin.display(description=_("Correlation ID"))
    def cid_url(self, obj):
        return super().cid_url(obj)
