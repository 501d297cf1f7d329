"""Which records point at a record: reverse look-ups, built once.

A district page lists the budget projects, consultations and NGOs that
refer to it; an NGO page lists its grants. Each index is built on first
use from one pass over the referring table, so no page walks all records.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from civic import deps
from civic.dataset import Dataset
from civic.rows import Row


class Related:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._indexes: dict[tuple[str, str], dict[Any, list[Row]]] = {}

    def rows(self, table: str, field: str, value: Any) -> list[Row]:
        """Rows of ``table`` whose ``field`` equals ``value`` (in file order)."""
        key = (table, field)
        if key not in self._indexes:
            index: dict[Any, list[Row]] = defaultdict(list)
            with deps.untracked():
                for row in self.dataset.rows(table):
                    if row.get(field) is not None:
                        index[row[field]].append(row)
            self._indexes[key] = dict(index)
        deps.use(deps.lookup_token(table, field, value))
        return self._indexes[key].get(value, [])

    def records(self, table: str, field: str, value: Any) -> list[Row]:
        """The records (main rows) that contain a row of ``table`` with ``field == value``, each once."""
        seen: dict[int, Row] = {}
        for row in self.rows(table, field, value):
            main = row.main()
            seen.setdefault(id(main), main)
        return list(seen.values())
