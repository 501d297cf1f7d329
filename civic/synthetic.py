"""A synthetic city of any size, made from the sample records, for benchmarks and scale tests.

At scale 1 the city is about as big as Warsaw or Kraków (:data:`SCALE_1`):
20,000 NGOs, 30,000 grants, 15,000 budget projects over ten editions,
2,000 consultations, 300 office units, 60 districts and 200 externally
funded projects; ``scale`` multiplies every count (at least one record of
each kind and two budget editions).

Every record is a copy of a record of the same kind in the source folder
(``data/``), varied: names, titles and Markdown texts are recombined from
the source records in Polish (:mod:`civic.synthetic_text`), dates are moved
by whole years together with the years named in the texts, amounts and
coordinates are scaled and shifted, people get other names. The vocabularies
and schemas are shared. The result is valid as a whole
(:func:`civic.pipeline.check_data` finds nothing): ids are unique, KRS, NIP
and REGON are fresh numbers with valid checksums, every reference points at a
generated record, a private person's name appears only with a recorded
consent, each budget edition's pools add up to its total and its winners are
recomputed with :func:`civic.selection.select` under the edition's rule
(:mod:`civic.synthetic_budget`). The same source, scale and seed give the
same files. Files are written by the shared writer, :mod:`civic.yamlwrite`.
"""

from __future__ import annotations

import random
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from civic.newids import unique
from civic.schema import Catalog, Table
from civic.synthetic_budget import make_budget
from civic.synthetic_text import (
    Corpus,
    Registry,
    age,
    copy_record,
    domain_label,
    email_of,
    jitter,
    money,
    ngo_name,
    shift_years,
    short_id,
    vary_phone,
    walk,
)
from civic.synthetic_write import RecordWriter

SCALE_1: dict[str, int] = {
    "districts": 60,
    "office_units": 300,
    "ngos": 20_000,
    "grants": 30_000,
    "consultations": 2_000,
    "funded_projects": 200,
    "budget_editions": 10,
    "budget_projects": 15_000,
}
"""Records per kind of a city like Warsaw or Kraków (scale 1): about 67,500."""

_AT_LEAST = {"budget_editions": 2}
DISTRICT_SUFFIXES = ("Północ", "Południe", "Wschód", "Zachód", "Kolonia", "Park", "Stacja", "Las")
"""Parts of a city named after an older one: ``Piaski-Wschód``, ``Borki-Kolonia``."""
GENITIVE = {"dzielnica": "dzielnicy", "osiedle": "osiedla", "solectwo": "sołectwa"}


def counts(scale: float) -> dict[str, int]:
    """Records per kind at ``scale`` (1 = :data:`SCALE_1`)."""
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale}")
    return {name: max(_AT_LEAST.get(name, 1), round(n * scale)) for name, n in SCALE_1.items()}


def generate(
    source: Path, target: Path, scale: float = 1.0, seed: int = 1, workers: int | None = None
) -> dict[str, int]:
    """Write a city of ``scale`` into ``target`` (replaced whole); returns the records written per kind.

    ``workers``: processes that render and write the files (default: one per CPU; 1 writes in this one).
    """
    catalog = Catalog.load(source / "schemas")
    templates = {name: read_records(source, catalog[name]) for name in SCALE_1}
    missing = [name for name, records in templates.items() if not records]
    if missing:
        raise ValueError(f"{source} has no records of {', '.join(missing)} to make the city from")
    wanted = counts(scale)
    _prepare(source, target, catalog)
    city = City(catalog, templates, random.Random(seed))
    written = {}
    with RecordWriter(target, sum(wanted.values()), workers) as writer:
        for name in ("districts", "office_units", "ngos", "grants", "consultations", "funded_projects"):
            written[name] = writer.write(name, getattr(city, f"make_{name}")(wanted[name]))
        editions, projects = make_budget(city, wanted["budget_editions"], wanted["budget_projects"])
        written["budget_projects"] = writer.write("budget_projects", projects)
        written["budget_editions"] = writer.write("budget_editions", editions)
    return {name: written[name] for name in SCALE_1}


def synthesize(source: Path, target: Path, records: int, seed: int = 1) -> int:
    """A city of at least ``records`` records (the scale chosen to fit); returns how many were written."""
    scale = max(records, 1) / sum(SCALE_1.values())
    while sum(counts(scale).values()) < records:
        scale *= 1.01
    return sum(generate(source, target, scale, seed).values())


def read_records(source: Path, table: Table) -> list[tuple[str, dict[str, Any]]]:
    """The records of a kind as text (the C loader), sorted by id."""
    folder = source / table.folder
    paths = sorted(folder.rglob("*.yaml")) if folder.is_dir() else []
    return [(p.stem, yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)) for p in paths]


def _prepare(source: Path, target: Path, catalog: Catalog) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source / "schemas", target / "schemas")
    for table in catalog.main_tables:
        if table.layout == "list":
            (target / table.folder).mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / table.folder / f"{table.name}.yaml", target / table.folder)


class City:
    """The records made so far, and how to make more of each kind."""

    def __init__(self, catalog: Catalog, templates: dict[str, list[tuple[str, dict[str, Any]]]], rng: random.Random):
        self.catalog = catalog
        self.templates = templates
        self.rng = rng
        self.text = Corpus(catalog, templates)
        self.registry = Registry(rng)
        self.taken: dict[str, set[str]] = defaultdict(set)
        self.districts: list[tuple[str, str, str]] = []  # id, name, type
        self.units: list[tuple[str, str]] = []  # id, name
        self.ngos: list[tuple[str, str]] = []  # id, name
        self.ngo_places: list[str] = []
        years = [int(r["year"]) for kind in ("budget_editions", "grants") for _, r in templates[kind] if "year" in r]
        self.newest = max(years) if years else 2026

    # -- helpers shared by the kinds -------------------------------------------------------------

    def new_id(self, kind: str, hint: str) -> str:
        record_id = unique(short_id(hint) or kind.rstrip("s"), self.taken[kind])
        self.taken[kind].add(record_id)
        return record_id

    def template(self, kind: str, index: int | None = None) -> tuple[str, dict[str, Any]]:
        records = self.templates[kind]
        old_id, record = records[index % len(records)] if index is not None else self.rng.choice(records)
        return old_id, copy_record(record)

    def finish(self, table: Table, record: dict[str, Any], old_id: str, new_id: str) -> None:
        """What every kind needs: addresses that named the old id, other people, other phone numbers."""
        rng = self.rng
        for row_table, row in walk(table, record):
            for name, value in list(row.items()):
                field = row_table.fields.get(name)
                if field is None or not isinstance(value, str):
                    continue
                if field.check == "url" and old_id in value:
                    row[name] = value.replace(old_id, new_id)
                elif field.check == "phone" and rng.random() < 0.9:
                    row[name] = vary_phone(value, rng)
                elif field.consent_field:
                    if row.get(field.consent_field) == "true":
                        row[name] = self.text.person(rng)
                    else:
                        del row[name]

    def vary_texts(self, table: Table, record: dict[str, Any]) -> None:
        for row_table, row in walk(table, record):
            for name, value in row.items():
                field = row_table.fields.get(name)
                if field is not None and field.markdown and isinstance(value, str):
                    row[name] = self.text.vary(f"{row_table.name}.{name}", value, self.rng)

    def district(self) -> tuple[str, str, str]:
        return self.rng.choice(self.districts)

    # -- the kinds -----------------------------------------------------------------------------

    def make_districts(self, n: int) -> Iterator[tuple[str, dict[str, Any]]]:
        table = self.catalog["districts"]
        bases = self.templates["districts"]
        rng = self.rng
        for i in range(n):
            old_id, record = self.template("districts", i)
            generation = i // len(bases)
            if generation:
                suffix = DISTRICT_SUFFIXES[(generation - 1) % len(DISTRICT_SUFFIXES)]
                again = (generation - 1) // len(DISTRICT_SUFFIXES)
                record["name"] = f"{record['name']}-{suffix}" + (f" {again + 1}" if again else "")
                self.vary_texts(table, record)
            record_id = self.new_id("districts", record["name"])
            if "population" in record:
                record["population"] = str(max(300, round(int(record["population"]) * rng.uniform(0.4, 1.3))))
            if "area_km2" in record:
                record["area_km2"] = f"{float(record['area_km2']) * rng.uniform(0.5, 1.5):.2f}"
            self.finish(table, record, old_id, record_id)
            self.districts.append((record_id, record["name"], record.get("type", "dzielnica")))
            yield record_id, record

    def make_office_units(self, n: int) -> Iterator[tuple[str, dict[str, Any]]]:
        table = self.catalog["office_units"]
        rng = self.rng
        names = [r["name"] for _, r in self.templates["office_units"]]
        heads = list(dict.fromkeys(name.split(" ", 1)[0] for name in names))
        domains = list(dict.fromkeys(name.split(" ", 1)[1] for name in names if " " in name)) or ["Obsługi Mieszkańców"]
        for i in range(n):
            old_id, record = self.template("office_units", i)
            if i >= len(names):
                j = i - len(names)
                name = f"{heads[j % len(heads)]} {domains[(j // len(heads)) % len(domains)]}"
                rounds = j // (len(heads) * len(domains))
                if rounds:
                    did, dname, dtype = self.districts[(rounds - 1) % len(self.districts)]
                    name += f" dla {GENITIVE.get(dtype, 'dzielnicy').capitalize()} {dname}"
                record["name"] = name
                if "short_name" in record:
                    record["short_name"] = "".join(w[0] for w in name.split() if w[0].isupper())[:20]
                self.vary_texts(table, record)
            record_id = self.new_id("office_units", record["name"])
            if "parent" in record:
                if self.units:
                    parent_id, parent_name = rng.choice(self.units)
                    record["parent"], record["parent_department"] = parent_id, parent_name
                else:
                    del record["parent"]
            for key in ("website", "bip_url"):
                if key in record:
                    record[key] = _last_segment(record[key], record_id)
            for person in record.get("people", []):
                person["name"] = self.text.person(rng)
                if "email" in person:
                    person["email"] = email_of(person["name"], person["email"].partition("@")[2])
            for team in record.get("teams", []):
                for member in team.get("members", []):
                    member["name"] = self.text.person(rng)
            self.finish(table, record, old_id, record_id)
            self.units.append((record_id, record["name"]))
            yield record_id, record

    def make_ngos(self, n: int) -> Iterator[tuple[str, dict[str, Any]]]:
        table = self.catalog["ngos"]
        rng = self.rng
        templates = self.templates["ngos"]
        quoted = [i for i, (_, r) in enumerate(templates) if "„" in r.get("name", "")] or list(range(len(templates)))
        self.ngo_places = [p for p in self.text.places if p.startswith(("przy ", "nad "))]
        checks = {name: f.check for name, f in table.fields.items() if f.check in ("krs", "nip", "regon")}
        for i in range(n):
            first_round = i < len(templates)
            index = i if first_round else (rng.choice(quoted) if rng.random() < 0.85 else None)
            old_id, record = self.template("ngos", index)
            did, dname, dtype = self.district()
            record["district"] = did
            core = None
            if not first_round:
                name, core = ngo_name(record["name"], rng.choice(self.text.cores))
                where = rng.random()
                if core is None:
                    name += f" — Koło {dname}"
                elif where < 0.45:
                    name += f" z {GENITIVE.get(dtype, 'dzielnicy')} {dname}"
                elif where < 0.8 and self.ngo_places:
                    name += f" {rng.choice(self.ngo_places)}"
                record["name"] = name
            record_id = self.new_id("ngos", record["name"])
            label = domain_label(record_id)
            age(table, record, -rng.randint(0, 8))
            for name, check in checks.items():
                if name in record:
                    record[name] = self.registry.number(check)
            if "short_name" in record and core:
                record["short_name"] = core
            if "street" in record:
                record["street"] = self.text.street(rng)
            if "email" in record:
                record["email"] = f"kontakt@{label}.example.pl"
            if "website" in record:
                record["website"] = f"https://www.{label}.example.pl"
            if "links" in record:
                record["links"] = [_last_segment(url, record_id.replace("-", "")[:50]) for url in record["links"]]
            self.vary_texts(table, record)
            self.finish(table, record, old_id, record_id)
            if "contact_email" in record:
                person = record.get("contact_person") or self.text.person(rng)
                record["contact_email"] = email_of(person, "poczta.example.pl")
            self.ngos.append((record_id, record["name"]))
            yield record_id, record

    def make_grants(self, n: int) -> Iterator[tuple[str, dict[str, Any]]]:
        table = self.catalog["grants"]
        rng = self.rng
        amounts = [name for name, f in table.fields.items() if f.check == "money"]
        numbers: dict[int, int] = defaultdict(int)
        for year in sorted(rng.randint(self.newest - 9, self.newest) for _ in range(n)):
            old_id, record = self.template("grants")
            age(table, record, year - int(record["year"]))
            numbers[year] += 1
            record_id = f"{year}-{numbers[year]:04d}"
            self.taken["grants"].add(record_id)
            record["ngo"] = rng.choice(self.ngos)[0]
            record["unit"] = rng.choice(self.units)[0]
            factor = rng.uniform(0.5, 1.6)
            for name in amounts:
                if name in record:
                    record[name] = money(record[name], factor, 10)
            if rng.random() < 0.35:
                record["task_title"] = with_place(record["task_title"], self.district()[1])
            self.finish(table, record, old_id, record_id)
            yield record_id, record

    def make_consultations(self, n: int) -> Iterator[tuple[str, dict[str, Any]]]:
        table = self.catalog["consultations"]
        rng = self.rng
        for _ in range(n):
            old_id, record = self.template("consultations")
            years = -rng.randint(0, 9)
            age(table, record, years)
            hint = shift_years(old_id, years)
            chosen = rng.sample(self.districts, min(len(self.districts), rng.randint(1, 3)))
            if rng.random() < 0.6:
                record["districts"] = [d[0] for d in chosen]
                record["title"] = with_place(record["title"], ", ".join(d[1] for d in chosen))
                hint += "-" + "-".join(d[0] for d in chosen)
            elif "districts" in record:
                record["districts"] = [d[0] for d in chosen]
            record_id = self.new_id("consultations", hint)
            record["organizer"] = rng.choice(self.units)[0]
            if "contact_name" in record:
                record["contact_name"] = self.text.person(rng)
            for meeting in record.get("meetings", []):
                if "district" in meeting:
                    meeting["district"] = rng.choice(chosen)[0]
                for key in ("latitude", "longitude"):
                    if key in meeting:
                        meeting[key] = jitter(meeting[key], rng)
            self.vary_texts(table, record)
            self.finish(table, record, old_id, record_id)
            yield record_id, record

    def make_funded_projects(self, n: int) -> Iterator[tuple[str, dict[str, Any]]]:
        table = self.catalog["funded_projects"]
        rng = self.rng
        titles = [r["title"] for _, r in self.templates["funded_projects"]]
        heads = list(dict.fromkeys([t.split(" — ")[0] for t in titles] + self.text.cores))
        for i in range(n):
            old_id, record = self.template("funded_projects", i)
            age(table, record, -rng.randint(0, 6))
            if i >= len(titles):
                _, _, tail = record["title"].partition(" — ")
                head = rng.choice(heads)
                record["title"] = f"{head} — {tail}" if tail else f"{record['title']} — {head}"
            record_id = self.new_id("funded_projects", record["title"])
            if "lead_ngo" in record:
                record["lead_ngo"], record["lead"] = rng.choice(self.ngos)
            if "unit" in record:
                record["unit"] = rng.choice(self.units)[0]
            for partner in record.get("partners", []):
                if "ngo" in partner:
                    partner["ngo"], partner["name"] = rng.choice(self.ngos)
            factor = rng.uniform(0.4, 2.0)
            for name in ("budget", "funding"):
                if name in record:
                    record[name] = money(record[name], factor, 10)
            if "website" in record and old_id not in record["website"]:
                record["website"] = _last_segment(record["website"], record_id)
            self.vary_texts(table, record)
            self.finish(table, record, old_id, record_id)
            yield record_id, record


def with_place(title: str, place: str) -> str:
    """``Tytuł — Piaski``, or ``Tytuł — podtytuł (Piaski)`` when the title has a dash already."""
    return f"{title} ({place})" if " — " in title else f"{title} — {place}"


def _last_segment(url: str, segment: str) -> str:
    """``https://host/a/b`` → ``https://host/a/<segment>``; an address without a path gets one."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    head = path.rsplit("/", 1)[0] if path else ""
    return f"{parts.scheme}://{parts.netloc}{head}/{segment}"
