"""Citizen manuals (คู่มือสำหรับประชาชน) for the division's services and permits."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ServiceManual(models.Model):
    """A citizen manual (คู่มือสำหรับประชาชน) required by the Licensing Facilitation Act
    B.E. 2558: how to obtain one service or permit, step by step, with time limits and fees."""

    title = models.CharField(_("service"), max_length=255)
    summary = models.TextField(_("who it is for and what it gives"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=255)
    channels = models.TextField(_("where and how to apply"))
    complaints = models.TextField(_("where to complain"))
    total_days = models.PositiveSmallIntegerField(_("total time limit (working days)"))
    is_public = models.BooleanField(_("public"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("citizen manual")
        verbose_name_plural = _("citizen manuals")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:manual-detail", kwargs={"pk": self.pk})


class ManualStep(models.Model):
    manual = models.ForeignKey(ServiceManual, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("step"))
    days = models.PositiveSmallIntegerField(_("working days"), default=0)
    responsible = models.CharField(_("who does it"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["manual", "position", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class ManualDocument(models.Model):
    manual = models.ForeignKey(ServiceManual, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("document"), max_length=255)
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    issued_by = models.CharField(_("issued by"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["manual", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class ManualFee(models.Model):
    manual = models.ForeignKey(ServiceManual, on_delete=models.CASCADE, related_name="fees")
    description = models.CharField(_("fee"), max_length=255)
    amount = models.DecimalField(_("amount (baht)"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self) -> str:
        return self.description
