"""The public meetings' Atom feed, newest change first (the iCalendar feed gives their times
to calendars; this one tells readers what changed: a new meeting, its agenda, its minutes)."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from divisions.core.feeds import SectionFeed
from divisions.core.thai import format_date

from .selectors import meeting_public_list


class MeetingFeed(SectionFeed):
    title = gettext_lazy("EEC Portal: public meetings")
    subtitle = gettext_lazy("Meetings of the EEC Support Division open to the public.")

    def link(self) -> str:
        return reverse("coordination:meeting-list")

    def records(self):
        return meeting_public_list()

    def item_title(self, meeting) -> str:
        return f"{meeting}: {meeting.title}"

    def item_description(self, meeting) -> str:
        when = format_date(meeting.starts_at, translation.get_language() or "th", "long_time")
        return _("%(when)s, %(place)s") % {"when": when, "place": meeting.place or "–"}
