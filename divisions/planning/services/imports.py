"""Importing project tables (CSV, XLSX): the flat template and the tables agencies already
have (the local plan's forms and planning systems' exports: title rows above the table,
headings over two merged rows, one budget column per fiscal year, BE or CE years, Thai digits,
amounts in baht or millions). Every row is checked first, every bad row is reported with its
number and reason in the uploader's language, values written in the agency's own words are
listed once to be mapped (and the mapping remembered for the agency), and the file imports
whole or not at all."""

import csv
import difflib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import PurePosixPath

import geothai
from auditlog.context import set_actor
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from divisions.coordination.models import Agency
from divisions.core import gazetteer
from divisions.core.geo import THAILAND
from divisions.core.jobs import upload_job_run
from divisions.core.provinces import Province
from divisions.core.uploads import check_upload, check_zip

from ..matching import THAI_DIGITS, normalise
from ..models import Budget, Plan, PlanNode, Project, ProjectImport, Sector, ValueMapping
from .projects import duplicates_check_later, project_derive

FLAT_COLUMNS = [
    "external_id", "title_th", "title_en", "agency", "plan", "fiscal_year", "budget_thb",
    "province", "district", "subdistrict", "village", "latitude", "longitude", "sector",
    "objective", "target",
]  # fmt: skip

# Headings of the agencies' own tables (ผ.02, ผ.02/1, ผ.02/2, ผ.03 and planning systems'
# exports), as they write them.
AGENCY_HEADINGS = {
    "external_id": ("รหัสโครงการ", "รหัส", "project id", "project code", "code"),
    "title_th": ("โครงการ", "ชื่อโครงการ", "โครงการ/กิจกรรม", "ชื่อโครงการ/กิจกรรม", "รายการ",
                 "project", "project name", "project title", "title",
                 "เป้าหมาย (ผลผลิตของครุภัณฑ์)", "equipment (output)", "equipment"),
    "title_en": ("ชื่อโครงการภาษาอังกฤษ", "project (english)", "project name (english)"),
    "objective": ("วัตถุประสงค์", "objective", "objectives"),
    "target": ("เป้าหมาย", "เป้าหมาย (ผลผลิตของโครงการ)", "target", "output"),
    "kpi": ("ตัวชี้วัด", "ตัวชี้วัด (kpi)", "kpi", "indicator"),
    "expected_result": ("ผลที่คาดว่าจะได้รับ", "expected result", "expected results"),
    "agency": ("หน่วยงานรับผิดชอบ", "หน่วยงานรับผิดชอบหลัก", "หน่วยงาน", "หน่วยงานที่เสนอ",
               "หน่วยงานเจ้าของโครงการ", "agency", "responsible agency"),
    "plan": ("แผน", "แผนพัฒนา", "plan"),
    "programme": ("แผนงาน", "programme", "program"),
    "province": ("จังหวัด", "province", "changwat"),
    "district": ("อำเภอ", "district", "amphoe"),
    "subdistrict": ("ตำบล", "subdistrict", "sub-district", "tambon"),
    "village": ("หมู่ที่", "หมู่", "village", "village no.", "moo"),
    "latitude": ("ละติจูด", "latitude", "lat"),
    "longitude": ("ลองจิจูด", "longitude", "lon", "lng"),
    "sector": ("ด้าน", "สาขา", "ประเภทโครงการ", "sector"),
    "form": ("แบบ", "แบบฟอร์ม", "form"),
}  # fmt: skip
# A budget column's heading: one year (BE, or CE) and words such as งบประมาณ, ปี, พ.ศ., บาท.
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_YEAR_WORDS = re.compile(
    r"งบประมาณ(?:และที่มา|และที่ผ่านมา)?|ปีงบประมาณ|ปี|พ\.\s*ศ\.?|ค\.\s*ศ\.?|fy|fiscal|year|budget|"
    r"ล้านบาท|พันบาท|บาท|ล้าน|million|thousand|thb|baht|[()\[\]:.\-/]|\s",
    re.IGNORECASE,
)
_MILLIONS = re.compile(r"ล้าน|million", re.IGNORECASE)
_THOUSANDS = re.compile(r"พันบาท|thousand", re.IGNORECASE)
_TOTAL = re.compile(r"^(?:รวม|ยอดรวม|total)", re.IGNORECASE)
_FORM = re.compile(r"ผ\s*\.?\s*0?([23])(?:\s*/\s*([12]))?")
_FORMS = {"2": "02", "2/1": "02/1", "2/2": "02/2", "3": "03"}
SUFFIXES = {".csv", ".xlsx"}
_HEADING_ROWS_SCANNED = 25


class ImportRefused(Exception):
    """The file cannot be imported; `errors` lists why, by row where there is one, and
    `unknown` the values it writes in its own words that an analyst may map."""

    def __init__(self, errors: list[dict], unknown: list[dict] | None = None):
        super().__init__(errors[0]["message"] if errors else "unknown values")
        self.errors = errors
        self.unknown = unknown or []


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
    return " ".join(str(value).split())


def read_table(file: File) -> list[list[str]]:
    """The table's rows as text (a cell's lines joined by spaces), header first."""
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
    return [[_cell(cell) for cell in row] for row in csv.reader(io.StringIO(text))]


def _heading(text: str) -> str:
    return " ".join(text.translate(THAI_DIGITS).lower().split())


def _year_heading(heading: str) -> tuple[int, int] | None:
    """(fiscal year BE, multiplier) of a budget column's heading, or None. A Christian-era
    year is read as the Buddhist-era one (2026 is 2569); "ล้านบาท" means amounts in millions."""
    years = _YEAR.findall(heading)
    if len(years) != 1 or _YEAR_WORDS.sub("", _YEAR.sub("", heading)):
        return None
    year = int(years[0])
    if 1950 <= year < 2400:
        year += 543
    if not 2500 <= year <= 2700:
        return None
    scale = 1_000_000 if _MILLIONS.search(heading) else 1000 if _THOUSANDS.search(heading) else 1
    return year, scale


@lru_cache(maxsize=1)
def _heading_fields() -> dict[str, str]:
    return {_heading(h): name for name, options in AGENCY_HEADINGS.items() for h in options}


def _field(heading: str) -> str | None:
    """The field a column's heading names, with or without a note in brackets."""
    fields = _heading_fields()
    return fields.get(heading) or fields.get(re.sub(r"\s*\(.*\)$", "", heading))


@dataclass
class _Layout:
    columns: dict[str, int]
    years: dict[int, tuple[int, int]]  # column → (fiscal year, multiplier)
    first_row: int  # index of the first data row


def _read_headings(headings: list[str]) -> tuple[dict[str, int], dict[int, tuple[int, int]]]:
    columns, years = {}, {}
    for index, heading in enumerate(headings):
        if not heading:
            continue
        if name := _field(heading):
            columns.setdefault(name, index)
        elif year := _year_heading(heading):
            years[index] = year
    return columns, years


def _two_rows(upper: list[str], lower: list[str]) -> list[str]:
    """Headings over two rows, as merged cells leave them: the upper cell runs on to the right
    over the columns the lower row divides ("งบประมาณ" over "2566 (บาท)", "2567 (บาท)")."""
    merged, carried = [], ""
    for index in range(max(len(upper), len(lower))):
        top = upper[index] if index < len(upper) else ""
        bottom = lower[index] if index < len(lower) else ""
        carried = top or carried
        if not bottom:
            merged.append(top)
        elif _field(_heading(bottom)) or _year_heading(_heading(bottom)):
            merged.append(bottom)
        else:
            merged.append(f"{carried} {bottom}".strip())
    return [_heading(h) for h in merged]


def _layout(table: list[list[str]]) -> _Layout:
    """Where the heading rows are (under any title rows of a form), and which field or fiscal
    year each column holds."""
    best, best_score = None, 0
    for index in range(min(_HEADING_ROWS_SCANNED, len(table))):
        options = [([_heading(h) for h in table[index]], index + 1)]
        if index + 1 < len(table):
            options.append((_two_rows(table[index], table[index + 1]), index + 2))
        for headings, first_row in options:
            columns, years = _read_headings(headings)
            score = len(columns) + len(years)
            if "title_th" in columns and years and score > best_score:
                best, best_score = _Layout(columns, years, first_row), score
    if best is None:
        raise ImportRefused([{"row": 1, "message": _(
            "The columns are neither the flat template (%(flat)s) nor an agency table with a "
            "project column (โครงการ) and one budget column per fiscal year (e.g. 2568)."
        ) % {"flat": ", ".join(FLAT_COLUMNS)}}])  # fmt: skip
    return best


def _flat_layout(header: list[str]) -> _Layout | None:
    headings = [_heading(h) for h in header]
    while headings and not headings[-1]:
        headings.pop()
    if not headings or headings[0] != "external_id":
        return None
    if headings != FLAT_COLUMNS:
        missing = [c for c in FLAT_COLUMNS if c not in headings]
        extra = [h for h in headings if h not in FLAT_COLUMNS]
        raise ImportRefused([{"row": 1, "message": _(
            "The columns are not those of the template. Expected, in this order: "
            "%(expected)s. Missing: %(missing)s. Not expected: %(extra)s."
        ) % {"expected": ", ".join(FLAT_COLUMNS), "missing": ", ".join(missing) or "–",
             "extra": ", ".join(extra) or "–"}}])  # fmt: skip
    return _Layout({name: index for index, name in enumerate(FLAT_COLUMNS)}, {}, 1)


# Words that tell which sector a value written in an agency's own words belongs to, for the
# suggestion shown beside it (an analyst confirms it).
SECTOR_WORDS = {
    "transport": ("ถนน", "คมนาคม", "ขนส่ง", "สะพาน", "ทางเท้า", "จราจร", "road", "transport"),
    "water": ("ประปา", "น้ำ", "ชลประทาน", "ขุดลอก", "water", "drain"),
    "environment": ("ขยะ", "สิ่งแวดล้อม", "ป่า", "มลพิษ", "ทรัพยากรธรรมชาติ", "waste",
                    "environment"),
    "economy": ("แรงงาน", "เศรษฐกิจ", "อาชีพ", "ลงทุน", "พาณิชย์", "อุตสาหกรรม", "รายได้",
                "economy", "labour", "jobs", "investment"),
    "tourism": ("ท่องเที่ยว", "tourism"),
    "agriculture": ("เกษตร", "ประมง", "ปศุสัตว์", "agricult", "fisher"),
    "education": ("การศึกษา", "ศึกษา", "โรงเรียน", "เด็ก", "education", "school", "skill"),
    "health": ("สาธารณสุข", "สุขภาพ", "โรงพยาบาล", "อนามัย", "health"),
    "society": ("สังคม", "ผู้สูงอายุ", "คุณภาพชีวิต", "ความปลอดภัย", "กีฬา", "วัฒนธรรม", "ศาสนา",
                "ชุมชน", "society", "social", "community"),
    "administration": ("บริหาร", "การเมือง", "ราชการ", "administration", "governance"),
}  # fmt: skip


def _closest(key: str, options: dict[str, str], limit: int = 3) -> list[str]:
    """The targets of the option keys closest in spelling to `key`."""
    found = []
    for match in difflib.get_close_matches(key, list(options), n=limit * 3, cutoff=0.55):
        if options[match] not in found:
            found.append(options[match])
    return found[:limit]


class _Lookups:
    """Names as people write them, matched to agencies, provinces, areas, sectors, plans and
    programmes: directly, or through a mapping an analyst confirmed for the agency (or given on
    the command line). What neither knows is collected, once per value, in `unknown`."""

    def __init__(self, extra: dict[tuple[str, str], str] | None = None):
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
        self.plans: dict[str, Plan] = {}
        for plan in Plan.objects.all():
            self.plans[str(plan.pk)] = plan
            for name in (plan.title_th, plan.title_en):
                if name:
                    self.plans[normalise(name)] = plan
        self.programmes: dict[str, PlanNode] = {}
        for node in PlanNode.objects.filter(level=PlanNode.Level.PROGRAMME).order_by("pk"):
            self.programmes.setdefault(str(node.pk), node)
            for name in (node.title_th, node.title_en):
                if name:
                    self.programmes.setdefault(_programme_key(name), node)
        self.mappings = {
            (agency_id, kind, key): target
            for agency_id, kind, key, target in ValueMapping.objects.values_list(
                "agency_id", "kind", "key", "target"
            )
        }
        # Mappings given for this run (command line): for every agency.
        for (kind, value), target in (extra or {}).items():
            self.mappings[(None, kind, _mapping_key(kind, value))] = target
        self.unknown: dict[tuple[str, str], dict] = {}

    # What each kind of value is when written directly (or as a mapping's target).
    def known(self, kind: str, text: str, where: str = ""):
        key = normalise(text)
        if kind == ValueMapping.Kind.AGENCY:
            return self.agencies.get(key)
        if kind == ValueMapping.Kind.SECTOR:
            return self.sectors.get(key)
        if kind == ValueMapping.Kind.PLAN:
            return self.plans.get(key) or self.plans.get(text.strip())
        if kind == ValueMapping.Kind.PROGRAMME:
            return self.programmes.get(_programme_key(text)) or self.programmes.get(text.strip())
        if kind == ValueMapping.Kind.FORM:
            match = _FORM.search(text.translate(THAI_DIGITS).replace(" ", ""))
            if match is None and (bare := text.strip()) in _FORMS.values():
                return bare
            return _FORMS.get("/".join(filter(None, match.groups()))) if match else None
        if kind == ValueMapping.Kind.PROVINCE:
            return self.provinces.get(normalise(re.sub(r"^\s*(จ\.|จังหวัด)", "", text)))
        if kind == ValueMapping.Kind.DISTRICT:
            found = gazetteer.district_find(where, text)
            if found is None and text.strip().isdigit():
                found = geothai.district(text.strip())
                found = found if found and f"TH-{found.province_code}" == where else None
            return found
        if kind == ValueMapping.Kind.SUBDISTRICT:
            if len(where) == 4:
                found = gazetteer.subdistrict_find(where, text)
            else:
                found = gazetteer.subdistrict_in_province(where, text)
            if found is None and text.strip().isdigit():
                found = geothai.subdistrict(text.strip())
                areas = (found.district_code, f"TH-{found.province_code}") if found else ()
                found = found if where in areas else None
            return found
        raise ValueError(kind)

    def resolve(self, kind: str, text: str, *, row: int, agency: Agency | None, where: str = ""):
        """The value `text` means, or None after noting it as unknown."""
        if (found := self.known(kind, text, where)) is not None:
            return found
        key = _mapping_key(kind, text, where)
        scope = None if kind == ValueMapping.Kind.AGENCY or agency is None else agency.pk
        keys = [key, _mapping_key(kind, text)] if where else [key]
        found_targets = (self.mappings.get((s, kind, k)) for k in keys for s in (scope, None))
        target = next((t for t in found_targets if t is not None), None)
        if target == "" and kind != ValueMapping.Kind.AGENCY:  # chosen to be left empty
            return None
        if target is not None and (found := self.known(kind, target, where)) is not None:
            return found
        entry = self.unknown.setdefault((kind, key), {
            "kind": kind, "value": text.strip(), "key": key, "where": where, "rows": [],
            "agencies": [],
        })  # fmt: skip
        entry["rows"].append(row)
        if scope not in entry["agencies"]:
            entry["agencies"].append(scope)
        return None

    def _options(self, kind: str, where: str) -> dict[str, tuple[str, str]]:
        """What a value of this kind may be mapped to: {key compared: (target, label)}."""
        options = {}
        if kind == ValueMapping.Kind.AGENCY:
            for key, agency in self.agencies.items():
                options[key] = (agency.slug, str(agency))
        elif kind == ValueMapping.Kind.SECTOR:
            for code, label in Sector.choices:
                options[normalise(str(label))] = (code, str(label))
        elif kind == ValueMapping.Kind.PLAN:
            for key, plan in self.plans.items():
                if not key.isdigit():
                    options[key] = (str(plan.pk), str(plan))
        elif kind == ValueMapping.Kind.PROGRAMME:
            for key, node in self.programmes.items():
                if not key.isdigit():
                    options[key] = (str(node.pk), f"{node.plan} · {node.title}")
        elif kind == ValueMapping.Kind.FORM:
            for code, label in Project.Form.choices:
                options[normalise(str(label))] = (code, str(label))
        elif kind == ValueMapping.Kind.PROVINCE:
            for code, label in Province.choices:
                options[normalise(str(label))] = (code, str(label))
        elif kind == ValueMapping.Kind.DISTRICT:
            for district in geothai.districts(where.removeprefix("TH-")):
                options[normalise(district.name_th)] = (
                    district.code,
                    gazetteer.area_label(district.code, district.name_th),
                )
        elif kind == ValueMapping.Kind.SUBDISTRICT:
            districts = ([geothai.district(where)] if len(where) == 4
                         else geothai.districts(where.removeprefix("TH-")))  # fmt: skip
            for district in districts:
                for place in geothai.subdistricts(district.code):
                    name = gazetteer.area_label(place.code, place.name_th)
                    label = f"{name} ({gazetteer.area_label(district.code, district.name_th)})"
                    options[normalise(place.name_th)] = (place.code, label)
        return options

    def _suggest(self, entry: dict, options: dict[str, tuple[str, str]]) -> str:
        kind, key = entry["kind"], normalise(entry["value"])
        if kind == ValueMapping.Kind.SECTOR:
            for code, words in SECTOR_WORDS.items():
                if any(normalise(word) in key for word in words):
                    return code
        if kind == ValueMapping.Kind.DISTRICT:
            found = gazetteer.district_suggest(entry["where"], entry["value"], 1)
            return found[0].code if found else ""
        if kind == ValueMapping.Kind.SUBDISTRICT and len(entry["where"]) == 4:
            found = gazetteer.subdistrict_suggest(entry["where"], entry["value"], 1)
            return found[0].code if found else ""
        targets = {option_key: target for option_key, (target, _label) in options.items()}
        found = _closest(key, targets, 1)
        if not found:  # a short name inside a long one: "หนองขาม" in อบต.หนองขาม
            found = [target for option_key, target in targets.items()
                     if len(key) >= 4 and key in option_key][:1]  # fmt: skip
        return found[0] if found else ""

    def unknown_report(self) -> list[dict]:
        """Each unknown value once, with the best suggestion and the choices, for the mapping
        step (and the command line's message)."""
        report = []
        for entry in self.unknown.values():
            options = self._options(entry["kind"], entry["where"])
            choices = sorted(set(options.values()), key=lambda choice: choice[1])
            suggestion = self._suggest(entry, options)
            if entry["kind"] == ValueMapping.Kind.AGENCY:  # thousands: offer the closest
                targets = {key: target for key, (target, _label) in options.items()}
                close = _closest(normalise(entry["value"]), targets, 10)
                choices = [choice for choice in choices if choice[0] in close]
            report.append({
                **entry, "kind_label": str(ValueMapping.Kind(entry["kind"]).label),
                "count": len(entry["rows"]), "rows": entry["rows"][:10],
                "suggestion": suggestion, "choices": [list(choice) for choice in choices],
                "optional": entry["kind"] != ValueMapping.Kind.AGENCY,
            })  # fmt: skip
        return report


def _mapping_key(kind: str, text: str, where: str = "") -> str:
    """A value as mappings remember it: normalised (a programme without its number); an
    area's within its province or district, which a mapping file need not give."""
    key = _programme_key(text) if kind == ValueMapping.Kind.PROGRAMME else normalise(text)
    return f"{where}|{key}" if where else key


def _programme_key(text: str) -> str:
    return normalise(re.sub(r"^\s*(?:\d+(?:\.\d+)*\s*)?(?:แผนงาน)?", "", text))


def _number(text: str) -> Decimal:
    cleaned = re.sub(r"[,\s]|บาท|thb|฿|\.-$|-$", "", text.translate(THAI_DIGITS),
                     flags=re.IGNORECASE)  # fmt: skip
    cleaned = _MILLIONS.sub("", cleaned)
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError from error
    if not value.is_finite():
        raise ValueError
    return value


def _fiscal_year(text: str) -> int:
    """A fiscal year as written: BE (2569, ๒๕๖๙, พ.ศ. 2569) or CE (2026, read as 2569)."""
    digits = re.sub(r"^(?:พ\.\s*ศ\.|ปี(?:งบประมาณ)?|fy)\s*", "", text.translate(THAI_DIGITS),
                    flags=re.IGNORECASE)  # fmt: skip
    try:
        year = int(_number(digits))
    except ValueError:
        raise ValueError(_("Fiscal year “%(value)s” is not a year.") % {"value": text}) from None
    if 1950 <= year < 2400:
        year += 543
    if not 2500 <= year <= 2700:
        raise ValueError(_("Fiscal year %(year)d is not a Buddhist-era year.") % {"year": year})
    return year


def _budget(text: str, scale: int = 1) -> Decimal:
    """An amount as written: "2,500,000", "๒,๕๐๐,๐๐๐", "2,500,000.-", "2.5 ล้านบาท"; in
    millions where the column says so (scale)."""
    try:
        amount = _number(text)
    except ValueError:
        raise ValueError(_("Budget “%(value)s” is not a number.") % {"value": text}) from None
    if amount < 0:
        raise ValueError(_("Budget %(value)s is negative.") % {"value": text})
    if _MILLIONS.search(text):
        scale = 1_000_000
    return (amount * scale).quantize(Decimal("0.01"))


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


@dataclass
class _Context:
    """What a form says above its table or in its section rows, for rows that do not say it:
    the agency and area in its title, the form (แบบ ผ.02), the programme (1.1 แผนงาน…)."""

    agency: Agency | None = None
    province: str = ""
    district: str = ""
    subdistrict: str = ""
    form: str = ""
    programme: str = ""


_PREAMBLE_PROVINCE = re.compile(r"(?:จังหวัด|จ\.)\s*([\u0e00-\u0e7f]+)")
_PREAMBLE_DISTRICT = re.compile(r"(?:อำเภอ|อ\.)\s*([\u0e00-\u0e7f]+)")
_PREAMBLE_SUBDISTRICT = re.compile(r"ตำบล([\u0e00-\u0e7f]+)")  # องค์การบริหารส่วนตำบลหนองชาก
# A form's "responsible agency" column often names the agency's own division (กองช่าง,
# สำนักปลัด): the agency whose form it is.
_OWN_DIVISION = re.compile(r"^\s*(?:กอง|สำนักปลัด|สำนักงานปลัด|ส่วน|งาน|ฝ่าย)")
_SECTION_PROGRAMME = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*)?แผนงาน")


def _preamble(rows: list[list[str]], lookups: _Lookups, agency: Agency | None) -> _Context:
    context = _Context(agency=agency)
    for cells in rows:
        line = " ".join(cell for cell in cells if cell)
        if not line:
            continue
        if not context.form and (form := lookups.known(ValueMapping.Kind.FORM, line)):
            context.form = form
        if context.agency is None:
            key = normalise(line)
            named = [a for name, a in lookups.agencies.items() if len(name) > 8 and name in key]
            if named:
                context.agency = max(named, key=lambda a: len(normalise(a.name_th)))
        if not context.province and (match := _PREAMBLE_PROVINCE.search(line)):
            context.province = lookups.known(ValueMapping.Kind.PROVINCE, match.group(1)) or ""
        if not context.district and (match := _PREAMBLE_DISTRICT.search(line)):
            context.district = match.group(1)
        if not context.subdistrict and (match := _PREAMBLE_SUBDISTRICT.search(line)):
            context.subdistrict = match.group(1)
        if _SECTION_PROGRAMME.match(line):
            context.programme = line
    if not context.province and context.agency is not None:
        context.province = context.agency.province  # a form's places are its agency's
    return context


def _parse_row(cells, layout: _Layout, lookups: _Lookups, context: _Context,
               number: int) -> ProjectRow:  # fmt: skip
    """One row as a project, or ValueError with every problem found in it. Values the lookups
    do not know are noted there (the mapping step) and left empty here."""
    columns = layout.columns

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
                  expected_result_th=get("expected_result"))  # fmt: skip
    Kind = ValueMapping.Kind
    agency = context.agency
    if (name := get("agency")) and not (agency and _OWN_DIVISION.match(name)):
        agency = lookups.resolve(Kind.AGENCY, name, row=number, agency=None)  # None: to map
    elif agency is None:
        problems.append(_("The agency is missing."))

    def resolve(kind, name, where=""):
        return lookups.resolve(kind, name, row=number, agency=agency, where=where)

    province = context.province
    if name := get("province"):
        province = resolve(Kind.PROVINCE, name) or ""
    values["province"] = province
    placed = any(get(name) for name in ("province", "district", "subdistrict"))
    district_name = get("district") or ("" if placed else context.district)
    district = None
    if district_name and province:
        district = resolve(Kind.DISTRICT, district_name, province)
    values["district"] = district.name_th if district else district_name
    if name := get("subdistrict") or ("" if placed else context.subdistrict):
        if district is not None:
            place = resolve(Kind.SUBDISTRICT, name, district.code)
        elif province and not district_name:
            place = resolve(Kind.SUBDISTRICT, name, province)
            if place is not None:
                values["district"] = geothai.district(place.district_code).name_th
        else:
            place = None
        values["subdistrict"] = place.name_th if place else name
    if name := get("sector"):
        values["sector"] = resolve(Kind.SECTOR, name) or ""
    plan = None
    if name := get("plan"):
        plan = resolve(Kind.PLAN, name)
        values["plan"] = plan
    if name := (get("programme") or context.programme):
        values["programme"] = resolve(Kind.PROGRAMME, name)
    if name := get("form"):
        values["form"] = resolve(Kind.FORM, name) or ""
    elif context.form:
        values["form"] = context.form
    if (village := get("village")) and village not in ("-", "–"):
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
    for index, (year, scale) in layout.years.items():
        text = cells[index].strip() if index < len(cells) else ""
        if text and text not in ("-", "–", "—", "0", "-0-"):
            amount = check(_budget, text, scale)
            if amount is not None:
                budgets[year] = budgets.get(year, Decimal(0)) + amount
    if problems:
        raise ValueError("; ".join(problems))
    external_id = get("external_id") or "auto-" + normalise(title)[:80] + (
        f"-{values['village']}" if values.get("village") else ""
    )
    return ProjectRow(row=number, agency=agency, external_id=external_id, values=values,
                      budgets=budgets)  # fmt: skip


def _is_data(cells: list[str], layout: _Layout) -> bool:
    """Whether a row is a project (not a blank, a total or a section heading such as
    "1.1 แผนงานเคหะและชุมชน")."""
    index = layout.columns["title_th"]
    title = cells[index].strip() if index < len(cells) else ""
    if any(_TOTAL.match(cell) for cell in cells[: index + 1] if cell):
        return False
    has_budget = any(i < len(cells) and cells[i].strip() for i in layout.years)
    return bool(title) or has_budget


def projects_parse(
    *, file: File, agency: Agency | None = None, mapping: dict[tuple[str, str], str] | None = None
) -> list[ProjectRow]:
    """Every row checked; ImportRefused lists every bad row and every value the portal does
    not know (to be mapped), and nothing has been written. `mapping` gives values' meanings
    for this run: {(kind, value in the file): value the portal knows}."""
    try:
        table = read_table(file)
    except (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, KeyError, OSError) as error:
        message = _("The file cannot be read as a table.")
        raise ImportRefused([{"row": 0, "message": message}]) from error
    if not table or not any(any(row) for row in table):
        raise ImportRefused([{"row": 0, "message": _("The file is empty.")}])
    layout = _flat_layout(table[0]) or _layout(table)
    lookups = _Lookups(mapping)
    context = _preamble(table[: layout.first_row - 1], lookups, agency)
    parsed: dict[tuple[int, str], ProjectRow] = {}
    errors = []
    for number, cells in enumerate(table[layout.first_row :], start=layout.first_row + 1):
        if not any(cells):
            continue
        if not _is_data(cells, layout):
            line = " ".join(cell for cell in cells if cell)
            if _SECTION_PROGRAMME.match(line) and "programme" not in layout.columns:
                context.programme = line
            continue
        try:
            row = _parse_row(cells, layout, lookups, context, number)
        except ValueError as error:
            errors.append({"row": number, "message": str(error)})
            continue
        if row.agency is None:
            continue  # its agency is among the unknown values
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
    unknown = lookups.unknown_report()
    if errors or unknown:
        raise ImportRefused(errors, unknown)
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


def project_import_run(
    *, import_id: int, mapping: dict[tuple[str, str], str] | None = None
) -> ProjectImport:
    """Run one import to its end; running it again (a retried task) imports it once. `mapping`
    gives values' meanings for this run only (the command line's mapping file)."""
    job = ProjectImport.objects.select_related("agency").get(pk=import_id)

    def stage() -> list[ProjectRow]:
        job.progress_set(5, _("Checking every row"))
        with job.file.open("rb") as handle:
            rows = projects_parse(
                file=File(handle, name=job.file.name), agency=job.agency, mapping=mapping
            )
        job.progress_set(30, _("Writing the projects"))
        return rows

    def write(rows: list[ProjectRow]) -> dict:
        label = _("Writing the projects")
        # The audit log credits the analyst who uploaded the file, not the worker.
        with set_actor(job.created_by):
            return projects_write(
                rows=rows,
                is_public=job.is_public,
                progress=lambda p: job.progress_set(30 + p * 65 // 100, label),
            )

    return upload_job_run(
        job, stage=stage, write=write, refusals=(ImportRefused,),
        failure=lambda refused: {
            "stage": _("Nothing was imported")
            if refused.errors
            else _("Waiting for the file's own words to be mapped"),
            "report": {"errors": refused.errors, "unknown": refused.unknown},
        },
    )  # fmt: skip


def project_import_map(*, job: ProjectImport, answers: dict[int, str], user=None) -> ProjectImport:
    """Remember what the analyst says each unknown value of a job's file means (answers: the
    unknown value's position → a target among its choices, or "" to leave an optional value
    empty), for every agency whose rows wrote it, and import the file again as a new job,
    which the agency's next files also benefit from. ValidationError when an answer is not
    one of the choices or a required one is missing; nothing is remembered then."""
    unknown = job.report.get("unknown") or []
    if not unknown or job.report.get("continued_as"):
        raise ValidationError(_("This import has no values left to map."))
    problems, chosen = [], []
    for index, entry in enumerate(unknown):
        target = (answers.get(index) or "").strip()
        allowed = {choice[0] for choice in entry["choices"]}
        if not target and not entry["optional"]:
            problems.append(_("Choose what “%(value)s” means.") % {"value": entry["value"]})
        elif target and target not in allowed:
            problems.append(_("“%(target)s” is not a choice for “%(value)s”.")
                            % {"target": target, "value": entry["value"]})  # fmt: skip
        chosen.append(target)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        for entry, target in zip(unknown, chosen, strict=True):
            for agency_id in entry["agencies"]:
                ValueMapping.objects.update_or_create(
                    agency_id=agency_id, kind=entry["kind"], key=entry["key"],
                    defaults={"value": entry["value"], "target": target, "created_by": user},
                )  # fmt: skip
        with job.file.open("rb") as handle:
            name = PurePosixPath(job.file.name).name
            again = project_import_create(
                file=ContentFile(handle.read(), name=name), user=user, agency=job.agency,
                is_public=job.is_public,
            )  # fmt: skip
        report = {**job.report, "continued_as": again.pk}
        ProjectImport.objects.filter(pk=job.pk).update(report=report)
    return again


# The templates analysts hand to agencies, one per layout the importer reads: (field, Thai
# heading, English heading) per column; "years" is the five budget columns of the plan.
TEMPLATE_LAYOUTS = {
    "p02": ("ผ.02", "รายละเอียดโครงการพัฒนา", "Development projects"),
    "p02_1": ("ผ.02/1", "โครงการพัฒนาที่นำมาจากแผนชุมชน", "Projects from the community plan"),
    "p02_2": ("ผ.02/2", "รายละเอียดโครงการพัฒนาที่ขอประสานกับหน่วยงานอื่น",
              "Projects requested of the PAO or other agencies"),
    "p03": ("ผ.03", "บัญชีครุภัณฑ์", "Equipment"),
    "flat": ("", "", ""),
}  # fmt: skip
_FORM_COLUMNS = [
    ("", "ที่", "No."),
    ("title_th", "โครงการ", "Project"),
    ("objective", "วัตถุประสงค์", "Objective"),
    ("target", "เป้าหมาย (ผลผลิตของโครงการ)", "Target (output)"),
    ("years", "งบประมาณ", "Budget"),
    ("kpi", "ตัวชี้วัด (KPI)", "KPI"),
    ("expected_result", "ผลที่คาดว่าจะได้รับ", "Expected result"),
    ("district", "อำเภอ", "District"),
    ("subdistrict", "ตำบล", "Subdistrict"),
    ("village", "หมู่ที่", "Village"),
    ("agency", "หน่วยงานรับผิดชอบหลัก", "Responsible agency"),
]
_EQUIPMENT_COLUMNS = [
    ("", "ที่", "No."),
    ("programme", "แผนงาน", "Programme"),
    ("", "หมวด", "Category"),
    ("", "ประเภท", "Type"),
    ("title_th", "เป้าหมาย (ผลผลิตของครุภัณฑ์)", "Equipment (output)"),
    ("years", "งบประมาณ", "Budget"),
    ("agency", "หน่วยงานรับผิดชอบหลัก", "Responsible agency"),
]


def template_columns(layout: str) -> list[tuple[str, str, str]]:
    if layout == "flat":
        return [(name, name, name) for name in FLAT_COLUMNS]
    return _EQUIPMENT_COLUMNS if layout == "p03" else _FORM_COLUMNS


def import_template(*, layout: str, language: str, first_year: int) -> bytes:
    """An empty XLSX of one layout, headed in the language, with five budget years from
    `first_year` (BE), and a second sheet listing the values the portal knows (sectors, forms,
    provinces); other words are asked for at import."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    thai = language == "th"
    form, title_th, title_en = TEMPLATE_LAYOUTS[layout]
    years = list(range(first_year, first_year + 5))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "projects"
    columns = template_columns(layout)
    if layout == "flat":
        sheet.append([name for name, _th, _en in columns])
    else:
        last = f"{years[0]}–{years[-1]}"
        sheet.append([f"แบบ {form}" if thai else f"Form {form}"])
        sheet.append([title_th if thai else title_en])
        sheet.append([f"แผนพัฒนาท้องถิ่น (พ.ศ. {last})" if thai
                      else f"Local development plan (BE {last})"])  # fmt: skip
        upper, lower = [], []
        for name, heading_th, heading_en in columns:
            if name == "years":
                upper += [heading_th if thai else heading_en] + [None] * 4
                lower += [f"{year} (บาท)" if thai else f"{year} (baht)" for year in years]
            else:
                upper.append(heading_th if thai else heading_en)
                lower.append(None)
        sheet.append(upper)
        sheet.append(lower)
        start = next(i for i, (name, *_h) in enumerate(columns) if name == "years") + 1
        sheet.merge_cells(start_row=4, start_column=start, end_row=4, end_column=start + 4)
        for row in sheet.iter_rows(min_row=4, max_row=5):
            for cell in row:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, horizontal="center")
    values = workbook.create_sheet("ค่าที่ใช้ได้" if thai else "values")
    values.append([_("Sectors, forms and provinces the portal knows. Other words are listed "
                     "once at import for you to map.")])  # fmt: skip
    for kind, choices in ((_("Sector"), Sector.choices), (_("Form"), Project.Form.choices),
                          (_("Province"), Province.choices)):  # fmt: skip
        values.append([])
        values.append([kind])
        for code, label in choices:
            values.append([code, str(label)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
