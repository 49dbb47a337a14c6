"""Importing project tables (CSV, XLSX): the flat template and the layout agencies already use
(one budget column per BE year). Every row is checked first, every bad row is reported with
its number and reason in the uploader's language, and the file imports whole or not at all."""

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from divisions.coordination.models import Agency
from divisions.core.geo import THAILAND
from divisions.core.jobs import upload_job_run
from divisions.core.provinces import Province
from divisions.core.uploads import check_upload, check_zip

from ..matching import THAI_DIGITS, normalise
from ..models import Budget, Plan, Project, ProjectImport, Sector
from .projects import duplicates_check_later, project_derive

FLAT_COLUMNS = [
    "external_id", "title_th", "title_en", "agency", "plan", "fiscal_year", "budget_thb",
    "province", "district", "subdistrict", "village", "latitude", "longitude", "sector",
    "objective", "target",
]  # fmt: skip

# Headings of the agencies' own tables (ผ.02 and its kin), as they write them.
AGENCY_HEADINGS = {
    "external_id": ("รหัสโครงการ", "รหัส", "project id"),
    "title_th": ("โครงการ", "ชื่อโครงการ", "project"),
    "title_en": ("ชื่อโครงการภาษาอังกฤษ", "project (english)"),
    "objective": ("วัตถุประสงค์", "objective"),
    "target": ("เป้าหมาย", "เป้าหมาย (ผลผลิตของโครงการ)", "target"),
    "kpi": ("ตัวชี้วัด", "ตัวชี้วัด (kpi)", "kpi"),
    "expected_result": ("ผลที่คาดว่าจะได้รับ", "expected result"),
    "agency": ("หน่วยงานรับผิดชอบ", "หน่วยงานรับผิดชอบหลัก", "หน่วยงาน", "agency"),
    "plan": ("แผน", "plan"),
    "province": ("จังหวัด", "province"),
    "district": ("อำเภอ", "district"),
    "subdistrict": ("ตำบล", "subdistrict"),
    "village": ("หมู่ที่", "หมู่", "village"),
    "latitude": ("ละติจูด", "latitude"),
    "longitude": ("ลองจิจูด", "longitude"),
    "sector": ("ด้าน", "sector"),
    "form": ("แบบ", "แบบฟอร์ม", "form"),
}
_YEAR_HEADING = re.compile(r"^(?:งบประมาณ|ปี|budget)?\s*(?:พ\.ศ\.|fy)?\s*(\d{4})\s*(?:\(บาท\))?$")
_FORMS = {normalise(label.split(":")[0]): value for value, label in
          [("02", "ผ.02"), ("02/1", "ผ.02/1"), ("02/2", "ผ.02/2"), ("03", "ผ.03")]}  # fmt: skip
SUFFIXES = {".csv", ".xlsx"}


class ImportRefused(Exception):
    """The file cannot be imported; `errors` lists why, by row where there is one."""

    def __init__(self, errors: list[dict]):
        super().__init__(errors[0]["message"])
        self.errors = errors


@dataclass
class ProjectRow:
    row: int
    agency: Agency
    external_id: str
    values: dict
    budgets: dict[int, Decimal] = field(default_factory=dict)


def project_upload_check(file: File) -> None:
    """Size, type by content and zip safety, before anything reads the table."""
    head = check_upload(
        file, limit_mb=settings.MAX_PROJECT_UPLOAD_MB, suffixes=SUFFIXES, types="CSV, XLSX"
    )
    suffix = PurePosixPath(file.name).suffix.lower()
    if suffix == ".csv" and b"\x00" in head:
        raise ValidationError(_("The file is damaged or not what its name says."))
    if suffix == ".xlsx":
        if not head.startswith(b"PK\x03\x04"):
            raise ValidationError(_("The file is damaged or not what its name says."))
        check_zip(file)
        with zipfile.ZipFile(file) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise ValidationError(_("The file is damaged or not what its name says."))
        file.seek(0)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(file: File) -> list[list[str]]:
    """The table's rows as text, header first."""
    file.seek(0)
    data = file.read()
    if PurePosixPath(file.name).suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp874")  # TIS-620 and Windows Thai, as older spreadsheets save
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def _heading(text: str) -> str:
    return " ".join(text.translate(THAI_DIGITS).lower().split())


def _columns(header: list[str]) -> tuple[dict[str, int], dict[int, int]]:
    """Where each field is (flat template or agency layout), and the budget columns by BE year."""
    headings = [_heading(h) for h in header]
    while headings and not headings[-1]:
        headings.pop()
    if headings and headings[0] == "external_id":
        if headings != FLAT_COLUMNS:
            missing = [c for c in FLAT_COLUMNS if c not in headings]
            extra = [h for h in headings if h not in FLAT_COLUMNS]
            raise ImportRefused([{"row": 1, "message": _(
                "The columns are not those of the template. Expected, in this order: "
                "%(expected)s. Missing: %(missing)s. Not expected: %(extra)s."
            ) % {"expected": ", ".join(FLAT_COLUMNS), "missing": ", ".join(missing) or "–",
                 "extra": ", ".join(extra) or "–"}}])  # fmt: skip
        return {name: index for index, name in enumerate(FLAT_COLUMNS)}, {}
    columns, years, errors = {}, {}, []
    lookup = {_heading(h): name for name, options in AGENCY_HEADINGS.items() for h in options}
    for index, heading in enumerate(headings):
        if heading in lookup:
            columns.setdefault(lookup[heading], index)
        elif match := _YEAR_HEADING.match(heading):
            year = int(match.group(1))
            if year < 2400:
                errors.append({"row": 1, "message": _(
                    "Column “%(heading)s”: %(year)d is a Christian-era year; budget columns "
                    "are named by the Buddhist-era fiscal year (%(be)d)."
                ) % {"heading": header[index], "year": year, "be": year + 543}})  # fmt: skip
            years[index] = year
    if "title_th" not in columns or not years:
        errors.append({"row": 1, "message": _(
            "The columns are neither the flat template (%(flat)s) nor an agency table with a "
            "project column (โครงการ) and one budget column per fiscal year (e.g. 2568)."
        ) % {"flat": ", ".join(FLAT_COLUMNS)}})  # fmt: skip
    if errors:
        raise ImportRefused(errors)
    return columns, years


class _Lookups:
    """Names as people write them, matched to agencies, provinces, sectors and plans."""

    def __init__(self):
        self.agencies: dict[str, Agency] = {}
        for agency in Agency.objects.all():
            for name in (agency.name_th, agency.name_en, agency.short_name_th,
                         agency.short_name_en, agency.slug):  # fmt: skip
                if name:
                    self.agencies.setdefault(normalise(name), agency)
        self.provinces: dict[str, str] = {}
        self.sectors: dict[str, str] = {}
        for language in ("th", "en"):
            with translation.override(language):
                for code, label in Province.choices:
                    self.provinces[normalise(str(label))] = code
                    self.provinces[normalise(code)] = code
                for code, label in Sector.choices:
                    self.sectors[normalise(str(label))] = code
                    self.sectors[normalise(code)] = code
        self.plans = {normalise(name): plan for plan in Plan.objects.all()
                      for name in (plan.title_th, plan.title_en) if name}  # fmt: skip


def _number(text: str) -> Decimal:
    cleaned = re.sub(r"[,\s]|บาท", "", text.translate(THAI_DIGITS))
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError from error
    if not value.is_finite():
        raise ValueError
    return value


def _fiscal_year(text: str) -> int:
    try:
        year = int(_number(text))
    except ValueError:
        raise ValueError(_("Fiscal year “%(value)s” is not a year.") % {"value": text}) from None
    if 1900 <= year < 2400:
        raise ValueError(_(
            "Fiscal year %(year)d is a Christian-era year; write the Buddhist-era year "
            "(%(be)d)."
        ) % {"year": year, "be": year + 543})  # fmt: skip
    if not 2500 <= year <= 2700:
        raise ValueError(_("Fiscal year %(year)d is not a Buddhist-era year.") % {"year": year})
    return year


def _budget(text: str) -> Decimal:
    try:
        amount = _number(text)
    except ValueError:
        raise ValueError(_("Budget “%(value)s” is not a number.") % {"value": text}) from None
    if amount < 0:
        raise ValueError(_("Budget %(value)s is negative.") % {"value": text})
    return amount.quantize(Decimal("0.01"))


def _location(latitude: str, longitude: str) -> Point | None:
    if not latitude and not longitude:
        return None
    if not (latitude and longitude):
        raise ValueError(_("Give both latitude and longitude, or neither."))
    try:
        lat, lon = float(_number(latitude)), float(_number(longitude))
    except ValueError:
        raise ValueError(_("Latitude and longitude must be numbers in degrees.")) from None
    west, south, east, north = THAILAND
    if west <= lon <= east and south <= lat <= north:
        return Point(lon, lat, srid=4326)
    if west <= lat <= east and south <= lon <= north:
        raise ValueError(_("Latitude and longitude seem to be swapped."))
    raise ValueError(
        _("The point %(lat)s, %(lon)s is outside Thailand.") % {"lat": latitude, "lon": longitude}
    )


def _parse_row(cells, columns, years, lookups, default_agency) -> ProjectRow:
    """One row as a project, or ValueError with every problem found in it."""

    def get(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    problems, values = [], {}

    def check(parse: Callable, *args):
        try:
            return parse(*args)
        except ValueError as error:
            problems.append(str(error))

    title = get("title_th")
    if not title:
        problems.append(_("The Thai title is missing."))
    values.update(title_th=title, title_en=get("title_en"), objective_th=get("objective"),
                  target_th=get("target"), kpi_th=get("kpi"),
                  expected_result_th=get("expected_result"),
                  district=get("district"), subdistrict=get("subdistrict"))  # fmt: skip
    agency = default_agency
    if name := get("agency"):
        agency = lookups.agencies.get(normalise(name))
        if agency is None:
            problems.append(_("Unknown agency “%(name)s”.") % {"name": name})
    elif agency is None:
        problems.append(_("The agency is missing."))
    if name := get("province"):
        values["province"] = lookups.provinces.get(normalise(re.sub(r"^(จ\.|จังหวัด)", "", name)))
        if values["province"] is None:
            problems.append(_("Unknown province “%(name)s”.") % {"name": name})
    if name := get("sector"):
        values["sector"] = lookups.sectors.get(normalise(name))
        if values["sector"] is None:
            problems.append(_("Unknown sector “%(name)s”.") % {"name": name})
    if name := get("plan"):
        values["plan"] = lookups.plans.get(normalise(name))
        if values["plan"] is None:
            problems.append(_("Unknown plan “%(name)s”.") % {"name": name})
    if name := get("form"):
        values["form"] = _FORMS.get(normalise(name))
        if values["form"] is None:
            problems.append(_("Unknown form “%(name)s” (ผ.02, ผ.02/1, ผ.02/2 or ผ.03).")
                            % {"name": name})  # fmt: skip
    if village := get("village"):
        digits = re.sub(r"\D", "", village.translate(THAI_DIGITS))
        if not digits or not 0 < int(digits) < 1000:
            problems.append(_("Village number “%(value)s” is not a number.") % {"value": village})
        else:
            values["village"] = int(digits)
    values["location"] = check(_location, get("latitude"), get("longitude"))
    budgets = {}
    if columns.get("fiscal_year") is not None:  # flat template: one year a row
        year, amount = get("fiscal_year"), get("budget_thb")
        if amount and not year:
            problems.append(_("A budget needs its fiscal year."))
        if year and (year := check(_fiscal_year, year)):
            if amount and (amount := check(_budget, amount)) is not None:
                budgets[year] = amount
    for index, year in years.items():
        text = cells[index].strip() if index < len(cells) else ""
        if text and text not in ("-", "–"):
            amount = check(_budget, text)
            if amount is not None:
                budgets[year] = amount
    if problems:
        raise ValueError("; ".join(problems))
    external_id = get("external_id") or "auto-" + normalise(title)[:80] + (
        f"-{values['village']}" if values.get("village") else ""
    )
    return ProjectRow(row=0, agency=agency, external_id=external_id, values=values,
                      budgets=budgets)  # fmt: skip


def projects_parse(*, file: File, agency: Agency | None = None) -> list[ProjectRow]:
    """Every row checked; ImportRefused lists every bad row, and nothing has been written."""
    try:
        table = read_table(file)
    except (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, KeyError, OSError) as error:
        message = _("The file cannot be read as a table.")
        raise ImportRefused([{"row": 0, "message": message}]) from error
    if not table or not any(table[0]):
        raise ImportRefused([{"row": 0, "message": _("The file is empty.")}])
    columns, years = _columns(table[0])
    lookups = _Lookups()
    parsed: dict[tuple[int, str], ProjectRow] = {}
    errors = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        try:
            row = _parse_row(cells, columns, years, lookups, agency)
        except ValueError as error:
            errors.append({"row": number, "message": str(error)})
            continue
        row.row = number
        key = (row.agency.pk, row.external_id)
        if earlier := parsed.get(key):
            if earlier.values["title_th"] != row.values["title_th"]:
                errors.append({"row": number, "message": _(
                    "Project %(id)s appeared in row %(row)d with another title."
                ) % {"id": row.external_id, "row": earlier.row}})  # fmt: skip
            elif set(earlier.budgets) & set(row.budgets):
                errors.append({"row": number, "message": _(
                    "Project %(id)s already has a budget for this fiscal year in row %(row)d."
                ) % {"id": row.external_id, "row": earlier.row}})  # fmt: skip
            else:
                earlier.budgets.update(row.budgets)
            continue
        parsed[key] = row
    if errors:
        raise ImportRefused(errors)
    if not parsed:
        raise ImportRefused([{"row": 0, "message": _("The file has no projects.")}])
    return list(parsed.values())


@transaction.atomic
def projects_write(*, rows: list[ProjectRow], is_public: bool = False,
                   progress: Callable[[int], None] | None = None) -> dict:  # fmt: skip
    """Create or update the projects (by agency and external ID) in one transaction; each
    project's planned budgets become those of the file."""
    existing = {
        (p.agency_id, p.external_id): p
        for p in Project.objects.filter(
            external_id__in=[r.external_id for r in rows], agency__in={r.agency for r in rows}
        )
    }
    created = updated = 0
    ids = []
    for index, row in enumerate(rows):
        project = existing.get((row.agency.pk, row.external_id))
        if project is None:
            project = Project(agency=row.agency, external_id=row.external_id, is_public=is_public)
            created += 1
        else:
            updated += 1
        for name, value in row.values.items():
            if value not in ("", None) or name == "location":
                setattr(project, name, value)
        project.save()
        project.budgets.filter(kind=Budget.Kind.PLANNED, source="").exclude(
            fiscal_year__in=row.budgets
        ).delete()
        for year, amount in row.budgets.items():
            Budget.objects.update_or_create(
                project=project, fiscal_year=year, kind=Budget.Kind.PLANNED, source="",
                defaults={"amount": amount},
            )  # fmt: skip
        project_derive(project=project)
        ids.append(project.pk)
        if progress and index % 50 == 0:
            progress(int(100 * index / len(rows)))
    duplicates_check_later(ids)
    return {"created": created, "updated": updated, "projects": len(rows)}


def project_import_create(
    *, file: File, user=None, agency: Agency | None = None, is_public: bool = False,
    queue: bool = True,
) -> ProjectImport:  # fmt: skip
    """Check an upload and queue its import; nothing is stored when the check fails."""
    from ..tasks import project_import_task

    project_upload_check(file)
    job = ProjectImport.objects.create(
        file=file, agency=agency, is_public=is_public, created_by=user,
        language=translation.get_language() or "th",
    )  # fmt: skip
    if queue:
        transaction.on_commit(lambda: project_import_task.delay(job.pk))
    return job


def project_import_run(*, import_id: int) -> ProjectImport:
    """Run one import to its end; running it again (a retried task) imports it once."""
    job = ProjectImport.objects.select_related("agency").get(pk=import_id)

    def stage() -> list[ProjectRow]:
        job.progress_set(5, _("Checking every row"))
        with job.file.open("rb") as handle:
            rows = projects_parse(file=File(handle, name=job.file.name), agency=job.agency)
        job.progress_set(30, _("Writing the projects"))
        return rows

    def write(rows: list[ProjectRow]) -> dict:
        label = _("Writing the projects")
        return projects_write(
            rows=rows,
            is_public=job.is_public,
            progress=lambda p: job.progress_set(30 + p * 65 // 100, label),
        )

    return upload_job_run(
        job, stage=stage, write=write, refusals=(ImportRefused,),
        failure=lambda refused: {"stage": _("Nothing was imported"),
                                 "report": {"errors": refused.errors}},
    )  # fmt: skip
