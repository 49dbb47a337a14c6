"""Site-wide records that belong to no one section: the search index, privacy requests, and
what citizens and machines follow (public changes, followers, webhooks)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    SPATIAL = "spatial", _("Spatial data")
    KNOWLEDGE = "knowledge", _("Knowledge management")
    COORDINATION = "coordination", _("Coordination")
    PLANNING = "planning", _("Plan integration")


class SearchEntry(models.Model):
    """One public record in one language, segmented once at write time. The row holds what
    ranking and the results list read; the longer texts are in `SearchText`, so a query that
    matches most of the index reads narrow rows (measured in docs/benchmarks.md)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=5)
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    title = models.TextField(_("title"))
    url = models.CharField(_("URL"), max_length=500)
    # True when the record has no text of its own in this language and shows the other one.
    is_fallback = models.BooleanField(_("shown in the other language"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="search_entry_unique"
            )
        ]
        # One index per language: a query reads only its own language's entries.
        indexes = [
            GinIndex(
                fields=["vector"], name=f"search_entry_vector_{code}", condition=Q(language=code)
            )
            for code, _name in settings.LANGUAGES
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"


class SearchText(models.Model):
    """An entry's summary and body, for snippets where the match is and to forget its words."""

    entry = models.OneToOneField(
        SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self) -> str:
        return str(self.entry)


class SearchTerm(models.Model):
    """A word of the public index (titles, summaries and bodies): the vocabulary that typo and
    partial-word suggestions come from (pg_trgm's advice: compare against distinct words, not
    whole texts)."""

    word = models.CharField(_("word"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [GistIndex(fields=["word"], name="search_term_trgm", opclasses=["gist_trgm_ops"])]

    def __str__(self) -> str:
        return self.word


class PrivacyRequest(models.Model):
    """A citizen's request under the PDPA to see, or to erase, the personal data the portal
    holds for their email address. It counts only once the address is verified; from then
    the division has 30 days to answer (PDPA s. 30)."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("A copy of my data")
        ERASURE = "erasure", _("Erase my data")

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Waiting for email verification")
        OPEN = "open", _("Open")
        FULFILLED = "fulfilled", _("Fulfilled")
        DECLINED = "declined", _("Declined")

    email = models.EmailField(_("email"))
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=5)
    token = models.CharField(_("token"), max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UNVERIFIED
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due by"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(
        _("note to the requester"),
        blank=True,
        help_text=_("Sent with the answer; required when a request is declined."),
    )

    class Meta:
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        ordering = ["due_at", "created_at"]
        indexes = [models.Index(fields=["status", "due_at"], name="privacy_request_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email}"


class PublicChange(models.Model):
    """A change the public can see: a record became public, or what the public reads of it
    (title, summary, text) changed. Kept under the keys of every thing it concerns (the record,
    its agency, plan, series, topics), for followers' e-mails, per-thing feeds and webhooks.
    A record that stops being public takes its changes with it."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Published")
        UPDATED = "updated", _("Updated")

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("record number"))
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    path_th = models.CharField(_("page (Thai)"), max_length=500)
    path_en = models.CharField(_("page (English)"), max_length=500)
    # "app_label.model:pk" of the record and of each thing it belongs to.
    targets = ArrayField(models.CharField(max_length=80), verbose_name=_("concerns"))
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        verbose_name = _("public change")
        verbose_name_plural = _("public changes")
        ordering = ["-at", "-pk"]
        indexes = [
            GinIndex(fields=["targets"], name="public_change_targets"),
            models.Index(fields=["content_type", "object_id"], name="public_change_record"),
        ]

    def __str__(self) -> str:
        return self.title_th

    def title_in(self, language: str) -> str:
        return (self.title_en if language == "en" else self.title_th) or self.title_th

    def path_in(self, language: str) -> str:
        return self.path_en if language == "en" else self.path_th


class Follow(models.Model):
    """A citizen follows one thing (a dataset, an agency, a meeting series, a consultation, a
    plan, a topic…) by e-mail: confirmed by a link (double opt-in), each change at once or a
    daily digest, in their language. The address and the thing are all that is kept (PDPA)."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one e-mail per change")
        DAILY = "daily", _("One e-mail a day with every change")

    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=5)
    target = models.CharField(_("follows"), max_length=80)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last e-mail at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["email", "target"], name="follow_once_per_thing")
        ]
        indexes = [models.Index(fields=["target", "confirmed_at"], name="follow_target")]

    def __str__(self) -> str:
        return f"{self.email} → {self.target}"


class Webhook(models.Model):
    """A machine told of public changes: each change is POSTed as JSON, signed with the
    shared secret (HMAC-SHA256 in X-EEC-Signature), retried with growing delays when the
    receiver fails, every attempt logged."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    secret = models.CharField(
        _("secret"),
        max_length=128,
        help_text=_("Shared with the receiver, which checks each delivery's signature with it."),
    )
    targets = ArrayField(
        models.CharField(max_length=80),
        verbose_name=_("things"),
        blank=True,
        default=list,
        help_text=_(
            "Keys such as spatial.dataset:12 or coordination.agency:3, one per line; empty "
            "means every public change."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        RETRYING = "retrying", _("Failed, will be retried")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, no more attempts")

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    change = models.ForeignKey(
        PublicChange, verbose_name=_("change"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.webhook} #{self.pk}"
