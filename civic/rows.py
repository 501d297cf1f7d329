"""A row of a table: typed values by field name, with where each came from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from civic.problems import Position

if TYPE_CHECKING:
    from civic.schema import Table


_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


def place(line: int, column: int) -> int:
    """A line and a column (both 1-based) as one number, for :attr:`Row.places`."""
    return line << _COLUMN_BITS | column


NONE_INVALID: frozenset[str] = frozenset()
"""The invalid fields of a row with none, shared: a city has a hundred thousand rows."""


class Row(dict[str, Any]):
    """Typed values by field name; child rows as lists under their YAML key.

    ``pos`` is where the row starts, ``places`` where each value was
    written (line and column in one number, see :func:`place`: a city has
    about a million values, and a number is kept, copied and pickled for a
    fraction of what a position costs), ``where`` how a message names the row
    (``consultations.meetings[2]``), and ``invalid`` the fields whose
    written value could not be read (already reported); ``parent`` is the
    row a child row is nested in.
    """

    __slots__ = ("table", "pos", "places", "where", "invalid", "parent")

    def __init__(self, table: Table, pos: Position, where: str):
        super().__init__()
        self.table = table
        self.pos = pos
        self.places: dict[str, int] = {}
        self.where = where
        self.invalid: frozenset[str] = NONE_INVALID
        self.parent: Row | None = None

    def __getattr__(self, name: str) -> Any:
        """A field of the table that was left out reads as None (templates: ``row.votes``)."""
        try:
            table = object.__getattribute__(self, "table")
        except AttributeError:
            raise AttributeError(name) from None
        if name in table.fields or name in table.child_by_key:
            return self.get(name)
        raise AttributeError(name)

    def position(self, name: str) -> Position:
        """Where a field's value was written; where the row starts if it was not."""
        packed = self.places.get(name)
        if packed is None:
            return self.pos
        return Position(self.pos.path, packed >> _COLUMN_BITS, packed & _COLUMN_MASK)

    def at(self, name: str) -> str:
        """How a message names one field of this row."""
        return f"{self.where}.{name}"

    def key(self, names: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple(map(self.get, names))

    def main(self) -> Row:
        """The record (main-table row) this row belongs to."""
        row = self
        while row.parent is not None:
            row = row.parent
        return row


def keys(rows: list[Row], names: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Each row's :meth:`Row.key`, made in one pass: a city's checks make half a million."""
    if len(names) == 1:
        name = names[0]
        return [(row.get(name),) for row in rows]
    return [tuple(map(row.get, names)) for row in rows]
