"""The list APIs' rows as PostgreSQL writes them (divisions.core.jsonrows) and as the
responses carry them (divisions.core.api.JSONRenderer)."""

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework import serializers

from divisions.core.jsonrows import local_time

MOMENTS = [
    datetime(2026, 12, 1, 17, 5, 9, tzinfo=UTC),  # no microseconds: none written
    datetime(2026, 12, 31, 20, 0, 0, 120000, tzinfo=UTC),  # the next day in Bangkok
    datetime(2026, 7, 1, 3, 4, 5, 6, tzinfo=UTC),
    datetime(1900, 1, 1, 12, 0, tzinfo=UTC),  # Bangkok's mean time: +06:42:04
]
ZONES = ["Asia/Bangkok", "UTC", "America/New_York", "Asia/Kolkata", "America/St_Johns"]


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ZONES)
def test_times_are_written_as_drfs_datetime_field_writes_them(zone):
    field = serializers.DateTimeField()
    with timezone.override(ZoneInfo(zone)), connection.cursor() as cursor:
        written = local_time("m.t")
        for moment in MOMENTS:
            cursor.execute(f"SELECT {written} FROM (SELECT %s::timestamptz t) m", [moment])
            assert cursor.fetchone()[0] == field.to_representation(moment), moment
        cursor.execute(f"SELECT {written} FROM (SELECT NULL::timestamptz t) m", [])
        assert cursor.fetchone()[0] is None


def test_a_time_zone_setting_that_is_no_name_is_refused(monkeypatch):
    local_time("r.updated_at")
    monkeypatch.setattr(timezone, "get_current_timezone_name", lambda: "UTC'; DROP TABLE x; --")
    with pytest.raises(ValueError):
        local_time("r.updated_at")


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["application/json", "application/json; indent=2", "text/html"])
def test_rows_written_by_postgresql_read_the_same_in_every_form(client, agency_factory, accept):
    for n in range(3):
        agency_factory(name_th=f'หน่วยงาน {n} "อ้าง"', name_en=f"Agency {n}\u2028")
    plain = client.get("/api/v1/agencies/", HTTP_ACCEPT="application/json").json()
    response = client.get("/api/v1/agencies/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    if accept == "text/html":  # the browsable API shows the rows, indented
        assert "หน่วยงาน 2" in response.content.decode()
        return
    assert json.loads(response.content) == plain
    assert [row["name_en"] for row in plain["results"]][:1] == ["Agency 0\u2028"]
    assert (b"\n" in response.content) == ("indent" in accept)
