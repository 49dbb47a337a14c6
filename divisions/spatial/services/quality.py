"""Writes of datasets' measured quality (the measuring is in ..quality)."""

from collections.abc import Iterable

from django.utils import timezone

from ..models import Dataset
from ..quality import assess
from ..selectors import dataset_with_contents


def dataset_quality_refresh(*, dataset_ids: Iterable[int] | None = None) -> int:
    """Measure the datasets' quality again (all of them when no ids are given: timeliness
    changes with the calendar) and store the grade; the metadata's modified date is kept."""
    datasets = (
        Dataset.objects.all()
        if dataset_ids is None
        else Dataset.objects.filter(pk__in=list(dataset_ids))
    )
    now = timezone.now()
    count = 0
    for dataset in dataset_with_contents(datasets.order_by("pk")).iterator(chunk_size=200):
        assessment = assess(dataset, now)
        Dataset.objects.filter(pk=dataset.pk).update(
            quality_grade=assessment.grade,
            quality_score=round(assessment.score * 100),
            quality=assessment.as_record(),
            quality_checked_at=now,
        )
        count += 1
    return count
