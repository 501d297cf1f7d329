"""One Excel workbook: a sheet per table, for people who open data in a spreadsheet.

The first sheet, ``informacje``, says what the data is, under what licence,
and describes every column (the data dictionary). Each table's sheet is
named after the table, its first row holds the Polish column titles, and
every cell is typed: numbers are numbers (money shown with grosze), dates
are dates, times are times, yes/no is a boolean, and text is always text:
a value starting with ``=`` is never a formula.

Written with XlsxWriter, about twice as fast as building the same
workbook cell by cell in openpyxl, which stays the reader of workbooks.

Each sheet stands on its own: its texts are written in its cells (not in a
table of strings shared by the workbook) and every cell format is numbered
before the first sheet is written. So after an edit, the sheet of a table
the edit did not touch is taken as it is from the last build's workbook,
and only the touched tables' sheets are written again: at city scale, the
workbook is most of the time the data files take. Of a touched table's
sheet, XlsxWriter writes only the rows of the records the edit changed or
moved, and the rest are copied from the last sheet (:mod:`civic.export.sheet_rows`).
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Callable, Collection
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from civic.export import cells, sheet_rows, zipfiles
from civic.export.dictionary import field_docs
from civic.export.job import Distribution, ExportJob
from civic.export.records import PublishedTable
from civic.schema import Field
from civic.values import WARSAW

log = logging.getLogger(__name__)

PATH = "dane.xlsx"
INFO_SHEET = "informacje"
MAX_SHEET_NAME = 31
MAX_TEXT = 32_767
"""The longest text an Excel cell holds."""
INFO_WIDTHS = (28, 28, 24, 30, 24, 50, 70)
DATE_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss"}
NUMBER_FORMATS = ("yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "hh:mm", "hh:mm:ss", "#,##0.00", "General")
"""Every number format a cell may have."""
OPTIONS = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
"""Each sheet's texts in its own cells; text is written as text: never read as a number, a formula or a link."""
SHARED_PARTS = ("xl/workbook.xml", "xl/styles.xml")
"""The parts a kept sheet relies on: the sheets' names and order, and the numbered cell formats."""


def export(job: ExportJob) -> list[Distribution]:
    sheets = {published.name: _sheet_part(number) for number, published in enumerate(job.tables.values(), start=2)}
    last = job.stored(PATH, [*SHARED_PARTS, *sheets.values()])
    frame = {part: last.pop(part, None) for part in SHARED_PARTS}
    kept = {part: last[part] for name, part in sheets.items() if job.unchanged((name,)) and part in last}
    plans = {
        name: found
        for name, published in job.tables.items()
        if sheets[name] not in kept and (found := sheet_rows.plan(job, PATH, published, last.get(sheets[name])))
    }
    written = zipfiles.stored_members(_workbook(job, set(kept), plans))
    if (kept or plans) and any(frame[part] != written.get(part) for part in SHARED_PARTS):
        kept, plans = {}, {}  # the last workbook had other sheets or other formats: none of its rows fits
        written = zipfiles.stored_members(_workbook(job, set(), plans))
    parts = {name: kept.get(name, stored) for name, stored in written.items()}
    for name, published in job.tables.items():
        part = sheets[name]
        if part not in kept:
            if name in plans:
                parts[part] = plans[name].splice(parts[part])
            sheet_rows.keep(job, PATH, published, parts[part])
    data = zipfiles.write_zip(parts.items(), zipfiles.EARLIEST)
    return [job.write(PATH, data, "xlsx", "Wszystkie tabele w jednym skoroszycie (XLSX)")]


def _sheet_part(number: int) -> str:
    """The workbook part of the sheet numbered from 1 in order (XlsxWriter's naming)."""
    return f"xl/worksheets/sheet{number}.xml"


def _workbook(job: ExportJob, skipped: set[str], plans: dict[str, sheet_rows.Plan]) -> bytes:
    """The workbook as XlsxWriter writes it, leaving the sheet parts ``skipped`` empty
    and the rows that ``plans`` copy out of their sheets."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        workbook = xlsxwriter.Workbook(buffer, {**OPTIONS, "tmpdir": folder})
        when = job.meta.modified.astimezone(WARSAW).replace(tzinfo=None)
        workbook.set_properties({"title": job.meta.title, "author": job.meta.publisher, "created": when})
        formats = _Formats(workbook)
        _info_sheet(workbook, job, formats)
        for number, published in enumerate(job.tables.values(), start=2):
            plan = plans.get(published.name)
            rows_skipped = plan.skipped(published) if plan is not None else frozenset()
            _table_sheet(workbook, published, formats, _sheet_part(number) not in skipped, rows_skipped)
        workbook.close()
    return buffer.getvalue()


class _Formats:
    """The workbook's cell formats, each made and numbered once, before any cell is written.

    XlsxWriter numbers a format when a cell first uses it; numbered up front,
    in one order, a format has the same number whichever sheets are written."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.bold = workbook.add_format({"bold": True})
        self.heading = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self._numbers = {pattern: workbook.add_format({"num_format": pattern}) for pattern in NUMBER_FORMATS}
        for made in (self.bold, self.heading, *self._numbers.values()):
            made._get_xf_index()

    def number(self, pattern: str) -> Format:
        return self._numbers[pattern]


def _info_sheet(workbook: xlsxwriter.Workbook, job: ExportJob, formats: _Formats) -> None:
    sheet = workbook.add_worksheet(INFO_SHEET)
    meta = job.meta
    for column, width in enumerate(INFO_WIDTHS):
        sheet.set_column(column, column, width)
    rows: list[tuple[Any, ...]] = [
        (meta.title,),
        (meta.description,),
        ("Wydawca", meta.publisher),
        ("Licencja", f"{meta.license.title} ({meta.license.url})"),
        ("Wersja", meta.version),
        ("Stan na", meta.modified.astimezone(WARSAW).date()),
        ("Źródło", job.url),
        (),
    ]
    for number, values in enumerate(rows):
        for column, value in enumerate(values):
            if isinstance(value, date):
                sheet.write_datetime(number, column, value, formats.number("yyyy-mm-dd"))
            else:
                _text(sheet, number, column, value, INFO_SHEET, style=formats.bold if number == 0 else None)
    headers = ("Arkusz", "Tabela", "Pole", "Nazwa kolumny", "Typ", "Ograniczenia", "Opis")
    number = len(rows)
    for column, header in enumerate(headers):
        sheet.write_string(number, column, header, formats.bold)
    for published in job.tables.values():
        for doc in field_docs(published):
            number += 1
            constraints = "; ".join(doc.constraints + tuple(f"odwołanie do {t} ({f})" for t, f in doc.references))
            row = (published.name, published.table.title, doc.name, doc.title, doc.type, constraints, doc.description)
            for column, value in enumerate(row):
                _text(sheet, number, column, value, INFO_SHEET)


def _table_sheet(
    workbook: xlsxwriter.Workbook,
    published: PublishedTable,
    formats: _Formats,
    filled: bool,
    skipped: Collection[int] = (),
) -> None:
    """The table's sheet; unless ``filled``, only its place among the sheets (its cells are kept).
    The rows ``skipped`` (indexes into the table's rows) are left out: they are copied in afterwards."""
    if len(published.name) > MAX_SHEET_NAME:
        raise ValueError(f"table name {published.name!r} is longer than an Excel sheet name may be (31)")
    sheet = workbook.add_worksheet(published.name)
    if not filled:
        return
    sheet.freeze_panes(1, 0)
    fields = published.fields
    for column, field in enumerate(fields):
        sheet.set_column(column, column, min(40, max(12, len(field.title) + 2)))
        sheet.write_string(0, column, field.title, formats.heading)
    writers = [_writer(sheet, published.name, field, formats) for field in fields]
    for number, values in enumerate(published.rows, start=1):
        if number - 1 in skipped:
            continue
        for column, value in enumerate(values):
            if value is not None:
                writers[column](number, column, value)


Writer = Callable[[int, int, Any], None]
"""Writes one value of a field into a cell of its sheet: row, column, value."""


def _writer(sheet: Worksheet, table: str, field: Field, formats: _Formats) -> Writer:
    """How a field's values go into cells, chosen once per column.

    A city's workbook has about a million text cells: a text that fits a cell
    goes straight to the sheet, without the checks the other values need."""
    money = formats.number("#,##0.00" if field.check == "money" else "General")
    clock = formats.number("hh:mm" if field.format == "%H:%M" else "hh:mm:ss")
    day = formats.number(DATE_FORMATS.get(field.type, "yyyy-mm-dd"))
    write_string = sheet.write_string

    def write_text(row: int, column: int, value: Any) -> None:
        if value.__class__ is str and len(value) <= MAX_TEXT:
            write_string(row, column, value)
        else:
            write(row, column, value)

    def write(row: int, column: int, value: Any) -> None:
        if isinstance(value, str):
            _text(sheet, row, column, value, table, field.name)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        elif isinstance(value, int):
            sheet.write_number(row, column, value)
        elif isinstance(value, Decimal):
            number = cells.spreadsheet_number(value, _where(table, row, field.name))
            if isinstance(number, str):
                _text(sheet, row, column, number, table, field.name)
            else:
                sheet.write_number(row, column, number, money)
        elif isinstance(value, time):
            sheet.write_datetime(row, column, value, clock)
        elif isinstance(value, datetime):
            sheet.write_datetime(
                row, column, value.astimezone(WARSAW).replace(tzinfo=None) if value.tzinfo else value, day
            )
        elif isinstance(value, date):
            sheet.write_datetime(row, column, value, day)
        else:
            _text(sheet, row, column, str(value), table, field.name)

    return write_text if field.type == "string" else write


def _text(
    sheet: Worksheet, row: int, column: int, value: str, table: str, field: str = "", style: Format | None = None
) -> None:
    """A text cell, whatever the text looks like (never a formula); Excel's limit is said aloud, not hidden."""
    if len(value) > MAX_TEXT:
        log.warning(
            "%s: tekst ma %d znaków, a komórka arkusza Excel mieści %d; w XLSX jest skrócony, "
            "w CSV, JSON i SQLite jest cały",
            _where(table, row, field),
            len(value),
            MAX_TEXT,
        )
    sheet.write_string(row, column, value, style)


def _where(table: str, row: int, field: str) -> str:
    """How a warning names a cell: its sheet, its row as Excel numbers it, its field."""
    return f"{table}, wiersz {row + 1}, {field}" if field else f"{table}, wiersz {row + 1}"
