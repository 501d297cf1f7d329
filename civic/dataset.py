"""All records of one data folder, as rows of every table."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from civic import deps
from civic.rows import Row, keys
from civic.schema import Catalog, Table


class Dataset:
    """Rows of every table; main tables' rows carry their children."""

    def __init__(self, catalog: Catalog, data_dir: Path):
        self.catalog = catalog
        self.data_dir = data_dir
        self.tables: dict[str, list[Row]] = {t.name: [] for t in catalog}
        self.sources: dict[int, str] = {}
        self._indexes: dict[tuple[str, tuple[str, ...]], set[tuple[Any, ...]]] = {}
        self._by_id: dict[str, dict[str, Row]] = {}

    def add(self, row: Row, source: str | None = None) -> None:
        """Add a main table's row (read from the file ``source``) and, recursively, all its child rows."""
        self.tables[row.table.name].append(row)
        if source is not None:
            self.sources[id(row)] = source
        self._add_children(row)

    def _add_children(self, row: Row) -> None:
        for child in row.table.children:
            for sub in row.get(child.key, ()):
                self.tables[child.name].append(sub)
                self._add_children(sub)

    def rows(self, table: str) -> list[Row]:
        deps.use(deps.table_token(table))
        return self.tables[table]

    def records(self, table: str) -> dict[str, Row]:
        """A main table's rows by id."""
        if table not in self._by_id:
            self._by_id[table] = {r["id"]: r for r in self.tables[table] if "id" in r}
        return self._by_id[table]

    def record(self, table: str, record_id: Any) -> Row | None:
        """One record of a main table by its id (None when there is none)."""
        deps.use(deps.record_token(table, record_id))
        return self.records(table).get(record_id)

    def source(self, row: Row) -> Path | None:
        """The YAML file a main table's row was read from."""
        source = self.sources.get(id(row))
        return Path(source) if source is not None else None

    def key_index(self, table: str, names: tuple[str, ...]) -> set[tuple[Any, ...]]:
        key = (table, names)
        if key not in self._indexes:
            self._indexes[key] = set(keys(self.tables[table], names))
        return self._indexes[key]

    def kinds(self) -> Iterable[Table]:
        """Main tables that are record kinds (not vocabularies)."""
        return (t for t in self.catalog.main_tables if t.kind)

    def count(self) -> int:
        """How many records (main-table rows) there are."""
        return sum(len(self.tables[t.name]) for t in self.catalog.main_tables)
