"""The spatial section's records: catalog datasets (GD-Catalog and DCAT metadata), their
resources, vector layers stored in PostGIS, and the jobs that import layer data."""

from django.conf import settings
from django.contrib.gis.db import models as gis_models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.coordination.models import Agency
from divisions.core.fields import ChoiceArrayField
from divisions.core.jobs import UploadJob
from divisions.core.provinces import Province, province_labels
from divisions.core.slugs import slug_for
from divisions.core.uploads import RandomFolder, file_address, validate_document


class Dataset(models.Model):
    class Classification(models.TextChoices):
        PUBLIC = "public", _("Public")
        INTERNAL = "internal", _("Internal")

    # GD-Catalog data_type; the stored code maps to the catalog's Thai value in the CKAN API.
    class DataType(models.TextChoices):
        RECORD = "record", _("Records")
        STATISTICAL = "statistical", _("Statistics")
        GEOSPATIAL = "geospatial", _("Geospatial data")
        MULTIPLE = "multiple", _("Several kinds")
        OTHER = "other", _("Other")

    class Category(models.TextChoices):
        BOUNDARIES = "boundaries", _("Administrative boundaries")
        LAND_USE = "land_use", _("Land use and town planning")
        INDUSTRY = "industry", _("Industrial estates and promotion zones")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure and transport")
        ENVIRONMENT = "environment", _("Environment and natural hazards")
        ECONOMY = "economy", _("Economy and investment")
        SOCIETY = "society", _("Society and population")
        OTHER = "other", _("Other")

    class License(models.TextChoices):
        CC_BY = "cc-by", _("Creative Commons Attribution")
        CC_BY_SA = "cc-by-sa", _("Creative Commons Attribution Share-Alike")
        CC_NC = "cc-nc", _("Creative Commons Non-Commercial")
        ODC_BY = "odc-by", _("Open Data Commons Attribution")
        ODBL = "odc-odbl", _("Open Data Commons Open Database License")
        NOT_SPECIFIED = "notspecified", _("License not specified")

    class Frequency(models.TextChoices):
        UNKNOWN = "unknown", _("Unknown")
        YEAR = "year", _("Yearly")
        HALF_YEAR = "half_year", _("Every six months")
        QUARTER = "quarter", _("Quarterly")
        MONTH = "month", _("Monthly")
        WEEK = "week", _("Weekly")
        DAY = "day", _("Daily")
        REAL_TIME = "real_time", _("Real time")
        NEVER = "never", _("Not updated after collection")

    class GeoCoverage(models.TextChoices):
        NONE = "none", _("None")
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        SUBDISTRICT = "subdistrict", _("Subdistrict")
        VILLAGE = "village", _("Village")
        LOCAL_GOVERNMENT = "local_government", _("Municipality or subdistrict organisation")
        COORDINATES = "coordinates", _("Coordinates")

    # The national framework's base layers (GD-Catalog's geographic_data_set).
    class GeographicDataSet(models.TextChoices):
        LAND_PARCELS = "land_parcels", _("Land parcels")
        BOUNDARIES = "boundaries", _("Administrative boundaries")
        TRANSPORT = "transport", _("Transport routes")
        SETTLEMENTS = "settlements", _("Settlements and buildings")
        FORESTS = "forests", _("Forests")
        LAND_USE = "land_use", _("Land use")
        WATER_BODIES = "water_bodies", _("Water bodies")
        HYDROGRAPHY = "hydrography", _("Hydrography")
        SURVEY_MARKS = "survey_marks", _("Survey control marks")
        ELEVATION = "elevation", _("Digital elevation")
        TOPOGRAPHIC_MAPS = "topographic_maps", _("Topographic map images")
        ORTHOPHOTOS = "orthophotos", _("Aerial orthophoto maps")
        SATELLITE = "satellite", _("Orthorectified satellite images")

    class QualityGrade(models.TextChoices):
        A = "A", _("A: excellent")
        B = "B", _("B: good")
        C = "C", _("C: fair")
        D = "D", _("D: poor")
        E = "E", _("E: very poor")

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the page's address; made from the English (or Thai) name when left empty."
        ),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    objective = models.TextField(_("objective"), blank=True)
    publisher = models.ForeignKey(
        Agency, verbose_name=_("publisher"), on_delete=models.PROTECT, related_name="datasets"
    )
    maintainer = models.CharField(_("contact person"), max_length=255)
    maintainer_email = models.EmailField(_("contact email"))
    keywords = ArrayField(
        models.CharField(max_length=60), verbose_name=_("keywords"), default=list, blank=True
    )
    data_type = models.CharField(
        _("data type"), max_length=20, choices=DataType.choices, default=DataType.GEOSPATIAL
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    license = models.CharField(
        _("license"), max_length=20, choices=License.choices, default=License.CC_BY
    )
    update_frequency = models.CharField(
        _("update frequency"), max_length=20, choices=Frequency.choices, default=Frequency.YEAR
    )
    update_frequency_interval = models.PositiveSmallIntegerField(_("updates per period"), default=1)
    geo_coverage = models.CharField(
        _("geographic coverage"),
        max_length=20,
        choices=GeoCoverage.choices,
        default=GeoCoverage.PROVINCE,
    )
    provinces = ChoiceArrayField(
        models.CharField(max_length=5, choices=Province.choices),
        verbose_name=_("provinces"),
        default=list,
        blank=True,
    )
    data_source = models.CharField(_("data source"), max_length=255)
    languages = ChoiceArrayField(
        models.CharField(max_length=5, choices=settings.LANGUAGES),
        verbose_name=_("data languages"),
        default=list,
        blank=True,
    )
    temporal_start = models.DateField(_("data covers from"), null=True, blank=True)
    temporal_end = models.DateField(_("data covers until"), null=True, blank=True)
    classification = models.CharField(
        _("classification"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.INTERNAL,
        help_text=_("Internal datasets are seen by staff only, in every channel."),
    )
    # ISO 19115 / GD-Catalog geospatial metadata.
    geographic_data_set = models.CharField(
        _("national base layer"),
        max_length=20,
        choices=GeographicDataSet.choices,
        blank=True,
        help_text=_("Which of the national framework's base layers this data belongs to, if any."),
    )
    equivalent_scale = models.CharField(_("equivalent scale"), max_length=30, blank=True)
    positional_accuracy = models.CharField(_("positional accuracy"), max_length=100, blank=True)
    reference_period = models.CharField(_("reference period"), max_length=100, blank=True)
    release_date = models.DateField(_("data release date"), null=True, blank=True)
    extent = gis_models.PolygonField(_("bounding box"), srid=4326, null=True, blank=True)
    # Harvested datasets: where they came from, so a later harvest updates them.
    harvest_source = models.ForeignKey(
        "HarvestSource",
        verbose_name=_("harvested from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    harvest_identifier = models.CharField(max_length=255, blank=True, editable=False)
    source_url = models.URLField(_("original page"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("metadata modified"), auto_now=True)
    # Measured by services.dataset_quality_refresh (see quality.py); never typed in.
    quality_grade = models.CharField(
        _("quality grade"), max_length=1, choices=QualityGrade.choices, blank=True, editable=False
    )
    quality_score = models.PositiveSmallIntegerField(_("quality score"), null=True, editable=False)
    quality = models.JSONField(_("quality measurements"), default=dict, editable=False)
    quality_checked_at = models.DateTimeField(_("quality checked"), null=True, editable=False)

    # The coordination section's records that concern this dataset.
    data_requests = models.ManyToManyField(
        "coordination.DataRequest",
        verbose_name=_("data-exchange requests"),
        blank=True,
        related_name="datasets",
    )
    agenda_items = models.ManyToManyField(
        "coordination.AgendaItem",
        verbose_name=_("discussed at (agenda items)"),
        blank=True,
        related_name="datasets",
    )

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["-updated_at", "pk"]
        indexes = [
            models.Index(fields=["classification", "-updated_at"], name="dataset_public_recent"),
            models.Index(fields=["quality_score"], name="dataset_quality"),
            GinIndex(fields=["keywords"], name="dataset_keywords"),
            GinIndex(fields=["provinces"], name="dataset_provinces"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(temporal_end__gte=models.F("temporal_start"))
                | models.Q(temporal_end__isnull=True)
                | models.Q(temporal_start__isnull=True),
                name="dataset_temporal_order",
                violation_error_message=_("The coverage cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["harvest_source", "harvest_identifier"],
                condition=models.Q(harvest_source__isnull=False),
                name="dataset_harvest_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spatial:dataset-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if not self.slug:
            self.slug = slug_for(self, self.title_en, self.title_th)

    @property
    def is_public(self) -> bool:
        return self.classification == self.Classification.PUBLIC

    @property
    def province_labels(self) -> list[str]:
        return province_labels(self.provinces)


# Layers' map colours, distinct from each other and from the other sections' records on the
# map (events orange, meetings green, partners dark blue, projects purples): a new layer takes
# the first one no layer has yet, so layers added one by one never share a colour until there
# are more layers than colours.
LAYER_COLORS = ["#0c8599", "#c2255c", "#f08c00", "#5c940d", "#4dabf7", "#e03131", "#495057",
                "#9c6b30", "#15aabf", "#e64980", "#82c91e", "#1c7ed6"]  # fmt: skip


def layer_color_next() -> str:
    used = set(Layer.objects.values_list("color", flat=True))
    free = [color for color in LAYER_COLORS if color not in used]
    return free[0] if free else LAYER_COLORS[Layer.objects.count() % len(LAYER_COLORS)]


class Layer(models.Model):
    """A vector layer; its features live in the shared Feature table."""

    class GeometryType(models.TextChoices):
        POINT = "Point", _("Points")
        LINE = "LineString", _("Lines")
        POLYGON = "Polygon", _("Polygons")
        MIXED = "Geometry", _("Mixed")

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="layers"
    )
    slug = models.SlugField(
        _("collection id"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Used in the OGC API and tile addresses; do not change once published. Made from "
            "the English (or Thai) title when left empty."
        ),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    geometry_type = models.CharField(
        _("geometry type"), max_length=20, choices=GeometryType.choices, blank=True, editable=False
    )
    color = models.CharField(
        _("map colour"),
        max_length=7,
        default=layer_color_next,
        help_text=_("For example #0c8599. A new layer is offered a colour no other layer has."),
    )
    time_attribute = models.CharField(
        _("time attribute"),
        max_length=63,
        blank=True,
        help_text=_("The attribute holding each feature's date, for the OGC API's datetime."),
    )
    # Bumped by every import: tile caches and ETags are keyed by it.
    version = models.PositiveIntegerField(default=0, editable=False)
    feature_count = models.PositiveIntegerField(_("features"), default=0, editable=False)
    extent = gis_models.PolygonField(srid=4326, null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("layer")
        verbose_name_plural = _("layers")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("spatial:dataset-detail", kwargs={"slug": self.dataset.slug})

    def clean(self) -> None:
        if not self.slug:
            self.slug = slug_for(self, self.title_en, self.title_th)


class LayerAttribute(models.Model):
    """A column of a layer's features, with the labels readers see in popups and tables."""

    class Type(models.TextChoices):
        STRING = "string", _("Text")
        INTEGER = "integer", _("Whole number")
        NUMBER = "number", _("Number")
        BOOLEAN = "boolean", _("Yes or no")
        DATE = "date", _("Date")
        DATETIME = "datetime", _("Date and time")

    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="attributes")
    name = models.CharField(_("name"), max_length=63)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices, editable=False)
    label = models.CharField(_("label"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["layer", "name"], name="layer_attribute_unique")
        ]

    def __str__(self) -> str:
        return self.label or self.name


class Feature(models.Model):
    """One feature of a layer. The table is partitioned by layer (PostgreSQL LIST partitions,
    one a layer, made by the import; see migration 0003): each layer's GiST index is built in
    one go after loading, stays the size of its own layer, and replacing a layer's data swaps
    one partition for another. A layer's partition goes with it (services.layer_delete)."""

    pk = models.CompositePrimaryKey("layer", "fid")
    layer = models.ForeignKey(
        Layer, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False
    )
    fid = models.PositiveIntegerField()
    properties = models.JSONField(default=dict)
    geom = gis_models.GeometryField(srid=4326, spatial_index=False)

    class Meta:
        indexes = [GistIndex(fields=["geom"], name="feature_geom")]

    def __str__(self) -> str:
        return f"{self.layer_id}/{self.fid}"


class Resource(models.Model):
    """What a dataset offers: an uploaded file, a link elsewhere, or one of its layers."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")
        LAYER = "layer", _("Map layer")

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="resources"
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(
        _("file"),
        upload_to=RandomFolder("spatial/resources"),
        max_length=300,
        validators=[validate_document],
        blank=True,
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    layer = models.ForeignKey(
        Layer, verbose_name=_("layer"), on_delete=models.CASCADE, null=True, blank=True
    )
    format = models.CharField(_("format"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_download_url(self) -> str:
        """Files through the view that checks visibility; links as they are."""
        if self.kind == self.Kind.FILE and self.file:
            name = file_address(self.file)
            return reverse("spatial-data:resource", kwargs={"pk": self.pk, "name": name})
        return self.url


class ImportJob(UploadJob):
    """One upload of data into a layer, run by a Celery worker with visible progress."""

    layer = models.ForeignKey(
        Layer, verbose_name=_("layer"), on_delete=models.CASCADE, related_name="imports"
    )
    file = models.FileField(_("file"), upload_to=RandomFolder("spatial/imports"), max_length=300)

    class Meta(UploadJob.Meta):
        verbose_name = _("layer import")
        verbose_name_plural = _("layer imports")

    def __str__(self) -> str:
        return f"{self.layer} · {self.when()}"


class HarvestSource(models.Model):
    """A remote CKAN catalog whose datasets are pulled into this one on a schedule."""

    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("catalog address"), help_text=_("For example https://data.go.th"))
    query = models.CharField(
        _("filter"), max_length=255, blank=True, help_text=_("A CKAN search query, e.g. EEC")
    )
    publisher = models.ForeignKey(
        Agency, verbose_name=_("publisher of harvested datasets"), on_delete=models.PROTECT
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_harvested_at = models.DateTimeField(_("last harvested"), null=True, editable=False)
    last_report = models.JSONField(_("last report"), default=dict, editable=False)

    class Meta:
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")

    def __str__(self) -> str:
        return self.name
