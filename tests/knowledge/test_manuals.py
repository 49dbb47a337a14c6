import pytest
from django.core.management import call_command

from divisions.knowledge.models import ServiceManual
from eecportal.selectors import search_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def manual(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return ServiceManual.objects.get(title_en="Permit to connect an access road to a PAO road")


def test_citizen_manual_shows_steps_time_documents_fees_and_complaints(client, manual):
    html = client.get(f"/th/knowledge/manuals/{manual.pk}/").content.decode()
    for text in ["การขออนุญาตทำทางเชื่อมเข้าถนนของ อบจ.", "30 วันทำการ", "ตรวจสถานที่",
                 "โฉนดที่ดิน", "100.00", "ศูนย์ดำรงธรรม"]:  # fmt: skip
        assert text in html
    english = client.get(f"/en/knowledge/manuals/{manual.pk}/").content.decode()
    assert "30 working days" in english and "Site inspection and design check" in english


def test_manuals_are_searchable_and_internal_ones_are_hidden(
    client, manual, django_capture_on_commit_callbacks
):
    def found() -> bool:
        titles = [e.title for e in search_entries(query="ทางเชื่อม", language="th").entries]
        return "การขออนุญาตทำทางเชื่อมเข้าถนนของ อบจ." in titles

    assert found()
    with django_capture_on_commit_callbacks(execute=True):
        manual.is_public = False
        manual.save()
    assert not found()
    assert client.get(f"/en/knowledge/manuals/{manual.pk}/").status_code == 404
    assert "access road" not in client.get("/en/knowledge/manuals/").content.decode()


def test_public_manuals_are_in_the_sitemap(client, manual):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/th/knowledge/manuals/{manual.pk}/" in sitemap
    assert "http://testserver/en/knowledge/manuals/" in sitemap
