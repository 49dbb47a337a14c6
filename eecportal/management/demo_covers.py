"""Cover pictures for the demo's knowledge items: a map of the EEC drawn from the portal's own
base map, with the item's place (or its provinces) marked. Demo content has no photographs."""

import json
import math
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

BASEMAP = Path(__file__).resolve().parents[2] / "divisions/spatial/static/spatial/basemap"
SIZE = (1200, 630)
# Longitude and latitude of the picture's centre, and degrees of latitude from top to bottom.
CENTRE, LATITUDES = (101.2, 13.2), 1.7
SEA, LAND, LINES, MARK = "#cfe3ef", "#f7f6f2", "#a9adb5", "#0b4f6c"


def _pixel(lon: float, lat: float) -> tuple[float, float]:
    scale = SIZE[1] / LATITUDES
    x = SIZE[0] / 2 + (lon - CENTRE[0]) * scale * math.cos(math.radians(CENTRE[1]))
    return x, SIZE[1] / 2 - (lat - CENTRE[1]) * scale


def _parts(geometry: dict) -> list[list]:
    """Lists of coordinates: polygon rings and lines."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        return coordinates
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    if kind == "LineString":
        return [coordinates]
    return coordinates  # MultiLineString


def _features(name: str) -> list[dict]:
    return json.loads((BASEMAP / f"{name}.geojson").read_text("utf-8"))["features"]


def cover_png(*, places: list[tuple[float, float]], colour: str) -> bytes:
    image = Image.new("RGB", SIZE, SEA)
    draw = ImageDraw.Draw(image)
    for feature in _features("land"):
        for ring in _parts(feature["geometry"]):
            draw.polygon([_pixel(*point) for point in ring], fill=LAND)
    for feature in _features("provinces-lines"):
        for line in _parts(feature["geometry"]):
            draw.line([_pixel(*point) for point in line], fill=LINES, width=2)
    for lon, lat in places:
        x, y = _pixel(lon, lat)
        draw.ellipse((x - 60, y - 60, x + 60, y + 60), outline=colour, width=6)
        draw.ellipse((x - 16, y - 16, x + 16, y + 16), fill=colour, outline="white", width=4)
    draw.rectangle((0, SIZE[1] - 14, SIZE[0], SIZE[1]), fill=MARK)
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def province_places(codes: list[str]) -> list[tuple[float, float]]:
    points = {f["properties"]["code"]: f["geometry"]["coordinates"] for f in _features("provinces")}
    return [tuple(points[code]) for code in codes if code in points]
