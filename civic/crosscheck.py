"""Checks across records: unique keys, unique values, references that resolve.

Each check is one function taking the dataset and the problems; ``CHECKS``
lists them in the order they run, and a new check is one function added
there.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from civic.budget_check import check_budgets
from civic.dataset import Dataset
from civic.problems import Problems
from civic.rows import Row, keys
from civic.schema import ForeignKey, Table

LISTED_AT_MOST = 15
"""Up to this many allowed values, a message lists them all."""


def check_keys(data: Dataset, problems: Problems) -> None:
    for table in data.catalog:
        if table.primary_key and not table.ordinal:
            _unique(data.rows(table.name), table.primary_key, problems, primary=True)
        if table.is_main:
            for group in table.meta.get("unique", []):
                _unique(data.rows(table.name), tuple(group), problems, primary=False)


def _unique(rows: list[Row], names: tuple[str, ...], problems: Problems, *, primary: bool) -> None:
    seen: dict[tuple[Any, ...], Row] = {}
    for row, key in zip(rows, keys(rows, names), strict=True):
        if None in key or "" in key:
            continue
        first = seen.setdefault(key, row)
        if first is row:
            continue
        name = names[-1]
        other = f"{first.pos.path}, wiersz {first.position(name).line}"
        if primary:
            problems.add(row.position(name), row.at(name), "duplicate-id", value=key[-1], other=other)
        else:
            problems.add(row.position(name), row.at(name), "duplicate-value", value=key[-1], field=name, other=other)


def check_references(data: Dataset, problems: Problems) -> None:
    for table in data.catalog:
        for fk in table.foreign_keys:
            if fk is table.parent_link:
                continue
            _references(data, table, fk, problems)


def _references(data: Dataset, table: Table, fk: ForeignKey, problems: Problems) -> None:
    targets = data.key_index(fk.table, fk.ref_fields)
    self_ref = fk.table == table.name and fk.ref_fields == table.primary_key
    last = fk.fields[-1]
    rows = data.rows(table.name)
    for row, key in zip(rows, keys(rows, fk.fields), strict=True):
        if None in key:
            continue
        if self_ref and key == row.key(table.primary_key):
            problems.add(row.position(last), row.at(last), "self-reference", field=last)
        elif key not in targets:
            options = sorted(str(k[-1]) for k in targets if k[:-1] == key[:-1])
            close = difflib.get_close_matches(str(key[-1]), options, n=1, cutoff=0.6)
            listed = ", ".join(options) if len(options) <= LISTED_AT_MOST else ""
            problems.add(
                row.position(last),
                row.at(last),
                "foreign-key",
                value=key[-1],
                target=fk.table,
                suggestion=close[0] if close else "",
                allowed=listed,
            )


CHECKS: list[Callable[[Dataset, Problems], None]] = [check_keys, check_references, check_budgets]


def crosscheck(data: Dataset, problems: Problems) -> None:
    for check in CHECKS:
        check(data, problems)
