"""Meetings: numbered series, agenda and decisions, attendance, action items."""

from django.conf import settings
from django.contrib.gis.db import models as gis_models
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.core.slugs import slug_for

from .agencies import Agency, Contact


class MeetingSeries(models.Model):
    """Meetings numbered together, e.g. the EEC coordination committee."""

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
    organiser = models.ForeignKey(Agency, verbose_name=_("organiser"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.slug:
            self.slug = slug_for(self, self.name_en, self.name_th)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        INTER_AGENCY = "inter_agency", _("Inter-agency")
        PUBLIC_HEARING = "public_hearing", _("Public hearing")
        INTERNATIONAL = "international", _("International")

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class MinutesStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated")
        ADOPTED = "adopted", _("Adopted")

    series = models.ForeignKey(
        MeetingSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="meetings"
    )
    # ครั้งที่ 3/2569: the number within the series and the Buddhist-era year.
    number = models.PositiveSmallIntegerField(_("number"))
    year_be = models.PositiveSmallIntegerField(_("year (B.E.)"))
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE)
    place = models.CharField(_("place"), max_length=255, blank=True)
    location = gis_models.PointField(_("map point"), srid=4326, null=True, blank=True)
    link = models.URLField(_("online meeting link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("participating agencies"), blank=True, related_name="meetings"
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Internal meetings are seen by staff only, in every channel."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    recorded_by = models.CharField(
        _("minutes taken by"), max_length=255, blank=True,
        help_text=_("Name and position, as signed under the minutes."),
    )  # fmt: skip
    checked_by = models.CharField(
        _("minutes checked by"), max_length=255, blank=True,
        help_text=_("Name and position, as signed under the minutes."),
    )  # fmt: skip
    minutes_status = models.CharField(
        _("minutes status"),
        max_length=12,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
    )
    minutes_adopted_at = models.ForeignKey(
        "self",
        verbose_name=_("minutes adopted at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_minutes",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year_be", "number"],
                name="meeting_number_unique",
                violation_error_message=_("This series already has a meeting with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["is_public", "-starts_at"], name="meeting_public_recent")]

    def __str__(self) -> str:
        return f"{self.series} {self.number_label}"

    def get_absolute_url(self) -> str:
        return reverse("coordination:meeting-detail", kwargs={"pk": self.pk})

    @property
    def number_label(self) -> str:
        return _("No. %(number)s/%(year)s") % {"number": self.number, "year": self.year_be}


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("For a sub-item, e.g. 3.1 under 3."),
    )
    number = models.CharField(_("item"), max_length=10, help_text=_("For example 3 or 3.1"))
    title = models.CharField(_("title"), max_length=500)
    decision = models.TextField(_("decision"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # Projects and datasets link to agenda items from their own sections.
    agreement = models.ForeignKey(
        "coordination.Agreement",
        verbose_name=_("agreement discussed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self) -> None:
        if self.parent_id and self.parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": _("A sub-item belongs to an item of its meeting.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An item cannot be under itself.")})
            ancestor = ancestor.parent


class Attendance(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")
        REPRESENTED = "represented", _("Represented")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    contact = models.ForeignKey(
        Contact, verbose_name=_("person"), on_delete=models.PROTECT, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.INVITED
    )
    represented_by = models.CharField(_("represented by"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["agency__name", "pk"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.get_status_display()}"


class ActionItem(models.Model):
    """Something a meeting asked someone to do. Until it is done it carries over to every later
    meeting of the series (worked out from the dates, not copied)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("raised at"), on_delete=models.CASCADE, related_name="actions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.SET_NULL, null=True, blank=True
    )
    description = models.TextField(_("what is to be done"))
    owner_agency = models.ForeignKey(
        Agency, verbose_name=_("responsible agency"), on_delete=models.PROTECT
    )
    owner_contact = models.ForeignKey(
        Contact, verbose_name=_("responsible person"), on_delete=models.PROTECT, null=True,
        blank=True,
    )  # fmt: skip
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    progress = models.TextField(_("progress notes"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.CANCELLED)


class CalendarToken(models.Model):
    """The secret in a staff member's private calendar address (internal meetings included)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("coordination:calendar-private", kwargs={"token": self.token})
