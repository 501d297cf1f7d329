"""The data folder as an import sees it: records on disk plus the changes staged so far.

Every importer turns its input into calls of :meth:`Workspace.put`: "this
record should have these values". The workspace compares them with what the
record says now, by type (``250000`` and ``250000.00`` are the same amount),
and stages only real changes: a new file written the way staff write them,
or the existing file with just the changed keys replaced (comments and the
other lines stay). Importing the same input twice therefore changes nothing
the second time. Nothing is written here; :mod:`civic.importers.apply`
checks the staged files and writes them all or none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from civic import rawdata
from civic.newids import fresh_id
from civic.problems import display_path
from civic.rawdata import RawRecord
from civic.schema import Catalog, Field, Table
from civic.values import BadValue, parse
from civic.yamledit import update_text
from civic.yamlwrite import modeline, render_record, to_text

T = TypeVar("T")


class InputError(ValueError):
    """Input that cannot be imported; the message is Polish and names the file (and line)."""


@dataclass
class Staged:
    """One record file the import would write."""

    table: Table
    record_id: str
    path: Path
    old_text: str | None
    new_text: str
    source: str | None = None
    field_sources: dict[str, str] = field(default_factory=dict)


class Workspace:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.catalog = Catalog.load(data_dir / "schemas")
        self.staged: dict[Path, Staged] = {}
        self.errors: list[str] = []
        self.notes: list[str] = []
        self._on_disk: dict[str, dict[str, RawRecord]] = {}

    def readable(self, files: list[Path], read: Callable[[Path], T]) -> Iterator[T]:
        """Each input file read with ``read``; one that cannot be read is reported and skipped."""
        for path in files:
            try:
                yield read(path)
            except InputError as exc:
                self.error(str(exc))

    # -- looking up ------------------------------------------------------

    def table(self, name: str) -> Table:
        return self.catalog[name]

    def ids(self, table: Table) -> set[str]:
        return set(self._disk(table)) | {s.record_id for s in self.staged.values() if s.table is table}

    def current(self, table: Table, record_id: str) -> dict[str, Any] | None:
        """A record's values as they will be after the changes staged so far."""
        staged = self._staged(table, record_id)
        if staged is not None:
            values = rawdata.parse_raw(staged.new_text)
            return values if isinstance(values, dict) else {}
        record = self._disk(table).get(record_id)
        return None if record is None else record.values

    def all_current(self, table: Table) -> dict[str, dict[str, Any]]:
        out = {i: r.values for i, r in self._disk(table).items()}
        for staged in self.staged.values():
            if staged.table is table:
                out[staged.record_id] = self.current(table, staged.record_id) or {}
        return out

    def vocabulary(self, name: str) -> list[dict[str, Any]]:
        return rawdata.vocabulary(self.data_dir, self.catalog[name])

    def new_id(self, table: Table, hint: str | None) -> str:
        return fresh_id(table, self.ids(table), hint)

    # -- staging ---------------------------------------------------------

    def put(
        self,
        table: Table,
        record_id: str,
        values: Mapping[str, Any],
        *,
        defaults: Mapping[str, Any] | None = None,
        source: str | None = None,
        field_sources: Mapping[str, str] | None = None,
    ) -> str:
        """Make the record have ``values``; ``defaults`` only fill keys it lacks.

        A value of None means "not given": nothing is ever removed. Returns
        ``"added"``, ``"changed"`` or ``"unchanged"``.
        """
        given = {k: v for k, v in values.items() if v is not None and v != []}
        fill = {k: v for k, v in (defaults or {}).items() if v is not None and v != []}
        current = self.current(table, record_id)
        staged = self._staged(table, record_id)
        if current is None:
            path = self.data_dir / table.folder / f"{record_id}.yaml"
            text = render_record(table, {**fill, **given}, header=[modeline(table, path, self.data_dir)])
            self.staged[path] = Staged(table, record_id, path, None, text, source, dict(field_sources or {}))
            return "added"
        changes = {k: v for k, v in given.items() if not same(table, k, current.get(k), v)}
        changes.update({k: v for k, v in fill.items() if _empty(current.get(k)) and k not in changes})
        if not changes:
            return "unchanged"
        if staged is None:
            record = self._disk(table)[record_id]
            if not record.readable:
                self.error(f"{display_path(record.path)}: plik rekordu ma błąd składni; popraw go przed importem.")
                return "unchanged"
            staged = Staged(table, record_id, record.path, record.text, record.text, source)
            self.staged[record.path] = staged
        staged.new_text = update_text(staged.new_text, table, changes)
        staged.field_sources.update(field_sources or {})
        staged.source = staged.source or source
        return "changed"

    def error(self, message: str) -> None:
        self.errors.append(message)

    def note(self, message: str) -> None:
        self.notes.append(message)

    def _disk(self, table: Table) -> dict[str, RawRecord]:
        if table.name not in self._on_disk:
            self._on_disk[table.name] = rawdata.records(self.data_dir, table)
        return self._on_disk[table.name]

    def _staged(self, table: Table, record_id: str) -> Staged | None:
        for staged in self.staged.values():
            if staged.table is table and staged.record_id == record_id:
                return staged
        return None


# -- comparing by type ----------------------------------------------------


def same(table: Table, key: str, old: Any, new: Any) -> bool:
    """Whether a record's current value (as written) already equals ``new``."""
    child = table.child_by_key.get(key)
    if child is None:
        return _same_scalar(table.fields.get(key), old, new)
    if not isinstance(old, list) or not isinstance(new, list) or len(old) != len(new):
        return False
    if child.scalar:
        field = child.fields[child.scalar]
        return all(_same_scalar(field, a, b) for a, b in zip(old, new, strict=True))
    return all(_same_row(child, a, b) for a, b in zip(old, new, strict=True))


def _same_row(table: Table, old: Any, new: Any) -> bool:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    present_old = {k for k, v in old.items() if not _empty(v)}
    present_new = {k for k, v in new.items() if not _empty(v)}
    return present_old == present_new and all(same(table, k, old[k], new[k]) for k in present_new)


def _same_scalar(field: Field | None, old: Any, new: Any) -> bool:
    if not isinstance(old, str):
        return False
    text = to_text(field, new)
    if old == text:
        return True
    if field is None:
        return False
    try:
        return parse(field, old) == parse(field, text)
    except BadValue:
        return False


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
