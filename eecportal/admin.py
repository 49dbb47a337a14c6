"""Site-wide admin: periodic jobs hidden, citizens' privacy requests."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from .models import PrivacyRequest
from .services import privacy_request_decline, privacy_request_fulfil
from .templatetags.portal import display_date

# Periodic jobs are defined in code (CELERY_BEAT_SCHEDULE); editing them in the admin would
# only let the two drift apart, and those screens have no Thai translation.
for model in (PeriodicTask, ClockedSchedule, CrontabSchedule, SolarSchedule, IntervalSchedule):
    admin.site.unregister(model)


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
            lambda privacy: privacy_request_fulfil(request=privacy, user=request.user),
        )

    @admin.action(
        description=_("Decline, with the reason written in the note"), permissions=["change"]
    )
    def decline(self, request: HttpRequest, queryset) -> None:
        self._answer(
            request,
            queryset,
            lambda privacy: privacy_request_decline(
                request=privacy, user=request.user, note=privacy.note
            ),
        )
