"""MOUs and other agreements with their parties and obligations; reminders sent."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.core.fields import ChoiceArrayField

from .agencies import Agency, Contact


class TargetIndustry(models.TextChoices):
    """The EEC's target industries (the S-curve industries)."""

    AUTOMOTIVE = "automotive", _("Next-generation automotive")
    ELECTRONICS = "electronics", _("Smart electronics")
    TOURISM = "tourism", _("Affluent, medical and wellness tourism")
    AGRICULTURE = "agriculture", _("Agriculture and biotechnology")
    FOOD = "food", _("Food for the future")
    ROBOTICS = "robotics", _("Robotics")
    AVIATION = "aviation", _("Aviation and logistics")
    BIOFUELS = "biofuels", _("Biofuels and biochemicals")
    DIGITAL = "digital", _("Digital")
    MEDICAL = "medical", _("Medical hub")


class Agreement(models.Model):
    """An MOU, MOA, letter of intent or a specific agreement under an umbrella MOU."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        MOA = "moa", _("Memorandum of agreement")
        LOI = "loi", _("Letter of intent")
        SPECIFIC = "specific", _("Specific agreement under an MOU")

    class Scope(models.TextChoices):
        DOMESTIC = "domestic", _("Domestic")
        INTERNATIONAL = "international", _("International")

    class Status(models.TextChoices):
        # Signed, active and expiring agreements are in force; the daily lifecycle job moves
        # them to expiring and expired by their dates.
        DRAFT = "draft", _("Draft")
        NEGOTIATING = "negotiating", _("Negotiating")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", _("Active")
        EXPIRING = "expiring", _("Expiring")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        RENEWED = "renewed", _("Renewed")

    IN_FORCE = (Status.SIGNED, Status.ACTIVE, Status.EXPIRING)

    registry_number = models.CharField(
        _("registry number"),
        max_length=50,
        unique=True,
        error_messages={"unique": _("Another agreement already has this registry number.")},
    )
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    scope = models.CharField(_("domestic or international"), max_length=15, choices=Scope.choices)
    umbrella = models.ForeignKey(
        "self", verbose_name=_("under the umbrella of"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="specific_agreements",
    )  # fmt: skip
    renews = models.ForeignKey(
        "self", verbose_name=_("renews"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="renewals",
    )  # fmt: skip
    themes = ChoiceArrayField(
        models.CharField(max_length=20, choices=TargetIndustry.choices),
        verbose_name=_("themes"),
        default=list,
        blank=True,
    )
    summary = models.TextField(_("scope of cooperation"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Empty for an open-ended agreement.")
    )
    auto_renews = models.BooleanField(_("renews automatically"), default=False)
    notice_days = models.PositiveSmallIntegerField(_("notice period (days)"), default=0)
    focal_persons = models.ManyToManyField(
        Contact, verbose_name=_("focal persons"), blank=True, related_name="agreements"
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Internal agreements are seen by staff only, in every channel."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-pk"]
        # The register's order: its pages are read from the index, not sorted afresh.
        indexes = [models.Index(fields=["-signed_on", "-id"], name="agreement_signed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(effective_on__isnull=True)
                | models.Q(expires_on__gte=models.F("effective_on")),
                name="agreement_expires_after_effective",
                violation_error_message=_("An agreement cannot expire before it takes effect."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.registry_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("coordination:agreement-detail", kwargs={"pk": self.pk})

    @property
    def theme_labels(self) -> list[str]:
        return [TargetIndustry(code).label for code in self.themes]


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=100, blank=True)
    signatory = models.CharField(_("signatory"), max_length=255, blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "agency"], name="agreement_party_unique")
        ]

    def __str__(self) -> str:
        return str(self.agency)


class Obligation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        LATE = "late", _("Late")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    description = models.TextField(_("obligation or milestone"))
    party = models.ForeignKey(
        AgreementParty, verbose_name=_("responsible party"), on_delete=models.SET_NULL, null=True,
        blank=True,
    )  # fmt: skip
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class Reminder(models.Model):
    """A reminder that was sent: one per event, so beat running twice sends nothing twice."""

    key = models.CharField(max_length=100, unique=True)
    recipients = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
