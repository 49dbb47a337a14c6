from celery import shared_task

from .models import HarvestSource
from .services import (
    dataset_quality_refresh,
    harvest_all,
    harvest_source_run,
    import_job_run,
    import_leftovers_sweep,
)


@shared_task
def layer_import_task(job_id: int) -> str:
    """Import one uploaded file into its layer; running it twice imports it once."""
    return import_job_run(job_id=job_id).status


@shared_task
def import_leftovers_sweep_task() -> int:
    """Run by beat: staging tables and temporary folders of imports no worker runs any more."""
    return import_leftovers_sweep()


@shared_task
def harvest_all_task() -> int:
    """Run daily by beat: pull what changed in every active remote catalog."""
    return len(harvest_all())


@shared_task
def harvest_source_task(source_id: int) -> dict:
    """Harvest one source now (the admin's action); harvesting again only updates."""
    return harvest_source_run(source=HarvestSource.objects.get(pk=source_id))


@shared_task
def dataset_quality_refresh_task() -> int:
    """Run daily by beat: grades change as data ages against its update frequency."""
    return dataset_quality_refresh()
