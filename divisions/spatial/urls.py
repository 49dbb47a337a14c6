from django.urls import path

from . import views
from .feeds import DatasetFeed

app_name = "spatial"
urlpatterns = [
    path("", views.index, name="index"),
    path("feed/atom/", DatasetFeed(), name="feed-atom"),
    path("map/", views.map_page, name="map"),
    path("datasets/<slug:slug>/", views.dataset_detail, name="dataset-detail"),
    path("imports/<int:pk>/status/", views.import_status, name="import-status"),
]
