"""Health check, roles, Celery, settings and deployment files."""

import os
import subprocess
import sys

import pytest
import yaml
from celery.result import AsyncResult
from django.contrib.auth.models import Group
from django.core.management import call_command

from divisions.coordination.models import Agency
from eecportal.models import SearchEntry
from eecportal.tasks import search_index_rebuild_task
from tests.conftest import ROOT

ROLES = [
    "Knowledge editors",
    "Coordinators",
    "Spatial data stewards",
    "Plan analysts",
    "Division administrators",
]


@pytest.mark.django_db
def test_healthz_answers_200_with_json_when_database_and_redis_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


@pytest.mark.django_db
def test_healthz_answers_503_when_redis_does_not(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error")


@pytest.mark.django_db
def test_role_groups_exist_with_their_sections_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)
    coordinators = Group.objects.get(name="Coordinators")
    codenames = set(coordinators.permissions.values_list("codename", flat=True))
    assert {"add_agency", "change_agency", "delete_agency", "view_agency"} <= codenames
    editors = Group.objects.get(name="Knowledge editors")
    editor_codenames = set(editors.permissions.values_list("codename", flat=True))
    assert "view_agency" in editor_codenames and "change_agency" not in editor_codenames
    admins = Group.objects.get(name="Division administrators")
    assert admins.permissions.filter(codename="change_user").exists()


def test_a_real_task_runs_through_a_real_worker_on_redis(celery_worker_process, agency_factory):
    agency_factory(slug="srt", name_th="การรถไฟแห่งประเทศไทย", name_en="State Railway of Thailand")
    SearchEntry.objects.all().delete()
    result: AsyncResult = search_index_rebuild_task.delay()
    assert result.get(timeout=60) == 1
    assert SearchEntry.objects.filter(title="การรถไฟแห่งประเทศไทย", language="th").exists()


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_bilingual():
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    first = Agency.objects.count()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Agency.objects.count() == first >= 15
    eeco = Agency.objects.get(slug="eeco")
    assert eeco.short_name_th == "สกพอ." and eeco.short_name_en == "EECO"
    assert set(Agency.objects.values_list("province", flat=True)) >= {"TH-20", "TH-21", "TH-24"}
    # Every section has something to show: layers of each geometry kind, a committee's
    # meetings (minutes adopted at the next one, action items), all loaded through services.
    from divisions.coordination.models import ActionItem, Meeting
    from divisions.spatial.models import Layer

    layers = Layer.objects.filter(version=1, dataset__classification="public")
    assert set(layers.values_list("geometry_type", flat=True)) == {"Point", "LineString", "Polygon"}
    first = Meeting.objects.get(number=1, year_be=2569)
    assert first.minutes_status == "adopted" and first.minutes_adopted_at.number == 2
    assert first.agenda.exclude(decision_th="").exists() and first.attendance.exists()
    assert ActionItem.objects.filter(meeting=first, status="in_progress").exists()
    assert Meeting.objects.filter(starts_at__gt=first.starts_at).count() == 2


def _check_deploy(extra_env: dict) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "eecportal.settings.production",
        "DATABASE_URL": "postgis://eecportal:eecportal@127.0.0.1:5432/eecportal",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "eec.example.go.th",
        "CSRF_TRUSTED_ORIGINS": "https://eec.example.go.th",
        "EMAIL_URL": "smtp+tls://portal:secret@mail.example.go.th:587",
    } | extra_env
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy():
    result = _check_deploy({"SECRET_KEY": "x9!kz" * 12})
    assert result.returncode == 0, result.stderr


def test_production_settings_have_no_default_secret():
    result = _check_deploy({})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_docker_compose_defines_the_production_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"proxy", "pgbouncer", "db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgis/postgis:15")
    for name in ("web", "worker", "beat"):
        service = services[name]
        env = service["environment"]
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= set(env)
        # A deployment names its own sender and contacts: no demonstration value goes live.
        for contact in ("DEFAULT_FROM_EMAIL", "PORTAL_ADDRESS_TH", "PORTAL_PHONE", "PORTAL_EMAIL"):
            assert env[contact] == f"${{{contact}:?set {contact}}}"
        assert env["DJANGO_SETTINGS_MODULE"] == "eecportal.settings.production"
        # Connections are bounded by PgBouncer's pool, returned after each request.
        assert "@pgbouncer:" in env["DATABASE_URL"] and env["CONN_MAX_AGE"] == "0"
    assert "@db:5432/" in services["pgbouncer"]["environment"]["DATABASE_URL"]
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert "worker" in services["worker"]["command"] and "beat" in services["beat"]["command"]
    assert {"pgdata", "media"} <= set(compose["volumes"])
    assert any(v.startswith("media:") for v in services["web"]["volumes"])
    # nginx serves the public media (cover images) from the same volume, read-only, and
    # refuses every other media address; everything else goes to the portal.
    assert "media:/srv/media:ro" in services["proxy"]["volumes"]
    nginx = compose["configs"]["nginx"]["content"]
    assert "location /media/knowledge/covers/ {" in nginx
    assert "location /media/ { return 404; }" in nginx
    assert "proxy_pass http://portal;" in nginx and "server web:8000;" in nginx


@pytest.mark.django_db
def test_healthz_answers_container_probes_on_any_host(client):
    response = client.get("/healthz", headers={"host": "10.1.2.3:8000"})
    assert response.status_code == 200


def test_media_go_to_object_storage_when_a_bucket_is_configured():
    code = (
        "import django; django.setup();"
        'from django.core.files.storage import storages; s = storages["default"];'
        "print(type(s).__name__, s.bucket_name, s.endpoint_url)"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "eecportal.settings.local",
        "AWS_STORAGE_BUCKET_NAME": "eec-media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["S3Storage", "eec-media", "http://127.0.0.1:9000"]


@pytest.mark.django_db
def test_footer_gives_the_divisions_address_phone_and_hours_in_the_pages_language(client, settings):
    settings.PORTAL_CONTACT = settings.PORTAL_CONTACT | {
        "address_th": "ถนนพระยาสัจจา ตำบลเสม็ด",
        "address_en": "Phraya Satcha Road, Samet",
        "phone": "0 3800 0000",
    }
    settings.PORTAL_EMBLEM = "/media/emblem.png"
    thai = client.get("/th/").content.decode()
    english = client.get("/en/").content.decode()
    assert "ถนนพระยาสัจจา ตำบลเสม็ด" in thai and "Phraya Satcha" not in thai
    assert "Phraya Satcha Road, Samet" in english
    assert 'href="tel:038000000"' in thai and "เวลาทำการ" in thai
    assert '<img src="/media/emblem.png"' in english


@pytest.mark.django_db
def test_lists_mark_records_that_have_no_text_in_the_pages_language(
    client, agency_factory, dataset_factory
):
    agency_factory(slug="sao", name_th="องค์การบริหารส่วนตำบลบ้านฉาง", name_en="")
    dataset_factory(title_th="ชุดข้อมูลภาษาไทยเท่านั้น", title_en="")
    for path in ("/en/coordination/", "/en/spatial/"):
        assert (
            '<span class="badge" lang="en">Available in Thai</span>'
            in client.get(path).content.decode()
        ), path
    assert "Available in Thai" not in client.get("/th/spatial/").content.decode()
