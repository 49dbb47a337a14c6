"""Fixtures of the plan-integration tests, shared with the browser tests."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.gis.geos import Point

from divisions.planning.models import Budget, Project
from divisions.planning.services import FLAT_COLUMNS, project_derive, project_save


@pytest.fixture
def pao(agency_factory):
    return agency_factory(slug="pao-chonburi", name_th="องค์การบริหารส่วนจังหวัดชลบุรี",
                          name_en="Chon Buri Provincial Administrative Organization",
                          short_name_th="อบจ.ชลบุรี", short_name_en="Chon Buri PAO")  # fmt: skip


@pytest.fixture
def municipality(agency_factory):
    return agency_factory(
        slug="ban-bueng",
        name_th="เทศบาลเมืองบ้านบึง",
        name_en="Ban Bueng Town Municipality",
        short_name_th="ทม.บ้านบึง",
    )


@pytest.fixture
def analyst(db):
    user = User.objects.create_user("analyst", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Plan analysts"))
    return user


@pytest.fixture
def project_factory(pao):
    counter = iter(range(1, 1_000_000))

    def make(*, budgets: dict[int, int] | None = None, lon_lat=None, **fields) -> Project:
        n = next(counter)
        defaults = {
            "agency": pao,
            "external_id": f"T-{n}",
            "title_th": f"ก่อสร้างอาคารอเนกประสงค์ที่ {n}",
            "province": "TH-20",
            "district": "บ้านบึง",
            "subdistrict": "หนองชาก",
            "sector": "transport",
            "is_public": True,
        }
        project = Project(**(defaults | fields))
        if lon_lat:
            project.location = Point(*lon_lat, srid=4326)
        project = project_save(project=project, check_duplicates=False)
        for year, amount in (budgets or {2569: 1_000_000}).items():
            Budget.objects.create(project=project, fiscal_year=year, amount=Decimal(amount))
        project_derive(project=project)
        project.refresh_from_db()
        return project

    return make


def write_csv(path: Path, rows: list[list], header: list[str] | None = None) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header or FLAT_COLUMNS)
        writer.writerows(rows)
    return path


def flat_row(**values) -> list:
    """A row of the flat template; unnamed columns are empty."""
    return [values.get(column, "") for column in FLAT_COLUMNS]
