"""Nothing lost: the published CSV, JSON, XLSX and SQLite files, read back,
rebuild every YAML record of the sample data.

The readers here use what a journalist or researcher would: Frictionless
for the CSV package, ``json`` for JSON, openpyxl for the workbook and
``sqlite3`` for the database. Every value must come back with its type:
text with its Polish characters and line breaks, money to the grosz, dates,
times, yes/no, and an absent value as absent.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterable
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package
from openpyxl import load_workbook

from civic.build import build
from civic.dataset import Dataset
from civic.pipeline import check_data
from civic.publication import public_fields
from civic.rows import Row
from civic.schema import Catalog, Field
from civic.values import parse
from tests.conftest import ROOT, SAMPLE_DATA

SETTINGS = ROOT / "pelicanconf.py"
Records = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


# -- building -------------------------------------------------------------


def build_data(data_dir: Path, output: Path, **settings: Any) -> Path:
    """Build the site from ``data_dir``; the data folder it published."""
    errors = build(SETTINGS, output, {"CIVIC_DATA_PATH": str(data_dir), **settings})
    assert errors == []
    return output / "dane"


# -- what the YAML says -------------------------------------------------------


def yaml_records(dataset: Dataset) -> Records:
    """Every record as nested plain values: public fields that have a value, child lists under their keys."""
    return {
        table.name: {row.key(table.primary_key): _plain(row) for row in dataset.rows(table.name)}
        for table in dataset.catalog.main_tables
    }


def _plain(row: Row) -> dict[str, Any]:
    table = row.table
    out: dict[str, Any] = {f.name: row[f.name] for f in public_fields(table) if row.get(f.name) is not None}
    for child in table.children:
        out[child.key] = [_plain(item) for item in row.get(child.key, [])]
    return out


# -- rebuilding records from flat tables -------------------------------------


def nest(catalog: Catalog, flat: dict[str, list[dict[str, Any]]]) -> Records:
    """Records rebuilt from the rows of every table, child rows under their parents in file order."""
    rows = {name: [{k: v for k, v in r.items() if v is not None} for r in flat[name]] for name in flat}
    for table in catalog:
        for row in rows[table.name]:
            for child in table.children:
                row[child.key] = []
    for table in catalog:
        link = table.parent_link
        if link is None:
            continue
        parents = {tuple(p.get(f) for f in link.ref_fields): p for p in rows[table.parent.name]}
        for row in rows[table.name]:
            parents[tuple(row.get(f) for f in link.fields)][table.key].append(row)
    return {t.name: {tuple(r.get(f) for f in t.primary_key): r for r in rows[t.name]} for t in catalog.main_tables}


def canonical(value: Any, loose: bool = False) -> Any:
    """Values with their types, so that ``True`` is not ``1`` and ``250000.50`` is not ``250000.5``.

    ``loose`` compares numbers by value only: a spreadsheet or SQLite keeps
    the amount, not how many zeros it was written with.
    """
    if isinstance(value, dict):
        return {k: canonical(v, loose) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v, loose) for v in value]
    if isinstance(value, Decimal) and loose:
        return ("Decimal", str(value.normalize()))
    return (type(value).__name__, str(value))


# -- readers ----------------------------------------------------------------


def read_csv(folder: Path) -> dict[str, list[dict[str, Any]]]:
    package = Package(str(folder / "datapackage.json"))
    return {r.name: [row.to_dict() for row in r.read_rows()] for r in package.resources if r.type == "table"}


def read_json(folder: Path, catalog: Catalog) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for table in catalog:
        fields = {f.name: f for f in public_fields(table)}
        rows = json.loads((folder / "json" / f"{table.name}.json").read_text(encoding="utf-8"), parse_float=Decimal)
        assert all(list(r) == list(fields) for r in rows), table.name
        out[table.name] = [{k: _from_json(fields[k], v) for k, v in r.items()} for r in rows]
    return out


def _from_json(field: Field, value: Any) -> Any:
    if isinstance(value, str) and field.type in ("date", "time", "datetime"):
        return parse(field, value)
    return value


def read_xlsx(folder: Path, catalog: Catalog) -> dict[str, list[dict[str, Any]]]:
    workbook = load_workbook(folder / "dane.xlsx", read_only=True)
    out = {}
    for table in catalog:
        fields = public_fields(table)
        rows = workbook[table.name].iter_rows(values_only=True)
        assert list(next(rows)) == [f.title for f in fields], table.name
        out[table.name] = [
            {f.name: _from_cell(f, v) for f, v in zip(fields, _padded(values, len(fields)), strict=True)}
            for values in rows
        ]
    workbook.close()
    return out


def _padded(values: tuple[Any, ...], width: int) -> tuple[Any, ...]:
    """A row with its trailing empty cells, which a read-only workbook leaves out."""
    return tuple(values) + (None,) * (width - len(values))


def _from_cell(field: Field, value: Any) -> Any:
    """A cell's value, checking it has the cell type its field calls for."""
    if value is None:
        return None
    kind = field.type
    if kind == "number":
        assert type(value) in (int, float), (field.name, value)
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if kind in ("integer", "year"):
        assert type(value) is int, (field.name, value)
    elif kind == "boolean":
        assert type(value) is bool, (field.name, value)
    elif kind == "date":
        assert type(value) is datetime, (field.name, value)
        return value.date()
    elif kind == "time":
        assert type(value) is time, (field.name, value)
    else:
        assert type(value) is str, (field.name, value)
    return value


def read_sqlite(folder: Path, catalog: Catalog) -> dict[str, list[dict[str, Any]]]:
    connection = sqlite3.connect(folder / "dane.sqlite")
    out = {}
    for table in catalog:
        fields = public_fields(table)
        cursor = connection.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid')
        assert [d[0] for d in cursor.description] == [f.name for f in fields], table.name
        out[table.name] = [{f.name: _from_sql(f, v) for f, v in zip(fields, row, strict=True)} for row in cursor]
    connection.close()
    return out


def _from_sql(field: Field, value: Any) -> Any:
    if value is None:
        return None
    if field.type == "boolean":
        assert value in (0, 1)
        return bool(value)
    if field.type == "number":
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if field.type in ("date", "time", "datetime"):
        return parse(field, value)
    return value


# -- looking for what must not be there ------------------------------------------


def office_only_values(dataset: Dataset) -> set[str]:
    """Every value of a field kept for the office (``x-public: false``), and each of its lines."""
    values = {
        str(row[f.name]).strip()
        for table in dataset.catalog
        for f in table.fields.values()
        if not f.public
        for row in dataset.rows(table.name)
        if row.get(f.name) is not None
    }
    return values | {line.strip() for v in values for line in v.splitlines() if len(line.strip()) > 8}


def leaks(root: Path, needles: Iterable[str]) -> list[str]:
    """Files (and members of ZIP files, workbooks included) under ``root`` that contain any needle."""
    encoded = [n.encode("utf-8") for n in needles if n]
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        for name, data in _contents(path):
            if any(n in data for n in encoded):
                found.append(name)
    return found


def _contents(path: Path) -> list[tuple[str, bytes]]:
    """A file's bytes, unpacked if it is gzip (the search index) or ZIP (a package, a workbook)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return [(str(path), gzip.decompress(data))]
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(f"{path}:{name}", archive.read(name)) for name in archive.namelist()]
    return [(str(path), data)]


# -- the round trip on the sample data ----------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Dataset:
    checked = check_data(SAMPLE_DATA)
    assert not checked.problems
    return checked.dataset


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_data(SAMPLE_DATA, tmp_path_factory.mktemp("sample") / "output")


def test_the_sample_holds_what_must_survive(sample: Dataset):
    """The round trip below means something only if the records hold all of this."""
    values = [v for t in sample.catalog for r in sample.rows(t.name) for v in r.values()]
    texts = [v for v in values if isinstance(v, str)]
    assert any("\n\n" in t for t in texts)  # Markdown paragraphs
    assert any(set(t) & set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ") for t in texts)
    assert any(isinstance(v, Decimal) and v.as_tuple().exponent == -2 and v % 1 and v * 10 % 1 for v in values)
    assert {type(v).__name__ for v in values} >= {"str", "int", "Decimal", "date", "time", "bool"}
    projects = sample.rows("budget_projects")
    assert any("latitude" in p for p in projects) and any("latitude" not in p for p in projects)


@pytest.mark.parametrize(
    ("reader", "loose"),
    [("csv", False), ("json", False), ("xlsx", True), ("sqlite", True)],
)
def test_every_record_is_rebuilt_from_the_published_files(sample: Dataset, published: Path, reader: str, loose: bool):
    catalog = sample.catalog
    flat = read_csv(published) if reader == "csv" else READERS[reader](published, catalog)
    assert canonical(nest(catalog, flat), loose) == canonical(yaml_records(sample), loose)


READERS = {"json": read_json, "xlsx": read_xlsx, "sqlite": read_sqlite}


def test_the_sample_datas_office_only_values_appear_in_no_output(sample: Dataset, published: Path):
    """The sample records hold office-only notes; the site and every data file leave them out."""
    secrets = office_only_values(sample)
    assert secrets
    assert leaks(published.parent, secrets) == []
