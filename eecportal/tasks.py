from celery import shared_task

from .services import (
    follow_digest_send,
    privacy_requests_purge,
    public_change_announce,
    search_index_rebuild,
    search_index_reconcile,
    webhook_deliver,
)


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


@shared_task
def public_change_announce_task(change_id: int) -> int:
    return public_change_announce(change_id=change_id)


@shared_task
def webhook_deliver_task(delivery_id: int) -> None:
    """One attempt; a failed one is tried again later, with growing delays."""
    wait = webhook_deliver(delivery_id=delivery_id)
    if wait is not None:
        webhook_deliver_task.apply_async((delivery_id,), countdown=wait)


@shared_task
def follow_digest_task() -> int:
    return follow_digest_send()
