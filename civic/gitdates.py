"""When each record file last changed, from one walk over the git history.

One ``git log`` for the whole data folder, never one per file: a city has
tens of thousands of records. Outside a git checkout (or for a file not yet
committed) there is simply no date.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from civic.values import WARSAW


def last_changes(folder: Path) -> dict[Path, datetime]:
    """Absolute path → time of the last commit that touched it."""
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
        log = _git(folder, "log", "--format=@%cI", "--name-only", "--no-renames", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return {}
    changes: dict[Path, datetime] = {}
    when: datetime | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            when = datetime.fromisoformat(line[1:]).astimezone(WARSAW)
        elif line and when is not None:
            changes.setdefault((top / line).resolve(), when)
    return changes


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True, timeout=300).stdout
