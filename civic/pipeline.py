"""From a data folder to a checked dataset: read, validate, cross-check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from civic.crosscheck import crosscheck
from civic.dataset import Dataset
from civic.load import read_yaml
from civic.problems import Position, Problems, display_path
from civic.schema import Catalog, Table
from civic.slugs import is_slug, slugify
from civic.validate import RecordReader

RECORD_SUFFIXES = (".yaml", ".yml")


@dataclass
class Checked:
    dataset: Dataset
    problems: Problems

    @property
    def ok(self) -> bool:
        return not self.problems


def check_data(data_dir: Path, schemas_dir: Path | None = None) -> Checked:
    """Read every record under ``data_dir`` and report all problems together."""
    catalog = Catalog.load(schemas_dir or data_dir / "schemas")
    problems = Problems()
    dataset = Dataset(catalog, data_dir)
    reader = RecordReader(catalog, problems)
    claimed: set[Path] = set()
    shown = _Shown(data_dir)
    for table in catalog.main_tables:
        for path in _files(data_dir, table):
            claimed.add(path)
            _read(reader, dataset, table, path, shown(path), problems)
    _unclaimed(data_dir, catalog, claimed, problems)
    crosscheck(dataset, problems)
    return Checked(dataset, problems)


def _files(data_dir: Path, table: Table) -> list[Path]:
    folder = data_dir / table.folder
    if table.layout == "list":
        path = folder / f"{table.name}.yaml"
        return [path] if path.is_file() else []
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in RECORD_SUFFIXES and p.is_file())


def _read(reader: RecordReader, dataset: Dataset, table: Table, path: Path, shown: str, problems: Problems) -> None:
    node = read_yaml(path, shown, table.name, problems)
    if table.layout == "list":
        if node is not None:
            for row in reader.read_list(table, node, shown):
                dataset.add(row, path)
        return
    record_id = path.stem
    if not is_slug(record_id):
        problems.add(
            Position(shown), table.name, "file-name", name=path.name, suggestion=slugify(record_id) or "nazwa-rekordu"
        )
    if node is not None:
        row = reader.read_record(table, node, shown, record_id)
        if row is not None:
            dataset.add(row, path)


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


def _unclaimed(data_dir: Path, catalog: Catalog, claimed: set[Path], problems: Problems) -> None:
    folders = sorted({t.folder for t in catalog.main_tables})
    schemas = data_dir / "schemas"
    for path in sorted(data_dir.rglob("*")):
        if path.suffix in RECORD_SUFFIXES and path not in claimed and schemas not in path.parents:
            problems.add(Position(display_path(path)), path.parent.name, "unknown-folder", folders=", ".join(folders))
