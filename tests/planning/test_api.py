"""The project list API, whose rows PostgreSQL writes as JSON, against ProjectSerializer's
own output for the same projects: the same values, types and order."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.utils import translation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from divisions.planning.api import ProjectSerializer, ProjectViewSet
from divisions.planning.models import Budget, Participation

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


def _serialised(path: str, user) -> list[dict]:
    """What ProjectSerializer writes for the projects the viewset lists, rendered as DRF
    renders it."""
    request = Request(RequestFactory().get(path, HTTP_HOST="testserver"))
    request.user = user
    view = ProjectViewSet(request=request, format_kwarg=None, action="list")
    data = ProjectSerializer(view.get_queryset(), many=True, context={"request": request}).data
    return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_project_list_is_what_the_serialiser_writes_for_every_kind_of_value(
    client, varied, language
):
    from django.contrib.auth.models import AnonymousUser

    listed = client.get("/api/v1/planning/projects/", HTTP_ACCEPT_LANGUAGE=language).json()
    with translation.override(language):
        expected = _serialised("/api/v1/planning/projects/", AnonymousUser())
    assert listed["count"] == 3 and len(expected) == 3
    assert listed["results"] == expected
    assert [list(row) for row in listed["results"]] == [list(row) for row in expected]  # order
    budgets = listed["results"][0]["budgets"]
    assert budgets[0] == {"fiscal_year": 2569, "kind": "ordinance", "source": "subsidy",
                          "amount": "2400000.50"}  # fmt: skip


def test_analysts_see_internal_projects_in_the_list_as_the_serialiser_writes_them(client, varied):
    analyst = User.objects.create_user("analyst", is_staff=True)
    analyst.groups.add(Group.objects.get(name="Plan analysts"))
    client.force_login(analyst)
    listed = client.get("/api/v1/planning/projects/?limit=2&offset=2").json()
    with translation.override("th"):
        expected = _serialised("/api/v1/planning/projects/", analyst)[2:4]
    assert listed["count"] == 4 and listed["results"] == expected
    assert listed["results"][-1]["title_th"] == "โครงการภายใน"
