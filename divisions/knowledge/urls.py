from django.urls import path

from . import views
from .feeds import LatestItemsAtomFeed, LatestItemsFeed

app_name = "knowledge"
urlpatterns = [
    path("", views.index, name="index"),
    path("items/<int:pk>/", views.item_detail, name="item-detail"),
    path("items/<int:pk>/preview/", views.item_preview, name="item-preview"),
    path("attachments/<int:pk>/<str:name>", views.attachment_download, name="attachment"),
    path(
        "consultation-documents/<int:pk>/<str:name>",
        views.consultation_document_download,
        name="consultation-document",
    ),
    path("items/<int:pk>/comments/", views.comment_create, name="comment-create"),
    path("comments/<int:pk>/report/", views.comment_report_create, name="comment-report"),
    path("feed/rss/", LatestItemsFeed(), name="feed-rss"),
    path("feed/atom/", LatestItemsAtomFeed(), name="feed-atom"),
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path(
        "consultations/<int:pk>/results/",
        views.consultation_results_view,
        name="consultation-results",
    ),
    path(
        "consultations/respond/<str:token>/",
        views.consultation_respond,
        name="consultation-respond",
    ),
    path("best-practices/submit/", views.submission_create, name="submission-create"),
    path("manuals/", views.manual_list, name="manual-list"),
    path("manuals/<int:pk>/", views.manual_detail, name="manual-detail"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/<str:token>/", views.subscribe_confirm, name="subscribe-confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:kind_path>/", views.item_list, name="item-list"),
]
