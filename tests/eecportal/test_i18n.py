import json
import re
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("th-TH,th;q=0.9,en;q=0.8", "/th/"),
        ("de-DE,fr;q=0.8", "/th/"),
        ("", "/th/"),
    ],
)
def test_root_redirects_by_browser_language_and_thai_when_unsure(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_page_declares_its_language_and_alternates(client, language):
    response = client.get(f"/{language}/coordination/")
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'hreflang="th" href="http://testserver/th/coordination/"' in html
    assert 'hreflang="en" href="http://testserver/en/coordination/"' in html
    assert 'hreflang="x-default" href="http://testserver/th/coordination/"' in html


def test_language_switcher_lands_on_the_same_page_with_its_query(client, agency_factory):
    agency = agency_factory(slug="eeco")
    response = client.get(f"/th{agency.get_absolute_url()[3:]}?page=1")
    html = response.content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    assert 'href="/en/coordination/agencies/eeco/?page=1"' in switcher


def test_thai_translation_covers_every_ui_string(tmp_path):
    """Extract messages afresh from the code and templates: none may be untranslated."""
    for folder in ("eecportal", "divisions", "templates", "locale"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "th", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "eecportal.settings.test", "PATH": "/usr/bin:/bin"},
    )
    statistics = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", "locale/th/LC_MESSAGES/django.po"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", statistics), statistics


def test_languages_are_thai_first_then_english():
    assert [code for code, _name in settings.LANGUAGES] == ["th", "en"]
    assert settings.LANGUAGE_CODE == "th"


def test_admin_screens_speak_thai_where_djangos_own_catalog_stops(admin_client):
    """Django's Thai for its admin is incomplete; the portal's catalogs fill the gaps that
    staff see every day: list filters, the sidebar, save messages, the selection counter."""
    page = admin_client.get("/th/admin/auth/user/?is_staff__exact=1").content.decode()
    assert "ซ่อนจำนวน" in page or "แสดงจำนวน" in page
    assert "พิมพ์เพื่อกรอง…" in page
    assert "Start typing to filter" not in page
    scripts = admin_client.get("/th/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", scripts, re.S).group(1))
    assert catalog["%(sel)s of %(cnt)s selected"] == ["เลือก %(sel)s จาก %(cnt)s"]
    assert catalog["Type into this box to filter down the list of selected %s."].startswith("พิมพ์")


def test_django_form_errors_and_the_csrf_failure_page_speak_thai():
    from django.test import Client

    client = Client()
    email = "a" * 300 + "@example.com"
    page = client.post("/th/privacy/requests/", {"email": email, "kind": "access"})
    assert "ค่านี้ต้องมีไม่เกิน 254 ตัวอักษร" in page.content.decode()

    strict = Client(enforce_csrf_checks=True)
    refused = strict.post("/th/privacy/requests/", {"email": "a@example.com", "kind": "access"})
    assert refused.status_code == 403
    assert "การตรวจสอบความปลอดภัยของแบบฟอร์ม (CSRF) ไม่ผ่าน" in refused.content.decode()
