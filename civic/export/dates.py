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
    """Each table's last change; ``changes`` maps files to their last commit (``civic.gitdates``).

    The files' dates are gathered by folder in one pass, and a folder is walked at most
    once: a city has tens of thousands of files and each kind has many child tables."""
    stated = _stated(settings.get("CIVIC_BUILD_DATE"))
    committed = _newest_by_folder(changes)
    walked: dict[Path, datetime] = {}
    dates: dict[str, datetime] = {}
    for table in dataset.catalog:
        places = _places(dataset.data_dir, table)
        known = [committed[str(place)] for place in places if str(place) in committed]
        if known:
            dates[table.name] = max(known)
        elif stated:
            dates[table.name] = stated
        else:
            for place in places:
                if place not in walked:
                    walked[place] = _newest_file(place)
            dates[table.name] = max(walked[place] for place in places)
    return dates


def _newest_by_folder(changes: dict[Path, datetime]) -> dict[str, datetime]:
    """The newest date of each changed file and of every folder above it."""
    newest: dict[str, datetime] = {}
    for path, when in changes.items():
        for place in (path, *path.parents):
            key = str(place)
            if key in newest and newest[key] >= when:
                break  # so are the folders above it
            newest[key] = when
    return newest


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


def _stated(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=WARSAW)
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return datetime(day.year, day.month, day.day, tzinfo=WARSAW)


def _newest_file(place: Path) -> datetime:
    """The newest modification time of a file, or of the files in a folder (to the second)."""
    times = [0.0]
    if place.is_file():
        times.append(place.stat().st_mtime)
    elif place.is_dir():
        for folder, _, names in os.walk(place):
            for name in names:
                try:
                    times.append(os.stat(os.path.join(folder, name)).st_mtime)
                except OSError:  # a link to nothing
                    continue
    return datetime.fromtimestamp(int(max(times)), WARSAW)
