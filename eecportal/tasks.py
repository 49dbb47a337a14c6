from celery import shared_task

from .services import privacy_requests_purge, search_index_rebuild, search_index_reconcile


@shared_task
def search_index_rebuild_task() -> int:
    return search_index_rebuild()


@shared_task
def search_index_reconcile_task() -> dict[str, int]:
    """Run by beat: the index follows what is public even if a change went unheard."""
    return search_index_reconcile()


@shared_task
def privacy_requests_purge_task() -> int:
    return privacy_requests_purge()
