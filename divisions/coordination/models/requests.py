"""Data-exchange requests with partner agencies, so the division's data exchange is traceable."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .agencies import Agency


class DataRequest(models.Model):
    class Direction(models.TextChoices):
        INCOMING = "incoming", _("From the agency to us")
        OUTGOING = "outgoing", _("From us to the agency")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        FULFILLED = "fulfilled", _("Fulfilled")
        DECLINED = "declined", _("Declined")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="data_requests"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    subject = models.CharField(_("what is asked"), max_length=500)
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("received_on")),
                name="data_request_closed_after_received",
                violation_error_message=_("A request cannot be closed before it was received."),
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.IN_PROGRESS)
