"""Public pages of the spatial section: the catalog, dataset pages, the map, and downloads."""

import csv

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from divisions.core.exports import csv_cell
from divisions.core.fragments import public_value
from divisions.core.jobs import job_status_response
from divisions.core.paging import list_page
from divisions.core.params import choice_param
from divisions.core.provinces import Province, province_choices
from divisions.core.ratelimit import limited
from divisions.core.uploads import file_response

from .collections import collection_list, layer_collection, map_config
from .features import csv_rows, export_file, geojson_stream
from .models import Dataset, ImportJob, Layer, Resource
from .quality import quality_summary
from .selectors import (
    LAYER_FORMATS,
    dataset_facet_summary,
    dataset_get,
    dataset_head_get,
    dataset_list,
    layer_get,
    resource_file_get,
)

PAGE_SIZE = 20


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The catalog: datasets with facets by category, publisher, format, province, license."""
    filters = {
        "category": choice_param(request, "category", Dataset.Category),
        "license": choice_param(request, "license", Dataset.License),
        "province": choice_param(request, "province", Province),
        "format": request.GET.get("format", "")[:20],
        "publisher": request.GET.get("publisher", "")[:80],
        "quality": choice_param(request, "quality", Dataset.QualityGrade),
    }
    datasets = dataset_list(user=request.user, filters=filters).order_by("-updated_at", "pk")
    page = list_page(
        request, "datasets", datasets, filters, request.GET.get("page"), PAGE_SIZE,
        # Not shown in the list, and the costliest columns to read (a report, geometries).
        rows=lambda records: records.defer("quality", "extent", "publisher__location"),
        also=["catalog-facets"],
    )  # fmt: skip
    context = {
        "page": page,
        "filters": filters,
        "provinces": province_choices(),
        "formats": LAYER_FORMATS,
        # Facets count all the datasets a reader may see, whatever the filters: kept until
        # public content changes.
        **public_value(request, "catalog-facets", lambda: dataset_facet_summary(user=request.user)),
    }
    return render(request, "spatial/index.html", context)


@require_GET
def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        dataset = public_value(
            request, f"dataset-head:{slug}", lambda: dataset_head_get(slug=slug, user=request.user)
        )
    except Dataset.DoesNotExist as error:
        raise Http404 from error
    # Read only if the page's body is rendered, not taken from the fragment cache.
    whole = SimpleLazyObject(lambda: dataset_get(slug=slug, user=request.user))
    layers = SimpleLazyObject(lambda: [layer for layer in whole.layers.all() if layer.version])
    context = {
        "dataset": dataset,
        "dataset_contents": whole,
        "layers": layers,
        "files": SimpleLazyObject(
            lambda: [r for r in whole.resources.all() if r.kind != r.Kind.LAYER]
        ),
        "map_config": SimpleLazyObject(
            lambda: map_config([layer_collection(layer) for layer in layers])
        ),
        "basemap": settings.MAP_BASEMAP,
        "quality": SimpleLazyObject(lambda: quality_summary(whole)),
    }
    return render(request, "spatial/dataset_detail.html", context)


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    def config() -> str:
        collections = sorted(collection_list(user=request.user), key=lambda c: c.category)
        return map_config(collections)

    # Each layer's extent and count is a query: kept until public content changes.
    context = {
        "map_config": public_value(request, "map-config", config),
        "basemap": settings.MAP_BASEMAP,
    }
    return render(request, "spatial/map.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
@limited("download")
def download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """A layer's data as GeoJSON or CSV (streamed), or a GeoPackage or zipped Shapefile."""
    try:
        layer = layer_get(slug=slug, user=request.user)
    except Layer.DoesNotExist as error:
        raise Http404 from error
    disposition = {"Content-Disposition": f'attachment; filename="{layer.slug}.{kind}"'}
    if kind == "geojson":
        return StreamingHttpResponse(
            geojson_stream(layer), content_type="application/geo+json", headers=disposition
        )
    if kind == "csv":
        names = [attribute.name for attribute in layer.attributes.all()]
        writer = csv.writer(_Echo())

        def rows():
            # A byte-order mark, so spreadsheet programs read the Thai text as UTF-8.
            yield "\ufeff" + writer.writerow([csv_cell(name) for name in ["fid", *names, "wkt"]])
            for row in csv_rows(layer, names):
                yield writer.writerow([csv_cell(value) for value in row])

        return StreamingHttpResponse(
            rows(), content_type="text/csv; charset=utf-8", headers=disposition
        )
    if kind in ("gpkg", "shp"):
        handle, name = export_file(layer, kind)
        return FileResponse(handle, as_attachment=True, filename=name)
    raise Http404


@require_GET
@limited("download")
def resource_download(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    try:
        resource = resource_file_get(pk=pk, user=request.user)
    except Resource.DoesNotExist as error:
        raise Http404 from error
    return file_response(resource.file, name)


def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Progress of an import, polled by the admin's progress bar; staff only."""
    if not request.user.has_perm("spatial.view_importjob"):
        raise Http404
    return job_status_response(get_object_or_404(ImportJob, pk=pk))
