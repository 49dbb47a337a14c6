"""Tables staff download from the admin, as CSV or XLSX: one way for every section. Text that
citizens and agencies typed never becomes a live formula in a spreadsheet program (OWASP's CSV
injection guidance), and characters a format cannot hold are left out."""

import csv
import re

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What spreadsheet programs read as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value):
    """A CSV cell: text that would start a formula gets a leading apostrophe (numbers such as
    -5 stay numbers); control characters are dropped."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def _xlsx_cell(sheet, value) -> WriteOnlyCell:
    """An XLSX cell: text is stored as text, never as a formula, without the characters XML
    cannot hold (an escape character would make the whole file unwritable)."""
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


def table_response(*, name: str, header: list[str], rows, fmt: str) -> HttpResponse:
    """`rows` as a download named `name`.csv or `name`.xlsx."""
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read the Thai text as UTF-8
        writer = csv.writer(response)
        writer.writerow([csv_cell(value) for value in header])
        writer.writerows([csv_cell(value) for value in row] for row in rows)
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append([_xlsx_cell(sheet, value) for value in header])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        response = HttpResponse(content_type=XLSX)
        workbook.save(response)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
