"""The one shape every problem in the records takes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from civic.messages import message


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in the records, pointing at the file, line and field.

    ``where`` is ``table.field``, with the path through nested lists where
    the value sits inside one, e.g. ``consultations.meetings[2].date``.
    """

    path: str
    line: int
    column: int
    where: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.where}: {self.message} [{self.code}]"


class Position(NamedTuple):
    """A place in a source file (1-based line and column); one per value, so kept light."""

    path: str
    line: int = 1
    column: int = 1


class Problems:
    """Collects problems; nothing stops at the first one."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, pos: Position, where: str, code: str, **params: object) -> None:
        self._items.append(Problem(pos.path, pos.line, pos.column, where, code, message(code, **params)))

    def add_text(self, pos: Position, where: str, code: str, text: str) -> None:
        """Add a problem whose message was already written (by a format check)."""
        self._items.append(Problem(pos.path, pos.line, pos.column, where, code, text))

    def extend(self, problems: Problems) -> None:
        self._items.extend(problems._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self._items))


def display_path(path: Path) -> str:
    """A path as staff and CI see it: relative to the working folder if inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
