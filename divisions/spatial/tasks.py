from celery import shared_task

from .services import import_job_run


@shared_task
def layer_import_task(job_id: int) -> str:
    """Import one uploaded file into its layer; running it twice imports it once."""
    return import_job_run(job_id=job_id).status
