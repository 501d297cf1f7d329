"""The citizens' budget of the synthetic city: editions, their pools and projects.

Editions run year after year up to the newest edition of the source data,
each made from a source edition (its rule, stages and texts, moved in time).
Each edition has the city-wide pool of its source edition and a pool for
every district (sołectwa only when there is nothing else). Projects are
copies of source projects, city-wide ones for the city-wide pool; each gets
its pool's district, a cost and votes. A pool's amount is a share of what
its eligible projects cost, the edition's total is the sum of its pools, and
``selected`` is what :func:`civic.selection.select` decides under the
edition's rule, so :mod:`civic.budget_check` agrees with every file.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from civic.newids import unique
from civic.selection import Candidate, select
from civic.synthetic_text import YEAR, age, copy_record, email_of, jitter, money, shift_years

if TYPE_CHECKING:
    from civic.synthetic import City

Record = tuple[str, dict[str, Any]]

CITY_SHARE = 0.2
"""The share of an edition's projects submitted to the city-wide pool."""
_IMPLEMENTATION = ("implementation", "implementation_note", "actual_cost", "completed", "implementer")
_VOTE = ("votes", "selected", *_IMPLEMENTATION)


def make_budget(city: City, n_editions: int, n_projects: int) -> tuple[list[Record], list[Record]]:
    """The editions (pools summed) and their projects (winners recomputed)."""
    editions = _editions(city, n_editions)
    city_templates, local_templates, template_years = _project_templates(city)
    codes = _pool_codes(editions, city_templates)
    projects: list[Record] = []
    rng = city.rng
    for number, (edition_id, edition) in enumerate(editions):
        share = n_projects // len(editions) + (1 if number < n_projects % len(editions) else 0)
        pools = edition["pools"]
        by_pool: dict[str, list[Record]] = defaultdict(list)
        for _ in range(share):
            pool = pools[0] if len(pools) == 1 or rng.random() < CITY_SHARE else rng.choice(pools[1:])
            templates = local_templates if pool.get("district") else city_templates
            by_pool[pool["id"]].append(_project(city, edition_id, edition, pool, templates, template_years))
        for pool in pools:
            made = by_pool.get(pool["id"], [])
            code = codes[pool["id"]]
            for n, (_, project) in enumerate(made, start=1):
                project["number"] = f"{code}-{n:02d}"
            made[:] = [(f"{edition_id}-{code.lower()}-{n:02d}", p) for n, (_, p) in enumerate(made, start=1)]
            _verify(made, rng)
            pool["amount"] = _amount(made, rng)
            _select(city, edition, pool, made)
            projects += made
        edition["total_pool"] = f"{sum(Decimal(p['amount']) for p in pools):.2f}"
    return editions, projects


def _editions(city: City, n: int) -> list[Record]:
    table = city.catalog["budget_editions"]
    rng = city.rng
    templates = sorted(city.templates["budget_editions"], key=lambda t: int(t[1]["year"]))
    newest = int(templates[-1][1]["year"])
    districts = [d for d in city.districts if d[2] != "solectwo"] or city.districts
    taken: set[str] = set()
    editions = []
    for i, year in enumerate(range(newest - n + 1, newest + 1)):
        old_id, edition = templates[(len(templates) - n + i) % len(templates)]
        edition = copy_record(edition)
        years = year - int(edition["year"])
        age(table, edition, years)
        edition_id = unique(YEAR.sub(lambda m, y=years: shift_years(m.group(), y), old_id), taken)
        taken.add(edition_id)
        city_pool = next((p for p in edition.get("pools", []) if not p.get("district")), None)
        edition["pools"] = [
            {"id": city_pool["id"], "name": city_pool["name"]}
            if city_pool
            else {"id": "ogolnomiejska", "name": "Pula ogólnomiejska"},
            *(
                {"id": did, "name": f"Pula {_GENITIVE.get(dtype, 'dzielnicy')} {dname}", "district": did}
                for did, dname, dtype in districts
            ),
        ]
        if "eligible_voters" in edition:
            eligible = round(int(edition["eligible_voters"]) * rng.uniform(0.9, 1.1))
            edition["eligible_voters"] = str(eligible)
            if "voters" in edition:
                edition["voters"] = str(min(eligible, round(int(edition["voters"]) * rng.uniform(0.8, 1.2))))
        city.finish(table, edition, old_id, edition_id)
        editions.append((edition_id, edition))
    return editions


_GENITIVE = {"dzielnica": "dzielnicy", "osiedle": "osiedla", "solectwo": "sołectwa"}


def _project_templates(city: City) -> tuple[list[Record], list[Record], dict[str, int]]:
    """Source projects of city-wide pools and of district pools, and each source edition's year."""
    city_pools = set()
    years = {}
    for edition_id, edition in city.templates["budget_editions"]:
        years[edition_id] = int(edition["year"])
        city_pools |= {(edition_id, p.get("id")) for p in edition.get("pools", []) if not p.get("district")}
    everything = city.templates["budget_projects"]
    city_wide = [t for t in everything if (t[1].get("edition"), t[1].get("pool")) in city_pools]
    local = [t for t in everything if (t[1].get("edition"), t[1].get("pool")) not in city_pools]
    return city_wide or everything, local or everything, years


def _pool_codes(editions: list[Record], city_templates: list[Record]) -> dict[str, str]:
    """A short code per pool for project numbers (``OG-07``) and ids, unique within an edition."""
    codes: dict[str, str] = {}
    used: set[str] = set()
    pools = {p["id"]: p for _, e in editions for p in e["pools"]}
    city_codes = [t[1]["number"].split("-")[0] for t in city_templates if "-" in t[1].get("number", "")]
    for pool_id, pool in pools.items():
        parts = pool_id.split("-")
        candidates = [] if pool.get("district") else [c for c in city_codes if c.isalnum()][:1]
        candidates += [parts[0][:2], "".join(p[0] for p in parts), parts[0][:3], parts[0][:1] + parts[-1][:2]]
        code = next((c.upper() for c in candidates if c.isalnum() and c.upper() not in used), None)
        if code is None:
            code = unique(parts[0][:2].upper(), used).replace("-", "")
        used.add(code)
        codes[pool_id] = code
    return codes


def _project(
    city: City,
    edition_id: str,
    edition: dict[str, Any],
    pool: dict[str, Any],
    templates: list[Record],
    years: dict[str, int],
) -> Record:
    table = city.catalog["budget_projects"]
    rng = city.rng
    old_id, project = templates[rng.randrange(len(templates))]
    project = copy_record(project)
    age(table, project, int(edition["year"]) - years.get(project.get("edition", ""), int(edition["year"])))
    project["edition"], project["pool"] = edition_id, pool["id"]
    project["title"] = city.text.project_title(project["title"], rng)
    if pool.get("district"):
        project["district"] = pool["district"]
    elif "district" in project:
        project["district"] = city.district()[0]
    project["cost"] = money(project["cost"], rng.uniform(0.5, 1.5))
    for key in ("latitude", "longitude"):
        if key in project:
            project[key] = jitter(project[key], rng)
    if project.get("verification") == "positive":
        project["votes"] = str(round(int(project.get("votes", "200")) * rng.uniform(0.2, 1.6)) + rng.randint(0, 40))
    city.vary_texts(table, project)
    city.finish(table, project, old_id, old_id)
    if "author_email" in project:
        project["author_email"] = email_of(project.get("author_name") or city.text.person(rng), "poczta.example.pl")
    return old_id, project


def _verify(made: list[Record], rng: Any) -> None:
    """Projects that did not reach the ballot lose their votes; a merged one points at an earlier project."""
    for number, (_, project) in enumerate(made):
        verification = project.get("verification")
        if verification == "positive":
            continue
        for key in _VOTE:
            project.pop(key, None)
        if verification == "merged":
            if number:
                project["merged_into"] = made[rng.randrange(number)][0]
            else:
                project["verification"] = "withdrawn"
                project.pop("merged_into", None)
                project.setdefault("verification_note", "Autor wycofał projekt przed głosowaniem.")


def _amount(made: list[Record], rng: Any) -> str:
    """A pool about a third to a half of what its projects on the ballot cost, in full 10,000 zł."""
    asked = sum((Decimal(p["cost"]) for _, p in made if p.get("verification") == "positive"), Decimal(0))
    share = asked * Decimal(str(round(rng.uniform(0.3, 0.55), 3))) / 10_000
    return f"{max(share.quantize(Decimal(1), rounding=ROUND_HALF_UP), Decimal(10)) * 10_000:.2f}"


def _select(city: City, edition: dict[str, Any], pool: dict[str, Any], made: list[Record]) -> None:
    """``selected`` as the edition's rule decides; winners get an implementation, the others none."""
    rng = city.rng
    rule = edition["selection_rule"]
    min_votes = int(edition["min_votes"]) if rule == "greedy-threshold" else None
    ballot = [(i, p) for i, p in made if p.get("verification") == "positive" and "votes" in p]
    outcomes = select(
        [Candidate(i, Decimal(p["cost"]), int(p["votes"])) for i, p in ballot],
        Decimal(pool["amount"]),
        rule,
        min_votes=min_votes,
    )
    won = {o.id for o in outcomes if o.selected}
    year = int(edition["year"])
    for project_id, project in ballot:
        project["selected"] = "true" if project_id in won else "false"
        if project_id not in won:
            for key in _IMPLEMENTATION:
                project.pop(key, None)
            continue
        if "implementation" not in project:
            done = year < city.newest
            project["implementation"] = "completed" if done else "not-started"
            if done:
                project["completed"] = f"{year}-{rng.randint(5, 12):02d}-{rng.randint(1, 28):02d}"
        if project["implementation"] == "completed" and "completed" not in project:
            project["completed"] = f"{year}-{rng.randint(5, 12):02d}-{rng.randint(1, 28):02d}"
        if "actual_cost" in project:
            project["actual_cost"] = money(project["cost"], rng.uniform(0.85, 1.1))
        project["implementer"] = rng.choice(city.units)[0]
