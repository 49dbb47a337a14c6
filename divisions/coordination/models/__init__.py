"""The coordination section's records; the agency registry here is shared by every section."""

from .agencies import Agency, Contact
from .agreements import Agreement, AgreementParty, Obligation, Reminder, TargetIndustry
from .meetings import ActionItem, AgendaItem, Attendance, Meeting, MeetingSeries

__all__ = [
    "ActionItem",
    "Agency",
    "AgendaItem",
    "Agreement",
    "AgreementParty",
    "Attendance",
    "Contact",
    "Meeting",
    "MeetingSeries",
    "Obligation",
    "Reminder",
    "TargetIndustry",
]
