"""When each table last changed: from git, else a stated date, else the files.

The date of a table is the time of the last commit that touched its records
(added, changed or removed a file in its folder) or its schema; a child
table shares its records' files. Outside a git checkout the setting
``CIVIC_BUILD_DATE`` is used, and without it the newest modification time
of the files: never the clock, so two builds of the same files agree.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

from civic.dataset import Dataset
from civic.schema import Table
from civic.values import WARSAW


def table_dates(dataset: Dataset, changes: dict[Path, datetime], settings: dict[str, Any]) -> dict[str, datetime]:
    """Each table's last change; ``changes`` maps files to their last commit (``civic.gitdates``)."""
    stated = _stated(settings.get("CIVIC_BUILD_DATE"))
    dates: dict[str, datetime] = {}
    for table in dataset.catalog:
        places = _places(dataset.data_dir, table)
        known = [when for path, when in changes.items() if _within(path, places)]
        dates[table.name] = max(known) if known else stated or _newest_file(places)
    return dates


def data_commit(data_dir: Path) -> str | None:
    """The short hash of the last commit that changed the data folder, if it is in git."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%h", "--", "."],
            cwd=data_dir,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


def _places(data_dir: Path, table: Table) -> list[Path]:
    """The folder or file holding the table's records, and its schema file."""
    main = table.main
    folder = (data_dir / main.folder).resolve()
    records = folder / f"{main.name}.yaml" if main.layout == "list" else folder
    return [records, table.path.resolve()]


def _within(path: Path, places: list[Path]) -> bool:
    text = str(path)
    return any(text == str(p) or text.startswith(str(p) + os.sep) for p in places)


def _stated(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=WARSAW)
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return datetime(day.year, day.month, day.day, tzinfo=WARSAW)


def _newest_file(places: list[Path]) -> datetime:
    times = [0.0]
    for place in places:
        if place.is_file():
            times.append(place.stat().st_mtime)
        elif place.is_dir():
            times.extend(p.stat().st_mtime for p in place.rglob("*") if p.is_file())
    return datetime.fromtimestamp(int(max(times)), WARSAW)
