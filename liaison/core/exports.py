"""Export of a list to XLSX or CSV, with spreadsheet formulas neutralised."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from . import display
from .http import content_disposition
from .validators import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> object:
    """A cell value a spreadsheet will show as text, never run as a formula, and that XLSX (XML) can hold."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value) -> str:
    """A value as the page shows it, in the reader's language: yes/no for a boolean, a list joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return display.yes_no(value)
    return display.joined(value) if isinstance(value, list | tuple) else str(value)


def _rows(table):
    for row in table.as_values():
        yield [neutralise(_cell(value)) for value in row]


def export_response(table, basename: str, file_format: str) -> HttpResponse:
    """The whole table (every row, not one page) as a download."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{basename}-{stamp}.{file_format}"
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows(_rows(table))
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(basename[:31])
        for row in _rows(table):
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = content_disposition(filename)
    return response
