"""What waits for a member of staff, as each section's selectors report it for the admin's home:
a label, how many, and where to deal with them."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class StaffTask:
    label: str
    count: int
    url: str


def staff_task(label: str, count: int, url_name: str, query: str = "") -> StaffTask:
    return StaffTask(str(label), count, reverse(url_name) + (f"?{query}" if query else ""))
