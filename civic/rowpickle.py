"""Rows as bytes, to keep them in the cache or send them between processes.

A row refers to its table's schema; the schema is written as the table's
name and found again in the catalogue when the rows are read back, so the
rows come back attached to the very same table objects.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from civic.rows import Row
from civic.schema import Catalog, Table


class _RowPickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> str | None:
        return obj.name if isinstance(obj, Table) else None


class _RowUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, catalog: Catalog):
        super().__init__(io.BytesIO(data))
        self.catalog = catalog

    def persistent_load(self, pid: Any) -> Table:
        return self.catalog[pid]


def dump_rows(rows: list[Row]) -> bytes:
    buffer = io.BytesIO()
    _RowPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(rows)
    return buffer.getvalue()


def load_rows(blob: bytes, catalog: Catalog) -> list[Row]:
    return _RowUnpickler(blob, catalog).load()
