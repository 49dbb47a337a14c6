"""The coordination section's records; the agency registry here is shared by every section."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .provinces import Province


class Agency(models.Model):
    class Kind(models.TextChoices):
        CENTRAL = "central", _("Central government")
        REGIONAL = "regional", _("Regional government")
        PROVINCIAL = "provincial", _("Provincial government")
        LOCAL = "local", _("Local government")
        STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
        PRIVATE = "private", _("Private sector")
        ACADEMIC = "academic", _("Academic institution")
        INTERNATIONAL = "international", _("International organisation")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    country = CountryField(_("country"), default="TH")
    province = models.CharField(_("province"), max_length=5, choices=Province.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name_th"], name="agency_name_th"),
            models.Index(fields=["name_en"], name="agency_name_en"),
            models.Index(fields=["-created_at"], name="agency_created"),
        ]

    def __str__(self) -> str:
        # Never pair an English name with a Thai abbreviation that fell back.
        language = get_language() or "th"
        has_own_name = bool(getattr(self, f"name_{language}", ""))
        short = getattr(self, f"short_name_{language}", "") if has_own_name else self.short_name
        return f"{self.name} ({short})" if short else self.name

    def get_absolute_url(self) -> str:
        return reverse("coordination:agency-detail", kwargs={"slug": self.slug})

    # Enum lookups: Django's get_FOO_display() rebuilds a dict of all 77 province labels
    # on every call, which dominated the agency list's rendering time.
    @property
    def kind_label(self) -> str:
        return self.Kind(self.kind).label

    @property
    def province_label(self) -> str:
        return Province(self.province).label if self.province else ""
