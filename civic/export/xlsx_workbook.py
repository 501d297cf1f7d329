"""One Excel workbook: a sheet per table, for people who open data in a spreadsheet.

The first sheet, ``informacje``, says what the data is, under what licence,
and describes every column (the data dictionary). Each table's sheet is
named after the table, its first row holds the Polish column titles, and
every cell is typed: numbers are numbers (money shown with grosze), dates
are dates, times are times, yes/no is a boolean, and text is always text:
a value starting with ``=`` is never a formula.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.functions import tostring

from civic.export import cells, zipfiles
from civic.export.dictionary import field_docs
from civic.export.job import Distribution, ExportJob
from civic.export.records import PublishedTable
from civic.schema import Field
from civic.values import WARSAW

PATH = "dane.xlsx"
CORE = "docProps/core.xml"
INFO_SHEET = "informacje"
MAX_SHEET_NAME = 31
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss"}


def export(job: ExportJob) -> list[Distribution]:
    workbook = Workbook(write_only=True)
    _properties(workbook, job)
    _info_sheet(workbook, job)
    for published in job.tables.values():
        _table_sheet(workbook, published)
    buffer = io.BytesIO()
    workbook.save(buffer)  # stamps the properties with the current time...
    _properties(workbook, job)  # ...so they are written again with the data's
    core = {CORE: tostring(workbook.properties.to_tree())}
    data = zipfiles.normalise(buffer.getvalue(), job.meta.modified, replace=core)
    return [job.write(PATH, data, "xlsx", "Wszystkie tabele w jednym skoroszycie (XLSX)")]


def _properties(workbook: Workbook, job: ExportJob) -> None:
    when = job.meta.modified.astimezone(UTC).replace(tzinfo=None)
    props = workbook.properties
    props.creator = job.meta.publisher
    props.lastModifiedBy = job.meta.publisher
    props.title = job.meta.title
    props.created = when
    props.modified = when


def _info_sheet(workbook: Workbook, job: ExportJob) -> None:
    sheet = workbook.create_sheet(INFO_SHEET)
    meta = job.meta
    for width, letter in zip((28, 28, 24, 30, 24, 50, 70), "ABCDEFG", strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_text(sheet, meta.title, BOLD)])
    sheet.append([_text(sheet, meta.description)])
    sheet.append(["Wydawca", _text(sheet, meta.publisher)])
    sheet.append(["Licencja", _text(sheet, f"{meta.license.title} ({meta.license.url})")])
    sheet.append(["Wersja", _text(sheet, meta.version)])
    sheet.append(["Stan na", meta.modified.astimezone(WARSAW).date()])
    sheet.append(["Źródło", _text(sheet, job.url)])
    sheet.append([])
    headers = ("Arkusz", "Tabela", "Pole", "Nazwa kolumny", "Typ", "Ograniczenia", "Opis")
    sheet.append([_text(sheet, h, BOLD) for h in headers])
    for published in job.tables.values():
        for doc in field_docs(published):
            constraints = "; ".join(doc.constraints + tuple(f"odwołanie do {t} ({f})" for t, f in doc.references))
            row = (published.name, published.table.title, doc.name, doc.title, doc.type, constraints, doc.description)
            sheet.append([_text(sheet, value) for value in row])


def _table_sheet(workbook: Workbook, published: PublishedTable) -> None:
    if len(published.name) > MAX_SHEET_NAME:
        raise ValueError(f"table name {published.name!r} is longer than an Excel sheet name may be (31)")
    sheet = workbook.create_sheet(published.name)
    sheet.freeze_panes = "A2"
    for index, field in enumerate(published.fields, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(40, max(12, len(field.title) + 2))
    sheet.append([_text(sheet, f.title, BOLD, WRAP) for f in published.fields])
    fields = published.fields
    for number, values in enumerate(published.rows, start=2):
        sheet.append(
            [
                _cell(sheet, f, v, f"{published.name}, wiersz {number}, {f.name}")
                for f, v in zip(fields, values, strict=True)
            ]
        )


def _cell(sheet: WriteOnlyWorksheet, field: Field, value: Any, where: str) -> Any:
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, str):
        return _text(sheet, value) if value.startswith("=") else value
    if isinstance(value, Decimal):
        number = cells.spreadsheet_number(value, where)
        if isinstance(number, str):
            return _text(sheet, number)
        return _formatted(sheet, number, "#,##0.00" if field.check == "money" else "General")
    if isinstance(value, time):
        return _formatted(sheet, value, "hh:mm" if field.format == "%H:%M" else "hh:mm:ss")
    if isinstance(value, datetime):
        value = value.astimezone(WARSAW).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return _formatted(sheet, value, DATE_FORMATS.get(field.type, "yyyy-mm-dd"))
    return _text(sheet, str(value))


def _formatted(sheet: WriteOnlyWorksheet, value: Any, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
    return cell


def _text(sheet: WriteOnlyWorksheet, value: str, font: Font | None = None, alignment: Alignment | None = None):
    """A text cell, whatever the text looks like (never a formula)."""
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell
