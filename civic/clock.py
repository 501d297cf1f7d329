"""The day a build describes: stated, or taken from the commit, never guessed.

Statuses that follow from dates (a consultation is open) are computed for
this day, so the same commit builds the same pages; the browser refreshes
them from the visitor's clock. A scheduled rebuild states the day through
``CIVIC_TODAY`` (a setting or the environment variable).
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

from civic.values import WARSAW


def build_day(settings: dict[str, Any], repo: Path) -> date:
    stated = settings.get("CIVIC_TODAY") or os.environ.get("CIVIC_TODAY")
    if stated:
        return stated if isinstance(stated, date) else date.fromisoformat(str(stated))
    committed = _commit_time(repo)
    if committed is not None:
        return committed.astimezone(WARSAW).date()
    return datetime.now(WARSAW).date()


def _commit_time(repo: Path) -> datetime | None:
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cI"], cwd=repo, capture_output=True, text=True, check=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return datetime.fromisoformat(out) if out else None
