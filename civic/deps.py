"""What each output was made from: tokens noted while it is rendered.

The incremental build (:mod:`civic.reuse`) re-renders an output only when
one of the tokens it noted last time is among the tokens of the change.
Records reach a template only through a few doors, and each door notes a
token when a recording is open:

``T<table>``
    every row of a table was read (a list, a count, a total)
``K<table>/<id>``
    one record was looked up by its id, or is the page's own record
``I<table>/<field>/<value>``
    the rows of a table with ``field == value`` were looked up
``N<table>/<id>``
    only a record's name and address were shown (a link to it)
``M<table>``
    which records a table has, and under which filter values they are
    listed (a list page; the records it shows add their own ``K`` tokens)
``O<table>``
    the order of a table's records in its lists, which follows their names
    (a list split into pages: a renamed record moves others to another page)
``R<table>``
    the values of a table's rows, and nothing else about them (a data file
    of the table: an NGO's description edited leaves its areas' file as it was)
``V``
    the data's version: the last commit that changed the data folder (the
    open-data package states it), which changes with every commit of the
    data, also one that changes no record

A changed file produces the tokens of its rows as they were and as they
are (:func:`change_tokens`), so a page is re-rendered when a row it read
changed, when a row joined or left a list it showed, or when a record it
looked up appeared or vanished; a page that only links to a record is
re-rendered when the record's name or address changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from civic.rows import Row
    from civic.schema import Table

T = TypeVar("T")

_open: list[set[str]] = []
"""The recordings now open, innermost last; a token goes to every one."""
_paused = 0


def table_token(table: str) -> str:
    return f"T{table}"


def record_token(table: str, record_id: Any) -> str:
    return f"K{table}/{record_id}"


def lookup_token(table: str, field: str, value: Any) -> str:
    return f"I{table}/{field}/{value!r}"


def name_token(table: str, record_id: Any) -> str:
    return f"N{table}/{record_id}"


def membership_token(table: str) -> str:
    return f"M{table}"


def order_token(table: str) -> str:
    return f"O{table}"


def rows_token(table: str) -> str:
    return f"R{table}"


VERSION_TOKEN = "V"


class Describer(Protocol):
    """What the site shows of a record elsewhere than on its own page."""

    def name_fields(self, table: Table) -> tuple[str, ...]:
        """The fields a link to a record shows: its name, and what its address is made of."""
        ...

    def filter_values(self, row: Row) -> tuple[Any, ...]:
        """The filter values a record is listed under."""
        ...


def use(token: str) -> None:
    """Note that the output being rendered depends on ``token``."""
    if _open and not _paused:
        token = sys.intern(token)
        for tokens in _open:
            tokens.add(token)


def use_all(tokens: Iterable[str]) -> None:
    if _open and not _paused:
        for recording in _open:
            recording.update(tokens)


def use_record(row: Row) -> None:
    """Note a record (or the record a child row belongs to)."""
    if _open and not _paused:
        use(token_of_record(row))


def token_of_record(row: Row) -> str:
    """The token of the record a row is, or belongs to."""
    main = row.main()
    return record_token(main.table.name, main.get("id"))


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the tokens noted inside the block (nested recordings see them too)."""
    tokens: set[str] = set()
    _open.append(tokens)
    try:
        yield tokens
    finally:
        _open.remove(tokens)


@contextmanager
def untracked() -> Iterator[None]:
    """Work whose result is shared by many outputs (an index), noted by its users instead."""
    global _paused
    _paused += 1
    try:
        yield
    finally:
        _paused -= 1


def remembered(method: Callable[[Any], T]) -> Callable[[Any], T]:
    """Cache a method without arguments, and note its tokens at every call, not only the first."""
    slot = f"_remembered_{method.__name__}"

    @wraps(method)
    def wrapper(self: Any) -> T:
        try:
            result, tokens = self.__dict__[slot]
        except KeyError:
            with recording() as tokens:
                result = method(self)
            self.__dict__[slot] = (result, frozenset(tokens))
        use_all(tokens)
        return result

    return wrapper


def change_tokens(old: list[Row], new: list[Row], site: Describer) -> set[str]:
    """The tokens of a file's records changing from ``old`` to ``new``."""
    was_rows, now_rows = _by_table(old), _by_table(new)
    out: set[str] = set()
    for rows in (*was_rows.values(), *now_rows.values()):
        for row in rows:
            _add_row(row, out)
    out.update(
        rows_token(name) for name in was_rows.keys() | now_rows.keys() if was_rows.get(name) != now_rows.get(name)
    )
    before = {(r.table.name, r.get("id")): r for r in old}
    after = {(r.table.name, r.get("id")): r for r in new}
    for key in before.keys() | after.keys():
        was, now = before.get(key), after.get(key)
        if was is None or now is None:
            out.add(name_token(*key))
            out.add(membership_token(key[0]))
            out.add(order_token(key[0]))
            continue
        if was.key(site.name_fields(was.table)) != now.key(site.name_fields(now.table)):
            out.add(name_token(*key))
            out.add(order_token(key[0]))
        if site.filter_values(was) != site.filter_values(now):
            out.add(membership_token(key[0]))
    return out


def _add_row(row: Row, out: set[str]) -> None:
    """The tokens of one row's own values (its child rows give their own)."""
    table = row.table
    out.add(table_token(table.name))
    if row.parent is None:
        out.add(record_token(table.name, row.get("id")))
    for name, value in row.items():
        if name not in table.child_by_key and not isinstance(value, list):
            out.add(lookup_token(table.name, name, value))


def _by_table(rows: list[Row]) -> dict[str, list[Row]]:
    """Every row of a file's records, its child rows too, listed by table in the file's order."""
    out: dict[str, list[Row]] = {}
    todo = list(reversed(rows))
    while todo:
        row = todo.pop()
        out.setdefault(row.table.name, []).append(row)
        for child in reversed(row.table.children):
            todo.extend(reversed(row.get(child.key, ())))
    return out
