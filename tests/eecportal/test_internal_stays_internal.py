"""One walk through every public channel as an anonymous visitor, with internal records of all
four sections present: none of them may show anywhere."""

import pytest

from .conftest import SECRET, public_channels

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_internal_record_shows_in_any_public_channel(client, records):
    shown, hidden = records
    titles = [getattr(record, "title_th", record.title).encode() for record in hidden.values()]
    for url in public_channels(shown):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        for title in titles:  # (searches echo the query itself, so whole titles are looked for)
            assert title not in body, (url, title.decode())
    # The feeds of changes do list the public records.
    for record in ("agreement", "dataset"):
        label = shown[record]._meta.label_lower
        feed = client.get(f"/th/follow/feed/{label}:{shown[record].pk}/").content.decode()
        assert shown[record].title_th in feed, record
    for record in ("item", "dataset", "meeting", "agreement", "project", "document"):
        assert client.get(hidden[record].get_absolute_url()).status_code == 404, record
    for url in (
        f"/ogc/collections/{hidden['layer'].slug}/items?f=json",
        f"/ogc/collections/{hidden['layer'].slug}/tiles/WebMercatorQuad/8/118/199",
        f"/api/v1/planning/projects/{hidden['project'].pk}/",
        f"/api/v1/coordination/meetings/{hidden['meeting'].pk}/",
        f"/api/3/action/package_show?id={hidden['dataset'].slug}",
        f"/th/follow/?target=spatial.dataset:{hidden['dataset'].pk}",
        f"/th/follow/feed/planning.project:{hidden['project'].pk}/",
        f"/th/follow/feed/coordination.meeting:{hidden['meeting'].pk}/",
    ):
        assert client.get(url).status_code == 404, url


def test_live_collection_tiles_leave_internal_records_out(client, records):
    from divisions.spatial.collections import collection_get
    from divisions.spatial.features import tile_render

    shown, hidden = records
    for collection_id in ("planning-projects", "coordination-meetings"):
        collection = collection_get(collection_id=collection_id, summary=False)
        tile = tile_render(collection=collection, z=8, x=199, y=118)
        assert tile and SECRET.encode() not in tile, collection_id
        assert (
            shown["project" if "planning" in collection_id else "meeting"].title_th.encode() in tile
        )
