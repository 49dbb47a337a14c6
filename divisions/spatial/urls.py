from django.urls import path

from . import views

app_name = "spatial"
urlpatterns = [
    path("", views.index, name="index"),
    path("map/", views.map_page, name="map"),
    path("datasets/<slug:slug>/", views.dataset_detail, name="dataset-detail"),
    path("imports/<int:pk>/status/", views.import_status, name="import-status"),
]
