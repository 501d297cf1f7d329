"""How values read on a page: Polish dates, money and safe Markdown."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from civic.money import format_pln
from civic.values import MONTHS_GENITIVE

# Raw HTML in staff-written text is shown as text, never run; links are
# checked by markdown-it (no javascript: or data: URLs).
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    return Markup(_MD.render(text))


def polish_date(value: date | datetime | None) -> str:
    """``2025-03-03`` → ``3 marca 2025 r.``"""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} r."


def polish_time(value: time | None) -> str:
    """``07:30`` → ``7:30``"""
    if value is None:
        return ""
    return f"{value.hour}:{value.minute:02d}"


def money(value: Decimal | None) -> str:
    return "" if value is None else format_pln(value)


def number(value: Any) -> str:
    """Integers grouped the Polish way: ``12 345``; decimals with a comma."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, int) and abs(value) >= 10000:
        return f"{value:,}".replace(",", "\u00a0")
    return str(value)


def tel(phone: str) -> str:
    """A ``tel:`` target: ``+48 12 345 67 89 wew. 21`` → ``+48123456789``."""
    main = phone.split("w")[0]
    return "".join(c for c in main if c.isdigit() or c == "+")


def iso(value: date | datetime | time | None) -> str:
    """The machine form of a date or time, for ``<time datetime>`` and data attributes."""
    if value is None:
        return ""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value.isoformat()
