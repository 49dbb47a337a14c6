"""Helpers for the pages that carry a MapLibre map."""


def click_map_feature(page, lon_lat, layers: int = 1):
    """Click the map where features of `layers` layers are drawn, once their tiles have
    arrived and rendered.

    `areTilesLoaded()` is already true before a vector source has fetched its TileJSON,
    so the wait is for features under the point itself (not the base map's land), of as
    many layers as the click should find: each layer's tiles arrive on their own.
    """
    page.wait_for_selector("#map[data-ready]", timeout=15000)
    page.wait_for_function(
        "([lon, lat, layers]) => { const map = document.getElementById('map').maplibre;"
        " const p = map.project([lon, lat]);"
        " const found = map.queryRenderedFeatures([[p.x - 3, p.y - 3], [p.x + 3, p.y + 3]])"
        ".filter(f => !f.source.startsWith('base-'));"
        " return new Set(found.map(f => f.source + ':' + (f.sourceLayer || ''))).size >= layers; }",
        arg=[*lon_lat, layers],
        timeout=15000,
    )
    point = page.evaluate(
        "([lon, lat]) => { const el = document.getElementById('map');"
        " const p = el.maplibre.project([lon, lat]); const box = el.getBoundingClientRect();"
        " return [box.left + p.x, box.top + p.y]; }",
        list(lon_lat),
    )
    page.mouse.click(*point)
