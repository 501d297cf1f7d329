"""Turning the text staff typed into typed values, as the schema says.

Every scalar arrives as text (the loader never lets YAML guess types), so
``7:30`` stays a time, ``no`` stays a word and ``2024-02-30`` is reported
instead of crashing the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from civic.schema import Field

WARSAW = ZoneInfo("Europe/Warsaw")

_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?")
_YEAR = re.compile(r"\d{4}")
_DEFAULT_TRUE = ("true", "True", "TRUE", "1")
_DEFAULT_FALSE = ("false", "False", "FALSE", "0")

MONTHS_GENITIVE = (
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
)
MONTHS_NOMINATIVE = (
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
)


class BadValue(Exception):
    """A value that cannot be read as its field's type."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


def parse(field: Field, text: str) -> Any:
    """The typed value of ``text`` for ``field``; raises BadValue."""
    parser = _PARSERS.get(field.type)
    if parser is None:
        return text
    return parser(field, text)


def parser_for(field_type: str) -> Callable[[Field, str], Any] | None:
    """The function ``parse`` calls for a type, or None where the value is the text itself.

    For callers that parse many values of one field and look the parser up once."""
    parser = _PARSERS.get(field_type)
    return None if parser is _string else parser


def _string(field: Field, text: str) -> str:
    return text


def _integer(field: Field, text: str) -> int:
    if not _INTEGER.fullmatch(text):
        raise BadValue("type-integer", value=text)
    return int(text)


def _number(field: Field, text: str) -> Decimal:
    if not _NUMBER.fullmatch(text):
        hint = "comma" if re.fullmatch(r"[+-]?[\d ]+,\d+", text) else "plain"
        raise BadValue("type-number", value=text, hint=hint)
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid decimals
        raise BadValue("type-number", value=text, hint="plain") from exc


def _boolean(field: Field, text: str) -> bool:
    true_values = field.descriptor.get("trueValues", _DEFAULT_TRUE)
    false_values = field.descriptor.get("falseValues", _DEFAULT_FALSE)
    if text in true_values:
        return True
    if text in false_values:
        return False
    raise BadValue("type-boolean", value=text, true=true_values[0], false=false_values[0])


def _date(field: Field, text: str) -> date:
    m = _DATE.fullmatch(text)
    if not m:
        raise BadValue("type-date", value=text)
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise BadValue("date-month", value=text, month=month)
    try:
        return date(year, month, day)
    except ValueError:
        last = _days_in_month(year, month)
        raise BadValue("date-day", value=text, month_name=MONTHS_NOMINATIVE[month - 1], year=year, days=last) from None


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


def _time(field: Field, text: str) -> time:
    m = _TIME.fullmatch(text)
    if not m or (m[3] is not None and field.format == "%H:%M"):
        raise BadValue("type-time", value=text)
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    return time(hour, minute, second)


def _datetime(field: Field, text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise BadValue("type-datetime", value=text) from None
    return value if value.tzinfo else value.replace(tzinfo=WARSAW)


def _year(field: Field, text: str) -> int:
    if not _YEAR.fullmatch(text):
        raise BadValue("type-year", value=text)
    return int(text)


_PARSERS = {
    "string": _string,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "date": _date,
    "time": _time,
    "datetime": _datetime,
    "year": _year,
}

SUPPORTED_TYPES = frozenset(_PARSERS)
