"""Which YAML files of a data folder hold which table's records.

A city's data folder has tens of thousands of files, so it is walked once,
each folder (not each file) is matched to the tables stored in it, and each
file's path is kept as the text the listing gives (a path object costs about
6 µs to make, 0.4 s for a city's files on every build).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from civic.schema import Catalog, Table

RECORD_SUFFIXES = (".yaml", ".yml")
SCHEMAS = "schemas"


@dataclass
class Listing:
    """The record files of every main table, and the YAML files no table claims."""

    files: dict[str, list[str]] = field(default_factory=dict)
    """By table name, in the catalogue's order; each table's files sorted as paths sort (folder by folder)."""
    names: dict[str, list[str]] = field(default_factory=dict)
    """The same files' paths relative to the data folder, with forward slashes (a city's
    build looks each one up in its cache, and messages name it so)."""
    unclaimed: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    """Folders that could not be listed, with the system's reason."""

    def jobs(self, catalog: Catalog) -> list[tuple[Table, str, str]]:
        """Every table with each of its files and the file's relative path, table by table."""
        return [
            (table, path, rel)
            for table in catalog.main_tables
            for path, rel in zip(self.files[table.name], self.names[table.name], strict=True)
        ]


def list_files(data_dir: Path, catalog: Catalog) -> Listing:
    """The YAML files under ``data_dir`` (but its ``schemas`` folder) by the table they belong to.

    A table kept one record per file owns every file in its folder and the
    folders below; a table kept as a list owns its one file."""
    listing = Listing({t.name: [] for t in catalog.main_tables}, {t.name: [] for t in catalog.main_tables})
    kept_as_files = [t for t in catalog.main_tables if t.layout == "files"]
    kept_as_list = {Path(t.folder, f"{t.name}.yaml").as_posix(): t for t in catalog.main_tables if t.layout == "list"}

    def scan(folder: str, rel: str) -> None:
        owners = [t.name for t in kept_as_files if rel == t.folder or rel.startswith(f"{t.folder}/")]
        try:
            with os.scandir(folder) as entries:
                # Names in order, folders among files: the order of full paths compared part by part.
                ordered = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:
            listing.unreadable.append((Path(folder), exc.strerror or str(exc)))
            return
        for entry in ordered:
            name = entry.name
            inner = f"{rel}/{name}" if rel else name
            if entry.is_dir():
                if inner != SCHEMAS and not entry.is_symlink():  # a linked folder is not followed: it may loop
                    scan(entry.path, inner)
            elif name.endswith(RECORD_SUFFIXES):
                path = entry.path
                for owner in owners:
                    listing.files[owner].append(path)
                    listing.names[owner].append(inner)
                listed = kept_as_list.get(inner)
                if listed is not None:
                    listing.files[listed.name].append(path)
                    listing.names[listed.name].append(inner)
                elif not owners:
                    listing.unclaimed.append(Path(path))

    scan(str(data_dir), "")
    return listing
