"""Pabulib ``.pb`` files into a citizens' budget edition, its pools and its projects.

For a city bringing in its past editions from Pabulib (pabulib.org), where
each file holds one pool of one edition (a district's, or the city-wide one):

* **one file is one pool**; the files of one year (META ``instance``) given
  in one run make **one edition**, ``bo-<year>`` unless ``--edition`` names
  it. An edition that exists already keeps its own fields; the file's pool
  is added to it (or, imported again, updated) and ``total_pool`` becomes
  the sum of its pools, as validation requires;
* the pool's area (META ``district``, else ``subunit``) is matched to a
  district by name or id, or added to the districts (as a ``dzielnica``,
  for staff to check) when the data has none by that name; a file without
  an area is the city-wide pool ``ogolnomiejska``;
* project ids are ``<edition>-<pool>-<Pabulib project_id>``, unique across
  editions and pools; the Pabulib id is kept as the project's number;
* costs, votes and winners (``selected``) are kept as the file gives them;
  validation then recomputes the winners from votes, costs, the pool and
  the edition's rule (META ``rule``: ``greedy``, ``greedy-no-skip``) and
  stops the import if they disagree. Only when the file has no ``votes`` or
  ``selected`` column are they counted from ``VOTES`` or computed by the rule;
* categories: Pabulib's English categories map to the budget-category
  vocabulary by :data:`CATEGORIES` (the first of a project's categories that
  the vocabulary has), else to ``przestrzen-publiczna`` or, failing that,
  the vocabulary's first entry. The Polish summary names all of them and
  the beneficiaries, since Pabulib has no description.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from civic import pabulib as pb
from civic.importers.polish_dates import day_month_year
from civic.importers.workspace import InputError, Workspace
from civic.selection import RULES, Candidate, select
from civic.slugs import slugify

CATEGORIES = {
    "urban greenery": "zielen",
    "greenery": "zielen",
    "greenery/recreation": "zielen",
    "environmental protection": "ekologia",
    "ecology": "ekologia",
    "sport": "sport",
    "recreation": "sport",
    "culture": "kultura",
    "education": "edukacja",
    "public space": "przestrzen-publiczna",
    "public transit and roads": "infrastruktura",
    "walking/cycling infrastructure": "infrastruktura",
    "roads": "infrastruktura",
    "cycling": "komunikacja-rowerowa",
    "welfare": "pomoc-spoleczna",
    "social": "pomoc-spoleczna",
    "health": "zdrowie",
    "safety": "bezpieczenstwo",
}
DEFAULT_CATEGORY = "przestrzen-publiczna"
CATEGORY_WORDS = {
    "urban greenery": "zieleń miejska",
    "greenery": "zieleń",
    "greenery/recreation": "zieleń i rekreacja",
    "environmental protection": "ochrona środowiska",
    "public space": "przestrzeń publiczna",
    "public transit and roads": "komunikacja i drogi",
    "walking/cycling infrastructure": "infrastruktura piesza i rowerowa",
    "welfare": "pomoc społeczna",
    "culture": "kultura",
    "education": "edukacja",
    "sport": "sport",
    "health": "zdrowie",
}
BENEFICIARY_WORDS = {
    "people with disabilities": "osoby z niepełnosprawnościami",
    "seniors": "seniorzy",
    "adults": "dorośli",
    "youth": "młodzież",
    "children": "dzieci",
    "families": "rodziny",
    "animals": "zwierzęta",
}
VOTE_TYPES = ("approval", "choose-1", "cumulative")
CITY_WIDE = ("ogolnomiejska", "Pula ogólnomiejska")
_SUMMARY_LIMIT = 500
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass
class _Pool:
    source: str
    meta: dict[str, str]
    projects: list[dict[str, str]]
    votes: dict[str, int]


def run(ws: Workspace, files: list[Path], edition: str | None = None) -> None:
    editions: dict[str, list[_Pool]] = defaultdict(list)
    for pool in ws.readable(files, _read):
        editions[edition or _edition_id(pool.meta)].append(pool)
    if edition and len({_year(p.meta) for pools in editions.values() for p in pools}) > 1:
        ws.error(f"Pliki dotyczą różnych lat, a --edition {edition} wskazuje jedną edycję; importuj je osobno.")
        return
    for edition_id, pools in editions.items():
        try:
            _import_edition(ws, edition_id, pools)
        except InputError as exc:
            ws.error(str(exc))


def _read(path: Path) -> _Pool:
    try:
        data = pb.read_pb_file(path, votes=False)
        if data.projects and ("votes" not in data.projects[0] or "selected" not in data.projects[0]):
            data = pb.read_pb_file(path)
    except pb.PbError as exc:
        raise InputError(f"{path.name}:{exc.line}: {exc.message}") from None
    except OSError as exc:
        raise InputError(f"{path}: nie można odczytać pliku ({exc.strerror or exc}).") from None
    currency = data.meta.get("currency", "PLN")
    if currency != "PLN":
        raise InputError(f"{path.name}: kwoty są w walucie {currency}; import przyjmuje tylko złote (PLN).")
    for key in ("budget", "instance", "rule", "vote_type"):
        if not data.meta.get(key):
            raise InputError(f"{path.name}: w sekcji META brakuje klucza „{key}”.")
    return _Pool(path.name, data.meta, data.projects, _count_votes(data))


def _count_votes(data: pb.PbFile) -> dict[str, int]:
    """Votes per project from the VOTES section (points for a cumulative vote)."""
    counts: Counter[str] = Counter()
    for vote in data.votes:
        chosen = pb.split_list(vote.get("vote", ""))
        points = pb.split_list(vote.get("points", "")) or ["1"] * len(chosen)
        for project, point in zip(chosen, points, strict=False):
            counts[project] += int(point) if point.isdigit() else 1
    return dict(counts)


def _year(meta: dict[str, str]) -> str:
    match = re.search(r"\d{4}", meta.get("instance", ""))
    return match.group() if match else meta.get("instance", "")


def _edition_id(meta: dict[str, str]) -> str:
    return f"bo-{slugify(_year(meta))}"


# -- edition and pools ------------------------------------------------------


def _import_edition(ws: Workspace, edition_id: str, pools: list[_Pool]) -> None:
    editions = ws.table("budget_editions")
    first = pools[0]
    rule, vote_type = first.meta["rule"], first.meta["vote_type"]
    problems = [_setting_problem(p, rule, vote_type) for p in pools]
    current = ws.current(editions, edition_id)
    if current is not None:
        problems.append(_edition_conflict(edition_id, current, rule, vote_type, first.source))
    for problem in filter(None, problems):
        ws.error(problem)
    if any(problems):
        return
    pool_rows = [dict(p) for p in (current or {}).get("pools") or [] if isinstance(p, dict)]
    imported: list[tuple[_Pool, str, str | None]] = []
    for pool in pools:
        district = _district(ws, pool)
        pool_id, name = (district, f"Pula — {_area(pool.meta)}") if district else CITY_WIDE
        row = {"id": pool_id, "name": name, "district": district, "amount": _money(pool.meta["budget"], pool, "budget")}
        pool_rows = _merge_pool(pool_rows, row)
        imported.append((pool, pool_id, district))
    total = _total(pool_rows, pools[0].source, ws)
    if total is None:
        return
    values: dict[str, Any] = {"total_pool": total, "pools": pool_rows}
    defaults = _new_edition(first, pools)
    ws.put(editions, edition_id, values, defaults=defaults, source=first.source)
    for pool, pool_id, district in imported:
        _import_projects(ws, edition_id, pool, pool_id, district, rule)


def _setting_problem(pool: _Pool, rule: str, vote_type: str) -> str | None:
    if pool.meta["rule"] not in RULES:
        return (
            f"{pool.source}: zasada wyboru „{pool.meta['rule']}” nie jest obsługiwana; obsługiwane: {', '.join(RULES)}."
        )
    if pool.meta["vote_type"] not in VOTE_TYPES:
        return (
            f"{pool.source}: sposób głosowania „{pool.meta['vote_type']}” nie jest obsługiwany; "
            f"obsługiwane: {', '.join(VOTE_TYPES)}."
        )
    if (pool.meta["rule"], pool.meta["vote_type"]) != (rule, vote_type):
        return f"{pool.source}: zasada wyboru lub sposób głosowania różni się od pozostałych plików tej edycji."
    return None


def _edition_conflict(edition_id: str, current: dict[str, Any], rule: str, vote_type: str, source: str) -> str | None:
    for key, wanted in (("selection_rule", rule), ("vote_type", vote_type)):
        if current.get(key) not in (None, wanted):
            return (
                f"{source}: edycja „{edition_id}” ma {key}: {current[key]}, a plik — {wanted}. "
                "Pule jednej edycji liczy się jedną zasadą; wskaż inną edycję (--edition)."
            )
    return None


def _new_edition(first: _Pool, pools: list[_Pool]) -> dict[str, Any]:
    """Fields a new edition takes from the files; an existing edition keeps its own."""
    meta = first.meta
    year = _year(meta)
    files = ", ".join(p.source for p in pools)
    values: dict[str, Any] = {
        "title": f"Budżet obywatelski {year}" + (f" ({meta['unit']})" if meta.get("unit") else ""),
        "year": year,
        "description": f"Wyniki zaimportowane z Pabulib (pabulib.org): {files}.\n",
        "vote_type": meta["vote_type"],
        "max_choices": _max_choices(meta),
        "selection_rule": meta["rule"],
        "voters": meta.get("num_votes") if len(pools) == 1 else None,
    }
    starts, ends = _pb_date(meta.get("date_begin")), _pb_date(meta.get("date_end"))
    if starts and ends and starts <= ends:
        values["stages"] = [{"stage": "voting", "starts": starts, "ends": ends}]
    return values


def _max_choices(meta: dict[str, str]) -> str | None:
    if meta["vote_type"] == "choose-1":
        return "1"
    if meta["vote_type"] == "cumulative":
        return meta.get("max_sum_points")
    return meta.get("max_length")


def _merge_pool(rows: list[dict[str, Any]], new: dict[str, Any]) -> list[dict[str, Any]]:
    for i, row in enumerate(rows):
        if row.get("id") == new["id"]:  # keep the pool's name as staff wrote it
            rows[i] = {**row, "amount": new["amount"], "district": row.get("district") or new["district"]}
            return rows
    return [*rows, new]


def _total(rows: list[dict[str, Any]], source: str, ws: Workspace) -> Decimal | None:
    try:
        return sum((Decimal(str(r.get("amount"))) for r in rows), Decimal(0))
    except InvalidOperation:
        ws.error(f"{source}: kwota jednej z istniejących pul edycji nie jest liczbą; popraw ją przed importem.")
        return None


def _area(meta: dict[str, str]) -> str:
    return meta.get("district") or meta.get("subunit") or ""


def _district(ws: Workspace, pool: _Pool) -> str | None:
    """The district id of the pool's area, adding the district if the data lacks it."""
    area = _area(pool.meta)
    if not area:
        return None
    table = ws.table("districts")
    wanted = slugify(area)
    for district_id, values in sorted(ws.all_current(table).items()):
        if district_id == wanted or slugify(str(values.get("name") or "")) == wanted:
            return district_id
    ws.put(table, wanted, {"name": area, "type": "dzielnica"}, source=pool.source)
    ws.note(f"dodano dzielnicę „{area}” ({wanted}) z pliku {pool.source}; sprawdź jej rodzaj (dzielnica/osiedle).")
    return wanted


# -- projects ---------------------------------------------------------------


def _import_projects(
    ws: Workspace, edition_id: str, pool: _Pool, pool_id: str, district: str | None, rule: str
) -> None:
    table = ws.table("budget_projects")
    categories = [str(e["id"]) for e in ws.vocabulary("budget_categories")]
    votes = {p["project_id"]: _int(p.get("votes"), pool.votes.get(p["project_id"], 0)) for p in pool.projects}
    costs = {p["project_id"]: _money(p["cost"], pool, f"cost projektu {p['project_id']}") for p in pool.projects}
    selected = _selected(pool, votes, costs, rule)
    year = _year(pool.meta)
    for project in pool.projects:
        number = project["project_id"]
        values = {
            "edition": edition_id,
            "pool": pool_id,
            "number": number,
            "title": " ".join(project.get("name", "").split()) or f"Projekt {number}",
            "category": _category(project.get("category", ""), categories),
            "district": district,
            "latitude": project.get("latitude") or None,
            "longitude": project.get("longitude") or None,
            "cost": costs[number],
            "summary": _summary(project, year, pool),
            "verification": "positive",
            "votes": votes[number],
            "selected": selected.get(number),
        }
        record_id = f"{edition_id}-{pool_id}-{slugify(number) or 'projekt'}"
        ws.put(table, record_id, values, source=f"{pool.source}, projekt {number}")


def _selected(pool: _Pool, votes: dict[str, int], costs: dict[str, Decimal], rule: str) -> dict[str, bool]:
    if pool.projects and "selected" in pool.projects[0]:
        out = {}
        for project in pool.projects:
            flag = project["selected"].strip()
            if flag not in ("0", "1"):
                where = f"{pool.source}, projekt {project['project_id']}"
                raise InputError(f"{where}: „selected” ma wartość „{flag}”; dozwolone są 0 i 1.")
            out[project["project_id"]] = flag == "1"
        return out
    budget = _money(pool.meta["budget"], pool, "budget")
    candidates = [Candidate(i, costs[i], votes[i]) for i in votes]
    return {o.id: o.selected for o in select(candidates, budget, rule)}


def _category(cell: str, vocabulary: list[str]) -> str:
    for name in pb.split_list(cell):
        mapped = CATEGORIES.get(name.strip().lower())
        if mapped in vocabulary:
            return mapped
    return DEFAULT_CATEGORY if DEFAULT_CATEGORY in vocabulary else vocabulary[0] if vocabulary else DEFAULT_CATEGORY


def _summary(project: dict[str, str], year: str, pool: _Pool) -> str:
    categories = [CATEGORY_WORDS.get(c.strip(), c.strip()) for c in pb.split_list(project.get("category", ""))]
    groups = [BENEFICIARY_WORDS.get(b.strip(), b.strip()) for b in pb.split_list(project.get("beneficiaries", ""))]
    parts = [f"Projekt budżetu obywatelskiego {year}, {_area(pool.meta) or 'pula ogólnomiejska'}."]
    if categories:
        parts.append(f"Tematy — {', '.join(categories)}.")
    if groups:
        parts.append(f"Dla kogo — {', '.join(groups)}.")
    text = " ".join(parts)
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1].rstrip() + "…"


def _money(text: str, pool: _Pool, what: str) -> Decimal:
    try:
        amount = Decimal(text.strip())
    except InvalidOperation:
        raise InputError(f"{pool.source}: {what} „{text}” nie jest kwotą.") from None
    if not amount.is_finite() or amount < 0:
        raise InputError(f"{pool.source}: {what} „{text}” nie jest kwotą.")
    return amount


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.strip().isdigit() else default


def _pb_date(text: str | None) -> date | None:
    return day_month_year(_DATE, (text or "").strip())
