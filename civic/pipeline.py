"""From a data folder to a checked dataset: read, validate, cross-check."""

from __future__ import annotations

import functools
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from civic import heap, rowpickle
from civic.buildcache import Stamp, content_key
from civic.crosscheck import crosscheck
from civic.crossdelta import edited, still_pass
from civic.datafiles import list_files
from civic.dataset import Dataset
from civic.identifiers import may_hold_pesel
from civic.load import parse_yaml
from civic.parallel import MIN_ITEMS_PER_WORKER, Background, workers
from civic.problems import Position, Problems, display_path
from civic.rowpickle import dump_rows, load_rows
from civic.rows import Row
from civic.schema import Catalog, Table
from civic.slugs import is_slug, slugify
from civic.validate import RecordReader
from civic.work_queue import run_queued

if TYPE_CHECKING:
    from civic.buildcache import BuildCache


@dataclass
class Checked:
    dataset: Dataset
    problems: Problems
    crosschecking: Background | None = None
    """The checks across records while they run in a forked child (``check_data(alongside=True)``):
    until :meth:`complete`, ``problems`` holds only those of the files."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def complete(self) -> Problems:
        """Every problem, the checks across records included once they are done where they ran
        (a child that failed raises :class:`civic.parallel.WorkerFailed`)."""
        pending, self.crosschecking = self.crosschecking, None
        if pending is not None:
            self.problems.extend(pending.join())
        return self.problems


def check_data(
    data_dir: Path,
    schemas_dir: Path | None = None,
    cache: BuildCache | None = None,
    processes: int | None = None,
    alongside: bool = False,
) -> Checked:
    """Read every record under ``data_dir`` and report all problems together.

    Files are read on every core (or ``processes``); with a ``cache``, a file
    whose contents it knows is not read again. The rows are made as
    long-lived objects (:mod:`civic.heap`).

    With ``alongside`` (a build), the checks across records run in a forked
    child while the caller goes on with the records, if every file was read
    without a problem and there is more than one core; their problems come
    with :meth:`Checked.complete`. Otherwise they run here, so that the
    files' problems and theirs are reported together. With the last build's
    cache read ahead, they do not run if the rows the edit changed show that
    they would find nothing, and they run here, at once, if those rows show
    that they will find something (:mod:`civic.crossdelta`)."""
    with heap.long_lived():
        return _check_data(data_dir, schemas_dir, cache, processes, alongside)


def _check_data(
    data_dir: Path, schemas_dir: Path | None, cache: BuildCache | None, processes: int | None, alongside: bool
) -> Checked:
    schemas_dir = schemas_dir or data_dir / "schemas"
    catalog = cache.start(data_dir, schemas_dir) if cache is not None else Catalog.load(schemas_dir)
    problems = Problems()
    dataset = Dataset(catalog, data_dir)
    shown = _Shown(data_dir)
    listing = list_files(data_dir, catalog)
    jobs = [(table, path, shown(rel), rel) for table, path, rel in listing.jobs(catalog)]
    found: list[list[Row] | None] = (
        [cache.rows(path, shown_path, rel) for _, path, shown_path, rel in jobs]
        if cache is not None
        else [None] * len(jobs)
    )
    missing = [index for index, rows in enumerate(found) if rows is None]
    read = _read_all(catalog, [jobs[i] for i in missing], processes, pickled=cache is not None)
    for index, (rows, blob, file_problems, stamp) in zip(missing, read, strict=True):
        if file_problems:
            problems.extend(file_problems)
        found[index] = rows
        if cache is not None and stamp is not None and not file_problems:
            _, _, shown_path, rel = jobs[index]
            cache.keep(rel, shown_path, stamp, blob if blob is not None else dump_rows(rows or []))
    for (_, path, _, _), rows in zip(jobs, found, strict=True):
        for row in rows or ():
            dataset.add(row, path)
    _unclaimed(catalog, listing.unclaimed, problems)
    for folder, reason in listing.unreadable:
        problems.add(Position(display_path(folder)), folder.name, "unreadable-folder", detail=reason)
    ahead = cache.ahead if cache is not None else None
    passing = None
    if not problems and ahead is not None and ahead.catalog is catalog:
        old, new = edited(ahead.rows, ((rel, rows) for (_, _, _, rel), rows in zip(jobs, found, strict=True)))
        passing = still_pass(ahead.counts, catalog, old, new)  # what the rows the edit changed show
        if passing:
            return Checked(dataset, problems)
    if alongside and not problems and passing is None and workers(processes) > 1:
        return Checked(dataset, problems, Background(functools.partial(_crosschecked, dataset)))
    crosscheck(dataset, problems)
    return Checked(dataset, problems)


def _crosschecked(dataset: Dataset) -> Problems:
    problems = Problems()
    crosscheck(dataset, problems)
    return problems


_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends

Job = tuple[Table, str, str, str]
"""A file to read: its table, its path, its path as messages show it, and relative to the data folder."""
Read = tuple[list[Row], bytes | None, Problems | None, Stamp | None]
Sent = tuple[list[Row] | None, bytes | None, Problems, Stamp | None]
"""A file as read in some process: its rows there, pickled where they must travel or be kept."""


def _read_all(catalog: Catalog, jobs: list[Job], processes: int | None, pickled: bool) -> list[Read]:
    """Each file's rows, its rows pickled if ``pickled`` (for the cache), its problems and its stamp.

    The files are handed out a chunk at a time to every core; rows read in
    another process come pickled, and are read back here in between this
    process's own chunks."""
    reader = RecordReader(catalog, Problems())
    count = min(workers(processes), max(1, len(jobs) // MIN_ITEMS_PER_WORKER))
    if not pickled:

        def read(job: Job) -> Read:
            rows, problems, _ = _read_one(reader, job, stamped=False)
            return rows, None, problems or None, None  # most files have none: nothing to send

        # A chunk's rows, read in another process, travel pickled together.
        receive = functools.partial(rowpickle.loads, catalog=catalog)
        return run_queued(jobs, read, count, send=rowpickle.dumps, receive=receive)
    here = os.getpid()

    def work(job: Job) -> Sent:
        rows, problems, stamp = _read_one(reader, job)
        # Each file's rows pickled for the cache; those of another process are read back from it here.
        return rows if os.getpid() == here else None, dump_rows(rows), problems, stamp

    def read_back(payload: bytes) -> list[Read]:
        return [(load_rows(blob, catalog), blob, problems, stamp) for _, blob, problems, stamp in pickle.loads(payload)]

    # Sent by one process, Read by the other: here every file has its rows.
    return run_queued(jobs, work, count, receive=read_back)  # type: ignore[arg-type,return-value]


def _read_one(reader: RecordReader, job: Job, stamped: bool = True) -> tuple[list[Row], Problems, Stamp | None]:
    """One file's rows, its problems apart from the others', and (if ``stamped``, for a cache)
    what it was when read."""
    table, path, shown, _ = job
    reader.problems = problems = Problems()
    try:
        stat, raw = _read_file(path)
    except OSError as exc:
        problems.add(Position(shown), table.name, "unreadable-file", detail=exc.strerror or str(exc))
        return [], problems, None
    rows = _read(reader, table, path, shown, problems, raw)
    return rows, problems, Stamp(stat.st_size, stat.st_mtime_ns, content_key(raw)) if stamped else None


def _read_file(path: str) -> tuple[os.stat_result, bytes]:
    """A file's status and contents, read through one descriptor (half the time of ``Path.stat``
    and ``Path.read_bytes``). The status is taken before reading: a change while the file is
    read shows as a newer time next time."""
    fd = os.open(path, os.O_RDONLY | _BINARY)
    try:
        stat = os.fstat(fd)
        raw = os.read(fd, stat.st_size + 1)  # a regular file gives less only at its end
        while len(raw) > stat.st_size and (more := os.read(fd, 1 << 16)):  # it grew since
            raw += more
        return stat, raw
    finally:
        os.close(fd)


def _read(reader: RecordReader, table: Table, path: str, shown: str, problems: Problems, raw: bytes) -> list[Row]:
    node = parse_yaml(raw, shown, table.name, problems)
    reader.pesel_possible = may_hold_pesel(raw)
    if table.layout == "list":
        return list(reader.read_list(table, node, shown)) if node is not None else []
    name = os.path.basename(path)
    record_id = os.path.splitext(name)[0]
    if not is_slug(record_id):
        problems.add(
            Position(shown), table.name, "file-name", name=name, suggestion=slugify(record_id) or "nazwa-rekordu"
        )
    if node is not None:
        row = reader.read_record(table, node, shown, record_id)
        if row is not None:
            return [row]
    return []


class _Shown:
    """Paths as messages show them: a file's path relative to the data folder, behind the folder's own."""

    def __init__(self, data_dir: Path):
        self.prefix = display_path(data_dir)

    def __call__(self, rel: str) -> str:
        return rel if self.prefix == "." else f"{self.prefix}/{rel}"


def _unclaimed(catalog: Catalog, unclaimed: list[Path], problems: Problems) -> None:
    folders = sorted({t.folder for t in catalog.main_tables})
    for path in unclaimed:
        problems.add(Position(display_path(path)), path.parent.name, "unknown-folder", folders=", ".join(folders))
