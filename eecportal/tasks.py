from celery import shared_task

from .services import search_index_rebuild


@shared_task
def search_index_rebuild_task() -> int:
    return search_index_rebuild()
