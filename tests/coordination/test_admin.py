import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = User.objects.create_user("somchai", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    return user


def test_admin_agency_form_has_translation_tabs_served_locally(client, coordinator):
    response = client.get("/en/admin/coordination/agency/add/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html and "//code.jquery" not in html
    assert 'name="name_th"' in html and 'name="name_en"' in html


def test_coordinator_adds_an_agency_through_the_admin(
    client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/admin/coordination/agency/add/",
            {
                "slug": "chonburi-dpt",
                "name_th": "สำนักงานโยธาธิการและผังเมืองจังหวัดชลบุรี",
                "name_en": "Chon Buri Office of Public Works",
                "short_name_th": "",
                "short_name_en": "",
                "kind": "provincial",
                "country": "TH",
                "province": "TH-20",
                "website": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/th/search/", {"q": "โยธาธิการ"}).content.decode()
    assert "สำนักงานโยธาธิการและผังเมืองจังหวัดชลบุรี" in html


def test_knowledge_editor_cannot_change_agencies(client):
    user = User.objects.create_user("malee", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="Knowledge editors"))
    client.force_login(user)
    assert client.get("/en/admin/coordination/agency/add/").status_code == 403
    assert client.get("/en/admin/coordination/agency/").status_code == 200


def test_admin_index_is_thai_for_thai_staff(client):
    user = User.objects.create_superuser("root", password="pw-for-tests-only")
    client.force_login(user)
    html = client.get("/th/admin/").content.decode()
    assert "ฝ่ายจัดการความรู้" in html and "ฝ่ายประสานงาน" in html
    assert "Periodic tasks" not in html
