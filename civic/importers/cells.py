"""A spreadsheet cell as the text a record holds, for the field it goes into.

Spreadsheets kept in Polish offices write numbers and dates the Polish way;
these are turned into the records' notation only where the meaning is
certain, everything else is passed on as typed and the validator explains
what is wrong:

* numbers: ``1 250,50`` or ``1250,50`` → ``1250.50``; ``250 000 zł`` → ``250000``;
* dates: ``14.03.2025`` → ``2025-03-14``;
* yes/no: ``tak``/``nie`` (and ``prawda``/``fałsz``, ``1``/``0``) → ``true``/``false``;
* an allowed value given by its Polish label (``sołectwo``, ``pozytywna``) → its code;
* XLSX cells that are numbers, dates or booleans → their text; a float
  such as ``250000.5`` keeps its exact decimal digits; a KRS or REGON
  stored as a number gets back the leading zeros the spreadsheet dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from civic.schema import Field
from civic.slugs import slugify
from civic.yamlwrite import to_text

_POLISH_NUMBER = re.compile(r"-?\d{1,3}([ \u00a0\u202f]\d{3})+(,\d+)?|-?\d+,\d+")
_CURRENCY = re.compile(r"\s*(zł|PLN|pln)\.?$")
_POLISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})( r\.?)?")
_ISO_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?")
_LEADING_ZEROS = {"krs": (10,), "regon": (9, 14)}
_TRUE = {"tak", "t", "prawda", "true", "1"}
_FALSE = {"nie", "n", "fałsz", "falsz", "false", "0"}


def cell_text(field: Field, cell: Any) -> str | None:
    """The text for ``field``, or None for an empty cell."""
    if cell is None:
        return None
    if isinstance(cell, bool | datetime | date | time | int | float | Decimal):
        return _typed(field, cell)
    text = str(cell).strip()
    if not text:
        return None
    if field.labels and text not in field.labels:
        by_label = {slugify(label): value for value, label in field.labels.items()}
        return by_label.get(slugify(text), text)
    if field.type in ("number", "integer"):
        text = _CURRENCY.sub("", text)
        if _POLISH_NUMBER.fullmatch(text):
            text = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
    elif field.type == "boolean":
        folded = text.lower()
        if folded in _TRUE or folded in _FALSE:
            return to_text(field, folded in _TRUE)
    elif field.type == "date":
        match = _POLISH_DATE.fullmatch(text) or _ISO_DATETIME.fullmatch(text)
        if match and match.re is _POLISH_DATE:
            day, month, year = match.group(1), match.group(2), match.group(3)
            text = f"{year}-{int(month):02d}-{int(day):02d}"
        elif match:
            text = match.group(1)
    return text


def _typed(field: Field, cell: Any) -> str:
    if isinstance(cell, datetime):
        if field.type == "time":
            return to_text(field, cell.time())
        if field.type == "date" or (cell.time() == time(0) and field.type != "datetime"):
            return cell.date().isoformat()
        return to_text(field, cell)
    if isinstance(cell, float):
        if field.type == "boolean":
            return to_text(field, bool(cell))
        return to_text(field, Decimal(int(cell)) if cell.is_integer() else Decimal(repr(cell)))
    if isinstance(cell, int) and not isinstance(cell, bool):
        if field.type == "boolean":
            return to_text(field, bool(cell))
        if field.check in _LEADING_ZEROS:  # a spreadsheet drops a registry number's leading zeros
            digits = str(cell)
            width = next((w for w in _LEADING_ZEROS[field.check] if len(digits) <= w), len(digits))
            return digits.zfill(width)
    return to_text(field, cell)
