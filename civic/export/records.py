"""The published rows of every table: public values only, in one stable order.

Records of a main table come sorted by their primary key (vocabularies keep
the order of their file); the rows of a child table follow their parents'
order and, within one parent, the order of the list in the YAML file. So a
table's rows never move when an unrelated record changes, and every nested
list can be rebuilt in its original order.

A value is either given or absent (``None``). An empty text written as
``key: ""`` cannot be told apart from a missing value in CSV or in a
spreadsheet, so it is published as absent in every format alike, and the
build warns about it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from civic.dataset import Dataset
from civic.publication import check_keys_public, public_fields, public_values
from civic.rows import Row
from civic.schema import Field, Table

log = logging.getLogger(__name__)


@dataclass
class PublishedTable:
    table: Table
    fields: list[Field]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    records: list[Row] = field(default_factory=list)  # the record (main-table row) each row belongs to

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def dicts(self) -> Iterator[dict[str, Any]]:
        names = self.names
        for values in self.rows:
            yield dict(zip(names, values, strict=True))


def publish(dataset: Dataset) -> dict[str, PublishedTable]:
    """Every table of the catalog (in catalog order) with its published rows."""
    tables: dict[str, PublishedTable] = {}
    for table in dataset.catalog:
        check_keys_public(table)
        tables[table.name] = PublishedTable(table, public_fields(table))
    for table in dataset.catalog.main_tables:
        rows = dataset.rows(table.name)
        if table.layout == "files":
            rows = sorted(rows, key=lambda r: r.key(table.primary_key))
        for row in rows:
            _add(tables, row, row)
    return tables


def _add(tables: dict[str, PublishedTable], row: Row, record: Row) -> None:
    """A row and its children; an empty text never gets here (validation refuses it: ``empty-text``)."""
    target = tables[row.table.name]
    target.rows.append(tuple(public_values(row, target.fields).values()))
    target.records.append(record)
    for child in row.table.children:
        for sub in row.get(child.key, ()):
            _add(tables, sub, record)
