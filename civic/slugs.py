"""ASCII identifiers for URLs and file names (Łódź → lodz)."""

from __future__ import annotations

import re

from slugify import slugify as _slugify

from civic.schema import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)


def slugify(text: str) -> str:
    """A valid record identifier made from any text; empty if nothing is left."""
    return _slugify(text, lowercase=True, separator="-")


def is_slug(text: str) -> bool:
    return bool(_SLUG.fullmatch(text))
