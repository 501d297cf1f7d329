"""Citizens' budget checks: pools add up, and winners follow from the rule.

For every pool of every edition that has votes, the winners are recomputed
from votes, costs, the pool's amount and the edition's selection rule, and
each project whose stated ``selected`` disagrees is reported with why.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from civic.messages import message
from civic.money import format_pln
from civic.problems import Problems
from civic.rows import Row
from civic.selection import RULES, Candidate, Outcome, select

if TYPE_CHECKING:
    from civic.dataset import Dataset


READS = frozenset({"budget_projects", "budget_editions"})
"""The tables whose records the budget checks read (an edition's pools are in its record)."""
DEPENDS_ON = {"verification", "votes", "selected", "cost"}
"""Fields of a project the recomputation reads: if any is unreadable, the pool is not recomputed."""


def check_budgets(data: Dataset, problems: Problems) -> None:
    if "budget_projects" not in data.tables or "budget_editions" not in data.tables:
        return
    projects: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for project in data.rows("budget_projects"):
        projects[(project.get("edition"), project.get("pool"))].append(project)
    for edition in data.rows("budget_editions"):
        _pool_sum(edition, problems)
        for pool in edition.get("pools", []):
            _winners(edition, pool, projects.get((edition.get("id"), pool.get("id")), []), problems)


def _pool_sum(edition: Row, problems: Problems) -> None:
    pools = edition.get("pools", [])
    total = edition.get("total_pool")
    if total is None or not pools or any(p.get("amount") is None for p in pools):
        return
    summed = sum((p["amount"] for p in pools), Decimal(0))
    if summed != total:
        problems.add(
            edition.position("total_pool"),
            edition.at("total_pool"),
            "pool-sum",
            total=_pln(summed),
            pool=_pln(total),
            difference=_pln(summed - total),
        )


def _winners(edition: Row, pool: Row, projects: list[Row], problems: Problems) -> None:
    rule = edition.get("selection_rule")
    if rule not in RULES or pool.get("amount") is None:
        return
    if not any(p.get("votes") is not None for p in projects):
        return  # no vote yet
    if any(p.invalid & DEPENDS_ON for p in projects):
        return  # an unreadable value is reported already; guessing would only add confusion
    ballot = [p for p in projects if eligible(p)]
    for project in projects:
        if not eligible(project) and project.get("selected") is True:
            problems.add(
                project.position("selected"),
                project.at("selected"),
                "winner-ineligible",
                reason=_ineligible_reason(project),
            )
    if any(p.get("cost") is None for p in ballot):
        return  # a cost was unreadable; that is reported already
    min_votes = edition.get("min_votes") if rule == "greedy-threshold" else None
    if rule == "greedy-threshold" and min_votes is None:
        return  # reported as a missing min_votes
    by_id = {p["id"]: p for p in ballot}
    outcomes = select(
        [Candidate(p["id"], p["cost"], p["votes"]) for p in ballot], pool["amount"], rule, min_votes=min_votes
    )
    for outcome in outcomes:
        project = by_id[outcome.id]
        stated = project.get("selected") is True
        if stated != outcome.selected:
            problems.add(
                project.position("selected"),
                project.at("selected"),
                "winner-mismatch",
                stated="true" if stated else "false",
                rule=rule,
                expected=message("expected-selected" if outcome.selected else "expected-not-selected"),
                reason=_reason(outcome, project, min_votes),
            )


def eligible(project: Row) -> bool:
    """On the ballot: verified positively and given votes."""
    return project.get("verification") == "positive" and project.get("votes") is not None


def _ineligible_reason(project: Row) -> str:
    if project.get("verification") != "positive":
        return message("reason-verification", verification=project.get("verification"))
    return message("reason-no-votes")


def _reason(outcome: Outcome, project: Row, min_votes: int | None) -> str:
    return message(
        f"reason-{outcome.reason}",
        rank=outcome.rank,
        votes=project["votes"],
        cost=_pln(project["cost"]),
        remaining=_pln(outcome.remaining_before),
        min_votes=min_votes,
    )


def _pln(amount: Decimal) -> str:
    return format_pln(amount, space=" ")
