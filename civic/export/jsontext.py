"""JSON text written exactly and always the same way.

``json.dumps`` cannot write a ``Decimal`` as a number without passing it
through a float, which would turn ``0.10`` into ``0.1`` and large amounts
into approximations. Here a ``Decimal`` is written digit for digit, keys
keep their given order, and the output depends on nothing but the value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any


def dumps(value: Any, indent: int | None = None) -> str:
    """``value`` (dicts, lists, str, int, Decimal, float, bool, None) as JSON text."""
    return _write(value, indent, 0)


def _write(value: Any, indent: int | None, depth: int) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"JSON has no number for {value}")
        return format(value, "f")
    if isinstance(value, Mapping):
        items = [
            f"{json.dumps(str(k), ensure_ascii=False)}:{_space(indent)}{_write(v, indent, depth + 1)}"
            for k, v in value.items()
        ]
        return _join("{", items, "}", indent, depth)
    if isinstance(value, (list, tuple)):
        return _join("[", [_write(v, indent, depth + 1) for v in value], "]", indent, depth)
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _join(opening: str, items: list[str], closing: str, indent: int | None, depth: int) -> str:
    if not items:
        return opening + closing
    if indent is None:
        return opening + ",".join(items) + closing
    inner = "\n" + " " * (indent * (depth + 1))
    return opening + inner + ("," + inner).join(items) + "\n" + " " * (indent * depth) + closing


def _space(indent: int | None) -> str:
    return "" if indent is None else " "
