"""Bringing records in from what offices already have: spreadsheets, Pabulib, the KRS.

Each format is one module whose ``run(workspace, files, ...)`` stages the
records its input describes (:mod:`civic.importers.workspace`); the same
:func:`civic.importers.apply.commit` then shows the changes, validates them
in a copy of the data folder and writes them all, or none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from civic.importers import krs, pabulib, table
from civic.importers.apply import commit
from civic.importers.workspace import Workspace

FORMATS: dict[str, Callable[..., None]] = {
    "table": table.run,
    "pabulib": pabulib.run,
    "krs": krs.run,
}
"""Format name → ``run(workspace, files, **options)``."""


def import_files(fmt: str, files: list[Path], data_dir: Path, *, dry_run: bool, out: TextIO, **options: Any) -> int:
    """Import ``files`` of format ``fmt`` into ``data_dir``; the exit code."""
    workspace = Workspace(data_dir)
    FORMATS[fmt](workspace, files, **{k: v for k, v in options.items() if v is not None})
    return commit(workspace, dry_run=dry_run, out=out)
