"""The public projects' Atom feed, newest change first."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.core.feeds import SectionFeed

from .selectors import project_public_list


class ProjectFeed(SectionFeed):
    title = _("EEC Portal: projects")
    subtitle = _("Agencies' projects in the EEC, newest change first.")

    def link(self) -> str:
        return reverse("planning:index")

    def records(self):
        return project_public_list().select_related("agency")

    def item_description(self, project) -> str:
        return project.objective or project.target or ""

    def item_author_name(self, project) -> str:
        return str(project.agency)
