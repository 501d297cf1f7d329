"""Reading a spreadsheet (CSV or XLSX) into a header and rows of cells.

CSV files come from many programs: UTF-8 (with or without a byte-order
mark) or, from Excel in Polish Windows, Windows-1250; cells separated by
``;`` (Polish Excel), ``,`` or tabs; the separator is guessed from the
header line. In an XLSX workbook the first sheet is read, with the values
Excel shows (not formulas); its cells keep their types (numbers, dates),
which :func:`civic.importers.cells.cell_text` turns into text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civic.importers.workspace import InputError

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Sheet:
    """A header and the data rows, each with its row number as the program shows it."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[Any]]]

    def where(self, row: int, column: int | None = None) -> str:
        """How a message names a row (and column) of this sheet."""
        place = f"{self.name}, wiersz {row}"
        if column is not None and column < len(self.header):
            place += f", kolumna „{self.header[column]}”"
        return place


def read_sheet(path: Path) -> Sheet:
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(path)
    if suffix in CSV_SUFFIXES:
        return _read_csv(path)
    if suffix == ".xls":
        raise InputError(f"{path.name}: stary format Excela (.xls) nie jest obsługiwany; zapisz go jako .xlsx lub CSV.")
    raise InputError(f"{path.name}: nieznany rodzaj pliku „{path.suffix}”; podaj arkusz .xlsx albo plik .csv.")


def _read_csv(path: Path) -> Sheet:
    raw = _bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1250", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count) if any(c in first for c in ";,\t") else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[Any]]] = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise InputError(f"{path.name}, wiersz {reader.line_num + 1}: niepoprawny zapis CSV ({exc}).") from None
    return _split(path, rows)


def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook  # only imported when a workbook is read

    try:
        workbook = load_workbook(_bytes_io(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path.name}: to nie jest poprawny arkusz Excel .xlsx ({exc}).") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [(n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
    return _split(path, rows)


def _split(path: Path, rows: list[tuple[int, list[Any]]]) -> Sheet:
    rows = [(n, cells) for n, cells in rows if any(_filled(c) for c in cells)]
    if not rows:
        raise InputError(f"{path.name}: plik jest pusty; pierwszy wiersz to nazwy kolumn, kolejne to rekordy.")
    header_row, header_cells = rows[0]
    header = [str(c).strip() if c is not None else "" for c in header_cells]
    while header and not header[-1]:
        header.pop()
    data: list[tuple[int, list[Any]]] = []
    for n, cells in rows[1:]:
        if any(_filled(c) for c in cells[len(header) :]):
            raise InputError(f"{path.name}, wiersz {n}: wiersz ma więcej wypełnionych komórek niż nagłówek ma kolumn.")
        data.append((n, list(cells[: len(header)]) + [None] * (len(header) - len(cells))))
    if not data:
        raise InputError(f"{path.name}: poza nagłówkiem (wiersz {header_row}) plik nie ma żadnego wiersza danych.")
    return Sheet(path.name, header, data)


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: nie można odczytać pliku ({exc.strerror or exc}).") from None


def _bytes_io(path: Path) -> io.BytesIO:
    return io.BytesIO(_bytes(path))
