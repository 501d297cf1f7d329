"""Long lists split into numbered pages.

A list of a big city's records (20,000 organisations) is too heavy for one
page on a phone or for a screen reader. Every list of records is cut into
pages of ``CIVIC_LIST_PAGE_SIZE`` records: the first keeps the list's own
address, the others are at ``<list>strona/<n>/``. A list that fits on one
page is one page, as before.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100
SEGMENT = "strona"
"""The URL segment before a page's number."""

AROUND = 2
"""Numbered links shown on each side of the current page (the first and last are always shown)."""


def page_size(settings: dict[str, Any]) -> int:
    """``CIVIC_LIST_PAGE_SIZE``: how many records a page of a list shows."""
    size = settings.get("CIVIC_LIST_PAGE_SIZE", DEFAULT_PAGE_SIZE)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"CIVIC_LIST_PAGE_SIZE must be a whole number of records, at least 1, not {size!r}")
    return size


def fits(items: Sized, size: int) -> bool:
    """Whether ``items`` fit on one page of ``size`` records, and so are not cut."""
    return len(items) <= size


def page_url(base: str, number: int) -> str:
    """The address of page ``number`` of the list at ``base`` (a folder URL ending in ``/``)."""
    return base if number == 1 else f"{base}{SEGMENT}/{number}/"


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list: its items and where it stands among the others."""

    base: str  # the list's address, which is also its first page's
    number: int  # from 1
    count: int  # pages of the list
    items: Sequence[T]
    total: int  # items on all the pages
    first: int  # position of this page's first item in the whole list, from 1

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def last(self) -> int:
        """Position of this page's last item in the whole list."""
        return self.first + len(self.items) - 1

    @property
    def split(self) -> bool:
        """Whether the list has more than this page."""
        return self.count > 1

    def url_of(self, number: int) -> str:
        return page_url(self.base, number)

    def numbers(self) -> list[int | None]:
        """The page numbers to link to, in order, with ``None`` where a run of them is left out.

        The first and the last page, and ``AROUND`` pages on each side of this one:
        ``1 … 4 5 [6] 7 8 … 200``. A gap of one page shows that page instead."""
        shown = {1, self.count, *range(self.number - AROUND, self.number + AROUND + 1)}
        out: list[int | None] = []
        previous = 0
        for number in sorted(n for n in shown if 1 <= n <= self.count):
            if number - previous == 2:
                out.append(number - 1)
            elif number - previous > 2:
                out.append(None)
            out.append(number)
            previous = number
        return out


def paginate(items: Sequence[T], size: int, base: str) -> list[ListPage[T]]:
    """``items`` in pages of ``size``; an empty list is one empty page."""
    count = max(1, -(-len(items) // size))
    return [
        ListPage(base, number, count, items[(number - 1) * size : number * size], len(items), (number - 1) * size + 1)
        for number in range(1, count + 1)
    ]
