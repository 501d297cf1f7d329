"""Sorting as a Polish reader expects: ą after a, ł after l, ś after s (ICU)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, TypeVar

import icu

T = TypeVar("T")


@cache
def collator(lang: str = "pl") -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: Any, lang: str = "pl") -> bytes:
    return collator(lang).getSortKey("" if text is None else str(text))


def sorted_by(items: Iterable[T], key: Callable[[T], Any], lang: str = "pl") -> list[T]:
    """Items sorted by the text ``key`` gives, in the language's collation."""
    coll = collator(lang)
    return sorted(items, key=lambda item: coll.getSortKey(str(key(item) or "")))
