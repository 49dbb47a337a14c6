from django.urls import path, re_path

from . import views
from .feeds import MeetingFeed

app_name = "coordination"
urlpatterns = [
    path("", views.index, name="index"),
    path("meetings/feed/atom/", MeetingFeed(), name="meeting-feed"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency-detail"),
    path("meetings/", views.meeting_list_page, name="meeting-list"),
    path("meetings.ics", views.calendar_public, name="calendar"),
    re_path(
        r"^meetings/(?P<pk>\d+)/minutes\.(?P<fmt>pdf|docx|odt)$",
        views.minutes_download,
        name="minutes",
    ),
    path("calendar/<str:token>.ics", views.calendar_private, name="calendar-private"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("documents/<int:pk>/<str:name>", views.document_download, name="document"),
    path("agreements/", views.agreement_register, name="agreement-list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
]
