"""Plans, projects and budgets of the agencies working in the EEC, and the pairs of projects
that may be the same project planned twice."""

from django.conf import settings
from django.contrib.gis.db import models as gis
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.coordination.models import TargetIndustry
from divisions.core.fields import ChoiceArrayField
from divisions.core.gazetteer import area_label
from divisions.core.jobs import UploadJob
from divisions.core.provinces import Province
from divisions.core.uploads import RandomFolder

# Buddhist-era years a plan or budget can sensibly carry (CE 1957–2157).
BE_YEAR = [MinValueValidator(2500), MaxValueValidator(2700)]


class Plan(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("National plan")
        EEC = "eec", _("EEC integrated plan")
        PROVINCIAL = "provincial", _("Provincial development plan")
        LOCAL = "local", _("Local development plan")
        ACTION = "action", _("Action plan")

    class Edition(models.TextChoices):
        ORIGINAL = "original", _("Original")
        ADDITION = "addition", _("Addition")  # เพิ่มเติม
        CHANGE = "change", _("Change")  # เปลี่ยนแปลง

    title = models.CharField(_("title"), max_length=255)
    agency = models.ForeignKey(
        "coordination.Agency",
        verbose_name=_("owner agency"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    start_year = models.PositiveSmallIntegerField(_("first year (BE)"), validators=BE_YEAR)
    end_year = models.PositiveSmallIntegerField(_("last year (BE)"), validators=BE_YEAR)
    edition = models.CharField(
        _("edition"), max_length=10, choices=Edition.choices, default=Edition.ORIGINAL
    )
    amendment_number = models.PositiveSmallIntegerField(
        _("amendment number"), null=True, blank=True
    )
    amendment_year = models.PositiveSmallIntegerField(
        _("amendment year (BE)"), null=True, blank=True, validators=BE_YEAR
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_period_in_order",
                violation_error_message=_("The last year cannot come before the first year."),
            ),
            models.CheckConstraint(
                condition=models.Q(edition="original")
                | models.Q(amendment_number__isnull=False, amendment_year__isnull=False),
                name="plan_amendment_numbered",
                violation_error_message=_(
                    "An addition or change needs its number and year (ครั้งที่ N/ปี)."
                ),
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.start_year}–{self.end_year}"
        if self.edition == self.Edition.ORIGINAL:
            return f"{self.title} ({period})"
        label = self.Edition(self.edition).label
        return f"{self.title} ({period}) {label} {self.amendment_number}/{self.amendment_year}"


class PlanNode(models.Model):
    """A step of a plan's hierarchy: strategy (ยุทธศาสตร์) → approach (แนวทาง) → programme
    (แผนงาน); projects hang under a programme."""

    class Level(models.IntegerChoices):
        STRATEGY = 1, _("Strategy")
        APPROACH = 2, _("Development approach")
        PROGRAMME = 3, _("Programme")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE,
                             related_name="nodes")  # fmt: skip
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    code = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("strategy, approach or programme")
        verbose_name_plural = _("strategies, approaches and programmes")
        ordering = ["plan", "level", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class EecFlagship(models.TextChoices):
    U_TAPAO = "u-tapao", _("U-Tapao airport and Eastern Airport City")
    HIGH_SPEED_RAIL = "high-speed-rail", _("High-speed rail linking three airports")
    LAEM_CHABANG = "laem-chabang", _("Laem Chabang port, phase 3")
    MAP_TA_PHUT = "map-ta-phut", _("Map Ta Phut industrial port, phase 3")
    EECI = "eeci", _("EEC of Innovation (EECi)")
    EECD = "eecd", _("Digital Park Thailand (EECd)")


class Sector(models.TextChoices):
    TRANSPORT = "transport", _("Roads and transport")
    WATER = "water", _("Water resources and drainage")
    ENVIRONMENT = "environment", _("Environment and waste")
    ECONOMY = "economy", _("Economy, investment and jobs")
    TOURISM = "tourism", _("Tourism")
    AGRICULTURE = "agriculture", _("Agriculture")
    EDUCATION = "education", _("Education and skills")
    HEALTH = "health", _("Public health")
    SOCIETY = "society", _("Society and quality of life")
    ADMINISTRATION = "administration", _("Public administration")


class Project(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")
        MERGED = "merged", _("Merged into another project")

    class Form(models.TextChoices):
        P02 = "02", _("ผ.02: development project")
        P02_1 = "02/1", _("ผ.02/1: community project")
        P02_2 = "02/2", _("ผ.02/2: request to the PAO or another agency")
        P03 = "03", _("ผ.03: equipment")

    external_id = models.CharField(
        _("external ID"),
        max_length=100,
        blank=True,
        help_text=_("The agency's own number for the project; re-imports update by it."),
    )
    agency = models.ForeignKey(
        "coordination.Agency",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="planning_projects",
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects",
    )  # fmt: skip
    programme = models.ForeignKey(
        PlanNode,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        limit_choices_to={"level": PlanNode.Level.PROGRAMME},
    )
    title = models.CharField(_("title"), max_length=500)
    objective = models.TextField(_("objective"), blank=True)
    target = models.TextField(_("target (output)"), blank=True)
    kpi = models.TextField(_("indicator (KPI)"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    target_group = models.CharField(_("target group"), max_length=255, blank=True)
    form = models.CharField(_("source form"), max_length=5, choices=Form.choices, blank=True)
    flagship = models.CharField(
        _("EEC flagship project"), max_length=20, choices=EecFlagship.choices, blank=True
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    target_industries = ChoiceArrayField(
        models.CharField(max_length=20, choices=TargetIndustry.choices),
        verbose_name=_("target industries"),
        default=list,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    province = models.CharField(_("province"), max_length=5, choices=Province.choices, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    subdistrict = models.CharField(_("subdistrict"), max_length=100, blank=True)
    village = models.PositiveSmallIntegerField(_("village number (หมู่ที่)"), null=True, blank=True)
    location = gis.GeometryField(_("location"), srid=4326, null=True, blank=True)
    agreements = models.ManyToManyField(
        "coordination.Agreement", verbose_name=_("MOUs and agreements"), blank=True,
        related_name="planning_projects",
    )  # fmt: skip
    meetings = models.ManyToManyField(
        "coordination.Meeting", verbose_name=_("meetings"), blank=True,
        related_name="planning_projects",
    )  # fmt: skip
    datasets = models.ManyToManyField(
        "spatial.Dataset", verbose_name=_("datasets"), blank=True, related_name="planning_projects"
    )
    agenda_items = models.ManyToManyField(
        "coordination.AgendaItem",
        verbose_name=_("discussed at (agenda items)"),
        blank=True,
        related_name="planning_projects",
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Internal projects are seen by staff only, in every channel."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        editable=False,
    )
    # Derived by the service on every save, for duplicate detection: the title with Thai
    # digits, abbreviations and filler words normalised; the words of objective and target;
    # the fiscal years budgeted and the total.
    match_title = models.TextField(editable=False, default="")
    match_title_words = ArrayField(models.TextField(), editable=False, default=list)
    match_words = ArrayField(models.TextField(), editable=False, default=list)
    match_area = models.CharField(max_length=255, editable=False, default="")
    # The gazetteer's (geothai, DOPA) codes of the district and subdistrict named, where it
    # knows them: the duplicate finder compares areas by code.
    district_code = models.CharField(_("district code"), max_length=4, editable=False, default="")
    subdistrict_code = models.CharField(
        _("subdistrict code"), max_length=6, editable=False, default=""
    )
    fiscal_years = ArrayField(models.PositiveSmallIntegerField(), editable=False, default=list)
    # The budgeted years and the years either side: projects a year apart may be the same.
    fiscal_reach = ArrayField(models.PositiveSmallIntegerField(), editable=False, default=list)
    budget_total = models.DecimalField(
        _("total budget (THB)"), max_digits=16, decimal_places=2, default=0, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_id"],
                condition=~models.Q(external_id=""),
                name="project_external_id_per_agency",
                violation_error_message=_("This agency already has a project with this ID."),
            ),
        ]
        indexes = [
            GinIndex(
                fields=["match_title"], name="project_match_title", opclasses=["gin_trgm_ops"]
            ),  # fmt: skip
            models.Index(fields=["match_area", "sector"], name="project_match_area"),
            models.Index(fields=["province", "district"], name="project_area"),
            models.Index(fields=["status"], name="project_status"),
            GinIndex(fields=["fiscal_years"], name="project_fiscal_years"),
            # The public list: counted and paged without reading whole rows.
            models.Index(
                fields=["-id"],
                condition=models.Q(is_public=True) & ~models.Q(status="merged"),
                name="project_public",
            ),
            # The agencies that have public projects (the list's agency filter), and the
            # newest public projects (home page), read from the index alone.
            models.Index(
                fields=["agency"],
                condition=models.Q(is_public=True) & ~models.Q(status="merged"),
                name="project_public_agency",
            ),
            models.Index(
                fields=["-updated_at"],
                condition=models.Q(is_public=True) & ~models.Q(status="merged"),
                name="project_public_updated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:project-detail", kwargs={"pk": self.pk})

    @property
    def status_label(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def sector_label(self) -> str:
        return str(Sector(self.sector).label) if self.sector else ""

    @property
    def province_label(self) -> str:
        return str(Province(self.province).label) if self.province else ""

    @property
    def district_label(self) -> str:
        """The district in the reader's language where the gazetteer knows it."""
        return area_label(self.district_code, self.district)

    @property
    def subdistrict_label(self) -> str:
        return area_label(self.subdistrict_code, self.subdistrict)


# On maps, each status has a shade of the projects' purple (lighter while planned, darker
# when built), so projects never share a colour with another layer; cancelled ones are grey.
PROJECT_STATUS_COLORS = {
    Project.Status.PROPOSED: "#d0bfff",
    Project.Status.APPROVED: "#9775fa",
    Project.Status.IN_PROGRESS: "#7048e8",
    Project.Status.DONE: "#4321a0",
    Project.Status.CANCELLED: "#adb5bd",
}


class Participation(models.Model):
    """An agency's part in a project, with IATI's organisation roles."""

    class Role(models.TextChoices):
        FUNDING = "1", _("Funding")
        ACCOUNTABLE = "2", _("Accountable")
        EXTENDING = "3", _("Extending")
        IMPLEMENTING = "4", _("Implementing")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participations"
    )
    agency = models.ForeignKey(
        "coordination.Agency", verbose_name=_("agency"), on_delete=models.PROTECT,
        related_name="planning_participations",
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=1, choices=Role.choices)

    class Meta:
        verbose_name = _("participating agency")
        verbose_name_plural = _("participating agencies")
        constraints = [
            models.UniqueConstraint(fields=["project", "agency", "role"], name="participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display()})"


class Budget(models.Model):
    class Kind(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ORDINANCE = "ordinance", _("Budget ordinance")
        REVISED = "revised", _("Revised")

    class Source(models.TextChoices):
        OWN = "own", _("Own revenue")
        SUBSIDY = "subsidy", _("Government subsidy")
        CENTRAL = "central", _("Central government budget")
        EEC_FUND = "eec_fund", _("EEC development fund")
        STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
        PRIVATE = "private", _("Private investment (PPP)")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="budgets"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"), validators=BE_YEAR)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PLANNED)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, blank=True)
    amount = models.DecimalField(
        _("amount (THB)"), max_digits=15, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["fiscal_year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "fiscal_year", "kind", "source"], name="budget_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.get_kind_display()}: {self.amount:,.2f}"


class ProjectPair(models.Model):
    """Two projects that may be one: scored by duplicate detection, decided by an analyst.
    A decision stays with the pair; rescoring never asks again."""

    class Band(models.TextChoices):
        PROBABLE = "probable", _("Probable duplicate")
        REVIEW = "review", _("Needs review")
        UNRELATED = "unrelated", _("Not related")

    class Verdict(models.TextChoices):
        DUPLICATE = "duplicate", _("Duplicate")
        OVERLAPPING = "overlapping", _("Overlapping")
        COMPLEMENTARY = "complementary", _("Complementary")
        UNRELATED = "unrelated", _("Not related")

    first = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    band = models.CharField(_("band"), max_length=10, choices=Band.choices)
    # Each signal's value, weight and share of the score, and the gates that capped it.
    signals = models.JSONField(_("signals"), default=dict)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)
    verdict = models.CharField(_("decision"), max_length=15, choices=Verdict.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("candidate duplicate pair")
        verbose_name_plural = _("candidate duplicate pairs")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="pair_once"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="pair_ordered"
            ),  # fmt: skip
        ]
        indexes = [models.Index(fields=["band", "verdict"], name="pair_queue")]

    def __str__(self) -> str:
        return f"#{self.first_id} ↔ #{self.second_id} ({self.score:.2f})"


class ProjectImport(UploadJob):
    """One upload of a project table, run by a Celery worker with visible progress."""

    file = models.FileField(_("file"), upload_to=RandomFolder("planning/imports"), max_length=300)
    agency = models.ForeignKey(
        "coordination.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For tables without an agency column (e.g. an agency's own ผ.02 form)."),
    )
    is_public = models.BooleanField(
        _("publish the imported projects"),
        default=False,
        help_text=_("New projects from this file are public; updated projects keep theirs."),
    )

    class Meta(UploadJob.Meta):
        verbose_name = _("project import")
        verbose_name_plural = _("project imports")

    def __str__(self) -> str:
        return f"{self.file.name.rsplit('/', 1)[-1]} · {self.when()}"

    def state(self) -> tuple[str, str]:
        """As every upload job's, and "mapping" while the file's own words wait for an
        analyst (nothing imported, no bad row), "mapped" once they have been mapped and the
        file imported again."""
        if self.status == self.Status.FAILED and self.report.get("unknown"):
            if self.report.get("continued_as"):
                return "mapped", str(_("Mapped: imported again"))
            if not self.report.get("errors"):
                return "mapping", str(_("Waiting for values to be mapped"))
        return super().state()


class ValueMapping(models.Model):
    """What an agency means by a value its files write in their own words ("ถนน" is the
    transport sector), confirmed once by an analyst and applied to the agency's next files.
    Mappings of agency names hold for every file (no agency)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        SECTOR = "sector", _("Sector")
        PLAN = "plan", _("Plan")
        PROGRAMME = "programme", _("Programme")
        FORM = "form", _("Form")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        SUBDISTRICT = "subdistrict", _("Subdistrict")

    agency = models.ForeignKey(
        "coordination.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="value_mappings",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    value = models.CharField(_("value in the file"), max_length=255)
    # The value as lookups compare it (normalised; for areas, within their province or
    # district), unique per agency and kind.
    key = models.CharField(max_length=300, editable=False)
    target = models.CharField(_("means"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("value mapping")
        verbose_name_plural = _("value mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "key"], name="value_mapping_once",
                nulls_distinct=False,
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value} → {self.target}"
