"""Dates written day first, the Polish way (``14.03.2025``), in imported files."""

from __future__ import annotations

import re
from datetime import date


def day_month_year(pattern: re.Pattern[str], text: str) -> date | None:
    """The date ``pattern`` (groups: day, month, year) finds as the whole of ``text``;
    None when it does not match or names no real day (``30.02.2025``).

    Each source keeps its own pattern: the court register always writes two
    digits for the day and month, Pabulib files sometimes one."""
    match = pattern.fullmatch(text)
    if not match:
        return None
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
