"""Every list exports to CSV and Excel from the same column definitions as its page."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    return str(value)


def _safe_text(value: Any) -> Any:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def rows_of(objects: Iterable[Any], columns: Sequence[Column]) -> list[list[Any]]:
    return [[_safe_text(cell(c.value(obj))) for c in columns] for obj in objects]


def export_response(
    objects: Iterable[Any], columns: Sequence[Column], *, title: str, fmt: str
) -> HttpResponse:
    """A download of the list as CSV or Excel. Unknown formats are 404."""
    if fmt not in FORMATS:
        raise Http404("Exports are available as CSV or Excel (xlsx).")
    headers = [c.header for c in columns]
    body = rows_of(objects, columns)
    filename = slugify(title) or "export"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(body)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = (title or "Export")[:31].replace("/", "-").replace(":", "-")
        sheet.append(headers)
        for cell_ in sheet[1]:
            cell_.font = Font(bold=True)
        for row in body:
            sheet.append(row)
        for idx, header in enumerate(headers, start=1):
            width = max([len(str(header))] + [len(str(r[idx - 1])) for r in body[:200]])
            sheet.column_dimensions[sheet.cell(row=1, column=idx).column_letter].width = min(
                60, width + 2
            )
        buffer_b = io.BytesIO()
        workbook.save(buffer_b)
        response = HttpResponse(buffer_b.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def requested_format(request: Any) -> str | None:
    """The export format asked for with ?format=csv|xlsx, or None for the page."""
    fmt = request.GET.get("format")
    if fmt is None or fmt == "html":
        return None
    return fmt
