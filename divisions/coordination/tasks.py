from celery import shared_task

from .services import reminders_send


@shared_task
def reminders_send_task() -> int:
    """Run daily by beat: expiring agreements and due action items, each reminded once."""
    return reminders_send()
