"""Site-wide records that belong to no one section: the search index."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
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
