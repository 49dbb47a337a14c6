"""What waits for a member of staff, as each section's selectors report it for the admin's home:
a label, how many, and where to deal with them."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse


@dataclass(frozen=True)
class StaffTask:
    label: str
    count: int
    url: str
    since: datetime | None = None  # when the longest-waiting one began to wait


def staff_task(
    label: str, count: int, url_name: str, query: str = "", since: datetime | None = None
) -> StaffTask:
    return StaffTask(str(label), count, reverse(url_name) + (f"?{query}" if query else ""), since)
