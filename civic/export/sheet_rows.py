"""A table's workbook sheet made again after an edit, record by record.

XlsxWriter writes a row's XML from the row's own cells and number alone (in
constant-memory mode a row carries no ``spans``), so a record whose values
and rows' numbers are as in the last build has the same XML as there. When
a sheet is written, the rows each record has are kept (as
:mod:`civic.export.spans` keeps a text file's bytes), with the SHA-256 of
the sheet as the workbook stores it. When an edit touches the table,
XlsxWriter writes the header, the rows of the records the edit changed,
added or moved, and the last row (which sets the sheet's dimension); the
other records' rows are copied from the last workbook's sheet. If that
sheet is not the one the kept rows describe, every row is written.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path

from civic.export import spans
from civic.export.job import ExportJob
from civic.export.records import PublishedTable
from civic.export.zipfiles import Stored
from civic.rows import Row

ROW = re.compile(rb'<row r="(\d+)"')
SHEET_DATA, SHEET_DATA_END = b"<sheetData>", b"</sheetData>"
FIRST_DATA_ROW = 2
"""The row number (as the sheet's XML numbers rows) of a table's first row: the header is row 1."""


@dataclass(frozen=True)
class Plan:
    """A sheet to be written in part: the rows (indexes into the table's rows) copied from ``old``."""

    old: bytes
    """The last workbook's sheet, as XML."""
    copied: frozenset[int]

    def skipped(self, published: PublishedTable) -> frozenset[int]:
        """The rows XlsxWriter need not write: the copied ones, but never the last."""
        return self.copied - {len(published.rows) - 1}

    def splice(self, written: Stored) -> Stored:
        """The whole sheet: the rows XlsxWriter wrote in ``written``, and the copied ones from ``old``."""
        new = zlib.decompress(written.data, -15)
        head, rows, tail = _rows(new)
        old = _rows(self.old)[1]
        body = [
            rows[number] if number in rows else old.get(number, b"") for number in sorted(rows.keys() | self.numbers())
        ]
        return Stored.compress(b"".join([head, *body, tail]))

    def numbers(self) -> set[int]:
        return {index + FIRST_DATA_ROW for index in self.copied}


def plan(job: ExportJob, path: str, published: PublishedTable, last: Stored | None) -> Plan | None:
    """Which rows of a touched table's sheet may be copied from ``last`` (its sheet in the last workbook,
    as stored); None if none may."""
    if job.spans is None or last is None:
        return None
    kept = spans.load(_spans_path(job, path, published))
    if kept is None or not kept.whole() or hashlib.sha256(last.data).hexdigest() != kept.digest:
        return None
    where = kept.where()
    copied: set[int] = set()
    for key, record, first, end in _records(published):
        if not spans.changed(record, job.changed) and where.get(key) == (first, end):
            copied.update(range(first, end))
    if not copied:
        return None
    old = zlib.decompress(last.data, -15)
    return Plan(old, frozenset(copied)) if len(old) == last.size else None


def keep(job: ExportJob, path: str, published: PublishedTable, sheet: Stored) -> None:
    """Keep, for the next build, which rows each record has in the sheet as stored in ``sheet``."""
    if job.spans is None:
        return
    keys: list[Hashable] = []
    bounds = array("Q")
    for key, _, first, end in _records(published):
        keys.append(key)
        bounds.extend((first, end))
    spans.save(_spans_path(job, path, published), spans.Spans(hashlib.sha256(sheet.data).hexdigest(), keys, bounds))


def _spans_path(job: ExportJob, path: str, published: PublishedTable) -> Path:
    assert job.spans is not None
    return job.spans / path / f"{published.name}{spans.SUFFIX}"


def _records(published: PublishedTable) -> Iterator[tuple[Hashable, Row, int, int]]:
    """Each record's key, the record, and its rows' indexes (first, end) in the table."""
    first = 0
    for key, record, rows in spans.by_record(published):
        yield key, record, first, first + len(rows)
        first += len(rows)


def _rows(sheet: bytes) -> tuple[bytes, dict[int, bytes], bytes]:
    """A sheet's XML: what comes before its first row, each row by number, and what follows the last."""
    start = sheet.index(SHEET_DATA) + len(SHEET_DATA)
    end = sheet.rindex(SHEET_DATA_END)
    marks = [(match.start(), int(match.group(1))) for match in ROW.finditer(sheet, start, end)]
    rows = {number: sheet[at : marks[i + 1][0] if i + 1 < len(marks) else end] for i, (at, number) in enumerate(marks)}
    return sheet[:start], rows, sheet[end:]
