"""The last build's cache read ahead, for a process that builds again and again (the preview).

A rebuild spends its first seconds reading the cache (:mod:`civic.buildcache`):
its manifest, then every unchanged record file's rows unpickled, about 4 s
for a city. The preview reads it while it waits for the next save; each of
its builds runs in a forked child, which finds here the manifest as read, the
catalogue of tables the rows refer to, and every file's rows. The child takes
a file's rows only if its cache entry has the same content hash, and the
catalogue only if the schemas and the program are the same; otherwise it
reads them as any build does.

It also counts the last build's keys and references (:mod:`civic.crossdelta`),
so that a rebuild checks across records only the rows an edit changed, and
notes which of the last build's outputs its site no longer has (a
page deleted by hand), so that a rebuild need not look for each of a city's
70,000 pages before it keeps them: only those are rendered again. A page
deleted after the cache was read ahead is found by the next read.

The objects read ahead are frozen for the collector (:func:`gc.freeze`): a
child's collections then skip them, and so do not write to the memory it
shares with the preview's process.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civic import heap
from civic.buildcache import MANIFEST, parse_key, program_key, read_manifest
from civic.crossdelta import Counts
from civic.reuse import in_site
from civic.rowpickle import load_rows
from civic.rows import Row
from civic.schema import Catalog


@dataclass
class ReadAhead:
    identity: tuple[int, int, int]
    """The manifest file as read: inode, size, modification time."""
    saved: dict[str, Any]
    catalog: Catalog
    parse_key: str
    rows: dict[str, tuple[str, list[Row]]]
    """By file (as the cache names it), its content hash and its rows."""
    absent: frozenset[str]
    """The last build's outputs missing from its site when it was read."""
    counts: Counts
    """The last build's keys and references, counted."""

    def fits(self, manifest: Path) -> bool:
        """Whether the manifest is still the one read (no build wrote another since)."""
        return self.identity == identity(manifest)


def identity(manifest: Path) -> tuple[int, int, int] | None:
    try:
        stat = manifest.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def read_ahead(folder: Path | None, schemas_dir: Path) -> ReadAhead | None:
    """The cache in ``folder`` read as the next build will need it; None if there is none to read
    or it was made by another program or from other schemas."""
    if folder is None:
        return None
    manifest = folder / MANIFEST
    before = identity(manifest)
    key = parse_key(schemas_dir, program_key())
    saved = read_manifest(folder)
    if saved is None or saved.get("parse_key") != key:
        return None
    try:
        with heap.long_lived():
            catalog = Catalog.load(schemas_dir)
            rows = {rel: (state.digest, load_rows(state.blob, catalog)) for rel, state in saved["files"].items()}
            counts = Counts.of(catalog, (row for _, file_rows in rows.values() for row in file_rows))
    except Exception:  # noqa: BLE001 - a cache that cannot be read is read by the build itself, or is none
        return None
    if before is None or identity(manifest) != before:  # written while it was read
        return None
    gc.freeze()
    return ReadAhead(before, saved, catalog, key, rows, absent(saved), counts)


def absent(saved: dict[str, Any]) -> frozenset[str]:
    """The outputs the manifest ``saved`` lists that its site does not have."""
    where = saved.get("output")
    if not where:  # no site to keep anything from
        return frozenset()
    site = f"{where[0]}{os.sep}"
    return frozenset(path for path in saved["outputs"] if not in_site(site, path))


def let_go() -> None:
    """Give what an earlier read-ahead froze back to the collector, before reading ahead again
    (rows refer to each other, so only a collection frees them)."""
    gc.unfreeze()
    gc.collect()
