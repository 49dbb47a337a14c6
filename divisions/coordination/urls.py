from django.urls import path

from . import views

app_name = "coordination"
urlpatterns = [
    path("", views.index, name="index"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency-detail"),
]
