import io
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from divisions.planning.models import Budget, Project, ProjectImport
from divisions.planning.services import project_import_create, project_import_run
from divisions.planning.services.imports import FLAT_COLUMNS

from .fixtures import flat_row, write_csv


def _run(path, *, language="th", **options) -> ProjectImport:
    with translation.override(language), path.open("rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read())
        job = project_import_create(file=upload, queue=False, **options)
    return project_import_run(import_id=job.pk)


def _good_rows():
    return [
        flat_row(external_id="CB-001", title_th="ก่อสร้างถนน คสล. สายบ้านหนองไผ่ ม.3",
                 title_en="Concrete road, Ban Nong Phai", agency="อบจ.ชลบุรี", fiscal_year="2569",
                 budget_thb="2,500,000", province="ชลบุรี", district="บ้านบึง",
                 subdistrict="หนองชาก", village="3", latitude="13.31", longitude="101.10",
                 sector="transport", objective="เพื่อการสัญจร", target="ถนนยาว 1 กม."),
        flat_row(external_id="CB-001", title_th="ก่อสร้างถนน คสล. สายบ้านหนองไผ่ ม.3",
                 agency="อบจ.ชลบุรี", fiscal_year="๒๕๗๐", budget_thb="๑๐๐,๐๐๐"),
        flat_row(external_id="BB-7", title_th="ขุดลอกคลองหนองชาก",
                 agency="Ban Bueng Town Municipality", fiscal_year="2570", budget_thb="400000",
                 province="Chon Buri"),
    ]  # fmt: skip


def test_flat_template_imports_projects_with_budgets_by_year(tmp_path, pao, municipality):
    job = _run(write_csv(tmp_path / "projects.csv", _good_rows()))
    assert job.status == ProjectImport.Status.SUCCEEDED, job.report
    assert job.report == {"created": 2, "updated": 0, "projects": 2}
    road = Project.objects.get(external_id="CB-001")
    assert road.agency == pao and road.village == 3 and road.province == "TH-20"
    assert road.location.coords == pytest.approx((101.10, 13.31))
    assert dict(road.budgets.values_list("fiscal_year", "amount")) == {
        2569: Decimal("2500000.00"), 2570: Decimal("100000.00"),
    }  # fmt: skip
    assert road.fiscal_years == [2569, 2570] and road.budget_total == Decimal("2600000.00")
    assert Project.objects.get(external_id="BB-7").agency == municipality


def test_importing_the_same_file_again_updates_instead_of_duplicating(tmp_path, pao, municipality):
    path = write_csv(tmp_path / "projects.csv", _good_rows())
    _run(path)
    rows = _good_rows()
    rows[2][FLAT_COLUMNS.index("budget_thb")] = "450000"
    job = _run(write_csv(tmp_path / "again.csv", rows))
    assert job.report == {"created": 0, "updated": 2, "projects": 2}
    assert Project.objects.count() == 2
    assert Budget.objects.get(project__external_id="BB-7").amount == Decimal("450000.00")


def test_every_bad_row_is_reported_and_nothing_is_imported(tmp_path, pao):
    rows = [
        flat_row(external_id="1", title_th="ถนนสายใหม่", agency="กรมที่ไม่มีอยู่จริง",
                 fiscal_year="2569"),
        flat_row(external_id="2", title_th="ถนนสายสอง", agency="อบจ.ชลบุรี", fiscal_year="2569",
                 budget_thb="สองล้าน"),
        flat_row(external_id="3", title_th="ถนนสายสาม", agency="อบจ.ชลบุรี", fiscal_year="2026",
                 budget_thb="100"),
        flat_row(external_id="4", title_th="ถนนสายสี่", agency="อบจ.ชลบุรี", fiscal_year="2569",
                 latitude="35.68", longitude="139.69"),
        flat_row(external_id="5", title_th="ถนนสายห้า", agency="อบจ.ชลบุรี", fiscal_year="2569",
                 latitude="101.1", longitude="13.3"),
        flat_row(external_id="6", title_th="ถนนสายหก", agency="อบจ.ชลบุรี", fiscal_year="2569",
                 budget_thb="1000"),
    ]  # fmt: skip
    job = _run(write_csv(tmp_path / "bad.csv", rows), language="en")
    assert job.status == ProjectImport.Status.FAILED
    errors = {error["row"]: error["message"] for error in job.report["errors"]}
    assert set(errors) == {3, 5, 6}
    # An agency the portal does not know is a value to map, listed once with its rows.
    [unknown] = job.report["unknown"]
    assert unknown["kind"] == "agency" and unknown["value"] == "กรมที่ไม่มีอยู่จริง"
    assert unknown["rows"] == [2]
    assert "is not a number" in errors[3]
    assert "outside Thailand" in errors[5]
    assert "swapped" in errors[6]
    assert not Project.objects.exists() and not Budget.objects.exists()


def test_errors_are_written_in_the_uploaders_language(tmp_path, pao):
    rows = [flat_row(external_id="1", title_th="ถนน", agency="อบจ.ชลบุรี", fiscal_year="2569",
                     budget_thb="สองล้าน")]  # fmt: skip
    job = _run(write_csv(tmp_path / "bad.csv", rows), language="th")
    assert "ไม่ใช่ตัวเลข" in job.report["errors"][0]["message"]


def test_wrong_columns_are_named(tmp_path, pao):
    header = [*FLAT_COLUMNS[:6], "budget", *FLAT_COLUMNS[7:]]
    job = _run(write_csv(tmp_path / "bad.csv", [["x"] * 16], header=header), language="en")
    [error] = job.report["errors"]
    assert error["row"] == 1 and "Missing: budget_thb" in error["message"]


def _agency_table() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ลำดับ", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)",
                  "งบประมาณ 2568", "2569", "2570", "ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ",
                  "หมู่ที่", "ตำบล", "อำเภอ", "จังหวัด", "แบบ"])  # fmt: skip
    sheet.append([1, "ก่อสร้างรางระบายน้ำ คสล. หมู่ที่ 4", "แก้ไขน้ำท่วมขัง", "ยาว 300 เมตร",
                  None, 450000, "-", "น้ำไม่ท่วมขัง", "ประชาชนปลอดภัย", "๔", "ต.หนองชาก",
                  "บ้านบึง", "จ.ชลบุรี", "ผ.02/2"])  # fmt: skip
    sheet.append([2, "ติดตั้งไฟฟ้าส่องสว่าง บ้านมาบยาง", "ความปลอดภัย", "20 ต้น", 150000,
                  150000, 150000, "", "", 6, "หนองชาก", "บ้านบึง", "ชลบุรี", "ผ.02"])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_agency_table_with_a_budget_column_per_year_imports(tmp_path, pao):
    path = tmp_path / "p02.xlsx"
    path.write_bytes(_agency_table())
    job = _run(path, agency=pao)
    assert job.status == ProjectImport.Status.SUCCEEDED, job.report
    drain = Project.objects.get(title_th__startswith="ก่อสร้างรางระบายน้ำ")
    assert drain.form == Project.Form.P02_2 and drain.village == 4 and drain.kpi_th
    assert drain.fiscal_years == [2569]
    light = Project.objects.get(title_th__startswith="ติดตั้งไฟฟ้า")
    assert light.fiscal_years == [2568, 2569, 2570] and light.budget_total == 450000
    # The same table again: the same two projects, updated.
    assert _run(path, agency=pao).report["updated"] == 2
    assert Project.objects.count() == 2


def test_christian_era_years_are_read_as_the_buddhist_era_fiscal_year(tmp_path, pao):
    path = write_csv(tmp_path / "p02.csv", [["ถนน", "100"]], header=["โครงการ", "FY2026"])
    job = _run(path, agency=pao, language="en")
    assert job.status == ProjectImport.Status.SUCCEEDED, job.report
    assert Project.objects.get().fiscal_years == [2569]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("projects.pdf", b"%PDF-1.4", "not accepted"),
        ("projects.xlsx", b"just text", "damaged"),
        ("projects.csv", b"a,b\x00,c", "damaged"),
    ],
)
def test_uploads_are_checked_before_anything_reads_them(db, name, content, message):
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        project_import_create(file=SimpleUploadedFile(name, content), queue=False)
    assert not ProjectImport.objects.exists()


def test_a_zip_bomb_posing_as_xlsx_is_refused(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"0" * (600 * 1024 * 1024))
    with pytest.raises(ValidationError):
        project_import_create(file=SimpleUploadedFile("big.xlsx", buffer.getvalue()), queue=False)


def test_an_oversized_upload_is_refused(db, settings):
    settings.MAX_PROJECT_UPLOAD_MB = 0
    with pytest.raises(ValidationError):
        project_import_create(file=SimpleUploadedFile("p.csv", b"external_id\n1"), queue=False)


def test_running_an_import_twice_imports_it_once(tmp_path, pao, municipality):
    job = _run(write_csv(tmp_path / "projects.csv", _good_rows()))
    again = project_import_run(import_id=job.pk)
    assert again.status == ProjectImport.Status.SUCCEEDED
    assert Project.objects.count() == 2 and Budget.objects.count() == 3


def test_the_command_uses_the_same_service(tmp_path, pao, municipality):
    out = StringIO()
    call_command("import_projects", str(write_csv(tmp_path / "p.csv", _good_rows())), stdout=out)
    assert "2 projects: 2 created" in out.getvalue()
    bad = write_csv(tmp_path / "bad.csv", [flat_row(external_id="1", title_th="ถนน")])
    with pytest.raises(CommandError):
        call_command("import_projects", str(bad), stderr=StringIO())
    assert ProjectImport.objects.count() == 2
