"""Writing many record files fast: rendered and written by worker processes.

Rendering a record with the shared writer (:func:`civic.yamlwrite.render_record`)
and creating its file cost about as much as making the record, so with more
than one CPU, chunks of records go to worker processes while the next ones
are made. The files are the same either way; small cities are written in
the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from civic.schema import Catalog
from civic.yamlwrite import render_record

CHUNK = 500
"""Records per task sent to a worker."""
PARALLEL_FROM = 5_000
"""Fewer records than this are written in the calling process."""

Record = tuple[str, dict[str, Any]]
_catalog: Catalog | None = None


class RecordWriter:
    """``with RecordWriter(target, expected) as w: w.write(table_name, records)``."""

    def __init__(self, target: Path, expected: int, workers: int | None = None) -> None:
        self.target = target
        self.catalog = Catalog.load(target / "schemas")
        workers = workers if workers is not None else (os.cpu_count() or 1)
        self.pool: ProcessPoolExecutor | None = None
        if workers > 1 and expected >= PARALLEL_FROM:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self.pool = ProcessPoolExecutor(workers, context, initializer=_start, initargs=(str(target / "schemas"),))
        self.pending: deque[Future[int]] = deque()
        self.limit = 2 * workers

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=exc[0] is not None)

    def write(self, table_name: str, records: Iterable[Record]) -> int:
        """Write the records of one table; returns how many (all written when the call returns)."""
        table = self.catalog[table_name]
        (self.target / table.folder).mkdir(parents=True, exist_ok=True)
        if self.pool is None:
            return _write(self.target, self.catalog, table_name, records)
        count = 0
        chunk: list[Record] = []
        for record in records:
            chunk.append(record)
            count += 1
            if len(chunk) == CHUNK:
                self._submit(table_name, chunk)
                chunk = []
        if chunk:
            self._submit(table_name, chunk)
        while self.pending:
            self.pending.popleft().result()
        return count

    def _submit(self, table_name: str, chunk: list[Record]) -> None:
        assert self.pool is not None
        while len(self.pending) >= self.limit:
            self.pending.popleft().result()
        self.pending.append(self.pool.submit(_write_in_worker, str(self.target), table_name, chunk))


def _start(schemas: str) -> None:
    global _catalog
    _catalog = Catalog.load(Path(schemas))


def _write_in_worker(target: str, table_name: str, records: list[Record]) -> int:
    assert _catalog is not None
    return _write(Path(target), _catalog, table_name, records)


def _write(target: Path, catalog: Catalog, table_name: str, records: Iterable[Record]) -> int:
    table = catalog[table_name]
    folder = target / table.folder
    count = 0
    for record_id, record in records:
        (folder / f"{record_id}.yaml").write_text(render_record(table, record), encoding="utf-8")
        count += 1
    return count
