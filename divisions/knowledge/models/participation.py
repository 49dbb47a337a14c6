"""Citizens' participation: comments, subscriptions, consultations, submissions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.core.fields import ChoiceArrayField
from divisions.core.provinces import Province
from divisions.core.uploads import RandomFolder, file_address, validate_document

from .items import Item, Topic


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
    provinces = ChoiceArrayField(
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
        _("file"),
        upload_to=RandomFolder("consultations"),
        validators=[validate_document],
        max_length=300,
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Through the view that checks who may see it, never the storage address."""
        return reverse(
            "knowledge:consultation-document",
            kwargs={"pk": self.pk, "name": file_address(self.file)},
        )


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
