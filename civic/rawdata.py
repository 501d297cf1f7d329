"""Records as written, before validation: for the tools that create and change files.

The scaffold, the importers and the editor schemas need to look things up
in the data folder (which ids exist, what a vocabulary holds, what a record
says now) without typing the values or stopping at a bad file: every value
stays the text staff wrote, and a file that cannot be read counts as empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from civic.datafiles import RECORD_SUFFIXES
from civic.load import Loader
from civic.schema import Catalog, Table


@dataclass
class RawRecord:
    """One record file: its path, its text and its values as text."""

    path: Path
    text: str
    values: dict[str, Any]
    readable: bool = True


def parse_raw(text: str) -> Any:
    """The values of a YAML text, every scalar as text; None if it cannot be read."""
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError:
        return None


def read_record(path: Path) -> RawRecord:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    values = parse_raw(text)
    readable = isinstance(values, dict)
    return RawRecord(path, text, values if readable else {}, readable)


def records(data_dir: Path, table: Table) -> dict[str, RawRecord]:
    """The records of a main table stored one per file, by id (the file name)."""
    folder = data_dir / table.folder
    if table.layout != "files" or not folder.is_dir():
        return {}
    paths = sorted(p for p in folder.rglob("*") if p.suffix in RECORD_SUFFIXES and p.is_file())
    return {p.stem: read_record(p) for p in paths}


def vocabulary(data_dir: Path, table: Table) -> list[dict[str, Any]]:
    """The entries of a vocabulary (a table kept as one list file)."""
    path = data_dir / table.folder / f"{table.name}.yaml"
    if table.layout != "list" or not path.is_file():
        return []
    entries = parse_raw(path.read_text(encoding="utf-8-sig", errors="replace"))
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def vocabulary_target(catalog: Catalog, table: Table, field: str) -> Table | None:
    """The vocabulary a field refers to by a one-field foreign key, if any."""
    target = reference(catalog, table, field)
    return target if target is not None and target.layout == "list" else None


def reference(catalog: Catalog, table: Table, field: str) -> Table | None:
    """The main table a field refers to by a one-field foreign key to its ``id``."""
    for fk in table.foreign_keys:
        if fk.fields == (field,) and fk.ref_fields == ("id",) and fk.table in catalog.tables:
            target = catalog[fk.table]
            if target.is_main:
                return target
    return None


def find_kind(catalog: Catalog, name: str) -> Table | None:
    """A record kind by its kind name, table name or folder (``consultation``, ``consultations``)."""
    wanted = name.strip().strip("/").lower()
    for table in catalog.main_tables:
        if table.layout == "files" and wanted in {table.kind, table.name, table.folder}:
            return table
    return None


def kinds_listing(catalog: Catalog) -> str:
    """The record kinds staff can name, for a message."""
    return ", ".join(f"{t.kind} ({t.title})" for t in catalog.main_tables if t.layout == "files" and t.kind)
