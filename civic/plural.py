"""Polish plural forms: 1 projekt, 2 projekty, 5 projektów, 22 projekty."""

from __future__ import annotations


def plural_index(n: int) -> int:
    """0 for one, 1 for few (2–4, 22–24…), 2 for many; the CLDR rule for Polish."""
    n = abs(n)
    if n == 1:
        return 0
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return 1
    return 2


def plural(n: int, one: str, few: str, many: str) -> str:
    return (one, few, many)[plural_index(n)]
