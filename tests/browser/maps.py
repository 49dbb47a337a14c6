"""Helpers for the pages that carry a MapLibre map."""


def click_map_feature(page, lon_lat):
    """Click the map where a feature is drawn, once its tiles have arrived and rendered.

    `areTilesLoaded()` is already true before a vector source has fetched its TileJSON,
    so the wait is for a feature under the point itself (not the base map's land).
    """
    page.wait_for_selector("#map[data-ready]", timeout=15000)
    page.wait_for_function(
        "([lon, lat]) => { const map = document.getElementById('map').maplibre;"
        " const p = map.project([lon, lat]);"
        " return map.queryRenderedFeatures([[p.x - 3, p.y - 3], [p.x + 3, p.y + 3]])"
        ".filter(f => !f.source.startsWith('base-')).length > 0; }",
        arg=list(lon_lat),
        timeout=15000,
    )
    point = page.evaluate(
        "([lon, lat]) => { const el = document.getElementById('map');"
        " const p = el.maplibre.project([lon, lat]); const box = el.getBoundingClientRect();"
        " return [box.left + p.x, box.top + p.y]; }",
        list(lon_lat),
    )
    page.mouse.click(*point)
