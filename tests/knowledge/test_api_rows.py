"""The knowledge item list API, whose rows PostgreSQL writes, against ItemSerializer's output."""

import pytest
from django.contrib.auth.models import AnonymousUser

from divisions.knowledge.api import ItemViewSet
from divisions.knowledge.models import Item, Topic
from tests.api_parity import assert_same, serialiser_output

pytestmark = pytest.mark.django_db
PATH = "/api/v1/knowledge/items/"


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_item_list_is_what_the_serialiser_writes(client, item_factory, language):
    # Topics whose Thai and English names sort differently.
    Topic.objects.create(slug="water", name_th="น้ำ", name_en="Water")
    Topic.objects.create(slug="air", name_th="อากาศ", name_en="Air")
    Topic.objects.create(slug="land", name_th="ที่ดิน", name_en="Land")
    item_factory(title_th="ข่าวสิ่งแวดล้อม", title_en="Environment news",
                 summary_th="สรุป", body_en="<p>Body</p>", topics=("water", "air", "land"),
                 provinces=["TH-21", "TH-20"], tags=["EEC", "น้ำ"])  # fmt: skip
    item_factory(title_th="ข่าวภาษาไทยเท่านั้น", kind="best_practice")
    item_factory(title_th="ร่าง", status=Item.Status.DRAFT)
    listed = client.get(PATH, HTTP_ACCEPT_LANGUAGE=language).json()
    expected = serialiser_output(ItemViewSet, PATH, AnonymousUser(), language)
    assert listed["count"] == 2
    assert_same(listed["results"], expected)
    filtered = client.get(f"{PATH}?topic=air&province=TH-21").json()
    assert [row["title_th"] for row in filtered["results"]] == ["ข่าวสิ่งแวดล้อม"]
