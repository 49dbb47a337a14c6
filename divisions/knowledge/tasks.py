from celery import shared_task

from .services import item_publish_due, subscription_digest_send


@shared_task
def item_publish_due_task() -> tuple[int, int]:
    """Run every minute by beat: publish scheduled items, archive expired ones."""
    return item_publish_due()


@shared_task
def subscription_digest_task() -> int:
    """Run weekly by beat: one digest email per confirmed subscriber with something new."""
    return subscription_digest_send()
