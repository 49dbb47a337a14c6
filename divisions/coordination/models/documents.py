"""Papers of meetings and agreements: agenda papers, presentations, signed minutes, drafts,
signed scans. Each is public only when it says so and its meeting or agreement is public."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.core.uploads import RandomFolder, file_address, validate_document

from .agreements import Agreement
from .meetings import Meeting


class Document(models.Model):
    class Kind(models.TextChoices):
        AGENDA_PAPER = "agenda_paper", _("Agenda paper")
        PRESENTATION = "presentation", _("Presentation")
        SIGNED_MINUTES = "signed_minutes", _("Signed minutes")
        DRAFT = "draft", _("Draft")
        SIGNED_SCAN = "signed_scan", _("Signed agreement")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"),
        upload_to=RandomFolder("coordination"),
        validators=[validate_document],
        max_length=300,
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Drafts should stay internal.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meeting__isnull=True, agreement__isnull=False)
                | models.Q(meeting__isnull=False, agreement__isnull=True),
                name="document_of_one_record",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Through the view that checks who may see it, never the storage address."""
        return reverse(
            "coordination:document", kwargs={"pk": self.pk, "name": file_address(self.file)}
        )
