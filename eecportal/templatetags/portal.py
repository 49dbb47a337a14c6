"""Template tags every page uses: dates by language, language alternates, fallback notices,
fragments kept per record."""

import html
import json
from datetime import date, datetime
from weakref import WeakKeyDictionary

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.core.signals import setting_changed
from django.db.models import F, QuerySet
from django.dispatch import receiver
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from divisions.core import fragments, thai
from divisions.core.paging import KeysPage

register = template.Library()


@register.filter
def display_date(value: date | datetime | None, style: str = "short") -> str:
    """`24 พ.ย. 2569` on Thai pages, `24 Nov 2026` on English ones; styles: short, long, *_time."""
    if not value:
        return ""
    return thai.format_date(value, get_language() or settings.LANGUAGE_CODE, style)


@register.filter
def calendar_year(title: str) -> str:
    """A year Django's admin writes as bare digits (its date drill-down), in the page's
    calendar: 2569 on Thai pages, 2026 on English ones. Other titles pass unchanged."""
    title = str(title)
    if title.isdigit() and len(title) == 4 and get_language() == "th":
        return str(thai.to_be_year(int(title)))
    return title


@register.filter
def in_page_language(words: list[str]) -> list[str]:
    """Keywords written in the page's language only (records keep Thai and English in one list)."""
    return thai.words_in_language(words or [], get_language() or settings.LANGUAGE_CODE)


@register.simple_tag
def options(choices, selected="") -> SafeString:
    """The <option>s of a filter's <select>, the chosen one marked. `choices` are values,
    (value, label) pairs or (value, label, count) triples. Built here rather than by a template
    loop: long lists (77 provinces, every agency) are most of a list page's rendering time.
    Escaped as Django's `escape` does (html.escape of the text) without its lazy-text wrapper,
    which took four fifths of the time of 77 provinces' options."""
    selected = "" if selected is None else str(selected)
    parts = []
    for choice in choices:
        if isinstance(choice, tuple | list):
            value, label, *count = choice
            if count:
                label = f"{label} ({count[0]})"
        else:
            value = label = choice
        value = str(value)
        mark = " selected" if value == selected and value else ""
        parts.append(
            f'<option value="{html.escape(value)}"{mark}>{html.escape(str(label))}</option>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


@register.filter
def get_item(mapping: dict, key: str):
    """A dictionary's value by a key held in a variable (feature attributes)."""
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def fiscal_year(value: date | datetime | None) -> int | str:
    return thai.fiscal_year(value) if value else ""


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict[str, str]]:
    """This page in every language: code, name, absolute URL (for hreflang and the switcher)."""
    request = context["request"]
    path = request.get_full_path()
    prefix = f"/{get_language()}/"
    alternates = []
    for code, name in settings.LANGUAGES:
        # The portal's addresses are the same words in every language (no translated URL
        # patterns): another language's page is the prefix swapped, without resolving it.
        translated = (
            f"/{code}/{path[len(prefix) :]}"
            if path.startswith(prefix)
            else translate_url(path, code)
        )
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": request.build_absolute_uri(translated),
                "path": translated,
            }
        )
    return alternates


@register.simple_tag
def shown_language(record, field: str) -> str:
    """The language a translated field is shown in: the active one, or the fallback."""
    language = get_language() or settings.LANGUAGE_CODE
    if getattr(record, f"{field}_{language}", None):
        return language
    return next(
        (code for code, _n in settings.LANGUAGES if getattr(record, f"{field}_{code}", None)),
        language,
    )


@register.simple_tag
def language_mark(record, field: str = "title") -> str:
    """In a list: "Available in Thai" beside a record that has no text of its own in the
    page's language (and the other way round)."""
    language = get_language() or settings.LANGUAGE_CODE
    shown = shown_language(record, field)
    if shown == language:
        return ""
    label = _("Available in Thai") if shown == "th" else _("Available in English")
    return format_html(' <span class="badge" lang="{}">{}</span>', language, label)


@register.inclusion_tag("includes/fallback_notice.html")
def fallback_notice(record, field: str = "title") -> dict:
    language = get_language() or settings.LANGUAGE_CODE
    shown = shown_language(record, field)
    return {"shown": shown if shown != language else ""}


_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """A schema.org JSON-LD block, escaped so no value can close the script element."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.inclusion_tag("includes/picture.html")
def picture(image, renditions: list[dict], alt: str, sizes: str = "100vw") -> dict:
    """A responsive <picture>: WebP renditions in a srcset, the original as the fallback."""
    storage = image.storage
    srcset = ", ".join(f"{storage.url(r['name'])} {r['width']}w" for r in renditions)
    return {"image": image, "srcset": srcset, "alt": alt, "sizes": sizes}


@register.simple_tag(takes_context=True)
def agenda_links(context, agenda: list[tuple]) -> list[tuple]:
    """A meeting's agenda, (item, depth) pairs, as (item, depth, links): the records of the
    other sections discussed under each item as far as the reader may see them, (kind,
    title, address); one query a section for the whole agenda."""
    from django.utils.translation import gettext

    from divisions.planning.selectors import project_list
    from divisions.spatial.selectors import dataset_list

    user = context["request"].user
    links: dict[int, list] = {item.pk: [] for item, _depth in agenda}
    if links:
        for kind, records in (
            (gettext("Project"), project_list(user=user)),
            (gettext("Dataset"), dataset_list(user=user)),
        ):
            linked = records.filter(agenda_items__in=list(links)).annotate(
                agenda_item=F("agenda_items")
            )
            for record in linked:
                links[record.agenda_item].append((kind, record.title, record.get_absolute_url()))
    return [(item, depth, links[item.pk]) for item, depth in agenda]


@register.simple_tag
def map_locale() -> str:
    """MapLibre's own control texts in the page's language, as JSON for the map's element."""
    texts = {
        "NavigationControl.ZoomIn": _("Zoom in"),
        "NavigationControl.ZoomOut": _("Zoom out"),
        "NavigationControl.ResetBearing": _("Drag to rotate the map, click to reset north"),
        "AttributionControl.ToggleAttribution": _("Show or hide the map's sources"),
        "FullscreenControl.Enter": _("Full screen"),
        "FullscreenControl.Exit": _("Leave full screen"),
        "Popup.Close": _("Close"),
        "ScaleControl.Meters": _("m"),
        "ScaleControl.Kilometers": _("km"),
        "CooperativeGesturesHandler.MobileHelpText": _("Use two fingers to move the map"),
        "Map.Title": _("Map"),
    }
    return json.dumps({key: str(text) for key, text in texts.items()}, ensure_ascii=False)


@register.inclusion_tag("spatial/_map.html")
def live_map(collection_id: str, fit: bool = True, summary: bool = True) -> dict:
    """A map of one live collection (another section's records with a place), for pages of
    sections that do not import the spatial section themselves. Without `summary` the
    collection is neither counted nor measured (quicker; the map then cannot fit it)."""
    from divisions.spatial.collections import collection_get, map_config

    collection = collection_get(collection_id=collection_id, summary=summary)
    return {
        "map_config": map_config([collection]),
        "basemap": settings.MAP_BASEMAP,
        "fit": fit and collection.extent is not None,
    }


@register.simple_tag(takes_context=True)
def project_datasets(context, project):
    """The datasets a plan project links to, as far as the reader may see them (the spatial
    section decides; the plan-integration section does not import it)."""
    from divisions.spatial.selectors import dataset_list

    return dataset_list(user=context["request"].user).filter(planning_projects=project)


@register.simple_tag(takes_context=True)
def agency_projects(context, agency, limit: int = 20) -> list:
    """The plan projects an agency is responsible for or takes part in, as far as the reader
    may see them (the plan-integration section decides)."""
    from divisions.planning.selectors import project_agency_list

    return project_agency_list(agency=agency, user=context["request"].user, limit=limit)


@register.inclusion_tag("includes/follow_links.html")
def follow_links(*records) -> dict:
    """Links to follow each record by e-mail or feed (the record itself, then what it
    belongs to: a project's plan, a meeting's series, an item's topics)."""
    from eecportal.follows import key_of

    flat = []
    for record in records:
        flat.extend(record if isinstance(record, list | tuple | QuerySet) else [record])
    return {"things": [(key_of(record), record) for record in flat if record is not None]}


class FragmentNode(template.Node):
    def __init__(self, nodelist, name: str, record, loop_var: str | None, vary: list) -> None:
        self.nodelist, self.name, self.record, self.loop_var, self.vary = (
            nodelist, name, record, loop_var, vary
        )  # fmt: skip
        # The fragments of the same record in each page template this one is rendered in.
        self.siblings: WeakKeyDictionary = WeakKeyDictionary()

    def render(self, context) -> str:
        request = context.get("request")
        source = self.record.resolve(context)
        wanted = fragments.fragments_wanted(request)
        if isinstance(source, KeysPage) and wanted:
            # A page of a list: its records (and what they prefetch, as an agreement's
            # parties) read for the rows not kept only.
            def made(keys: list) -> dict:
                return {r.pk: str(self._body(context, r)) for r in source.records_of(keys)}

            vary = [value.resolve(context) for value in self.vary]
            rows = fragments.per_key(request, self.name, source.label, source.pks, made, vary)
            return mark_safe("".join(rows))  # noqa: S308
        if self.loop_var is None:
            records = [source]
        else:
            records = source.object_list if isinstance(source, Page) else source or []
        if not wanted:
            return mark_safe("".join(self._body(context, record) for record in records))  # noqa: S308
        vary = [value.resolve(context) for value in self.vary]
        keys = [fragments.fragment_key(request, self.name, [r, *vary]) for r in records]
        by_key = dict(zip(keys, records, strict=True))
        rows = fragments.fragments_kept(
            request, keys, lambda missed: {k: str(self._body(context, by_key[k])) for k in missed},
            also=self._siblings_keys(context, request) if self.loop_var is None else (),
        )  # fmt: skip
        return mark_safe("".join(rows))  # noqa: S308

    def _siblings_keys(self, context, request) -> list[str]:
        """The keys of the page's other fragments of the same record (an item's body, its
        comments, what it relates to), read with this one: one round trip, not three."""
        template = context.template
        if template not in self.siblings:
            self.siblings[template] = [
                node for node in template.nodelist.get_nodes_by_type(FragmentNode)
                if node is not self and node.loop_var is None
                and node.record.token == self.record.token
            ]  # fmt: skip
        return [
            fragments.fragment_key(
                request,
                node.name,
                [node.record.resolve(context), *(value.resolve(context) for value in node.vary)],
            )  # fmt: skip
            for node in self.siblings[template]
        ]

    def _body(self, context, record) -> str:
        if self.loop_var is None:
            return self.nodelist.render(context)
        with context.push({self.loop_var: record}):
            return self.nodelist.render(context)


@register.tag
def fragment(parser, token) -> FragmentNode:
    """`{% fragment record [vary ...] %}...{% endfragment %}` is the block as rendered for
    `record`; `{% fragment name in records [vary ...] %}...{% endfragment %}` repeats it for
    each of `records` as `name`, as `for` does, its rows read in one round trip; `records`
    may be a paginator's page of a queryset, whose records are then read for the rows not
    kept only. Kept for anonymous readers in the page's language until public content
    changes. The block may depend only on the record, the language and the `vary` values:
    no CSRF token, no reader's state."""
    bits = token.split_contents()[1:]
    if not bits or bits[1:2] == ["in"] and len(bits) < 3:
        raise template.TemplateSyntaxError("fragment needs a record, or a name in records")
    loop_var = None
    if bits[1:2] == ["in"]:
        loop_var, bits = bits[0], bits[2:]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        f"{parser.origin.template_name}:{token.lineno}",
        parser.compile_filter(bits[0]),
        loop_var,
        [parser.compile_filter(bit) for bit in bits[1:]],
    )


class LayoutPartNode(template.Node):
    kept: dict[tuple, str] = {}

    def __init__(self, nodelist, name: str, vary: list) -> None:
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context) -> str:
        key = (self.name, get_language(), *(value.resolve(context) for value in self.vary))
        if key not in self.kept:
            self.kept[key] = self.nodelist.render(context)
        return self.kept[key]


@receiver(setting_changed)
def _layout_parts_forget(**kwargs) -> None:
    LayoutPartNode.kept.clear()


@register.tag
def layout_part(parser, token) -> LayoutPartNode:
    """`{% layout_part [vary ...] %}...{% endlayout_part %}`: a part of the pages' layout
    (links to feeds, the site's name, menus, the footer, a live map without its summary, a
    filter's fixed choices with the one asked for as `vary`, an empty form) that depends on
    the language, the settings and the `vary` values only, never on records or the reader:
    rendered once a process. `vary` must take few values (a choice checked against its
    list, never free text). Its many addresses and translations were a millisecond of every
    page."""
    bits = token.split_contents()[1:]
    nodelist = parser.parse(("endlayout_part",))
    parser.delete_first_token()
    return LayoutPartNode(
        nodelist,
        f"{parser.origin.template_name}:{token.lineno}",
        [parser.compile_filter(bit) for bit in bits],
    )
