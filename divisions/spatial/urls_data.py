"""Addresses machines use, outside the language prefix: downloads, CKAN API, DCAT."""

from django.urls import path, re_path

from . import ckan, dcat, views

app_name = "spatial-data"
urlpatterns = [
    re_path(
        r"^data/layers/(?P<slug>[-\w]+)\.(?P<kind>geojson|csv|gpkg|shp)$",
        views.download,
        name="download",
    ),
    path("data/resources/<int:pk>/<str:name>", views.resource_download, name="resource"),
    re_path(r"^catalog\.(?P<fmt>ttl|jsonld|rdf)$", dcat.catalog, name="dcat"),
    path("data.json", dcat.catalog_json, name="dcat-json"),
]
ckan_urlpatterns = [
    path("api/3/action/<str:action>", ckan.action, name="ckan-action"),
    path("api/action/<str:action>", ckan.action),
]
