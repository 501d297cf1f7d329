"""Identifiers for new records: ASCII slugs that no record of the kind uses yet.

An id never changes once published, so it is chosen with care:

* from a title or name when one is given (``Park nad Wierzbianką`` →
  ``park-nad-wierzbianka``), with ``-2``, ``-3``… when that is taken;
* otherwise, when every id of the kind ends in a number (grants
  ``2026-012``, editions ``bo-2026``), the next number after the highest id,
  keeping its width (``2026-013``, ``bo-2027``);
* otherwise the table's name in Polish and a number (``dzielnice-1``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from civic.datafiles import RECORD_SUFFIXES
from civic.schema import Table
from civic.slugs import is_slug, slugify

_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")
_MAX_LENGTH = 80


def existing_ids(data_dir: Path, table: Table) -> set[str]:
    """Ids of the records of ``table`` in the data folder (file names)."""
    folder = data_dir / table.folder
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.rglob("*") if p.suffix in RECORD_SUFFIXES}


def fresh_id(table: Table, taken: Collection[str], hint: str | None = None) -> str:
    """A new id for a record of ``table``; ``hint`` is its title or name, if known."""
    if hint:
        base = slugify(hint)[:_MAX_LENGTH].strip("-")
        if base:
            return unique(base, taken)
    following = _next_in_sequence(taken)
    if following:
        return following
    return unique(f"{slugify(table.title).split('-')[0] or 'rekord'}-1", taken)


def unique(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… if taken."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _next_in_sequence(taken: Collection[str]) -> str | None:
    matches = [_TRAILING_NUMBER.match(i) for i in taken if is_slug(i)]
    if not matches or any(m is None for m in matches):
        return None
    highest = max(matches, key=lambda m: (_natural(m.group(0)), m.group(0)))  # type: ignore[union-attr]
    assert highest is not None
    prefix, digits = highest.group(1), highest.group(2)
    number = int(digits)
    while True:
        number += 1
        candidate = f"{prefix}{number:0{len(digits)}d}"
        if candidate not in taken:
            return candidate


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that compares runs of digits as numbers: ``og-10`` after ``og-9``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", text))
