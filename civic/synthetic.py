"""A larger city made from a smaller one, for benchmarks and scale tests.

The source data folder is copied whole, again and again, each copy's ids
suffixed (``centrum`` → ``centrum-s2``), until the wanted number of records
is reached. References between records follow their copy, so every copy is
a complete, valid city of its own: budget winners still follow from the
rule, and values that must be unique across the table (KRS, NIP, REGON) are
replaced by fresh valid numbers. Vocabularies are shared, not copied.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from civic.schema import Catalog, Table
from civic.yamlwrite import render_record


def synthesize(source: Path, target: Path, records: int) -> int:
    """Write at least ``records`` records into ``target``; returns how many."""
    catalog = Catalog.load(source / "schemas")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source / "schemas", target / "schemas")
    kinds = [t for t in catalog.main_tables if t.layout == "files"]
    for table in catalog.main_tables:
        if table.layout == "list":
            (target / table.folder).mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / table.folder / f"{table.name}.yaml", target / table.folder)
    originals = {t.name: _read_all(source, t) for t in kinds}
    per_copy = sum(len(v) for v in originals.values())
    if per_copy == 0:
        raise ValueError(f"{source} has no records to copy")
    numbers = _Numbers()
    written = 0
    n = 0
    while written < records:
        n += 1
        for table in kinds:
            for record_id, record in originals[table.name]:
                new_id = _suffix(record_id, n)
                clone = _rewrite(catalog, table, copy.deepcopy(record), n, numbers)
                path = target / table.folder / f"{new_id}.yaml"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(render_record(table, clone), encoding="utf-8")
                written += 1
    return written


def _read_all(source: Path, table: Table) -> list[tuple[str, dict[str, Any]]]:
    folder = source / table.folder
    out = []
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        out.append((path.stem, yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)))
    return out


def _suffix(value: str, n: int) -> str:
    return value if n == 1 else f"{value}-s{n}"


def _rewrite(catalog: Catalog, table: Table, record: dict[str, Any], n: int, numbers: _Numbers) -> dict[str, Any]:
    for fk in table.foreign_keys:
        target = catalog[fk.table]
        if fk is table.parent_link or not (target.is_main and target.layout == "files"):
            continue
        name = fk.fields[fk.ref_fields.index("id")] if "id" in fk.ref_fields else None
        if name and isinstance(record.get(name), str):
            record[name] = _suffix(record[name], n)
    if n > 1:
        for group in table.meta.get("unique", []) if table.is_main else []:
            for name in group:
                if isinstance(record.get(name), str):
                    record[name] = numbers.fresh(table.fields[name].check, record[name], n)
    for child in table.children:
        items = record.get(child.key)
        if isinstance(items, list):
            record[child.key] = [_child(catalog, child, item, n, numbers) for item in items]
    return record


def _child(catalog: Catalog, child: Table, item: Any, n: int, numbers: _Numbers) -> Any:
    if child.scalar:
        wrapped = _rewrite(catalog, child, {child.scalar: item}, n, numbers)
        return wrapped[child.scalar]
    return _rewrite(catalog, child, item, n, numbers) if isinstance(item, dict) else item


class _Numbers:
    """Fresh registry numbers with valid checksums, never repeating."""

    def __init__(self) -> None:
        self.counter = 10_000_000

    def fresh(self, check: str | None, old: str, n: int) -> str:
        self.counter += 1
        body = f"{self.counter:08d}"
        if check == "krs":
            return f"{self.counter:010d}"
        if check == "nip":
            while True:
                digits = f"9{self.counter:08d}"
                total = sum(int(d) * w for d, w in zip(digits, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=True)) % 11
                if total != 10:
                    return digits + str(total)
                self.counter += 1
        if check == "regon":
            total = sum(int(d) * w for d, w in zip(body, (8, 9, 2, 3, 4, 5, 6, 7), strict=True)) % 11
            return body + str(total % 10)
        return f"{old}-s{n}"
