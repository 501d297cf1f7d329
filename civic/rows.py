"""A row of a table: typed values by field name, with where each came from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from civic.problems import Position

if TYPE_CHECKING:
    from civic.schema import Table


class Row(dict[str, Any]):
    """Typed values by field name; child rows as lists under their YAML key.

    ``pos`` is where the row starts, ``positions`` where each value was
    written, ``where`` how a message names the row
    (``consultations.meetings[2]``), and ``invalid`` the fields whose
    written value could not be read (already reported).
    """

    __slots__ = ("table", "pos", "positions", "where", "invalid")

    def __init__(self, table: Table, pos: Position, where: str):
        super().__init__()
        self.table = table
        self.pos = pos
        self.positions: dict[str, Position] = {}
        self.where = where
        self.invalid: set[str] = set()

    def position(self, name: str) -> Position:
        return self.positions.get(name, self.pos)

    def at(self, name: str) -> str:
        """How a message names one field of this row."""
        return f"{self.where}.{name}"

    def key(self, names: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple(self.get(n) for n in names)
