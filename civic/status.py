"""States that follow from dates: a consultation is planned, open, closed or
has its results published, as of a stated day."""

from __future__ import annotations

from datetime import date
from typing import Any

from civic.i18n import N_

CONSULTATION_STATUSES = {
    "planned": N_("planned"),
    "open": N_("open"),
    "closed": N_("closed"),
    "results": N_("results published"),
}


def consultation_status(consultation: dict[str, Any], today: date) -> str:
    if consultation.get("report_date") is not None and consultation["report_date"] <= today:
        return "results"
    if today < consultation["opens"]:
        return "planned"
    if today <= consultation["closes"]:
        return "open"
    return "closed"
