"""What may be published: the one rule every page, export and index follows.

A field whose schema says ``"x-public": false`` (an author's e-mail, an
office's internal note) is kept for the office only: it appears in no page,
data file or search index. Private persons' data marked ``x-personal`` is
present in a row only with a recorded consent (validation enforces that),
so it is published like any other field.

Everything that writes records for the public asks this module which fields
and values it may show, and nothing else decides.
"""

from __future__ import annotations

from typing import Any

from civic.rows import Row
from civic.schema import Field, ForeignKey, Table


def public_fields(table: Table) -> list[Field]:
    """The table's fields that may be published, in schema order."""
    return [f for f in table.fields.values() if f.public]


def public_values(row: Row, fields: list[Field] | None = None) -> dict[str, Any]:
    """A row's publishable values by field name, in schema order; a missing value is None.

    ``fields`` is ``public_fields(row.table)``, passed in when many rows of
    one table are published.
    """
    return {f.name: row.get(f.name) for f in fields or public_fields(row.table)}


def public_foreign_keys(table: Table) -> list[ForeignKey]:
    """Foreign keys made only of publishable fields (the others cannot be followed)."""
    names = {f.name for f in public_fields(table)}
    return [fk for fk in table.foreign_keys if set(fk.fields) <= names]


def check_keys_public(table: Table) -> None:
    """A primary key must be publishable, or the published rows could not be told apart."""
    names = {f.name for f in public_fields(table)}
    hidden = [name for name in table.primary_key if name not in names]
    if hidden:
        raise ValueError(f"{table.path}: primary key field(s) {hidden} are marked x-public: false")
