"""The checks across records after an edit, worked out from the rows it changed.

The last build's records passed the checks across records
(:mod:`civic.crosscheck`), or it would have left no cache. So after an
edit a key can be repeated only where a row of a changed file has it, and
a reference can fail only from a changed row or to a key a changed file
took away. With every key of the last build counted (:class:`Counts`, made
when the preview reads the cache ahead), the changed rows alone show in a
moment that the checks would find nothing, instead of the checks going
over a city's records again.

When a key is repeated or a reference does not resolve, they show that
the checks will find it; the checks then run at once, before any page, and
say what is wrong and where. When a citizens' budget record changed (its
winners are recomputed from the whole edition), only the full checks can
tell, and they run as in any build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from civic.budget_check import READS as BUDGET_TABLES
from civic.rows import Row, keys
from civic.schema import Catalog, ForeignKey, Table

Spec = tuple[str, tuple[str, ...]]
"""A table and the fields whose values make a key."""
Key = tuple[Any, ...]


def unique_specs(catalog: Catalog) -> list[Spec]:
    """The keys :func:`civic.crosscheck.check_keys` requires unique."""
    specs = []
    for table in catalog:
        if table.primary_key and not table.ordinal:
            specs.append((table.name, tuple(table.primary_key)))
        if table.is_main:
            specs += [(table.name, tuple(group)) for group in table.meta.get("unique", [])]
    return specs


def references(catalog: Catalog) -> list[tuple[Table, ForeignKey]]:
    """The references :func:`civic.crosscheck.check_references` resolves."""
    return [(table, fk) for table in catalog for fk in table.foreign_keys if fk is not table.parent_link]


def tables_of(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Main tables' rows and, as :class:`civic.dataset.Dataset` files them, their children's, by table."""
    tables: dict[str, list[Row]] = {}

    def add(row: Row) -> None:
        tables.setdefault(row.table.name, []).append(row)
        for child in row.table.children:
            for sub in row.get(child.key, ()):
                add(sub)

    for row in rows:
        add(row)
    return tables


@dataclass
class Counts:
    """How many rows of the last build had each key: for the keys that must be unique and those
    referred to (all of a table's rows), and for the references (the rows that make one)."""

    keys: dict[Spec, Counter[Key]]
    references: dict[Spec, Counter[Key]]

    @classmethod
    def of(cls, catalog: Catalog, rows: Iterable[Row]) -> Counts:
        """The counts over ``rows``, main tables' rows with their children."""
        tables = tables_of(rows)
        specs = {*unique_specs(catalog), *((fk.table, fk.ref_fields) for _, fk in references(catalog))}
        counted = {(name, fields): Counter(keys(tables.get(name, []), fields)) for name, fields in specs}
        made = {
            (table.name, fk.fields): Counter(_referring(tables.get(table.name, []), fk)[1])
            for table, fk in references(catalog)
        }
        return cls(counted, made)


def _referring(rows: list[Row], fk: ForeignKey) -> tuple[list[Row], list[Key]]:
    """The rows that make a reference, and the key each refers to (a key with a value missing refers to nothing)."""
    pairs = [(row, key) for row, key in zip(rows, keys(rows, fk.fields), strict=True) if None not in key]
    return [row for row, _ in pairs], [key for _, key in pairs]


def edited(
    last: dict[str, tuple[str, list[Row]]], files: Iterable[tuple[str, list[Row] | None]]
) -> tuple[list[Row], list[Row]]:
    """The rows of the files an edit changed, added or removed: as the last build had them (``last``,
    by file, read ahead) and as they are now (``files``). A file whose rows are the very ones read
    ahead is unchanged."""
    old: list[Row] = []
    new: list[Row] = []
    seen = set()
    for rel, rows in files:
        seen.add(rel)
        before = last.get(rel)
        if before is not None and before[1] is rows:
            continue
        if before is not None:
            old += before[1]
        new += rows or ()
    for rel, (_, rows) in last.items():
        if rel not in seen:
            old += rows
    return old, new


def still_pass(counts: Counts, catalog: Catalog, old: list[Row], new: list[Row]) -> bool | None:
    """Whether the checks across records find nothing once the records ``old`` (main tables' rows,
    as the last build had them) are replaced by ``new``: True if they find nothing, False if they
    find something (a key repeated, a reference that does not resolve), None if only they can tell."""
    if not old and not new:
        return True
    if any(row.table.name in BUDGET_TABLES for row in (*old, *new)):
        return None
    before, after = tables_of(old), tables_of(new)
    now: dict[Spec, _Count] = {}
    for spec, counted in counts.keys.items():
        name, fields = spec
        now[spec] = _Count(counted, before.get(name, []), after.get(name, []), fields)
    for spec in unique_specs(catalog):
        count = now[spec]
        if any(count[key] > 1 for key in count.added if None not in key and "" not in key):
            return False
    for table, fk in references(catalog):
        targets = now[(fk.table, fk.ref_fields)]
        rows, referred = _referring(after.get(table.name, []), fk)
        self_reference = fk.table == table.name and fk.ref_fields == table.primary_key
        for row, key in zip(rows, referred, strict=True):
            if targets[key] < 1 or (self_reference and key == row.key(table.primary_key)):
                return False
        gone = [key for key in targets.removed if targets[key] < 1]
        if gone:
            made = _Count(
                counts.references[(table.name, fk.fields)],
                before.get(table.name, []),
                after.get(table.name, []),
                fk.fields,
                referring=fk,
            )
            if any(made[key] > 0 for key in gone):
                return False
    return True


class _Count:
    """A key's count among the last build's rows, less the rows taken away, plus those put in."""

    def __init__(
        self,
        counted: Counter[Key],
        taken: list[Row],
        put: list[Row],
        fields: tuple[str, ...],
        referring: ForeignKey | None = None,
    ):
        self.counted = counted
        if referring is None:
            self.removed, self.added = Counter(keys(taken, fields)), Counter(keys(put, fields))
        else:
            self.removed, self.added = Counter(_referring(taken, referring)[1]), Counter(_referring(put, referring)[1])

    def __getitem__(self, key: Key) -> int:
        return self.counted[key] - self.removed[key] + self.added[key]
