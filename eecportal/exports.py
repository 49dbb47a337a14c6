"""Tables staff download from the admin, as CSV or XLSX: one way for every section."""

import csv

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(*, name: str, header: list[str], rows, fmt: str) -> HttpResponse:
    """`rows` as a download named `name`.csv or `name`.xlsx."""
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read the Thai text as UTF-8
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows(rows)
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        response = HttpResponse(content_type=XLSX)
        workbook.save(response)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
