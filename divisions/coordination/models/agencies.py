"""The agency registry shared by every section, and the people the division works with."""

from django.conf import settings
from django.contrib.gis.db import models as gis_models
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from divisions.core.provinces import Province
from divisions.core.slugs import slug_for


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

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the page's address; made from the English (or Thai) name when left empty."
        ),
    )
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
    location = gis_models.PointField(
        _("location"),
        srid=4326,
        null=True,
        blank=True,
        help_text=_("Where the agency is: its partners' map shows it here."),
    )
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
            # The list's province filter counts its agencies from this index alone.
            models.Index(fields=["province"], name="agency_province"),
        ]

    def __str__(self) -> str:
        # Never pair an English name with a Thai abbreviation that fell back.
        language = get_language() or "th"
        has_own_name = bool(getattr(self, f"name_{language}", ""))
        short = getattr(self, f"short_name_{language}", "") if has_own_name else self.short_name
        return f"{self.name} ({short})" if short else self.name

    def get_absolute_url(self) -> str:
        return reverse("coordination:agency-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if not self.slug:
            self.slug = slug_for(self, self.name_en, self.name_th)

    # Enum lookups: Django's get_FOO_display() rebuilds a dict of all 77 province labels
    # on every call, which dominated the agency list's rendering time.
    @property
    def kind_label(self) -> str:
        return self.Kind(self.kind).label

    @property
    def province_label(self) -> str:
        return Province(self.province).label if self.province else ""


class Contact(models.Model):
    """A person at a partner agency. Personal data (PDPA): staff only, never public."""

    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="contacts"
    )
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("language for emails"), max_length=5, choices=settings.LANGUAGES, default="th"
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.short_name or self.agency.name})"


class Affiliation(models.Model):
    """Where a contact worked and as what, and when: a contact who moves agency keeps the
    record of the earlier ones."""

    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.CASCADE, related_name="affiliations"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="affiliations"
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.contact.name} · {self.agency}"
