"""Writes of catalog datasets and layers."""

from django.db import transaction

from ..models import Dataset, Layer


@transaction.atomic
def dataset_save(*, dataset: Dataset) -> Dataset:
    """Validate and save a dataset (new or changed)."""
    dataset.keywords = sorted({k.strip() for k in dataset.keywords if k.strip()})
    dataset.full_clean()
    dataset.save()
    return dataset


@transaction.atomic
def layer_create(*, dataset: Dataset, slug: str, title_th: str, title_en: str = "") -> Layer:
    layer = Layer(dataset=dataset, slug=slug, title_th=title_th, title_en=title_en)
    layer.full_clean()
    layer.save()
    return layer
