from celery import shared_task

from .services import agreements_lifecycle_update, reminders_send


@shared_task
def reminders_send_task() -> int:
    """Run daily by beat: expiring agreements and due action items, each reminded once."""
    return reminders_send()


@shared_task
def agreements_lifecycle_task() -> int:
    """Run daily by beat: agreements become expiring, then expired, by their dates."""
    return agreements_lifecycle_update()
