"""Pabulib ``.pb`` files: the results of every pool of every budget edition.

Researchers of participatory budgeting read Pabulib's format with their own
tools. One file per pool that has been voted on (a ``.pb`` file describes
one budget): ``META`` says where, when, how much and by which rule; the
``PROJECTS`` section lists the projects on the ballot (positively verified,
with votes) with their cost, votes and whether they were selected. The
winners follow from these numbers under the rule, exactly as the build's
own check recomputes them. Individual ballots are not kept, so there is no
``VOTES`` section.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from civic.budget_check import eligible as on_ballot  # the rule that decides who competes for the pool
from civic.export.job import Distribution, ExportJob
from civic.pabulib import PbFile, write_pb
from civic.selection import Candidate, consideration_key

TABLES = ("budget_editions", "budget_edition_pools", "budget_edition_stages", "budget_projects")
READS = (*TABLES, "districts")
"""Every table a file's content comes from."""
THRESHOLD_RULE = "greedy-threshold"


def export(job: ExportJob) -> list[Distribution]:
    if not all(name in job.tables for name in TABLES):
        return []
    editions = {e["id"]: e for e in job.tables["budget_editions"].dicts()}
    voting: dict[str, dict[str, Any]] = {
        s["edition_id"]: s for s in job.tables["budget_edition_stages"].dicts() if s["stage"] == "voting"
    }
    districts = {d["id"]: d for d in job.tables["districts"].dicts()} if "districts" in job.tables else {}
    projects: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for project in job.tables["budget_projects"].dicts():
        if on_ballot(project):
            projects[(project["edition"], project["pool"])].append(project)
    out = []
    for pool in job.tables["budget_edition_pools"].dicts():
        edition = editions[pool["edition_id"]]
        candidates = projects.get((edition["id"], pool["id"]), [])
        if not candidates:
            continue  # not voted on yet
        title = f"{edition['title']}, {pool['name']}: wyniki w formacie Pabulib (.pb)"
        path = f"pabulib/{edition['id']}_{pool['id']}.pb"
        meta = partial(_meta, job, edition, pool, voting.get(edition["id"]), districts, len(candidates))
        make = partial(_pb_file, meta, candidates)
        out.append(job.write_kept(path, make, "pb", title, ("budget_editions", "budget_projects"), READS))
    return out


def _pb_file(meta: Callable[[], dict[str, str]], candidates: list[dict[str, Any]]) -> bytes:
    """A pool's file: its ``meta`` section and its projects."""
    return write_pb(PbFile(meta=meta(), projects=_projects(candidates))).encode("utf-8")


def _meta(
    job: ExportJob,
    edition: dict[str, Any],
    pool: dict[str, Any],
    voting: dict[str, Any] | None,
    districts: dict[str, dict[str, Any]],
    count: int,
) -> dict[str, str]:
    meta = {
        "description": f"{edition['title']}: {pool['name']}",
        "country": "Poland",
        "unit": job.meta.municipality,
        "instance": str(edition["year"]),
        "subunit": pool["name"],
    }
    district = districts.get(pool.get("district") or "")
    if district:
        meta["district"] = district["name"]
    meta["num_projects"] = str(count)
    if edition.get("voters") is not None:
        meta["num_votes"] = str(edition["voters"])
    meta["budget"] = amount(pool["amount"])
    meta["vote_type"] = edition["vote_type"]
    meta["rule"] = edition["selection_rule"]
    if edition["selection_rule"] == THRESHOLD_RULE:
        meta["min_project_score_threshold"] = str(edition["min_votes"])
    meta["date_begin"] = _day(voting["starts"]) if voting else str(edition["year"])
    meta["date_end"] = _day(voting["ends"]) if voting else str(edition["year"])
    meta["min_length"] = "1"
    if edition.get("max_choices") is not None:
        meta["max_length"] = str(edition["max_choices"])
    meta["language"] = "pl"
    meta["currency"] = "PLN"
    meta["comment"] = (
        "#1: Plik zawiera liczby głosów na projekty, bez pojedynczych kart do głosowania (brak sekcji VOTES). "
        "#2: num_votes to liczba osób głosujących w całej edycji, we wszystkich pulach."
    )
    meta["acknowledgments"] = f"{job.meta.publisher}, {job.url}, licencja {job.meta.license.name}"
    return meta


def _projects(candidates: list[dict[str, Any]]) -> list[dict[str, str]]:
    ordered = sorted(candidates, key=lambda p: (consideration_key(Candidate(p["id"], p["cost"], p["votes"])), p["id"]))
    located = any(p.get("latitude") is not None for p in ordered)
    rows = []
    for project in ordered:
        row = {
            "project_id": project["id"],
            "cost": amount(project["cost"]),
            "votes": str(project["votes"]),
            "name": project["title"],
            "category": project["category"],
            "selected": "1" if project.get("selected") else "0",
        }
        if located:
            row["latitude"] = _number(project.get("latitude"))
            row["longitude"] = _number(project.get("longitude"))
        rows.append(row)
    return rows


def amount(value: Decimal) -> str:
    """Money as Pabulib writes it: whole złoty without decimals, else with the grosze."""
    return format(value.quantize(Decimal(1)) if value == value.to_integral_value() else value, "f")


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _day(value: Any) -> str:
    return value.strftime("%d.%m.%Y")
