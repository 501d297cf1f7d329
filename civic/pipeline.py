"""From a data folder to a checked dataset: read, validate, cross-check."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from civic.crosscheck import crosscheck
from civic.dataset import Dataset
from civic.load import read_yaml
from civic.problems import Position, Problems, display_path
from civic.rows import Row
from civic.schema import Catalog, Table
from civic.slugs import is_slug, slugify
from civic.validate import RecordReader

if TYPE_CHECKING:
    from civic.buildcache import BuildCache

RECORD_SUFFIXES = (".yaml", ".yml")


@dataclass
class Checked:
    dataset: Dataset
    problems: Problems

    @property
    def ok(self) -> bool:
        return not self.problems


def check_data(data_dir: Path, schemas_dir: Path | None = None, cache: BuildCache | None = None) -> Checked:
    """Read every record under ``data_dir`` and report all problems together.

    With a ``cache``, a file whose contents it knows is not read again."""
    schemas_dir = schemas_dir or data_dir / "schemas"
    catalog = Catalog.load(schemas_dir)
    problems = Problems()
    dataset = Dataset(catalog, data_dir)
    reader = RecordReader(catalog, problems)
    claimed: set[Path] = set()
    shown = _Shown(data_dir)
    if cache is not None:
        cache.start(catalog, data_dir, schemas_dir)
    every = _yaml_files(data_dir)
    for table in catalog.main_tables:
        for path in _files(data_dir, table, every):
            claimed.add(path)
            shown_path = shown(path)
            rows = cache.rows(path, shown_path) if cache is not None else None
            if rows is None:
                before = len(problems)
                rows = _read(reader, table, path, shown_path, problems)
                if cache is not None and len(problems) == before:
                    cache.keep(path, shown_path, rows)
            for row in rows:
                dataset.add(row, path)
    _unclaimed(catalog, every, claimed, problems)
    crosscheck(dataset, problems)
    return Checked(dataset, problems)


def _yaml_files(data_dir: Path) -> list[Path]:
    """Every YAML file under ``data_dir`` but the schemas, in one walk, sorted."""
    found = []
    for folder, dirs, names in os.walk(data_dir):
        if folder == str(data_dir):
            dirs[:] = [d for d in dirs if d != "schemas"]
        found.extend(Path(folder, name) for name in names if name.endswith(RECORD_SUFFIXES))
    return sorted(found)


def _files(data_dir: Path, table: Table, every: list[Path]) -> list[Path]:
    folder = data_dir / table.folder
    if table.layout == "list":
        path = folder / f"{table.name}.yaml"
        return [path] if path.is_file() else []
    prefix = f"{folder}{os.sep}"
    return [p for p in every if str(p).startswith(prefix)]


def _read(reader: RecordReader, table: Table, path: Path, shown: str, problems: Problems) -> list[Row]:
    node = read_yaml(path, shown, table.name, problems)
    if table.layout == "list":
        return list(reader.read_list(table, node, shown)) if node is not None else []
    record_id = path.stem
    if not is_slug(record_id):
        problems.add(
            Position(shown), table.name, "file-name", name=path.name, suggestion=slugify(record_id) or "nazwa-rekordu"
        )
    if node is not None:
        row = reader.read_record(table, node, shown, record_id)
        if row is not None:
            return [row]
    return []


class _Shown:
    """Paths as messages show them; the data folder is resolved once, not per file."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.prefix = display_path(data_dir)

    def __call__(self, path: Path) -> str:
        try:
            rel = path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return display_path(path)
        return rel if self.prefix == "." else f"{self.prefix}/{rel}"


def _unclaimed(catalog: Catalog, every: list[Path], claimed: set[Path], problems: Problems) -> None:
    folders = sorted({t.folder for t in catalog.main_tables})
    for path in every:
        if path not in claimed:
            problems.add(Position(display_path(path)), path.parent.name, "unknown-folder", folders=", ".join(folders))
