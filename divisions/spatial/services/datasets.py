"""Writes of catalog datasets and layers."""

from django.db import connection, transaction
from psycopg2 import sql

from ..models import Dataset, Layer
from .imports import partition_name
from .quality import dataset_quality_refresh


@transaction.atomic
def dataset_save(*, dataset: Dataset) -> Dataset:
    """Validate and save a dataset (new or changed)."""
    dataset.keywords = sorted({k.strip() for k in dataset.keywords if k.strip()})
    dataset.full_clean()
    dataset.save()
    dataset_quality_refresh(dataset_ids=[dataset.pk])
    return dataset


@transaction.atomic
def layer_create(*, dataset: Dataset, slug: str, title_th: str, title_en: str = "") -> Layer:
    layer = Layer(dataset=dataset, slug=slug, title_th=title_th, title_en=title_en)
    layer.full_clean()
    layer.save()
    return layer


@transaction.atomic
def layer_delete(*, layer: Layer) -> None:
    """Delete a layer with its features: they live in a partition of their own."""
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(
            partition_name(layer.pk)
        )))  # fmt: skip
    layer.delete()


@transaction.atomic
def dataset_delete(*, dataset: Dataset) -> None:
    for layer in dataset.layers.all():
        layer_delete(layer=layer)
    dataset.delete()
