from django.urls import path

from . import ogc

app_name = "ogc"
urlpatterns = [
    path("", ogc.landing, name="landing"),
    path("api", ogc.openapi, name="openapi"),
    path("conformance", ogc.conformance, name="conformance"),
    path("collections", ogc.collections, name="collections"),
    path("tileMatrixSets", ogc.tile_matrix_sets, name="tile-matrix-sets"),
    path("tileMatrixSets/<str:tms>", ogc.tile_matrix_set, name="tile-matrix-set"),
    path("collections/<slug:collection_id>", ogc.collection, name="collection"),
    path("collections/<slug:collection_id>/queryables", ogc.queryables, name="queryables"),
    path("collections/<slug:collection_id>/schema", ogc.schema, name="schema"),
    path("collections/<slug:collection_id>/items", ogc.items, name="items"),
    path("collections/<slug:collection_id>/items/<int:feature_id>", ogc.item, name="item"),
    path("collections/<slug:collection_id>/tiles", ogc.tilesets, name="tilesets"),
    path("collections/<slug:collection_id>/tiles/<str:tms>", ogc.tileset, name="tileset"),
    path(
        "collections/<slug:collection_id>/tiles/<str:tms>/<int:z>/<int:y>/<int:x>",
        ogc.tile,
        name="tile",
    ),
]
