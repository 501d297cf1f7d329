"""One typed value as each kind of file holds it, following its field's schema.

Rows carry typed values (``str``, ``int``, ``Decimal``, ``date``, ``time``,
``datetime``, ``bool``; ``None`` for a value not given). Text files (CSV,
the ``.pb`` files) hold the value's canonical text, which the Table Schema
reads back to the very same value: money keeps its grosze (``250000.50``),
a time its schema format (``17:30``), a boolean the schema's ``trueValues``.
JSON keeps numbers as numbers and dates as ISO text. Spreadsheets and
SQLite hold numbers as binary floating point, exact to 15 significant
digits.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from civic.schema import Field

log = logging.getLogger(__name__)

FLOAT_DIGITS = 15
"""Significant digits a spreadsheet number (and an SQLite REAL) keeps exactly."""


def text(field: Field, value: Any) -> str:
    """The canonical text of a value; an absent value is the empty string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _boolean_text(field, value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, time):
        return value.strftime(_time_format(field))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def json_value(field: Field, value: Any) -> Any:
    """A value JSON can hold: numbers and booleans as such, dates and times as text."""
    if value is None or isinstance(value, (bool, int, Decimal, str)):
        return value
    return text(field, value)


def fits_float(value: Decimal) -> bool:
    """Whether a binary float holds this number exactly as written (to its last digit)."""
    digits = value.normalize().as_tuple().digits
    return len(digits) <= FLOAT_DIGITS


def _boolean_text(field: Field, value: bool) -> str:
    key = "trueValues" if value else "falseValues"
    given = field.descriptor.get(key)
    return given[0] if given else ("true" if value else "false")


def _time_format(field: Field) -> str:
    fmt = field.format
    return fmt if fmt and fmt != "default" and "%" in fmt else "%H:%M:%S"


def spreadsheet_number(value: Decimal, where: str) -> float | str:
    """A number for a spreadsheet or SQLite: a float when that is exact, else its text (with a warning)."""
    if fits_float(value):
        return float(value)
    log.warning(
        "%s: liczba %s ma więcej niż %d cyfr znaczących; w XLSX i SQLite zapisano ją jako tekst",
        where,
        value,
        FLOAT_DIGITS,
    )
    return format(value, "f")
