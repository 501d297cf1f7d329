"""Reader and writer for Pabulib's ``.pb`` participatory-budget files.

A ``.pb`` file is UTF-8 text made of three sections, in this order: ``META``,
``PROJECTS`` and the optional ``VOTES``. Each section is a line holding its
name, then a header row, then data rows. Cells are separated by ``;`` and use
CSV quoting: a cell containing ``;``, ``"`` or a line break is wrapped in
``"`` with inner quotes doubled. Line endings may be LF, CRLF or CR; a leading
byte-order mark is ignored. List cells (such as a vote) are comma-separated.

Every problem with the input is reported as :class:`PbError`, which carries a
1-based line number and a Polish message meant for the person who supplied
the file.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

SECTIONS = ("META", "PROJECTS", "VOTES")
META_HEADER = ("key", "value")
REQUIRED_COLUMNS = {"PROJECTS": ("project_id", "cost"), "VOTES": ("voter_id", "vote")}
ID_COLUMNS = {"PROJECTS": "project_id", "VOTES": "voter_id"}

# A single-cell line like this one names a section (known or not).
_SECTION_LIKE = re.compile(r"[A-Z][A-Z0-9_]*")
_NEEDS_QUOTES = re.compile(r'[;"\r\n]')


class PbError(ValueError):
    """Malformed ``.pb`` input: a Polish ``message`` and a 1-based ``line``."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"linia {self.line}: {self.message}"


@dataclass
class PbFile:
    """Contents of a ``.pb`` file; rows are keyed by their section's header."""

    meta: dict[str, str] = field(default_factory=dict)
    projects: list[dict[str, str]] = field(default_factory=list)
    votes: list[dict[str, str]] = field(default_factory=list)


def read_pb(text: str, *, votes: bool = True) -> PbFile:
    """Parse ``.pb`` text; with ``votes=False`` the VOTES section is not read."""
    return _parse(io.StringIO(text.removeprefix("\ufeff"), newline=""), votes=votes)


def read_pb_file(path: str | os.PathLike[str], *, votes: bool = True) -> PbFile:
    """Read a ``.pb`` file, streaming it so that skipped VOTES are never loaded.

    Errors opening the file (``OSError``) are not input errors and propagate.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return _parse(handle, votes=votes)
    except UnicodeDecodeError:
        raise PbError("plik nie jest zapisany w kodowaniu UTF-8", _bad_utf8_line(path)) from None


def write_pb(pb: PbFile) -> str:
    """Serialise ``pb`` (LF line endings, quoting only where needed).

    Columns follow the key order of each section's first row. An empty VOTES
    list writes no VOTES section. Raises ``ValueError`` for data the reader
    would reject (inconsistent rows, missing required columns, duplicate ids).
    """
    lines = ["META", _join(META_HEADER)]
    lines.extend(_join((key, value)) for key, value in pb.meta.items())
    for section, rows in (("PROJECTS", pb.projects), ("VOTES", pb.votes)):
        if section == "VOTES" and not rows:
            continue
        header = _columns(section, rows)
        lines += [section, _join(header)]
        lines.extend(_join([row[column] for column in header]) for row in rows)
    return "\n".join(lines) + "\n"


def split_list(cell: str) -> list[str]:
    """Split a comma-separated list cell (e.g. a vote); an empty cell is []."""
    return cell.split(",") if cell else []


# --- reading -----------------------------------------------------------------


def _parse(lines: Iterable[str], *, votes: bool) -> PbFile:
    pb = PbFile()
    seen: list[str] = []  # sections met so far, always a prefix of SECTIONS
    header: list[str] | None = None
    ids: set[str] = set()
    reader = csv.reader(lines, delimiter=";", quotechar='"', strict=True)
    for line, row in _rows(reader):
        if not row:
            continue  # blank line
        name = _section_name(row, line)
        if name is not None:
            _check_has_header(seen, header, line)
            _check_order(seen, name, line)
            seen.append(name)
            header = None
            if name == "VOTES" and not votes:
                return pb  # VOTES is last: nothing more to read
            continue
        if not seen:
            raise PbError("plik musi zaczynać się od linii META", line)
        section = seen[-1]
        if header is None:
            header = _check_header(section, row, line)
            ids = set()
        elif len(row) != len(header):
            cells = _count(len(row), "pole", "pola", "pól")
            columns = _count(len(header), "kolumnę", "kolumny", "kolumn")
            raise PbError(f"wiersz ma {cells}, a nagłówek sekcji {section} ma {columns}", line)
        elif section == "META":
            key, value = row
            if key in pb.meta:
                raise PbError(f"klucz „{key}” powtarza się w sekcji META", line)
            pb.meta[key] = value
        else:
            record = dict(zip(header, row, strict=True))
            ident = record[ID_COLUMNS[section]]
            if ident in ids:
                raise PbError(f"identyfikator „{ident}” powtarza się w sekcji {section}", line)
            ids.add(ident)
            (pb.projects if section == "PROJECTS" else pb.votes).append(record)
    end = max(reader.line_num, 1)
    _check_has_header(seen, header, end)
    if len(seen) < 2:
        raise PbError(f"brak sekcji {SECTIONS[len(seen)]}", end)
    return pb


class _Reader(Protocol):
    line_num: int

    def __next__(self) -> list[str]: ...


def _rows(reader: _Reader) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line of the row, row); turn csv errors into PbError."""
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise PbError(_csv_message(exc), line) from None
        yield line, row


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "niezamknięty cudzysłów"
    if "expected after" in text:
        return "po cudzysłowie zamykającym pole oczekiwano „;” lub końca linii"
    if "field limit" in text:
        return "pole jest zbyt długie"
    return f"niepoprawny zapis CSV ({text})"


def _section_name(row: list[str], line: int) -> str | None:
    """The section a row opens, None for an ordinary row; unknown -> PbError."""
    if len(row) != 1:
        return None
    name = row[0].strip()
    if name.upper() in SECTIONS:
        return name.upper()
    if _SECTION_LIKE.fullmatch(name):
        raise PbError(f"nieznana sekcja „{name}” (dozwolone: {', '.join(SECTIONS)})", line)
    return None


def _check_order(seen: list[str], name: str, line: int) -> None:
    if name in seen:
        raise PbError(f"sekcja {name} występuje drugi raz", line)
    expected = SECTIONS[len(seen)]
    if name != expected:
        raise PbError(f"oczekiwano sekcji {expected}, a znaleziono {name}", line)


def _check_has_header(seen: list[str], header: list[str] | None, line: int) -> None:
    if seen and header is None:
        raise PbError(f"sekcja {seen[-1]} nie ma wiersza nagłówka", line)


def _check_header(section: str, row: list[str], line: int) -> list[str]:
    if section == "META" and len(row) != 2:
        raise PbError("nagłówek sekcji META musi mieć dwie kolumny (key;value)", line)
    if len(set(row)) != len(row):
        duplicate = next(name for name in row if row.count(name) > 1)
        raise PbError(f"kolumna „{duplicate}” powtarza się w nagłówku sekcji {section}", line)
    for column in REQUIRED_COLUMNS.get(section, ()):
        if column not in row:
            raise PbError(f"w nagłówku sekcji {section} brakuje kolumny „{column}”", line)
    return row


def _count(n: int, one: str, few: str, many: str) -> str:
    """A Polish count phrase: 1 pole, 2 pola, 5 pól, 22 pola, 12 pól."""
    if n == 1:
        return f"1 {one}"
    few_form = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {few if few_form else many}"


def _bad_utf8_line(path: str | os.PathLike[str]) -> int:
    data = Path(path).read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    return 1


# --- writing -----------------------------------------------------------------


def _columns(section: str, rows: Sequence[dict[str, str]]) -> list[str]:
    if not rows:
        return list(REQUIRED_COLUMNS[section])
    header = list(rows[0])
    missing = [column for column in REQUIRED_COLUMNS[section] if column not in header]
    if missing:
        raise ValueError(f"{section}: missing required column(s) {missing}")
    ids: set[str] = set()
    for index, row in enumerate(rows):
        if row.keys() != set(header):
            raise ValueError(f"{section} row {index}: columns differ from the first row's")
        ident = row[ID_COLUMNS[section]]
        if ident in ids:
            raise ValueError(f"{section} row {index}: duplicate id {ident!r}")
        ids.add(ident)
    return header


def _join(cells: Iterable[str]) -> str:
    return ";".join(_quote(cell) for cell in cells)


def _quote(cell: str) -> str:
    if not isinstance(cell, str):
        raise TypeError(f"cells must be str, got {type(cell).__name__}")
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell
