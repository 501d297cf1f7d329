"""One SQLite database with every table, its primary key and its foreign keys.

For people who query: the tables and columns carry the schema's names,
required columns are ``NOT NULL``, and the foreign keys are declared and
checked when the database is written. Numbers are ``REAL`` or ``INTEGER``
(so ``SUM(amount)`` works), yes/no is 0 or 1, dates and times are ISO text
(``2026-03-14``, ``17:30``), as SQLite's date functions expect. Two more
tables describe the others: ``_tables`` and ``_fields`` (the data
dictionary, with the Polish titles).

After an edit, the rows of a table the edit did not touch are copied, inside
SQLite, from the last build's database: only the touched tables are written
row by row from Python. The database is then written in the same steps as a
full build's, and so comes out byte for byte the same.
"""

from __future__ import annotations

import sqlite3
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from civic.export import cells
from civic.export.dictionary import field_docs
from civic.export.job import Distribution, ExportJob
from civic.export.records import PublishedTable
from civic.publication import public_foreign_keys
from civic.schema import Field

PATH = "dane.sqlite"
EARLIER = "earlier"
"""The last build's database, while its rows are copied."""
COLUMN_TYPES = {"integer": "INTEGER", "year": "INTEGER", "boolean": "INTEGER", "number": "REAL"}

META_TABLES = (
    'CREATE TABLE "_tables" ("name" TEXT PRIMARY KEY, "title" TEXT NOT NULL, "description" TEXT, '
    '"rows" INTEGER NOT NULL)',
    'CREATE TABLE "_fields" ("table_name" TEXT NOT NULL REFERENCES "_tables" ("name"), "position" INTEGER NOT NULL, '
    '"name" TEXT NOT NULL, "title" TEXT NOT NULL, "type" TEXT NOT NULL, "constraints" TEXT, "description" TEXT, '
    'PRIMARY KEY ("table_name", "name"))',
)


def export(job: ExportJob) -> list[Distribution]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / PATH
        try:
            _write(path, job, copy=True)
        except sqlite3.DatabaseError:  # the last database is damaged where its rows were copied from
            path.unlink()
            _write(path, job, copy=False)
        data = path.read_bytes()
    return [job.write(PATH, data, "sqlite", "Wszystkie tabele w jednej bazie danych (SQLite)")]


def _write(path: Path, job: ExportJob, copy: bool) -> None:
    """The database; with ``copy``, the rows of untouched tables are copied from the last build's."""
    connection = sqlite3.connect(path, isolation_level=None, uri=True)
    try:
        kept = _attach_earlier(connection, job) if copy else set()
        connection.execute("BEGIN")
        for statement in META_TABLES:
            connection.execute(statement)
        for published in job.tables.values():
            connection.execute(create_table(published))
        for published in job.tables.values():
            if published.name in kept:
                name = _quote(published.name)
                connection.execute(f"INSERT INTO main.{name} SELECT * FROM {EARLIER}.{name}")
            else:
                _insert(connection, published)
            _describe(connection, published)
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"{PATH}: rows break their foreign keys: {broken[:5]}")
        connection.execute("COMMIT")
        if kept:
            connection.execute(f"DETACH DATABASE {EARLIER}")
        connection.execute("VACUUM")
    finally:
        connection.close()


def _attach_earlier(connection: sqlite3.Connection, job: ExportJob) -> set[str]:
    """Attach the last build's database, read only; the tables whose rows may be copied from it.

    A table is copied only if its rows did not change and it was made by the
    same ``CREATE TABLE`` statement, and so holds the rows this build would write."""
    unchanged = [p for p in job.tables.values() if job.unchanged((p.name,))]
    earlier = job.earlier / PATH if job.earlier is not None else None
    if not unchanged or earlier is None or not earlier.is_file():
        return set()
    try:
        connection.execute(f"ATTACH DATABASE ? AS {EARLIER}", (f"{earlier.resolve().as_uri()}?mode=ro",))
        made = dict(connection.execute(f"SELECT name, sql FROM {EARLIER}.sqlite_schema WHERE type = 'table'"))
    except sqlite3.DatabaseError:  # not a database, or a damaged one: write every table
        return set()
    return {p.name for p in unchanged if made.get(p.name) == create_table(p)}


def create_table(published: PublishedTable) -> str:
    table = published.table
    lines = [_column(f) for f in published.fields]
    lines.append(f"PRIMARY KEY ({_names(table.primary_key)})")
    for fk in public_foreign_keys(table):
        lines.append(f"FOREIGN KEY ({_names(fk.fields)}) REFERENCES {_quote(fk.table)} ({_names(fk.ref_fields)})")
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_quote(table.name)} (\n  {body}\n)"


def _column(field: Field) -> str:
    column = f"{_quote(field.name)} {COLUMN_TYPES.get(field.type, 'TEXT')}"
    if field.required:
        column += " NOT NULL"
    if field.type == "boolean":
        column += f" CHECK ({_quote(field.name)} IN (0, 1))"
    return column


_AS_THEY_ARE = frozenset({str, int, type(None)})
"""The kinds of value SQLite stores as they are: most of a table's values skip :func:`_value`."""


def _insert(connection: sqlite3.Connection, published: PublishedTable) -> None:
    fields, name = published.fields, published.name
    marks = ", ".join("?" for _ in fields)
    statement = f"INSERT INTO {_quote(name)} ({_names(published.names)}) VALUES ({marks})"
    plain = _AS_THEY_ARE
    connection.executemany(
        statement,
        (
            [v if v.__class__ in plain else _value(f, v, name) for f, v in zip(fields, values, strict=True)]
            for values in published.rows
        ),
    )


def _value(field: Field, value: Any, table: str) -> Any:
    if value is None or isinstance(value, (str, int)):
        return int(value) if isinstance(value, bool) else value
    if isinstance(value, Decimal):
        return cells.spreadsheet_number(value, f"{table}.{field.name}")
    return cells.text(field, value)


def _describe(connection: sqlite3.Connection, published: PublishedTable) -> None:
    table = published.table
    connection.execute(
        'INSERT INTO "_tables" VALUES (?, ?, ?, ?)',
        (table.name, table.title, table.descriptor.get("description"), len(published.rows)),
    )
    connection.executemany(
        'INSERT INTO "_fields" VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
            (table.name, position, d.name, d.title, d.type, "; ".join(d.constraints) or None, d.description)
            for position, d in enumerate(field_docs(published), start=1)
        ],
    )


def _names(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(_quote(n) for n in names)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
