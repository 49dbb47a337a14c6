"""Knowledge items: news, best practices, explainers and the like, with revisions."""

from django.conf import settings
from django.contrib.gis.db import models as gis_models
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.coordination.models import Agency
from divisions.core.fields import ChoiceArrayField
from divisions.core.provinces import Province, province_labels
from divisions.core.slugs import slug_for
from divisions.core.uploads import RandomFolder, file_address, validate_document, validate_image


class Topic(models.Model):
    """What an item is about: the EEC's benefits and impacts by area (economy, jobs, …)."""

    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the page's address; made from the English (or Thai) name when left empty."
        ),
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.slug:
            self.slug = slug_for(self, self.name_en, self.name_th)


class Item(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        BEST_PRACTICE = "best_practice", _("Best practice")
        EXPLAINER = "explainer", _("Explainer")
        FAQ = "faq", _("Question and answer")
        PUBLICATION = "publication", _("Publication")
        EVENT = "event", _("Event")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Rich text; scripts are removed."))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    provinces = ChoiceArrayField(
        models.CharField(max_length=5, choices=Province.choices),
        verbose_name=_("provinces"),
        default=list,
        blank=True,
    )
    tags = ArrayField(
        models.CharField(max_length=50), verbose_name=_("tags"), default=list, blank=True
    )
    related = models.ManyToManyField("self", verbose_name=_("related items"), blank=True)
    # Records of the other sections an item is about; shown only where they are public.
    related_datasets = models.ManyToManyField(
        "spatial.Dataset", verbose_name=_("related datasets"), blank=True, related_name="+"
    )
    related_projects = models.ManyToManyField(
        "planning.Project", verbose_name=_("related projects"), blank=True, related_name="+"
    )
    related_agreements = models.ManyToManyField(
        "coordination.Agreement", verbose_name=_("related agreements"), blank=True,
        related_name="+",
    )  # fmt: skip
    cover_image = models.ImageField(
        _("cover image"),
        upload_to=RandomFolder("knowledge/covers"),
        validators=[validate_image],
        blank=True,
        max_length=300,
    )
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    # Smaller WebP copies made from the cover image: [{"width": 480, "name": "…"}, …].
    cover_renditions = models.JSONField(default=list, editable=False)

    # แนวปฏิบัติที่ดี: what a best-practice write-up records.
    organisation = models.ForeignKey(
        Agency,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knowledge_items",
    )
    problem = models.TextField(_("problem"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    contact = models.CharField(_("contact"), max_length=255, blank=True)

    # Events: seminars and public hearings.
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    location = gis_models.PointField(_("map point"), srid=4326, null=True, blank=True)

    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("Leave empty to publish at once.")
    )
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    # Changes to a published item by someone without the publish right wait here, as a
    # revision, until a publisher approves them; the public reads the item as it was.
    draft_revision = models.ForeignKey(
        "ItemRevision",
        verbose_name=_("changes waiting for approval"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_item", _("Can publish, schedule and archive items"))]
        indexes = [
            models.Index(
                fields=["status", "kind", "-published_at", "-id"], name="item_public_list"
            ),
            # The newest of every kind at once: home page, section index, feeds, sitemap.
            models.Index(fields=["status", "-published_at", "-id"], name="item_public_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="item_event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # The id, not the title, names the page: it stays put when a title or translation changes.
        return reverse("knowledge:item-detail", kwargs={"pk": self.pk})

    @property
    def kind_label(self) -> str:
        return self.Kind(self.kind).label

    @property
    def province_labels(self) -> list[str]:
        return province_labels(self.provinces)


class ItemRevision(models.Model):
    """A snapshot of an item's content after each save: who, when and what it said."""

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    content = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="item_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.item} #{self.number}"


class ItemAttachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"),
        upload_to=RandomFolder("knowledge/attachments"),
        validators=[validate_document],
        max_length=300,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["item", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Through the view that checks who may see it, never the storage address."""
        return reverse(
            "knowledge:attachment", kwargs={"pk": self.pk, "name": file_address(self.file)}
        )
