"""Rows as bytes, to keep them in the cache or send them between processes.

A row refers to its table's schema; the schema is written as the table's
name and found again in the catalogue when the rows are read back, so the
rows come back attached to the very same table objects.

Rows and tables are reduced through the pickler's dispatch table, which the
C pickler consults by type: a hook called for every object saved (such as
``persistent_id``) cost about 40% of the time to pickle a record.
"""

from __future__ import annotations

import copyreg
import io
import operator
import pickle
from collections.abc import Callable, Iterator
from typing import Any

from civic.rows import Row
from civic.schema import Catalog, Table


def _table(name: str) -> Table:  # pragma: no cover - the unpickler swaps in the catalogue's lookup
    raise pickle.UnpicklingError(f"table {name!r} read back without its catalogue")


_SLOTS = Row.__slots__
_slot_values = operator.attrgetter(*_SLOTS)


def _reduce_row(row: Row) -> tuple[Callable[..., Row], tuple[type[Row]], tuple[None, dict[str, Any]], None, Iterator]:
    slots = dict(zip(_SLOTS, _slot_values(row), strict=True))
    return copyreg.__newobj__, (Row,), (None, slots), None, iter(row.items())  # made as Row.__new__(Row)


def _reduce_table(table: Table) -> tuple[Callable[[str], Table], tuple[str]]:
    return _table, (table.name,)


class _RowPickler(pickle.Pickler):
    dispatch_table = {**copyreg.dispatch_table, Row: _reduce_row, Table: _reduce_table}


class _RowUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, catalog: Catalog):
        super().__init__(io.BytesIO(data))
        self.catalog = catalog

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_table":
            return self.catalog.__getitem__
        return super().find_class(module, name)


def dump_rows(rows: list[Row]) -> bytes:
    return dumps(rows)


def load_rows(blob: bytes, catalog: Catalog) -> list[Row]:
    return loads(blob, catalog)


def dumps(value: object) -> bytes:
    """Anything holding rows (a chunk of files' rows with their problems, say) as bytes.

    Rows pickled together share one table reference and one pickler: a chunk
    of a city's files pickled at once took two thirds of the time, and was
    read back in four fifths, of the same files pickled one by one."""
    buffer = io.BytesIO()
    _RowPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def loads(blob: bytes, catalog: Catalog) -> Any:
    return _RowUnpickler(blob, catalog).load()
