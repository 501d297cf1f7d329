"""Money in PLN: exact to the grosz, never a float."""

from __future__ import annotations

import re
from decimal import Decimal

from civic.failure import Failure
from civic.messages import message

_MONEY = re.compile(r"\d+(\.\d{1,2})?")


def check_money(text: str) -> Failure | None:
    """A PLN amount has at most two digits after the dot."""
    if _MONEY.fullmatch(text):
        return None
    return Failure("money", message("money", value=text))


def format_pln(amount: Decimal, space: str = "\u00a0") -> str:
    """``1011308.5`` → ``1 011 308,50 zł`` (Polish grouping, comma, two decimals)."""
    sign = "-" if amount < 0 else ""
    whole, _, cents = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{space.join(groups)},{cents}{space}zł"
