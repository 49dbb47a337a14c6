"""The coordinate reference systems the OGC API serves and reads (OGC API – Features Part 2):
WGS 84 longitude-latitude (CRS84, the storage CRS), EPSG:4326 in its own latitude-longitude
order, Web Mercator, and UTM zones 47N and 48N, which Thai GIS staff work in."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG = "http://www.opengis.net/def/crs/EPSG/0/"


@dataclass(frozen=True)
class CoordinateSystem:
    uri: str
    srid: int
    lat_lon: bool = False  # EPSG:4326 names latitude first
    projected: bool = False

    @property
    def decimals(self) -> int:
        """About a centimetre: 7 decimals of a degree, 2 of a metre."""
        return 2 if self.projected else 7

    def output(self, column: str) -> str:
        """SQL giving a stored (CRS84) geometry in this system's axis order."""
        if self.srid == 4326:
            return f"ST_FlipCoordinates({column})" if self.lat_lon else column
        return f"ST_Transform({column}, {self.srid})"

    def geometry_sql(self, geojson: str) -> tuple[str, list]:
        """A GeoJSON geometry written in this system, as a stored (CRS84) geometry."""
        text = "ST_SetSRID(ST_GeomFromGeoJSON(%s), 4326)"
        if self.lat_lon:
            text = f"ST_FlipCoordinates({text})"
        elif self.srid != 4326:
            text = f"ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(%s), {self.srid}), 4326)"
        return text, [geojson]

    def envelope_sql(self, box: tuple[float, float, float, float]) -> tuple[str, list]:
        """A bounding box (lower corner, upper corner, in this system's axis order) as a
        stored polygon; projected boxes are densified so their edges bend as they should."""
        if self.lat_lon:
            south, west, north, east = box
            box = (west, south, east, north)
        if not self.projected:
            return "ST_MakeEnvelope(%s, %s, %s, %s, 4326)", list(box)
        step = max(box[2] - box[0], box[3] - box[1]) / 16 or 1
        return (
            f"ST_Transform(ST_Segmentize(ST_MakeEnvelope(%s, %s, %s, %s, {self.srid}), %s), 4326)",
            [*box, step],
        )


SYSTEMS = {
    system.uri: system
    for system in [
        CoordinateSystem(CRS84, 4326),
        CoordinateSystem(f"{EPSG}4326", 4326, lat_lon=True),
        CoordinateSystem(f"{EPSG}3857", 3857, projected=True),
        CoordinateSystem(f"{EPSG}32647", 32647, projected=True),
        CoordinateSystem(f"{EPSG}32648", 32648, projected=True),
    ]
}
STORAGE = SYSTEMS[CRS84]


def crs_get(raw: str | None, *, parameter: str) -> CoordinateSystem:
    """The system a parameter names (its URI, or the same in the [EPSG:n] short form);
    CRS84 when it is not given. ValueError with a message for the reader otherwise."""
    if not raw:
        return STORAGE
    value = raw.strip()
    if value.startswith("[") and value.endswith("]"):  # a safe CURIE, e.g. [EPSG:32647]
        authority, _colon, code = value[1:-1].partition(":")
        value = CRS84 if (authority, code) == ("OGC", "CRS84") else f"{EPSG}{code}"
    if value.startswith("https://"):
        value = "http://" + value.removeprefix("https://")
    if value not in SYSTEMS:
        raise ValueError(
            _("%(parameter)s: %(value)s is not supported; use one of %(known)s.")
            % {"parameter": parameter, "value": raw, "known": ", ".join(SYSTEMS)}
        )
    return SYSTEMS[value]
