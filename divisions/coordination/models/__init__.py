"""The coordination section's records; the agency registry here is shared by every section."""

from .agencies import Affiliation, Agency, Contact
from .agreements import Agreement, AgreementParty, Obligation, Reminder, TargetIndustry
from .documents import Document
from .meetings import ActionItem, AgendaItem, Attendance, CalendarToken, Meeting, MeetingSeries
from .requests import DataRequest

__all__ = [
    "ActionItem",
    "Affiliation",
    "Agency",
    "AgendaItem",
    "Agreement",
    "AgreementParty",
    "Attendance",
    "CalendarToken",
    "Contact",
    "DataRequest",
    "Document",
    "Meeting",
    "MeetingSeries",
    "Obligation",
    "Reminder",
    "TargetIndustry",
]
