"""JSON text written exactly and always the same way.

``json.dumps`` cannot write a ``Decimal`` as a number without passing it
through a float, which would turn ``0.10`` into ``0.1`` and large amounts
into approximations. Here a ``Decimal`` is written digit for digit, keys
keep their given order, and the output depends on nothing but the value.

The standard library's C encoder does the writing: each ``Decimal`` goes
in as a marked string (``"\\u0000D0.10\\u0000"``), which the text then has
replaced by its digits. No text from the records can hold the mark, since
the loader refuses control characters; a string that does is refused here.

A table's JSON file is a hundred thousand flat objects (:func:`flat_object`):
those are written field by field, each text by the same C function
``json.dumps`` uses, giving the same text as ``dumps`` in a third of the time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from json.encoder import encode_basestring  # what json.dumps writes a text with, without ensure_ascii
from typing import Any

_MARK = "\x00"
_MARKED = re.compile(r'"\\u0000D([^"\\]*)\\u0000"')


def dumps(value: Any, indent: int | None = None) -> str:
    """``value`` (dicts, lists, str, int, Decimal, float, bool, None) as JSON text."""
    found: list[bool] = []
    text = json.dumps(
        _marked(value, found),
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=(",", ":") if indent is None else (",", ": "),
    )
    return _MARKED.sub(r"\1", text) if found else text


def _marked(value: Any, found: list[bool]) -> Any:
    """The value with every ``Decimal`` as a marked string of its digits."""
    if isinstance(value, str):
        if _MARK in value:
            raise ValueError("a text for JSON holds the NUL character")
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"JSON has no number for {value}")
        if not found:
            found.append(True)
        return f"{_MARK}D{format(value, 'f')}{_MARK}"
    if isinstance(value, Mapping):
        return {str(k): _marked(v, found) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_marked(v, found) for v in value]
    return value


def flat_object(names: Sequence[str]) -> Callable[[Sequence[Any]], str]:
    """A function writing an object with the keys ``names`` and the given values, as :func:`dumps` does;
    a value that is not a text, a number, a boolean or None is written by :func:`dumps`."""
    keys = [f"{encode_basestring(name)}:" for name in names]

    def write(values: Sequence[Any]) -> str:
        return "{" + ",".join([key + _scalar(value) for key, value in zip(keys, values, strict=True)]) + "}"

    return write


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    kind = value.__class__
    if kind is str:
        if _MARK in value:
            raise ValueError("a text for JSON holds the NUL character")
        return encode_basestring(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is Decimal:
        if not value.is_finite():
            raise ValueError(f"JSON has no number for {value}")
        return format(value, "f")
    return dumps(value)
