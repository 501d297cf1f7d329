"""Everything the build writes from the records, listed in one registry.

Each output is a function taking the ``Build`` (the checked records, the
site's URL scheme, Pelican's writer and settings). Adding an output — a
kind of page, an export format, a feed — is one function added to
``OUTPUTS`` (or to ``BACKGROUND_OUTPUTS``, for one that may run in a
process of its own while the pages are written).
"""

from __future__ import annotations

from collections.abc import Callable

from civic.buildcontext import Build  # first: output modules import it from here too
from civic.calendar import SUFFIX as CALENDAR
from civic.calendar import calendars
from civic.export import open_data
from civic.export.catalogue import SECTION as OPEN_DATA
from civic.feeds import budget_feed, consultation_feed
from civic.pages import record_pages, special_pages
from civic.statement import accessibility_statement

OUTPUTS: list[Callable[[Build], None]] = [
    record_pages,
    special_pages,
    consultation_feed,
    budget_feed,
    accessibility_statement,
]

BACKGROUND_OUTPUTS: list[Callable[[Build], None]] = [open_data, calendars]
"""Outputs that share nothing with the pages: run in a forked process alongside them."""


def written_alongside(path: str) -> bool:
    """Whether a site file (its path relative to the site) may be written by ``BACKGROUND_OUTPUTS``,
    and so be still unfinished while Pelican's own files are complete: the open-data section's
    files and the calendars."""
    return path.startswith(OPEN_DATA) or path.endswith(CALENDAR)
