import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from divisions.planning.models import Participation, Project, ProjectPair
from divisions.planning.selectors import duplicate_clusters, review_queue
from divisions.planning.services import duplicates_find, pair_decide, project_merge

ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3 ตำบลหนองชาก"
ROAD_AGAIN = "โครงการก่อสร้างถนน คสล. สายบ้านหนองไผ่ - บ้านเนินสูง ม.๓ ต.หนองชาก"
OBJECTIVE = "เพื่อให้ประชาชนสัญจรไปมาได้สะดวกและปลอดภัย"


@pytest.fixture
def twins(project_factory, municipality):
    first = project_factory(title_th=ROAD, objective_th=OBJECTIVE, budgets={2569: 2_500_000},
                            lon_lat=(101.10, 13.31))  # fmt: skip
    second = project_factory(agency=municipality, title_th=ROAD_AGAIN, objective_th=OBJECTIVE,
                             budgets={2569: 2_300_000})  # fmt: skip
    return first, second


def test_the_same_road_from_two_agencies_is_flagged(twins):
    first, second = twins
    duplicates_find()
    pair = ProjectPair.objects.get()
    assert (pair.first_id, pair.second_id) == (first.pk, second.pk)
    assert pair.band == ProjectPair.Band.PROBABLE
    assert pair.signals["signals"]["title"]["value"] > 0.5


def test_the_same_road_in_another_village_is_not_flagged(project_factory, municipality):
    project_factory(title_th=ROAD, objective_th=OBJECTIVE)
    project_factory(agency=municipality, title_th=ROAD.replace("หมู่ที่ 3", "หมู่ที่ 5"),
                    objective_th=OBJECTIVE)  # fmt: skip
    duplicates_find()
    assert not ProjectPair.objects.exists()


def test_checking_one_project_finds_its_pairs_only(twins, project_factory):
    first, second = twins
    other = project_factory(title_th="ขุดลอกคลองหนองชาก หมู่ที่ 9")
    assert duplicates_find(project_ids=[other.pk]) == []
    found = duplicates_find(project_ids=[second.pk])
    assert [(c.first, c.second) for c in found] == [(first.pk, second.pk)]


def test_a_decision_is_remembered_when_scores_are_run_again(twins, analyst):
    duplicates_find()
    pair = ProjectPair.objects.get()
    pair_decide(pair=pair, verdict=ProjectPair.Verdict.COMPLEMENTARY,
                reason="ช่วงถนนต่อกัน", user=analyst)  # fmt: skip
    duplicates_find()
    duplicates_find(project_ids=[pair.first_id])
    pair.refresh_from_db()
    assert pair.verdict == ProjectPair.Verdict.COMPLEMENTARY
    assert not review_queue().exists()


def test_a_decision_needs_a_reason(twins, analyst):
    duplicates_find()
    with pytest.raises(ValidationError):
        pair_decide(pair=ProjectPair.objects.get(), verdict="duplicate", reason=" ", user=analyst)


def test_merging_keeps_the_record_and_moves_agencies_and_links(twins, analyst, municipality):
    first, second = twins
    duplicates_find()
    pair = ProjectPair.objects.get()
    survivor = project_merge(pair=pair, survivor=first, reason="ซ้ำกับ ผ.02/2", user=analyst)
    merged = Project.objects.get(pk=second.pk)
    assert merged.status == Project.Status.MERGED
    assert merged.merged_into == survivor
    assert Participation.objects.filter(project=survivor, agency=municipality).exists()
    pair.refresh_from_db()
    assert pair.verdict == ProjectPair.Verdict.DUPLICATE and pair.decided_by == analyst
    # The merged project is out of detection, the queue and the totals.
    assert duplicates_find() == []
    assert not review_queue().exists()
    with pytest.raises(ValidationError):
        project_merge(pair=pair, survivor=first, reason="again", user=analyst)


def test_a_merged_project_leaves_site_search_at_once(
    twins, analyst, django_capture_on_commit_callbacks
):
    from eecportal.selectors import search_entries
    from eecportal.services import search_index_rebuild

    first, second = twins  # both public
    search_index_rebuild()
    duplicates_find()
    found = {e.url for e in search_entries(query="หนองไผ่", language="th").entries}
    assert found == {first.get_absolute_url(), second.get_absolute_url()}

    with django_capture_on_commit_callbacks(execute=True):
        project_merge(pair=ProjectPair.objects.get(), survivor=first, reason="ซ้ำ", user=analyst)

    found = {e.url for e in search_entries(query="หนองไผ่", language="th").entries}
    assert found == {first.get_absolute_url()}


def test_the_reconcile_repairs_an_index_that_drifted(twins):
    from eecportal.models import SearchEntry
    from eecportal.services import search_index_rebuild, search_index_reconcile

    first, second = twins  # both public
    search_index_rebuild()
    # Changes no signal heard: one record became internal, another lost its entries.
    Project.objects.filter(pk=first.pk).update(is_public=False)
    SearchEntry.objects.filter(object_id=second.pk, section="planning").delete()

    assert search_index_reconcile() == {"removed": 1, "added": 1}
    urls = set(SearchEntry.objects.values_list("url", flat=True))
    assert second.get_absolute_url() in urls and first.get_absolute_url() not in urls
    assert search_index_reconcile() == {"removed": 0, "added": 0}


def test_clusters_count_the_money_beyond_the_largest_project(twins):
    duplicates_find()
    [cluster] = duplicate_clusters()
    assert cluster["at_stake"] == 2_300_000


def test_find_duplicates_prints_every_candidate_as_json(twins):
    first, second = twins
    out = StringIO()
    call_command("find_duplicates", "--format", "json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert row["first"] == {"id": first.pk, "external_id": first.external_id}
    assert row["second"] == {"id": second.pk, "external_id": second.external_id}
    assert row["band"] == "probable" and 0 < row["score"] <= 1


def test_saving_a_project_queues_a_duplicate_check(
    project_factory, django_capture_on_commit_callbacks
):
    from unittest import mock

    with mock.patch("divisions.planning.tasks.duplicates_check_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            from divisions.planning.services import project_save

            project = project_factory()
            project.title_th = "ปรับปรุงภูมิทัศน์ชายหาด"
            project_save(project=project)
    delay.assert_called_once_with([project.pk])
