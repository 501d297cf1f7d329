"""Table Schemas: the single description of every table.

Each table is one Frictionless Table Schema (JSON) in the schemas folder.
Standard properties describe fields, constraints and keys; a few
properties prefixed ``x-`` say how a table maps onto the YAML records:

Table level, ``x-civic``:
  kind        a main table: one YAML file per record (``<folder>/<id>.yaml``)
  folder      folder of the records, relative to the data folder
              (default: the table name)
  layout      ``files`` (default) or ``list``: one YAML file holding a list
              of records, ``<folder>/<table>.yaml`` (vocabularies)
  parent, key a child table: rows come from the list under ``key`` in each
              row of the ``parent`` table
  ordinal     the key field the loader numbers 1, 2, 3... in list order
  scalar      the items of the list are plain values for this field
  order       pairs of fields ``[a, b]`` where ``a <= b`` must hold
  requires    ``{"if": field | {field: value}, "then": [fields] | {field: value}}``
  together    groups of fields given all together or not at all
  unique      groups of fields unique across the table (or within the
              parent, for a child table)

Field level:
  x-check     a named format check (see ``civic.checks``)
  x-markdown  the text is Markdown
  x-personal  the field holds a private person's data; it names the
              boolean field that records their consent to publication
  x-public    ``false``: kept for the office only, never published in any
              page, export or search index
  categories  allowed values with their Polish labels (Table Schema v2)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: str
    description: str
    descriptor: dict[str, Any]

    @cached_property
    def constraints(self) -> dict[str, Any]:
        return self.descriptor.get("constraints", {})

    @cached_property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @cached_property
    def check(self) -> str | None:
        return self.descriptor.get("x-check")

    @cached_property
    def markdown(self) -> bool:
        return bool(self.descriptor.get("x-markdown"))

    @cached_property
    def consent_field(self) -> str | None:
        return self.descriptor.get("x-personal")

    @cached_property
    def public(self) -> bool:
        """False for a field kept for the office only: it appears in no output."""
        return self.descriptor.get("x-public", True) is not False

    @cached_property
    def labels(self) -> dict[str, str]:
        """Allowed values mapped to their labels; empty when any value goes."""
        cats = self.descriptor.get("categories") or []
        return {str(c["value"]): c.get("label", str(c["value"])) for c in cats}

    @cached_property
    def format(self) -> str | None:
        return self.descriptor.get("format")


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    ref_fields: tuple[str, ...]


@dataclass
class Table:
    name: str
    descriptor: dict[str, Any]
    path: Path
    fields: dict[str, Field]
    primary_key: tuple[str, ...]
    foreign_keys: list[ForeignKey]
    children: list[Table] = field(default_factory=list)
    parent: Table | None = None

    @property
    def title(self) -> str:
        return self.descriptor.get("title", self.name)

    @property
    def meta(self) -> dict[str, Any]:
        return self.descriptor.get("x-civic", {})

    @property
    def kind(self) -> str | None:
        return self.meta.get("kind")

    @property
    def is_main(self) -> bool:
        return self.parent is None

    @property
    def folder(self) -> str:
        return self.meta.get("folder", self.name)

    @property
    def layout(self) -> str:
        return self.meta.get("layout", "files")

    @property
    def key(self) -> str | None:
        """The YAML key under which a parent row lists this table's rows."""
        return self.meta.get("key")

    @property
    def ordinal(self) -> str | None:
        return self.meta.get("ordinal")

    @property
    def scalar(self) -> str | None:
        return self.meta.get("scalar")

    @cached_property
    def parent_link(self) -> ForeignKey | None:
        """The foreign key that ties a child row to its parent row."""
        if self.parent is None:
            return None
        for fk in self.foreign_keys:
            if fk.table == self.parent.name and fk.ref_fields == self.parent.primary_key:
                return fk
        return None

    @cached_property
    def inherited(self) -> tuple[str, ...]:
        """Fields a child row takes from its parent rather than from YAML."""
        return self.parent_link.fields if self.parent_link else ()

    @cached_property
    def own_fields(self) -> dict[str, Field]:
        """Fields that staff write in YAML (keys filled by the loader excluded)."""
        skip = set(self.inherited) | {self.ordinal}
        if self.is_main and self.layout == "files":
            skip.add("id")
        return {n: f for n, f in self.fields.items() if n not in skip}

    @cached_property
    def personal_fields(self) -> tuple[Field, ...]:
        """Own fields holding a private person's data (``x-personal``), in schema order."""
        return tuple(f for f in self.own_fields.values() if f.consent_field)

    @cached_property
    def child_by_key(self) -> dict[str, Table]:
        return {c.key: c for c in self.children if c.key}

    @property
    def main(self) -> Table:
        table = self
        while table.parent is not None:
            table = table.parent
        return table


class SchemaError(Exception):
    """A schema file that the product itself cannot use."""


class Catalog:
    """Every table of the data model, read from one schemas folder."""

    def __init__(self, tables: dict[str, Table]):
        self.tables = tables

    @classmethod
    def load(cls, folder: Path) -> Catalog:
        tables: dict[str, Table] = {}
        for path in sorted(folder.glob("*.json")):
            try:
                descriptor = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SchemaError(f"{path}: {exc}") from exc
            tables[path.stem] = _table(path, descriptor)
        for table in tables.values():
            parent_name = table.meta.get("parent")
            if parent_name:
                if parent_name not in tables:
                    raise SchemaError(f"{table.path}: unknown parent table {parent_name!r}")
                table.parent = tables[parent_name]
                tables[parent_name].children.append(table)
        for table in tables.values():
            if table.parent is not None and table.parent_link is None:
                raise SchemaError(f"{table.path}: no foreign key to the parent's primary key")
        return cls(tables)

    @property
    def main_tables(self) -> list[Table]:
        return [t for t in self.tables.values() if t.is_main]

    def descendants(self, table: Table) -> list[Table]:
        out: list[Table] = []
        for child in table.children:
            out.append(child)
            out.extend(self.descendants(child))
        return out

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]

    def __iter__(self):
        return iter(self.tables.values())


def _table(path: Path, descriptor: dict[str, Any]) -> Table:
    try:
        fields = {
            f["name"]: Field(
                name=f["name"],
                type=f.get("type", "string"),
                title=f.get("title", f["name"]),
                description=f.get("description", ""),
                descriptor=f,
            )
            for f in descriptor["fields"]
        }
        pk = descriptor.get("primaryKey", [])
        fks = [
            ForeignKey(
                fields=tuple(_as_list(fk["fields"])),
                table=fk["reference"]["resource"] or path.stem,
                ref_fields=tuple(_as_list(fk["reference"]["fields"])),
            )
            for fk in descriptor.get("foreignKeys", [])
        ]
    except (KeyError, TypeError) as exc:
        raise SchemaError(f"{path}: malformed Table Schema ({exc})") from exc
    return Table(
        name=path.stem,
        descriptor=descriptor,
        path=path,
        fields=fields,
        primary_key=tuple(_as_list(pk)),
        foreign_keys=fks,
    )


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)
