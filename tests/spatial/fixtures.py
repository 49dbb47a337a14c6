"""Spatial fixtures: datasets, layers filled through the real import service, and real GIS
files written by GDAL's ogr2ogr (the same tool agencies' files come from)."""

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.files import File

from divisions.spatial.models import Dataset, ImportJob, Layer
from divisions.spatial.services import dataset_save, import_job_run, layer_create

# Two industrial estates in Chonburi and a bow-tie polygon (self-intersecting) in Rayong.
ZONES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "นิคมอุตสาหกรรมอมตะซิตี้", "rai": 3000, "opened": "2019-05-01"},
            "geometry": {"type": "Polygon", "coordinates": [
                [[101.0, 13.3], [101.1, 13.3], [101.1, 13.4], [101.0, 13.4], [101.0, 13.3]]]},
        },
        {
            "type": "Feature",
            "properties": {"name": "Laem Chabang", "rai": 1500, "opened": "2021-02-01"},
            "geometry": {"type": "Polygon", "coordinates": [[
                [100.88, 13.05], [100.92, 13.05], [100.92, 13.1], [100.88, 13.1], [100.88, 13.05]
            ]]},
        },
        {
            "type": "Feature",
            "properties": {"name": "Map Ta Phut bow-tie", "rai": 12.5, "opened": "2020-01-01"},
            "geometry": {"type": "Polygon", "coordinates": [
                [[101.2, 12.6], [101.3, 12.7], [101.3, 12.6], [101.2, 12.7], [101.2, 12.6]]]},
        },
    ],
}  # fmt: skip


def write_geojson(path: Path, collection: dict) -> Path:
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def ogr2ogr(target: Path, source: Path, *options: str) -> Path:
    subprocess.run(["ogr2ogr", *options, str(target), str(source)], check=True,
                   capture_output=True)  # fmt: skip
    return target


def zip_folder(folder: Path, target: Path, *, skip: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for part in sorted(folder.iterdir()):
            if part.suffix.lower() not in skip:
                archive.write(part, part.name)
    return target


@pytest.fixture
def zones_geojson(tmp_path) -> Path:
    return write_geojson(tmp_path / "zones.geojson", ZONES)


@pytest.fixture
def dataset_factory(agency_factory):
    counter = iter(range(1, 1_000_000))

    def make(*, classification: str = Dataset.Classification.PUBLIC, **fields) -> Dataset:
        n = next(counter)
        defaults = {
            "slug": f"dataset-{n}",
            "title_th": f"ชุดข้อมูลนิคมอุตสาหกรรม {n}",
            "title_en": f"Industrial estates {n}",
            "description_th": "ขอบเขตนิคมอุตสาหกรรมในจังหวัดชลบุรีและระยอง",
            "description_en": "Boundaries of industrial estates in Chonburi and Rayong",
            "maintainer": "กลุ่มงานข้อมูล",
            "maintainer_email": "gis@pao.example.go.th",
            "category": Dataset.Category.INDUSTRY,
            "data_source": "กรมโรงงานอุตสาหกรรม",
            "keywords": ["นิคมอุตสาหกรรม", "EEC"],
            "provinces": ["TH-20", "TH-21"],
            "classification": classification,
        }
        if "publisher" not in fields:
            defaults["publisher"] = agency_factory()
        return dataset_save(dataset=Dataset(**(defaults | fields)))

    return make


def run_import(layer: Layer, path: Path, language: str = "en") -> ImportJob:
    """Import a file into a layer the way a worker does, and return the finished job."""
    with open(path, "rb") as handle:
        job = ImportJob.objects.create(
            layer=layer, file=File(handle, name=path.name), language=language
        )
    return import_job_run(job_id=job.pk)


@pytest.fixture
def layer_factory(dataset_factory, zones_geojson):
    counter = iter(range(1, 1_000_000))

    def make(*, dataset: Dataset | None = None, path: Path | None = None, **fields) -> Layer:
        n = next(counter)
        layer = layer_create(
            dataset=dataset or dataset_factory(),
            slug=fields.pop("slug", f"estates-{n}"),
            title_th=fields.pop("title_th", f"นิคมอุตสาหกรรม {n}"),
            title_en=fields.pop("title_en", f"Industrial estates {n}"),
        )
        if fields:
            Layer.objects.filter(pk=layer.pk).update(**fields)
        job = run_import(layer, path or zones_geojson)
        assert job.status == ImportJob.Status.SUCCEEDED, job.error
        return Layer.objects.get(pk=layer.pk)

    return make


@pytest.fixture
def public_layer(layer_factory, dataset_factory):
    return layer_factory(dataset=dataset_factory(slug="estates"), slug="estates")


@pytest.fixture
def internal_layer(layer_factory, dataset_factory):
    dataset = dataset_factory(
        slug="secret-plots", title_th="แปลงลับ", classification=Dataset.Classification.INTERNAL
    )
    return layer_factory(dataset=dataset, slug="secret-plots")
