"""Staff never type a slug: one is made from the English name, or the Thai one romanised,
unique with a number, in the admin's pop-ups as in its forms."""

import pytest

from divisions.coordination.models import Agency, MeetingSeries
from divisions.knowledge.models import Topic

pytestmark = pytest.mark.django_db


def test_slugs_come_from_the_english_name_or_the_thai_one_romanised_and_stay_unique():
    first = Agency(name_th="องค์การบริหารส่วนจังหวัดระยอง", name_en="Rayong PAO", kind="local")
    first.full_clean()
    first.save()
    assert first.slug == "rayong-pao"
    again = Agency(name_th="อบจ.ระยอง", name_en="Rayong PAO", kind="local")
    again.full_clean()
    assert again.slug == "rayong-pao-2"
    thai = Topic(name_th="ท่าเรือ")
    thai.full_clean()
    assert thai.slug == "tharuea"  # Royal Thai General System, word by word
    kept = Topic(name_th="น้ำ", slug="water")
    kept.full_clean()
    assert kept.slug == "water"  # a slug staff chose is kept


def test_a_meeting_series_is_created_from_the_meeting_forms_popup_without_a_slug(
    admin_client, agency_factory
):
    organiser = agency_factory()
    response = admin_client.post(
        "/th/admin/coordination/meetingseries/add/?_popup=1&_to_field=id",
        {"name_th": "คณะทำงานด้านน้ำ", "name_en": "", "organiser": organiser.pk,
         "slug": "", "_popup": "1", "_to_field": "id"},
    )  # fmt: skip
    assert response.status_code == 200, response.content.decode()[:2000]
    series = MeetingSeries.objects.get(name_th="คณะทำงานด้านน้ำ")
    assert series.slug and series.slug.isascii()
