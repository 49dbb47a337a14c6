from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from divisions.coordination.api import (
    ActionItemViewSet,
    AgencyViewSet,
    AgreementViewSet,
    ContactViewSet,
    DataRequestViewSet,
    MeetingViewSet,
)
from divisions.knowledge.api import ItemViewSet
from divisions.planning.api import ProjectViewSet
from divisions.spatial import ogc
from divisions.spatial.urls_data import ckan_urlpatterns

from . import views
from .sitemaps import SITEMAPS

PUBLIC_MEDIA = "knowledge/covers"

admin.site.site_header = _("EEC Portal administration")
admin.site.site_title = _("EEC Portal")

api_router = DefaultRouter()
api_router.register("agencies", AgencyViewSet, basename="agency")
api_router.register("coordination/meetings", MeetingViewSet, basename="meeting")
api_router.register("coordination/agreements", AgreementViewSet, basename="agreement")
api_router.register("coordination/contacts", ContactViewSet, basename="contact")
api_router.register("coordination/action-items", ActionItemViewSet, basename="action-item")
api_router.register("coordination/data-requests", DataRequestViewSet, basename="data-request")
api_router.register("knowledge/items", ItemViewSet, basename="knowledge-item")
api_router.register("planning/projects", ProjectViewSet, basename="planning-project")

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("api/v1/", include(api_router.urls)),
    *ckan_urlpatterns,
    path("", include("divisions.spatial.urls_data")),
    # OGC API clients (GDAL, QGIS) are given the landing page without its slash too.
    path("ogc", ogc.landing),
    path("ogc/", include("divisions.spatial.urls_ogc")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page needs no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("privacy/", views.privacy, name="privacy"),
    path("follow/", views.follow, name="follow"),
    path("follow/feed/<str:target>/", views.FollowFeed(), name="follow-feed"),
    path("follow/confirm/<str:token>/", views.follow_confirm_view, name="follow-confirm"),
    path("follow/unsubscribe/<str:token>/", views.unfollow, name="unfollow"),
    path("privacy/requests/", views.privacy_request, name="privacy-request"),
    path(
        "privacy/requests/<str:token>/",
        views.privacy_request_confirm,
        name="privacy-request-confirm",
    ),
    path("spatial/", include("divisions.spatial.urls")),
    path("knowledge/", include("divisions.knowledge.urls")),
    path("coordination/", include("divisions.coordination.urls")),
    path("planning/", include("divisions.planning.urls")),
    path("admin/", admin.site.urls),
)

handler400 = "eecportal.views.bad_request"

# Cover images are the only media files pages link to directly (every other upload is served
# by a view that checks who may read it). When media are on this machine's disk and no web
# server in front serves them (make run), Django does, from that folder only.
if settings.SERVE_PUBLIC_MEDIA:
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}{PUBLIC_MEDIA}/(?P<path>.+)$",
            serve,
            {"document_root": Path(settings.MEDIA_ROOT) / PUBLIC_MEDIA},
        )
    )
