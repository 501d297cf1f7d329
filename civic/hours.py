"""Office hours as people read them: ``pon.–czw. 7:30–15:30``."""

from __future__ import annotations

from dataclasses import dataclass

from civic.rows import Row
from civic.text import polish_time

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SHORT = ("pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz.")


@dataclass(frozen=True)
class Span:
    days: str  # "pon.–czw."
    hours: str  # "7:30–15:30"


def spans(hours: list[Row]) -> list[Span]:
    """Consecutive weekdays with the same hours, joined into one span."""
    by_day = {h["day"]: f"{polish_time(h['opens'])}–{polish_time(h['closes'])}" for h in hours}
    out: list[Span] = []
    run: list[int] = []
    for i, day in enumerate(DAYS):
        if day in by_day and run and by_day[DAYS[run[-1]]] == by_day[day] and run[-1] == i - 1:
            run.append(i)
            continue
        if run:
            out.append(_span(run, by_day[DAYS[run[0]]]))
        run = [i] if day in by_day else []
    if run:
        out.append(_span(run, by_day[DAYS[run[0]]]))
    return out


def _span(run: list[int], hours: str) -> Span:
    days = SHORT[run[0]] if len(run) == 1 else f"{SHORT[run[0]]}–{SHORT[run[-1]]}"
    return Span(days, hours)
