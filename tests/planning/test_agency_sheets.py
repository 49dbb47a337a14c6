"""Agencies' own sheets (six layouts, `agency_sheets`): read as they are written, values in the
agencies' own words mapped once and remembered, places checked against the gazetteer, and the
duplicate finder's quality on them."""

import csv
import io
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from divisions.coordination.models import Agency
from divisions.planning.models import Project, ProjectImport, ValueMapping
from divisions.planning.services import (
    project_import_create,
    project_import_map,
    project_import_run,
)

from .agency_sheets import (
    MAPPING,
    agencies_create,
    duplicate_quality,
    files,
    sheets_import,
)


@pytest.fixture
def agencies(db):
    agencies_create()


def _upload(name: str, content: bytes, *, agency=None, language="en", user=None):
    with translation.override(language):
        job = project_import_create(
            file=SimpleUploadedFile(name, content), agency=agency, queue=False, user=user
        )
        return project_import_run(import_id=job.pk)


def _sheet(prefix: str) -> tuple[str, bytes, str | None]:
    return next(sheet for sheet in files() if sheet[0].startswith(prefix))


def test_every_layout_imports_whole_with_the_analysts_mapping(agencies):
    jobs = sheets_import()
    assert [job.status for job in jobs] == [ProjectImport.Status.SUCCEEDED] * 6, [
        job.report for job in jobs
    ]
    assert [job.report["projects"] for job in jobs] == [6, 6, 11, 8, 3, 4]
    # ผ.02 under title rows and headings over two merged rows: the agency, province, district
    # and subdistrict from its title, Thai digits, "-" for no budget, the total row skipped,
    # the division (กองช่าง) read as the agency itself.
    drain = Project.objects.get(title_th__startswith="โครงการวางท่อระบายน้ำ")
    assert drain.agency.slug == "nong-chak" and drain.form == Project.Form.P02
    assert (drain.province, drain.district_code, drain.subdistrict_code) == (
        "TH-20", "2002", "200206",
    )  # fmt: skip
    assert drain.fiscal_years == [2568] and drain.budget_total == Decimal("840000")
    assert drain.village == 6
    assert not Project.objects.filter(title_th__startswith="รวม").exists()
    # ผ.02/2: amounts in millions, the responsible agency by its abbreviation.
    bridge = Project.objects.get(title_th="ก่อสร้างสะพาน คสล. ข้ามคลองหลวง ม.5 ต.คลองกิ่ว")
    assert bridge.agency.slug == "pao-chonburi" and bridge.budget_total == Decimal("2500000")
    assert bridge.form == Project.Form.P02_2 and bridge.subdistrict_code == "200202"
    # The planning system's export in Windows Thai: sectors in its own words, mapped.
    water = Project.objects.get(external_id="PAO-70-0003")
    assert water.sector == "water" and water.fiscal_years == [2570]
    # The consolidation in English: Christian-era fiscal years, places in either script.
    seawall = Project.objects.get(title_th__endswith="หมู่ 4", agency__slug="pao-rayong")
    assert seawall.fiscal_years == [2570] and seawall.subdistrict_code == "210203"
    assert Project.objects.get(title_th__startswith="ปรับปรุงภูมิทัศน์").district == "บ้านฉาง"
    # ผ.03: equipment described under its target; ผ.02/1: "ม.๗", "900,000.-".
    truck = Project.objects.get(title_th__startswith="จัดซื้อรถบรรทุกขยะ")
    assert truck.form == Project.Form.P03 and truck.agency.slug == "nong-phai-kaeo"
    dredge = Project.objects.get(title_th="ขุดลอกคลองหนองปลาไหล ม.7")
    assert dredge.village == 7 and dredge.budget_total == Decimal("900000")
    assert dredge.form == Project.Form.P02_1 and dredge.subdistrict_code == "200202"


def test_unknown_values_are_listed_once_with_a_suggestion_and_nothing_is_imported(agencies):
    job = _upload(*_sheet("pao-planning-export")[:2])
    assert job.state()[0] == "mapping" and not Project.objects.exists()
    unknown = {(entry["kind"], entry["value"]): entry for entry in job.report["unknown"]}
    road = unknown[("sector", "ถนน")]
    assert road["count"] == 5 and road["suggestion"] == "transport"
    assert ["transport", "Roads and transport"] in road["choices"]
    assert unknown[("sector", "ขยะ")]["suggestion"] == "environment"
    assert unknown[("sector", "แรงงาน")]["suggestion"] == "economy"
    assert len(job.report["unknown"]) == 7  # seven words, each once


def test_a_misspelt_place_gets_did_you_mean(agencies):
    job = _upload(*_sheet("ผ02-2")[:2])
    [entry] = job.report["unknown"]
    assert (entry["kind"], entry["value"]) == ("subdistrict", "หนองไพแก้ว")
    assert entry["suggestion"] == "200208"  # หนองไผ่แก้ว, in the district the form names
    labels = dict(entry["choices"])
    assert labels["200208"].startswith("Nong Phai Kaeo")


def test_the_mapping_is_remembered_for_the_agency_and_its_next_file_imports(agencies, analyst):
    name, content, _slug = _sheet("pao-planning-export")
    job = _upload(name, content, user=analyst)
    answers = {index: entry["suggestion"] for index, entry in enumerate(job.report["unknown"])}
    again = project_import_map(job=job, answers=answers, user=analyst)
    assert ProjectImport.objects.get(pk=job.pk).state()[0] == "mapped"
    again = project_import_run(import_id=again.pk)
    assert again.status == ProjectImport.Status.SUCCEEDED, again.report
    assert Project.objects.filter(agency__slug="pao-chonburi").count() == 10
    mapping = ValueMapping.objects.get(kind="sector", value="ถนน", agency__slug="pao-chonburi")
    assert mapping.target == "transport" and mapping.created_by == analyst
    # The PAO's next file writes the same words: nothing to ask.
    rows = [["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงาน", "ด้าน", "งบประมาณ 2571"],
            ["PAO-71-0001", "ซ่อมสร้างถนนลาดยางสายบ้านบึง-หนองเสม็ด", "อบจ.ชลบุรี", "ถนน",
             "๒,๐๐๐,๐๐๐"]]  # fmt: skip
    buffer = StringIO()
    csv.writer(buffer).writerows(rows)
    following = _upload("next.csv", buffer.getvalue().encode())
    assert following.status == ProjectImport.Status.SUCCEEDED, following.report
    assert Project.objects.get(external_id="PAO-71-0001").sector == "transport"
    # Another agency writing ถนน is asked: what one agency means is not another's.
    rows[1][2], rows[1][0] = "อบต.หนองชาก", "NC-1"
    buffer = StringIO()
    csv.writer(buffer).writerows(rows)
    other = _upload("other.csv", buffer.getvalue().encode())
    assert [entry["value"] for entry in other.report["unknown"]] == ["ถนน"]


def test_mapping_answers_are_checked_and_nothing_is_remembered_when_one_is_wrong(agencies):
    job = _upload(*_sheet("pao-planning-export")[:2])
    answers = {index: entry["suggestion"] for index, entry in enumerate(job.report["unknown"])}
    answers[0] = "no-such-sector"
    with translation.override("th"), pytest.raises(ValidationError) as error:
        project_import_map(job=job, answers=answers)
    assert "ไม่ใช่ตัวเลือก" in error.value.messages[0]
    assert not ValueMapping.objects.exists()
    assert ProjectImport.objects.count() == 1


def test_an_unknown_agency_must_be_mapped_and_is_remembered_for_every_file(agencies):
    rows = [["โครงการ", "หน่วยงาน", "2569"], ["ถนนสายใหม่", "อบต.หนองชากก", "100000"]]
    buffer = StringIO()
    csv.writer(buffer).writerows(rows)
    job = _upload("typo.csv", buffer.getvalue().encode())
    [entry] = job.report["unknown"]
    assert entry["kind"] == "agency" and not entry["optional"]
    assert entry["suggestion"] == "nong-chak"
    with pytest.raises(ValidationError):
        project_import_map(job=job, answers={0: ""})
    again = project_import_run(import_id=project_import_map(job=job, answers={0: "nong-chak"}).pk)
    assert again.status == ProjectImport.Status.SUCCEEDED
    assert Project.objects.get().agency == Agency.objects.get(slug="nong-chak")


def test_the_command_takes_a_mapping_file_and_prints_the_lines_to_fill_in(agencies, tmp_path):
    name, content, _slug = _sheet("pao-planning-export")
    sheet = tmp_path / name
    sheet.write_bytes(content)
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("import_projects", str(sheet), "--language", "en", stderr=errors)
    assert "sector,ถนน,transport" in errors.getvalue()
    mapping = tmp_path / "mapping.csv"
    with mapping.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "value", "means"])
        writer.writerows([kind, value, means] for (kind, value), means in MAPPING.items())
    out = StringIO()
    call_command("import_projects", str(sheet), "--mapping", str(mapping), stdout=out)
    assert "11 projects: 11 created" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("colour,ถนน,red\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 1"):
        call_command("import_projects", str(sheet), "--mapping", str(bad))


def test_places_are_compared_by_the_gazetteers_codes(agencies, project_factory):
    thai = project_factory(title_th="ก่อสร้างเขื่อนกันคลื่น หมู่ 2", province="TH-21",
                           district="อ.บ้านฉาง", subdistrict="ต.บ้านฉาง",
                           budgets={2570: 1})  # fmt: skip
    english = project_factory(title_th="ก่อสร้างเขื่อนกันคลื่น หมู่ 2", province="TH-21",
                              district="Ban Chang", subdistrict="Ban Chang",
                              budgets={2570: 1})  # fmt: skip
    assert thai.subdistrict_code == english.subdistrict_code == "210203"
    assert thai.match_area == english.match_area


def test_duplicates_in_the_agencies_sheets_are_found_with_precision_and_recall_of_0_9(agencies):
    sheets_import()
    figures = duplicate_quality()["probable+review"]
    assert figures["precision"] >= 0.9, figures["wrong"]
    assert figures["recall"] >= 0.9, figures["missed"]


def test_a_plan_and_programme_in_the_agencys_words_are_suggested_and_mapped(agencies):
    from divisions.planning.models import Plan, PlanNode

    pao = Agency.objects.get(slug="pao-chonburi")
    plan = Plan.objects.create(title_th="แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570) อบจ.ชลบุรี",
                               title_en="PAO local development plan 2566-2570", agency=pao,
                               kind="local", start_year=2566, end_year=2570)  # fmt: skip
    roads = PlanNode.objects.create(plan=plan, level=PlanNode.Level.PROGRAMME, code="1.1",
                                    title_th="แผนงานอุตสาหกรรมและการโยธา",
                                    title="แผนงานอุตสาหกรรมและการโยธา")  # fmt: skip
    rows = [["โครงการ", "แผน", "แผนงาน", "2569"],
            ["ถนนสายใหม่", "แผนพัฒนาท้องถิ่น 2566-2570 อบจ.ชลบุรี", "2.1 แผนงานอุตสาหกรรมและการโยธา",
             "1,000,000"]]  # fmt: skip
    buffer = StringIO()
    csv.writer(buffer).writerows(rows)
    job = _upload("plan.csv", buffer.getvalue().encode(), agency=pao)
    # The programme is known under another number; the plan, written loosely, is suggested.
    [entry] = job.report["unknown"]
    assert entry["kind"] == "plan" and entry["suggestion"] == str(plan.pk)
    again = project_import_run(import_id=project_import_map(job=job, answers={0: str(plan.pk)}).pk)
    assert again.status == ProjectImport.Status.SUCCEEDED, again.report
    project = Project.objects.get()
    assert project.plan == plan and project.programme == roads


@pytest.mark.parametrize(
    ("written", "scale", "amount"),
    [("2,500,000", 1, "2500000"), ("๒,๕๐๐,๐๐๐", 1, "2500000"), ("2,500,000.-", 1, "2500000"),
     ("2.5 ล้านบาท", 1, "2500000"), ("1,250,000 บาท", 1, "1250000"), ("0.64", 1_000_000, "640000"),
     ("฿ 90,000", 1, "90000")],
)  # fmt: skip
def test_amounts_are_read_as_agencies_write_them(written, scale, amount):
    from divisions.planning.services.imports import _budget

    assert _budget(written, scale) == Decimal(amount)


@pytest.mark.parametrize(
    ("heading", "year"),
    [("2568", (2568, 1)), ("งบประมาณ 2569 (บาท)", (2569, 1)), ("ปี ๒๕๗๐", (2570, 1)),
     ("fy2026", (2569, 1)), ("ปี 2568 (ล้านบาท)", (2568, 1_000_000)), ("พ.ศ.2569", (2569, 1)),
     ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)", None), ("หมู่ที่", None), ("ที่", None)],
)  # fmt: skip
def test_budget_columns_are_found_by_their_headings(heading, year):
    from divisions.planning.services.imports import _heading, _year_heading

    assert _year_heading(_heading(heading)) == year


SAMPLE = {
    "title_th": "ก่อสร้างถนน คสล. ซอย 3 หมู่ที่ 2", "objective": "เพื่อการสัญจร",
    "target": "ยาว 200 เมตร", "kpi": "ร้อยละของผู้ใช้ทาง", "expected_result": "สัญจรสะดวก",
    "district": "อ.บ้านบึง", "subdistrict": "ต.หนองชาก", "village": "2", "agency": "กองช่าง",
    "programme": "", "external_id": "T-1", "fiscal_year": "2570", "budget_thb": "500,000",
    "province": "ชลบุรี", "sector": "transport",
}  # fmt: skip


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("layout", ["flat", "p02", "p02_1", "p02_2", "p03"])
def test_each_template_filled_in_by_an_agency_imports(agencies, admin_client, layout, language):
    """The admin's template of each layout, in Thai and English, filled in and uploaded."""
    from openpyxl import load_workbook

    from divisions.planning.services.imports import template_columns

    response = admin_client.get(f"/{language}/admin/planning/projectimport/template/{layout}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'projects-{layout}-{language}.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    row = []
    for name, *_headings in template_columns(layout):
        row += ["", "", "", "500,000", ""] if name == "years" else [SAMPLE.get(name, "")]
    sheet.append(row)
    assert any(str(code) == "transport" for (code, *_rest) in workbook.worksheets[1].values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    nong_chak = Agency.objects.get(slug="nong-chak")
    job = _upload(f"{layout}.xlsx", buffer.getvalue(), agency=nong_chak, language=language)
    assert job.status == ProjectImport.Status.SUCCEEDED, job.report
    project = Project.objects.get()
    assert project.agency == nong_chak and project.budget_total == Decimal("500000")
    assert project.title_th == SAMPLE["title_th"]
    if layout != "p03":
        assert project.subdistrict_code == "200206"


def test_templates_are_for_those_who_may_import(agencies, client):
    assert client.get("/th/admin/planning/projectimport/template/p02/").status_code == 302


def test_the_audit_log_credits_the_analyst_who_imported(agencies, analyst):
    from auditlog.models import LogEntry

    name, content, _slug = _sheet("ผ02-1")
    with translation.override("th"):
        job = project_import_create(
            file=SimpleUploadedFile(name, content), queue=False, user=analyst,
            agency=Agency.objects.get(slug="khlong-kio"),
        )  # fmt: skip
    project_import_run(import_id=job.pk)
    entries = LogEntry.objects.get_for_objects(Project.objects.all())
    assert entries.count() >= 4 and set(entries.values_list("actor", flat=True)) == {analyst.pk}


def test_a_jobs_title_is_in_local_time_and_the_readers_calendar(agencies, analyst):
    name, content, _slug = _sheet("ผ02-1")
    job = _upload(name, content, agency=Agency.objects.get(slug="khlong-kio"))
    local = timezone.localtime(job.created_at)
    with translation.override("th"):
        assert f"{local.year + 543} {local:%H:%M}" in str(job)
    with translation.override("en"):
        assert f"{local.year} {local:%H:%M}" in str(job)


def test_an_agency_cannot_be_mapped_to_nothing(agencies):
    rows = [["โครงการ", "หน่วยงาน", "2569"], ["ถนนสายใหม่", "อบต.หนองชากก", "100000"]]
    buffer = StringIO()
    csv.writer(buffer).writerows(rows)
    with translation.override("en"):
        job = project_import_create(
            file=SimpleUploadedFile("typo.csv", buffer.getvalue().encode()), queue=False
        )
        job = project_import_run(import_id=job.pk, mapping={("agency", "อบต.หนองชากก"): ""})
    assert [entry["kind"] for entry in job.report["unknown"]] == ["agency"]
    assert not Project.objects.exists()
