"""The catalog in DCAT (DCAT-AP style, as ckanext-dcat serves it) at /catalog.ttl, .jsonld and
.rdf, paged with Hydra links, and as DCAT-US JSON at /data.json (what ckanext-dcat's JSON
harvester reads), paged with ?page=. Public datasets only."""

import functools

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.views.decorators.http import require_safe
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, XSD

from divisions.core.fragments import per_record
from divisions.core.paging import list_page

from .catalog import FREQUENCY_URIS, LICENSE_URLS, ckan_time, distributions, in_language
from .quality import DIMENSIONS
from .selectors import dataset_public_list, dataset_with_contents

PAGE_SIZE = 100
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
IANA_MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DQV = Namespace("http://www.w3.org/ns/dqv#")
PROV = Namespace("http://www.w3.org/ns/prov#")
# The W3C DQV's linked-data quality dimensions (ldqd) each measured dimension belongs to.
LDQD = Namespace("http://www.w3.org/2016/05/ldqd#")
QUALITY_DIMENSIONS = {
    "completeness": LDQD.completeness,
    "timeliness": LDQD.timeliness,
    "machine_readability": LDQD.interoperability,
    "validity": LDQD.syntacticValidity,
}
# The formats this catalog gives out, as the EU file-type vocabulary names them (DCAT-AP).
FILE_TYPES = {
    "GEOJSON": "GEOJSON", "CSV": "CSV", "GPKG": "GPKG", "SHP": "SHP", "PDF": "PDF",
    "XLSX": "XLSX", "XLS": "XLS", "JSON": "JSON", "ZIP": "ZIP", "KML": "KML", "XML": "XML",
    "DOCX": "DOCX", "ODT": "ODT", "ODS": "ODS", "HTML": "HTML", "TXT": "TXT",
}  # fmt: skip
# The catalog's categories as the EU data themes DCAT-AP asks for, with their names.
DATA_THEMES = {
    "boundaries": "REGI", "land_use": "REGI", "industry": "ECON", "infrastructure": "TRAN",
    "environment": "ENVI", "economy": "ECON", "society": "SOCI", "other": "GOVE",
}  # fmt: skip
DATA_THEME_NAMES = {
    "REGI": ("Regions and cities", "ภูมิภาคและเมือง"),
    "ECON": ("Economy and finance", "เศรษฐกิจและการเงิน"),
    "TRAN": ("Transport", "การขนส่ง"),
    "ENVI": ("Environment", "สิ่งแวดล้อม"),
    "SOCI": ("Population and society", "ประชากรและสังคม"),
    "GOVE": ("Government and public sector", "ภาครัฐ"),
}
GEOSPARQL_WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
LANGUAGES = {"th": "THA", "en": "ENG"}
CATALOG_DESCRIPTION = {
    "th": "ชุดข้อมูลเปิดเชิงพื้นที่ของกองส่งเสริมเขตพัฒนาพิเศษภาคตะวันออก "
    "องค์การบริหารส่วนจังหวัด ในจังหวัดฉะเชิงเทรา ชลบุรี และระยอง",
    "en": "Open spatial datasets of the Provincial Administrative Organization's Eastern "
    "Economic Corridor support division, for Chachoengsao, Chon Buri and Rayong.",
}
CATALOG_PUBLISHER = {
    "th": "กองส่งเสริมเขตพัฒนาพิเศษภาคตะวันออก องค์การบริหารส่วนจังหวัด",
    "en": "EEC Support Division, Provincial Administrative Organization",
}
PREFIXES = {"dcat": DCAT, "dct": DCTERMS, "foaf": FOAF, "vcard": VCARD, "hydra": HYDRA, "dqv": DQV}
FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdf": ("xml", "application/rdf+xml"),
}


def _texts(graph: Graph, subject, predicate, record, field: str) -> None:
    for language, _name in settings.LANGUAGES:
        own = getattr(record, f"{field}_{language}", "")
        if own:
            graph.add((subject, predicate, Literal(own, lang=language)))


def _stable(path: str) -> str:
    """A name that stays the same whoever asks: the portal's own address, never the Host a
    reader sent (paths are taken in the default language: see catalog)."""
    return f"{settings.PORTAL_BASE_URL}{path}"


def _metric(name: str) -> URIRef:
    return URIRef(_stable(f"/catalog.ttl#quality-{name.replace('_', '-')}"))


def _quality_metrics(graph: Graph) -> None:
    """The portal's quality metrics (see quality.py), each in a DQV dimension."""
    for name, label in DIMENSIONS.items():
        metric = _metric(name)
        graph.add((metric, RDF.type, DQV.Metric))
        graph.add((metric, DQV.inDimension, QUALITY_DIMENSIONS[name]))
        graph.add((metric, DQV.expectedDataType, XSD.decimal))
        graph.add((QUALITY_DIMENSIONS[name], RDF.type, DQV.Dimension))
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                graph.add((metric, SKOS.prefLabel, Literal(str(label), lang=language)))


def _dataset(graph: Graph, dataset) -> URIRef:
    absolute = _stable
    node = URIRef(absolute(dataset.get_absolute_url()))
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(dataset.slug)))
    _texts(graph, node, DCTERMS.title, dataset, "title")
    _texts(graph, node, DCTERMS.description, dataset, "description")
    for keyword in dataset.keywords:
        graph.add((node, DCAT.keyword, Literal(keyword)))
    code = DATA_THEMES.get(dataset.category, "GOVE")
    theme = URIRef(DATA_THEME + code)
    graph.add((node, DCAT.theme, theme))
    graph.add((theme, RDF.type, SKOS.Concept))
    english, thai = DATA_THEME_NAMES[code]
    graph.add((theme, SKOS.prefLabel, Literal(english, lang="en")))
    graph.add((theme, SKOS.prefLabel, Literal(thai, lang="th")))
    graph.add((node, DCTERMS.issued, Literal(dataset.created_at, datatype=XSD.dateTime)))
    graph.add((node, DCTERMS.modified, Literal(dataset.updated_at, datatype=XSD.dateTime)))
    graph.add((node, DCAT.landingPage, node))
    graph.add((node, RDF.type, FOAF.Document))  # (its page: the landing page)
    frequency = URIRef(FREQUENCY + FREQUENCY_URIS[dataset.update_frequency])
    graph.add((node, DCTERMS.accrualPeriodicity, frequency))
    graph.add((frequency, RDF.type, DCTERMS.Frequency))
    for code in dataset.languages:
        language = URIRef(LANGUAGE + LANGUAGES.get(code, code.upper()))
        graph.add((node, DCTERMS.language, language))
        graph.add((language, RDF.type, DCTERMS.LinguisticSystem))

    publisher = BNode()
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add(
        (publisher, FOAF.name, Literal(in_language(dataset.publisher, "name", "th"), lang="th"))
    )
    graph.add(
        (publisher, FOAF.name, Literal(in_language(dataset.publisher, "name", "en"), lang="en"))
    )

    contact = BNode()
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, VCARD.fn, Literal(dataset.maintainer)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{dataset.maintainer_email}")))

    if dataset.extent:
        location = BNode()
        graph.add((node, DCTERMS.spatial, location))
        graph.add((location, RDF.type, DCTERMS.Location))
        graph.add((location, DCAT.bbox, Literal(dataset.extent.wkt, datatype=GEOSPARQL_WKT)))
    if dataset.temporal_start or dataset.temporal_end:
        period = BNode()
        graph.add((node, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if dataset.temporal_start:
            graph.add((period, DCAT.startDate, Literal(dataset.temporal_start, datatype=XSD.date)))
        if dataset.temporal_end:
            graph.add((period, DCAT.endDate, Literal(dataset.temporal_end, datatype=XSD.date)))

    for name, measured in sorted(dataset.quality.items()):
        if measured.get("score") is None:
            continue
        measurement = BNode()
        graph.add((node, DQV.hasQualityMeasurement, measurement))
        graph.add((measurement, RDF.type, DQV.QualityMeasurement))
        graph.add((measurement, DQV.computedOn, node))
        graph.add((measurement, DQV.isMeasurementOf, _metric(name)))
        graph.add((measurement, DQV.value, Literal(str(measured["score"]), datatype=XSD.decimal)))
        if dataset.quality_checked_at:
            moment = Literal(dataset.quality_checked_at, datatype=XSD.dateTime)
            graph.add((measurement, PROV.generatedAtTime, moment))

    license_url = LICENSE_URLS.get(dataset.license)
    for distribution in distributions(dataset, absolute):
        item = URIRef(f"{node}#distribution-{distribution.id}")
        graph.add((node, DCAT.distribution, item))
        graph.add((item, RDF.type, DCAT.Distribution))
        graph.add((item, DCTERMS.title, Literal(distribution.name)))
        url = URIRef(distribution.url)
        graph.add((url, RDF.type, RDFS.Resource))
        graph.add((item, DCAT.accessURL, url))
        if distribution.is_download:
            graph.add((item, DCAT.downloadURL, url))
        if file_type := FILE_TYPES.get(distribution.format.upper()):
            graph.add((item, DCTERMS.format, URIRef(FILE_TYPE + file_type)))
            graph.add((URIRef(FILE_TYPE + file_type), RDF.type, DCTERMS.MediaTypeOrExtent))
        if distribution.media_type:
            media_type = URIRef(IANA_MEDIA_TYPE + distribution.media_type)
            graph.add((item, DCAT.mediaType, media_type))
            graph.add((media_type, RDF.type, DCTERMS.MediaType))
        if license_url:
            graph.add((item, DCTERMS.license, URIRef(license_url)))
            graph.add((URIRef(license_url), RDF.type, DCTERMS.LicenseDocument))
    return node


def _public_datasets():
    return dataset_with_contents(
        dataset_public_list().select_related("publisher").order_by("-updated_at", "pk")
    )


def _kept(request: HttpRequest, name: str, page, make, pks: list | None = None) -> list:
    """`make(dataset)` for each dataset of `page` (a slice of `_public_datasets()`, whose keys
    are `pks` when read already), kept for anonymous readers as a fragment (in the catalog's
    language, which the caller has made the current one)."""
    return per_record(
        request, name, page, _public_datasets(), lambda found: [make(d) for d in found], pks=pks
    )


def _dataset_triples(dataset) -> tuple[URIRef, list]:
    graph = Graph()
    return _dataset(graph, dataset), list(graph)


def _dataset_turtle(dataset) -> tuple[URIRef, list[str], str]:
    """A dataset in Turtle: its node, the prefixes it uses and its statements."""
    graph = _graph()
    node = _dataset(graph, dataset)
    return node, *_turtle(graph)


def _graph() -> Graph:
    """A graph with the catalog's prefixes: the same in every part of a document."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _turtle(graph: Graph) -> tuple[list[str], str]:
    """A graph in Turtle, as its prefix lines (written first) and its statements."""
    lines = graph.serialize(format="turtle").splitlines()
    cut = next((n for n, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
    return lines[:cut], "\n".join(lines[cut:])


def _catalog_statements(graph: Graph) -> None:
    """What the catalog says of itself, its publisher and its quality metrics: the same on
    every page, in every language and on every host."""
    catalog_node = URIRef(_stable("/"))
    graph.add((catalog_node, RDF.type, DCAT.Catalog))
    graph.add((catalog_node, RDF.type, FOAF.Document))  # (its own home page)
    graph.add((catalog_node, DCTERMS.title, Literal("EEC Portal", lang="en")))
    graph.add((catalog_node, DCTERMS.title, Literal("พอร์ทัลอีอีซี", lang="th")))
    for language, description in CATALOG_DESCRIPTION.items():
        graph.add((catalog_node, DCTERMS.description, Literal(description, lang=language)))
    publisher = URIRef(_stable("/#division"))
    graph.add((catalog_node, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    for language, name in CATALOG_PUBLISHER.items():
        graph.add((publisher, FOAF.name, Literal(name, lang=language)))
    graph.add((catalog_node, FOAF.homepage, catalog_node))
    _quality_metrics(graph)


@functools.lru_cache(maxsize=4)
def _catalog_turtle(base_url: str) -> tuple[tuple[str, ...], str]:
    """The catalog's own statements in Turtle (prefixes, statements), written once a process
    for the portal's address `base_url`: rdflib's serialiser was most of a page's time."""
    graph = _graph()
    _catalog_statements(graph)
    prefixes, statements = _turtle(graph)
    return tuple(prefixes), statements


@require_safe
def catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    datasets = _public_datasets()
    page = list_page(request, "dcat-catalog", datasets, {}, request.GET.get("page"), PAGE_SIZE)
    paginator = page.paginator
    graph = _graph()
    # Harvesters compare identifiers between runs: the same in every language and host.
    base = _stable(request.path)
    # Turtle's statements about a dataset stand alone: each is kept as written, and the
    # catalog's own statements are written once; the rest of the document (the catalog's
    # datasets and paging) is written around them. Other formats are written from one
    # graph, each dataset's triples kept.
    turtle = fmt == "ttl"
    if not turtle:
        _catalog_statements(graph)
    with translation.override(settings.LANGUAGE_CODE):
        pks = getattr(page, "pks", None)  # (none on an empty catalog's page)
        if turtle:
            parts = _kept(request, "dcat-turtle", page.object_list, _dataset_turtle, pks)
        else:
            parts = _kept(request, "dcat-triples", page.object_list, _dataset_triples, pks)
    if not turtle:
        for _node, triples in parts:
            for triple in triples:
                graph.add(triple)
    nodes = tuple(node for node, *_written in parts)
    paging = (base, nodes, page.number, paginator.num_pages, paginator.count)
    rdf_format, content_type = FORMATS[fmt]
    if turtle:
        fixed_prefixes, fixed = _catalog_turtle(settings.PORTAL_BASE_URL)
        prefixes, statements = _page_turtle(*paging)
        prefixes = sorted(
            set(prefixes).union(fixed_prefixes, *(used for _node, used, _text in parts))
        )
        texts = (text for _n, _u, text in parts)
        body = "\n".join([*prefixes, "", fixed, statements, *texts, ""])
    else:
        _page_statements(graph, *paging)
        body = graph.serialize(format=rdf_format)
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


def _page_statements(
    graph: Graph, base: str, nodes: tuple, number: int, num_pages: int, count: int
) -> None:
    """The datasets (`nodes`) of page `number` of the catalog at `base`, and the page's place
    among the pages."""
    catalog_node = URIRef(_stable("/"))
    for node in nodes:
        graph.add((catalog_node, DCAT.dataset, node))
    collection = URIRef(f"{base}?page={number}")
    graph.add((collection, RDF.type, HYDRA.PagedCollection))
    graph.add((collection, HYDRA.totalItems, Literal(count)))
    graph.add((collection, HYDRA.itemsPerPage, Literal(PAGE_SIZE)))
    # Paging as ckanext-dcat reads it (hydra:next, then the older hydra:nextPage), both named.
    links = {"first": 1, "last": num_pages}
    if number < num_pages:
        links["next"] = number + 1
    if number > 1:
        links["previous"] = number - 1
    for name, linked in links.items():
        graph.add((collection, HYDRA[name], URIRef(f"{base}?page={linked}")))
        graph.add((collection, HYDRA[f"{name}Page"], Literal(f"{base}?page={linked}")))


@functools.lru_cache(maxsize=64)
def _page_turtle(*paging) -> tuple[list[str], str]:
    """`_page_statements` in Turtle (prefixes, statements), written once a process for each
    page as it stands: rdflib's serialiser was most of the catalog page's time, profiled."""
    graph = _graph()
    _page_statements(graph, *paging)
    return _turtle(graph)


# DCAT-US (Project Open Data 1.1) periodicities, ISO 8601 repeating durations.
ISO_PERIODICITY = {
    "year": "R/P1Y", "half_year": "R/P6M", "quarter": "R/P3M", "month": "R/P1M",
    "week": "R/P1W", "day": "R/P1D", "real_time": "R/PT1S", "never": "irregular",
}  # fmt: skip


def _json_dataset(dataset) -> dict:
    """One dataset as DCAT-US JSON, in the catalog's language, named as in the RDF."""
    identifier = _stable(dataset.get_absolute_url())
    entry = {
        "@type": "dcat:Dataset",
        "identifier": identifier,
        "title": dataset.title,
        "description": dataset.description,
        "keyword": dataset.keywords or [str(dataset.get_category_display())],
        "issued": ckan_time(dataset.created_at),
        "modified": ckan_time(dataset.updated_at),
        "publisher": {"@type": "org:Organization", "name": str(dataset.publisher)},
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": dataset.maintainer,
            "hasEmail": f"mailto:{dataset.maintainer_email}",
        },
        "accessLevel": "public",
        "landingPage": identifier,
        "language": dataset.languages or ["th"],
        "theme": [str(dataset.get_category_display())],
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "title": item.name,
                "description": item.description,
                ("downloadURL" if item.is_download else "accessURL"): item.url,
                "format": item.format,
            }
            | ({"mediaType": item.media_type} if item.media_type else {})
            for item in distributions(dataset, _stable)
        ],
    }
    if license_url := LICENSE_URLS.get(dataset.license):
        entry["license"] = license_url
    if periodicity := ISO_PERIODICITY.get(dataset.update_frequency):
        entry["accrualPeriodicity"] = periodicity
    if dataset.extent:
        entry["spatial"] = ",".join(f"{value:.6f}" for value in dataset.extent.extent)
    if dataset.temporal_start and dataset.temporal_end:
        entry["temporal"] = f"{dataset.temporal_start}/{dataset.temporal_end}"
    return entry


@require_safe
def catalog_json(request: HttpRequest) -> JsonResponse:
    """Pages past the last are empty: the JSON harvester stops at an empty page."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not 0 < int(raw) < 10**6:
        raise BadRequest(translation.gettext("The page must be a whole number from 1."))
    number = int(raw)
    datasets = _public_datasets()[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    with translation.override(settings.LANGUAGE_CODE):
        body = {
            "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
            "@type": "dcat:Catalog",
            "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
            "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
            "dataset": _kept(request, "dcat-us", datasets, _json_dataset),
        }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
