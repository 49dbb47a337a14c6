"""The other sections' geolocated records, on the map and in the OGC API as live collections.

Registered here because the site may import every section, and the spatial section none."""

from django.utils.translation import gettext as _

from divisions.coordination import selectors as coordination_selectors
from divisions.knowledge import selectors as knowledge_selectors
from divisions.planning import selectors as planning_selectors
from divisions.planning.models import PROJECT_STATUS_COLORS, Project
from divisions.spatial.collections import LiveSource, live_collection_register


def connect_live_collections() -> None:
    live_collection_register(
        LiveSource(
            id="knowledge-events",
            title=lambda: _("Events: seminars and public hearings"),
            description=lambda: _(
                "Published events of the knowledge section that have a place on the map."
            ),
            rows=knowledge_selectors.event_map_rows,
            attributes=knowledge_selectors.event_map_attributes,
            geometry_type="Point",
            color="#e8590c",
            category=lambda: _("Knowledge management"),
            time_attribute="starts_at",
        )
    )
    live_collection_register(
        LiveSource(
            id="coordination-meetings",
            title=lambda: _("Meetings and public hearings"),
            description=lambda: _("Public meetings of the coordination section, where they meet."),
            rows=coordination_selectors.meeting_map_rows,
            attributes=coordination_selectors.meeting_map_attributes,
            geometry_type="Point",
            color="#2f9e44",
            category=lambda: _("Coordination"),
            time_attribute="starts_at",
        )
    )
    live_collection_register(
        LiveSource(
            id="coordination-partners",
            title=lambda: _("Partners of the division's agreements"),
            description=lambda: _(
                "Agencies in Thailand and abroad that are parties to the division's public "
                "MOUs and agreements."
            ),
            rows=coordination_selectors.partner_map_rows,
            attributes=coordination_selectors.partner_map_attributes,
            geometry_type="Point",
            color="#1864ab",
            category=lambda: _("Coordination"),
        )
    )
    live_collection_register(
        LiveSource(
            id="planning-projects",
            title=lambda: _("Projects of the EEC plans"),
            description=lambda: _(
                "Public projects of the agencies' plans, integrated by the plan-integration "
                "section: points, routes and areas, coloured by status."
            ),
            rows=planning_selectors.project_map_rows,
            attributes=planning_selectors.project_map_attributes,
            geometry_type="Geometry",
            color="#7048e8",
            category=lambda: _("Plan integration"),
            color_by=("status", PROJECT_STATUS_COLORS, dict(Project.Status.choices)),
        )
    )
