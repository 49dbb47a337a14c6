"""Downloads: layers in four formats, uploaded files behind the visibility check."""

import csv
import io
import json
import zipfile

import pytest
from django.contrib.gis.gdal import DataSource

from divisions.spatial.models import Dataset

pytestmark = pytest.mark.django_db


def test_layer_csv_keeps_agency_text_from_becoming_a_formula(client, layer_factory, tmp_path):
    from .fixtures import ZONES, write_geojson

    zones = json.loads(json.dumps(ZONES))
    zones["features"][0]["properties"] |= {"name": '=WEBSERVICE("http://x")', "rai": -5}
    layer = layer_factory(path=write_geojson(tmp_path / "zones.geojson", zones))

    text = b"".join(client.get(f"/data/layers/{layer.slug}.csv").streaming_content)
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))

    first = next(row for row in rows if "WEBSERVICE" in row["name"])
    assert first["name"] == '\'=WEBSERVICE("http://x")' and first["rai"] == "-5"


# GeoPackage and Shapefile are written by ogr2ogr on a connection of its own, which sees only
# committed data.
@pytest.mark.django_db(transaction=True)
def test_downloads_in_four_formats(client, public_layer, tmp_path):
    geojson = json.loads(b"".join(client.get("/data/layers/estates.geojson").streaming_content))
    assert len(geojson["features"]) == 3

    text = b"".join(client.get("/data/layers/estates.csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["name"] == "นิคมอุตสาหกรรมอมตะซิตี้"
    assert rows[0]["wkt"].startswith("POLYGON")

    gpkg = tmp_path / "estates.gpkg"
    gpkg.write_bytes(b"".join(client.get("/data/layers/estates.gpkg").streaming_content))
    layer = DataSource(str(gpkg))[0]
    assert len(layer) == 3
    assert layer.field_types[layer.fields.index("rai")].__name__ == "OFTReal"

    shp = client.get("/data/layers/estates.shp")
    names = zipfile.ZipFile(io.BytesIO(b"".join(shp.streaming_content))).namelist()
    assert {"estates.shp", "estates.shx", "estates.dbf", "estates.prj", "estates.cpg"} <= set(names)


def test_uploaded_files_are_served_only_for_datasets_the_reader_may_see(
    client, dataset_factory, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from divisions.spatial.models import Resource

    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4 report"
    public, internal = (
        Resource.objects.create(
            dataset=dataset_factory(classification=classification),
            kind=Resource.Kind.FILE,
            name_th="รายงาน",
            format="PDF",
            file=ContentFile(pdf, name="report.pdf"),
        )
        for classification in (Dataset.Classification.PUBLIC, Dataset.Classification.INTERNAL)
    )

    url = public.get_download_url()
    assert url.startswith("/data/resources/") and "/media/" not in url
    assert b"".join(client.get(url).streaming_content) == pdf
    ckan = client.get("/api/3/action/package_show", {"id": public.dataset.slug}).json()
    assert ckan["result"]["resources"][0]["url"] == f"http://testserver{url}"
    assert client.get(internal.get_download_url()).status_code == 404
    assert client.get(url.replace("report.pdf", "other.pdf")).status_code == 404
    assert internal.file.name.split("/")[2] != public.file.name.split("/")[2]  # random folders
