"""The project list API, whose rows PostgreSQL writes as JSON, against ProjectSerializer's
own output for the same projects: the same values, types and order."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User

from divisions.planning.api import ProjectViewSet
from divisions.planning.models import Budget, Participation
from tests.api_parity import assert_same, serialiser_output

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(project_factory, municipality):
    """Projects with every kind of value the serialiser writes, absent ones included."""
    full = project_factory(
        title_en="Port link road", objective_th="ลดเวลาเดินทาง", target_industries=["robotics",
        "automotive"], planned_start=date(2026, 1, 5), planned_end=date(2027, 9, 30), village=7,
        flagship="laem-chabang", form="02", lon_lat=(101.12345678901234, 13.098765432101234),
        budgets={2569: 2_500_000, 2570: 1_234_567},
    )  # fmt: skip
    Budget.objects.create(project=full, fiscal_year=2569, kind="ordinance", source="subsidy",
                          amount=Decimal("2400000.50"))  # fmt: skip
    Participation.objects.create(project=full, agency=municipality, role="2")
    bare = project_factory(title_th="โครงการขุดลอกคลอง", sector="", district="", subdistrict="",
                           budgets={})  # fmt: skip
    merged = project_factory(title_th="ถนนซ้ำ")
    merged.merged_into = full
    merged.save(update_fields=["merged_into"])
    project_factory(title_th="โครงการภายใน", is_public=False)
    return [full, bare, merged]


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_project_list_is_what_the_serialiser_writes_for_every_kind_of_value(
    client, varied, language
):
    path = "/api/v1/planning/projects/"
    listed = client.get(path, HTTP_ACCEPT_LANGUAGE=language).json()
    expected = serialiser_output(ProjectViewSet, path, AnonymousUser(), language)
    assert listed["count"] == 3 and len(expected) == 3
    assert_same(listed["results"], expected)
    budgets = listed["results"][0]["budgets"]
    assert budgets[0] == {"fiscal_year": 2569, "kind": "ordinance", "source": "subsidy",
                          "amount": "2400000.50"}  # fmt: skip


def test_analysts_see_internal_projects_in_the_list_as_the_serialiser_writes_them(client, varied):
    analyst = User.objects.create_user("analyst", is_staff=True)
    analyst.groups.add(Group.objects.get(name="Plan analysts"))
    client.force_login(analyst)
    listed = client.get("/api/v1/planning/projects/?limit=2&offset=2").json()
    expected = serialiser_output(ProjectViewSet, "/api/v1/planning/projects/", analyst, "th")
    assert listed["count"] == 4
    assert_same(listed["results"], expected[2:4])
    assert listed["results"][-1]["title_th"] == "โครงการภายใน"
