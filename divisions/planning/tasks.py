from celery import shared_task

from .services import duplicates_find, project_import_run


@shared_task
def project_import_task(import_id: int) -> str:
    """Import one uploaded project table; running it twice imports it once."""
    return project_import_run(import_id=import_id).status


@shared_task
def duplicates_check_task(project_ids: list[int]) -> int:
    """Score new or changed projects against all others; running it again changes nothing."""
    return len(duplicates_find(project_ids=project_ids))
