"""Knowledge management: news, best practices and explainers of the EEC, in Thai and English."""

from django.conf import settings
from django.contrib.gis.db import models as gis_models
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.coordination.models import Agency
from divisions.coordination.provinces import Province
from eecportal.uploads import validate_document, validate_image


class Topic(models.Model):
    """What an item is about: the EEC's benefits and impacts by area (economy, jobs, …)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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
    provinces = ArrayField(
        models.CharField(max_length=5, choices=Province.choices),
        verbose_name=_("provinces"),
        default=list,
        blank=True,
    )
    tags = ArrayField(
        models.CharField(max_length=50), verbose_name=_("tags"), default=list, blank=True
    )
    related = models.ManyToManyField("self", verbose_name=_("related items"), blank=True)
    cover_image = models.ImageField(
        _("cover image"), upload_to="knowledge/covers/%Y/", validators=[validate_image], blank=True
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
        return [Province(code).label for code in self.provinces]


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


class Comment(models.Model):
    """A reader's comment on an item: shown only after a moderator approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    COMMENTABLE_KINDS = (Item.Kind.NEWS, Item.Kind.EXPLAINER, Item.Kind.BEST_PRACTICE)

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("name"), max_length=80)
    # Kept private: never shown on pages, feeds or the API.
    email = models.EmailField(_("email"))
    body = models.TextField(_("comment"), max_length=2000)
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    report_count = models.PositiveIntegerField(_("reports"), default=0)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["item", "status"], name="comment_item_status")]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"


class Subscription(models.Model):
    """An email address that asked for news on some topics; nothing more is kept (PDPA)."""

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language"), max_length=5)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, help_text=_("None means every topic.")
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return self.email


class Consultation(models.Model):
    """A public consultation (รับฟังความคิดเห็น): documents, questions, one answer per
    verified email, and counts published after it closes."""

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the site; drafts stay internal.")
    )
    provinces = ArrayField(
        models.CharField(max_length=5, choices=Province.choices),
        verbose_name=_("provinces"),
        default=list,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:consultation-detail", kwargs={"pk": self.pk})

    def is_open(self, now) -> bool:
        return self.opens_at <= now < self.closes_at


class ConsultationDocument(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"), upload_to="consultations/%Y/", validators=[validate_document]
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        TEXT = "text", _("Free text")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("choice"), max_length=255)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Participant(models.Model):
    """An email address invited to answer: it must be opened from the mailbox to answer."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants"
    )
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=5)
    token = models.CharField(_("token"), max_length=64, unique=True)
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "email"], name="participant_one_per_email"
            )
        ]

    def __str__(self) -> str:
        return self.email


class Answer(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    text = models.TextField(_("answer"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text or str(self.choice)


class BestPracticeSubmission(models.Model):
    """Outstanding work sent in by a partner local government (the paper's central PR
    system); an editor reviews it and, if accepted, turns it into a draft best practice."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organisation = models.CharField(_("organisation"), max_length=255)
    province = models.CharField(_("province"), max_length=5, choices=Province.choices)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    title = models.CharField(_("title of the work"), max_length=255)
    problem = models.TextField(_("problem"), max_length=4000)
    approach = models.TextField(_("approach"), max_length=4000)
    results = models.TextField(_("results"), max_length=4000)
    lessons = models.TextField(_("lessons learned"), max_length=4000, blank=True)
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    item = models.OneToOneField(
        Item,
        verbose_name=_("draft item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("best-practice submission")
        verbose_name_plural = _("best-practice submissions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"


class ItemAttachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"), upload_to="knowledge/attachments/%Y/", validators=[validate_document]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["item", "position", "pk"]

    def __str__(self) -> str:
        return self.title


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
