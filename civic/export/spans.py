"""A table's text file (CSV, JSON) made again after an edit, record by record.

Such a file is a head, then each record's rows, then a tail; a record's rows
lie next to each other in it (:mod:`civic.export.records`). When the file is
written, where each record's rows lie in it (its *spans*: the record's
primary key and byte range) is kept in the build cache's folder, with the
file's SHA-256. When an edit touches the table, the next build copies from
the last build's file the bytes of every record the edit left alone (its
token, :func:`civic.deps.record_token`, is not among the change's) and makes
only the rows of the records it changed or added. If the last file is not
the one the spans describe (a build failed after they were kept, or the site
was changed by hand), every row is made: the file is the same either way.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from array import array
from collections.abc import Callable, Hashable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civic import deps
from civic.export.job import Distribution, ExportJob
from civic.export.records import PublishedTable
from civic.rows import Row

FORMAT = 1
FOLDER = "spans"
"""The folder of the build cache (:mod:`civic.buildcache`) that holds them."""
SUFFIX = ".spans"

Values = tuple[Any, ...]


@dataclass(frozen=True)
class TextShape:
    """How one table's file is laid out."""

    head: str
    rows: Callable[[list[Values]], str]
    """The text of one record's rows (what goes between them included)."""
    between: str
    """What goes between two records' texts."""
    tail: str
    empty: str
    """The whole file when the table has no rows."""


@dataclass
class Spans:
    """Where each record's rows lie in a file: ``bounds`` holds a start and an end per key."""

    digest: str
    keys: list[Hashable] = field(default_factory=list)
    bounds: array = field(default_factory=lambda: array("Q"))
    format: int = FORMAT

    def whole(self) -> bool:
        """Whether every key is named once, with a start and an end."""
        return len(set(self.keys)) == len(self.keys) and len(self.bounds) == 2 * len(self.keys)

    def where(self) -> dict[Hashable, tuple[int, int]]:
        bounds = self.bounds
        return {key: (bounds[2 * i], bounds[2 * i + 1]) for i, key in enumerate(self.keys)}


class Earlier:
    """The last build's file of a table, with its spans, and the tokens of what changed since."""

    def __init__(self, data: bytes, spans: Spans, changed: set[str]):
        self.data, self.changed = data, changed
        self.where = spans.where()

    def chunk(self, key: Hashable, record: Row) -> bytes | None:
        """The bytes of a record's rows in the last file, if the record did not change since."""
        if changed(record, self.changed):
            return None
        where = self.where.get(key)
        return None if where is None else self.data[where[0] : where[1]]


def spans_folder(settings: dict[str, Any]) -> Path | None:
    """Where a build keeps the spans of the files it writes: in its cache's folder, if it has one."""
    cache = settings.get("_CIVIC_CACHE")
    folder = getattr(cache, "folder", None)
    return folder / FOLDER if folder is not None else None


def write(
    job: ExportJob,
    path: str,
    published: PublishedTable,
    shaped: Callable[[PublishedTable], TextShape],
    kind: str,
    title: str,
) -> Distribution:
    """Write a table's text file, laid out as ``shaped`` says: the last build's if the table did not
    change, else made record by record."""

    made: list[Spans] = []

    def make() -> bytes:
        shape = shaped(published)
        data, spans = compose(published, shape, _earlier(job, path, shape))
        made.append(spans)
        return data

    written = job.write_kept(path, make, kind, title, (published.name,))
    if made and job.spans is not None:  # made anew, not kept: its spans, under the file's hash
        made[0].digest = written.sha256
        save(job.spans / f"{path}{SUFFIX}", made[0])
    return written


def compose(published: PublishedTable, shape: TextShape, earlier: Earlier | None = None) -> tuple[bytes, Spans]:
    """The file's bytes, each unchanged record's taken from ``earlier``, and where each record's rows lie
    (without the file's hash, which writing it works out)."""
    head, between = shape.head.encode("utf-8"), shape.between.encode("utf-8")
    chunks: list[bytes] = []
    keys: list[Hashable] = []
    bounds = array("Q")
    offset = len(head)
    for key, record, rows in by_record(published):
        chunk = earlier.chunk(key, record) if earlier is not None else None
        if chunk is None:
            chunk = shape.rows(rows).encode("utf-8")
        if chunks:
            offset += len(between)
        chunks.append(chunk)
        keys.append(key)
        bounds.extend((offset, offset + len(chunk)))
        offset += len(chunk)
    data = head + between.join(chunks) + shape.tail.encode("utf-8") if chunks else shape.empty.encode("utf-8")
    return data, Spans("", keys, bounds)


def changed(record: Row, tokens: set[str]) -> bool:
    """Whether the change (its ``tokens``) touched a record."""
    return deps.token_of_record(record) in tokens


def by_record(published: PublishedTable) -> Iterator[tuple[Hashable, Row, list[Values]]]:
    """Each record's primary key, the record and its rows, in the table's order
    (a record's rows lie next to each other)."""
    record: Row | None = None
    rows: list[Values] = []
    for values, owner in zip(published.rows, published.records, strict=True):
        if owner is not record:
            if record is not None:
                yield record.key(record.table.primary_key), record, rows
            record, rows = owner, []
        rows.append(values)
    if record is not None:
        yield record.key(record.table.primary_key), record, rows


def _earlier(job: ExportJob, path: str, shape: TextShape) -> Earlier | None:
    """The last build's file and its spans, if they describe each other."""
    if job.earlier is None or job.spans is None:
        return None
    spans = load(job.spans / f"{path}{SUFFIX}")
    if spans is None:
        return None
    try:
        data = (job.earlier / path).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != spans.digest or not data.startswith(shape.head.encode("utf-8")):
        return None
    return Earlier(data, spans, job.changed) if spans.whole() else None


def load(path: Path) -> Spans | None:
    try:
        with open(path, "rb") as handle:
            spans = pickle.load(handle)
    except Exception:  # noqa: BLE001 - spans that cannot be read are none: make every row
        return None
    return spans if isinstance(spans, Spans) and spans.format == FORMAT else None


def save(path: Path, spans: Spans) -> None:
    """Keep the spans for the next build; if they cannot be kept, it makes every row."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            pickle.dump(spans, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
            path.unlink(missing_ok=True)
