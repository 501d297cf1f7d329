"""Rows as bytes, to keep them in the cache or send them between processes.

A row refers to its table's schema; the schema is written as the table's
name and found again in the catalogue when the rows are read back, so the
rows come back attached to the very same table objects.

Rows and tables are reduced through the pickler's dispatch table, which the
C pickler consults by type: a hook called for every object saved (such as
``persistent_id``) cost about 40% of the time to pickle a record. They are
read back by the C unpickler as it is, with the catalogue to find tables in
set aside for the thread meanwhile: a build reads a city's 67,000 files'
rows one file at a time, and did so in about a quarter more time with an
unpickler subclass, made per file and asked in Python for each class.
"""

from __future__ import annotations

import copyreg
import io
import operator
import pickle
import threading
from collections.abc import Callable, Iterator
from typing import Any

from civic.rows import Row
from civic.schema import Catalog, Table

_reading = threading.local()
"""The catalogue of the rows being read back in this thread (``catalog``)."""


def _table(name: str) -> Table:
    catalog: Catalog | None = getattr(_reading, "catalog", None)
    if catalog is None:
        raise pickle.UnpicklingError(f"table {name!r} read back without its catalogue")
    return catalog[name]


_SLOTS = Row.__slots__
_slot_values = operator.attrgetter(*_SLOTS)


def _reduce_row(row: Row) -> tuple[Callable[..., Row], tuple[type[Row]], tuple[None, dict[str, Any]], None, Iterator]:
    slots = dict(zip(_SLOTS, _slot_values(row), strict=True))
    return copyreg.__newobj__, (Row,), (None, slots), None, iter(row.items())  # made as Row.__new__(Row)


def _reduce_table(table: Table) -> tuple[Callable[[str], Table], tuple[str]]:
    return _table, (table.name,)


class _RowPickler(pickle.Pickler):
    dispatch_table = {**copyreg.dispatch_table, Row: _reduce_row, Table: _reduce_table}


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
    """What :func:`dumps` made, its rows attached to the tables of ``catalog``."""
    before = getattr(_reading, "catalog", None)
    _reading.catalog = catalog
    try:
        return pickle.loads(blob)
    finally:
        _reading.catalog = before
