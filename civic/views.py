"""What the richer pages show, computed from the records for the build day.

Templates ask for a view (``views.edition(record)``) instead of walking
records themselves, so each page costs only what it shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from civic.deps import remembered
from civic.rows import Row
from civic.site import Site


@dataclass
class PoolResult:
    pool: Row
    projects: list[Row]  # on the ballot, by votes
    others: list[Row]  # not on the ballot (negative, withdrawn, merged)
    used: Decimal = Decimal(0)

    @property
    def percent_used(self) -> int:
        amount = self.pool.get("amount") or Decimal(0)
        return int(self.used * 100 / amount) if amount else 0


@dataclass
class Stage:
    row: Row
    state: str  # "past", "current", "future"


@dataclass
class YearGrants:
    year: int
    grants: list[Row]
    total: Decimal
    by_mode: list[tuple[str, Decimal, int]] = field(default_factory=list)


class Views:
    def __init__(self, site: Site):
        self.site = site

    # -- consultations -------------------------------------------------------

    @remembered
    def _consultations_by_status(self) -> dict[str, list[Row]]:
        groups: dict[str, list[Row]] = defaultdict(list)
        for row in self.site.records("consultations"):
            groups[self.site.status(row)].append(row)
        return groups

    def open_consultations(self) -> list[Row]:
        return sorted(self._consultations_by_status().get("open", []), key=lambda c: c["closes"])

    def planned_consultations(self) -> list[Row]:
        return sorted(self._consultations_by_status().get("planned", []), key=lambda c: c["opens"])

    def upcoming_meetings(self, limit: int | None = None) -> list[Row]:
        meetings = [m for m in self.site.records("consultation_meetings") if m["date"] >= self.site.today]
        meetings.sort(key=lambda m: (m["date"], m["starts"]))
        return meetings[:limit] if limit else meetings

    def timeline(self, consultation: Row) -> list[tuple[str, object]]:
        steps = [
            ("announced", consultation.get("announced")),
            ("opens", consultation["opens"]),
            ("closes", consultation["closes"]),
            ("report_date", consultation.get("report_date")),
        ]
        return [(name, day) for name, day in steps if day is not None]

    # -- citizens' budget ----------------------------------------------------

    def editions(self) -> list[Row]:
        return sorted(self.site.records("budget_editions"), key=lambda e: e["year"], reverse=True)

    def current_edition(self) -> Row | None:
        editions = self.editions()
        return editions[0] if editions else None

    def stages(self, edition: Row) -> list[Stage]:
        today = self.site.today
        out = []
        for stage in sorted(edition.get("stages", []), key=lambda s: s["starts"]):
            state = "past" if stage["ends"] < today else "future" if stage["starts"] > today else "current"
            out.append(Stage(stage, state))
        return out

    def next_stage(self, edition: Row) -> Stage | None:
        for stage in self.stages(edition):
            if stage.state != "past":
                return stage
        return None

    def pools(self, edition: Row) -> list[PoolResult]:
        by_pool: dict[str, list[Row]] = defaultdict(list)
        for project in self.site.related.rows("budget_projects", "edition", edition["id"]):
            by_pool[project["pool"]].append(project)
        results = []
        for pool in edition.get("pools", []):
            mine = by_pool.get(pool["id"], [])
            ballot = sorted(
                (p for p in mine if p["verification"] == "positive"), key=lambda p: (-(p.get("votes") or 0), p["cost"])
            )
            others = [p for p in mine if p["verification"] != "positive"]
            used = sum((p["cost"] for p in ballot if p.get("selected")), Decimal(0))
            results.append(PoolResult(pool, ballot, others, used))
        return results

    def turnout(self, edition: Row) -> Decimal | None:
        voters, eligible = edition.get("voters"), edition.get("eligible_voters")
        if not voters or not eligible:
            return None
        return (Decimal(voters) * 100 / Decimal(eligible)).quantize(Decimal("0.1"))

    def tracker(self) -> list[tuple[str, list[Row]]]:
        """Winning projects of every edition, grouped by implementation state."""
        groups: dict[str, list[Row]] = defaultdict(list)
        for project in self.site.records("budget_projects"):
            if project.get("selected"):
                groups[project.get("implementation") or "not-started"].append(project)
        order = ["in-progress", "not-started", "completed", "abandoned"]
        return [(state, self.site.sort(groups[state])) for state in order if groups.get(state)]

    # -- grants --------------------------------------------------------------

    def grants_by_year(self) -> list[YearGrants]:
        years: dict[int, list[Row]] = defaultdict(list)
        for grant in self.site.records("grants"):
            years[grant["year"]].append(grant)
        out = []
        for year in sorted(years, reverse=True):
            grants = sorted(years[year], key=lambda g: -g["amount_awarded"])
            modes: dict[str, list[Row]] = defaultdict(list)
            for grant in grants:
                modes[grant["mode"]].append(grant)
            by_mode = [
                (m, sum((g["amount_awarded"] for g in rows), Decimal(0)), len(rows)) for m, rows in modes.items()
            ]
            total = sum((g["amount_awarded"] for g in grants), Decimal(0))
            out.append(YearGrants(year, grants, total, sorted(by_mode, key=lambda t: -t[1])))
        return out

    def grants_of(self, ngo: Row) -> list[Row]:
        return sorted(self.site.related.rows("grants", "ngo", ngo["id"]), key=lambda g: (-g["year"], g["id"]))

    def grants_total(self, grants: list[Row]) -> Decimal:
        return sum((g["amount_awarded"] for g in grants), Decimal(0))

    # -- districts -----------------------------------------------------------

    def in_district(self, district: Row) -> dict[str, list[Row]]:
        related = self.site.related
        d = district["id"]
        consultations = {id(c): c for c in related.records("consultation_districts", "district", d)}
        for meeting in related.rows("consultation_meetings", "district", d):
            consultations.setdefault(id(meeting.main()), meeting.main())
        return {
            "budget_projects": sorted(
                related.rows("budget_projects", "district", d), key=lambda p: (p["edition"], p["number"])
            ),
            "consultations": sorted(consultations.values(), key=lambda c: c["opens"], reverse=True),
            "meetings": sorted(
                related.rows("consultation_meetings", "district", d), key=lambda m: m["date"], reverse=True
            ),
            "ngos": self.site.sort(related.rows("ngos", "district", d)),
        }
