from django.urls import path

from . import views
from .feeds import ProjectFeed

app_name = "planning"
urlpatterns = [
    path("", views.project_list, name="index"),
    path("feed/atom/", ProjectFeed(), name="feed-atom"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:pk>/", views.review_decide, name="review-decide"),
    path("report.xlsx", views.report, {"fmt": "xlsx"}, name="report-xlsx"),
    path("report.pdf", views.report, {"fmt": "pdf"}, name="report-pdf"),
    path("imports/<int:pk>/status/", views.import_status, name="import-status"),
]
