"""Polish text and numbers for the synthetic city, taken from the sample records.

Nothing here is invented word by word: sentences, people's names, streets,
place phrases and NGO name cores all come from the records the city is made
from, and are recombined. A record's long texts keep their Markdown shape
(lists and headings stay as they are; prose paragraphs get a sentence from
another record of the same kind and are wrapped again). Registry numbers
are fresh, valid and never repeat.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from civic.schema import Catalog, Table
from civic.slugs import slugify

WRAP = 100
"""Prose lines are wrapped at about this width, as in the sample records."""

YEAR = re.compile(r"(?<![0-9])20[0-4][0-9](?![0-9])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ„])")
# Abbreviations after which a capital letter does not start a new sentence.
_ABBREVIATION = re.compile(r"(?:^|\s)(?:ds|ul|pl|al|os|nr|im|św|pok|tzw|np|ok|m\.in|tj|prof|dr|ks|godz|wew|sp)\.$")
_NOT_PROSE = re.compile(r"\s*(?:[-*+>#|]|\d+[.)]\s|\*\*)")
_TWO_WORDS = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+ [A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż-]+")
_STREET = re.compile(r"\bul\. ([A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż.]*(?: [A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż]*)*) \d")
_QUOTED = re.compile(r"^(.*?)\s*„([^”]+)”(.*)$")
_PLACE = re.compile(r" (przy|nad|na|w) ")
_SCHOOL = re.compile(r"\bSP nr \d+")
_PERSON_FIELDS = {"contact_name", "contact_person", "author_name"}
_PERSON_TABLES = {"office_unit_people", "office_unit_team_members"}
_FEMALE_SURNAME = re.compile(r"(ska|cka|dzka)$")
_MALE_SURNAME = re.compile(r"(ski|cki|dzki)$")
_FALLBACK_PEOPLE = ["Anna Nowak", "Piotr Kowalski", "Maria Wiśniewska", "Tomasz Wójcik"]


def walk(table: Table, record: dict[str, Any]) -> Iterator[tuple[Table, dict[str, Any]]]:
    """The record's row and every nested row below it, each with its table."""
    yield table, record
    for child in table.children:
        items = record.get(child.key)
        if child.scalar or not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict):
                yield from walk(child, item)


def copy_record(value: Any) -> Any:
    """A copy of a record read as text (dicts, lists and strings): faster than ``copy.deepcopy``."""
    if isinstance(value, dict):
        return {k: copy_record(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_record(v) for v in value]
    return value


class Corpus:
    """What the sample records say, in pieces ready to be put together again."""

    def __init__(self, catalog: Catalog, templates: dict[str, list[tuple[str, dict[str, Any]]]]) -> None:
        self.sentences: dict[str, list[str]] = defaultdict(list)
        people: list[str] = []
        streets: list[str] = []
        self.cores: list[str] = []
        self.places: list[str] = []
        for name, records in templates.items():
            for _, record in records:
                for table, row in walk(catalog[name], record):
                    for field_name, value in row.items():
                        if not isinstance(value, str):
                            continue
                        field = table.fields.get(field_name)
                        if field is not None and field.markdown:
                            self.sentences[f"{table.name}.{field_name}"] += _prose_sentences(value)
                        if field_name in _PERSON_FIELDS or (table.name in _PERSON_TABLES and field_name == "name"):
                            people += [value] if _TWO_WORDS.fullmatch(value) else []
                        streets += _STREET.findall(value)
                if name == "ngos" and (match := _QUOTED.match(record.get("name", ""))):
                    self.cores.append(match.group(2))
                if name == "budget_projects" and (split := split_place(record.get("title", ""))):
                    self.places.append(split[1])
        people = _unique(people) or _FALLBACK_PEOPLE
        self.first_names = _unique(p.split()[0] for p in people)
        self.surnames = _unique(p.split()[1] for p in people)
        self.streets = _unique(streets) or ["Lipowa"]
        self.cores = _unique(self.cores) or ["Razem"]
        self.places = _unique(self.places)

    def person(self, rng: random.Random) -> str:
        """A first name and a surname, the surname in the first name's gender."""
        first = rng.choice(self.first_names)
        surname = rng.choice(self.surnames)
        if first.endswith("a"):
            surname = _MALE_SURNAME.sub(lambda m: m.group(1)[:-1] + "a", surname)
        else:
            surname = _FEMALE_SURNAME.sub(lambda m: m.group(1)[:-1] + "i", surname)
        return f"{first} {surname}"

    def street(self, rng: random.Random) -> str:
        return f"ul. {rng.choice(self.streets)} {rng.randint(1, 120)}"

    def vary(self, key: str, text: str, rng: random.Random) -> str:
        """A Markdown text with its prose paragraphs partly retold by other records of the same field."""
        pool = self.sentences.get(key)
        if not pool:
            return text
        ending = "\n" if text.endswith("\n") else ""
        paragraphs = text.rstrip("\n").split("\n\n")
        out = []
        for paragraph in paragraphs:
            if any(_NOT_PROSE.match(line) for line in paragraph.split("\n")):
                out.append(paragraph)
                continue
            sentences = _sentences(paragraph)
            if len(sentences) > 1 and rng.random() < 0.6:
                sentences[rng.randrange(1, len(sentences))] = rng.choice(pool)
            if rng.random() < 0.3:
                sentences.append(rng.choice(pool))
            joined = " ".join(sentences)
            out.append(_wrap(joined) if "\n" in paragraph else joined)
        return "\n\n".join(out) + ending

    def project_title(self, title: str, rng: random.Random) -> str:
        """A budget project's title, half of the time moved to another place of the city."""
        title = _SCHOOL.sub(lambda _: f"SP nr {rng.randint(1, 60)}", title)
        split = split_place(title)
        if split and self.places and rng.random() < 0.5:
            return f"{split[0]} {rng.choice(self.places)}"
        return title


def split_place(title: str) -> tuple[str, str] | None:
    """``Wybieg dla psów przy ul. Leśnej`` → (``Wybieg dla psów``, ``przy ul. Leśnej``)."""
    if " — " in title or ":" in title:
        return None
    match = _PLACE.search(title)
    if match is None or match.start() == 0:
        return None
    return title[: match.start()], title[match.start() + 1 :]


def ngo_name(template: str, core: str) -> tuple[str, str | None]:
    """The template's name with another quoted core: ``Fundacja „Nowy Dom”`` → ``Fundacja „Przystań”``."""
    match = _QUOTED.match(template)
    if match is None:
        return template, None
    return f"{match.group(1)} „{core}”{match.group(3)}", core


def shift_years(text: str, years: int) -> str:
    """Every year 2000–2049 written in ``text`` moved by ``years``."""
    if not years:
        return text
    return YEAR.sub(lambda m: str(int(m.group()) + years) if 2000 <= int(m.group()) + years < 2050 else m.group(), text)


def shift_date(text: str, years: int) -> str:
    """An ISO date moved by whole years (29 February becomes the 28th); order between dates is kept."""
    day = date.fromisoformat(text)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:
        return day.replace(year=day.year + years, day=28).isoformat()


def age(table: Table, record: dict[str, Any], years: int) -> None:
    """Move the record, with its nested rows, ``years`` in time: dates, years and years named in texts."""
    if not years:
        return
    for row_table, row in walk(table, record):
        references = {name for fk in row_table.foreign_keys for name in fk.fields}
        for name, value in row.items():
            field = row_table.fields.get(name)
            if field is None or not isinstance(value, str) or name == "id" or name in references:
                continue
            if field.type == "date":
                row[name] = shift_date(value, years)
            elif field.type == "year":
                row[name] = str(int(value) + years)
            elif field.type == "string":
                row[name] = shift_years(value, years)


def money(text: str, factor: float, step: int = 100) -> str:
    """An amount times ``factor``, rounded to ``step`` złoty, with two decimals."""
    amount = Decimal(text) * Decimal(str(round(factor, 4)))
    rounded = (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return f"{max(rounded, Decimal(step)):.2f}"


def vary_phone(phone: str, rng: random.Random) -> str:
    """The same kind of number with its last four digits changed."""
    chars = list(phone)
    left = 4
    for i in range(len(chars) - 1, -1, -1):
        if left and chars[i].isdigit():
            chars[i] = str(rng.randint(0, 9))
            left -= 1
    return "".join(chars)


def jitter(coordinate: str, rng: random.Random, spread: float = 0.02) -> str:
    return f"{float(coordinate) + rng.uniform(-spread, spread):.4f}"


def email_of(person: str, domain: str) -> str:
    first, _, surname = person.partition(" ")
    return f"{slugify(first)[:1]}.{slugify(surname)}@{domain}"


def domain_label(record_id: str, limit: int = 40) -> str:
    """A DNS label made from an id (at most 63 characters; cut at a hyphen)."""
    if len(record_id) <= limit:
        return record_id
    return record_id[:limit].rsplit("-", 1)[0] or record_id[:limit]


def short_id(text: str, limit: int = 60) -> str:
    slug = slugify(text)
    return slug if len(slug) <= limit else slug[:limit].rsplit("-", 1)[0]


class Registry:
    """Fresh KRS, NIP and REGON numbers with valid checksums, each used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def number(self, check: str | None) -> str | None:
        make = {"krs": self._krs, "nip": self._nip, "regon": self._regon}.get(check or "")
        if make is None:
            return None
        while True:
            value = make()
            if value is not None and value not in self.used:
                self.used.add(value)
                return value

    def _krs(self) -> str:
        return f"{self.rng.randint(1, 1_099_999):010d}"

    def _nip(self) -> str | None:
        body = f"{self.rng.randint(100_000_000, 999_999_999)}"
        remainder = sum(int(d) * w for d, w in zip(body, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=True)) % 11
        return None if remainder == 10 else body + str(remainder)

    def _regon(self) -> str:
        body = f"{self.rng.randint(10_000_000, 99_999_999)}"
        remainder = sum(int(d) * w for d, w in zip(body, (8, 9, 2, 3, 4, 5, 6, 7), strict=True)) % 11
        return body + str(remainder % 10)


def _prose_sentences(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n\n"):
        if any(_NOT_PROSE.match(line) for line in paragraph.split("\n")):
            continue
        for sentence in _sentences(paragraph):
            if sentence.endswith((".", "!", "?")) and len(sentence) > 30 and "**" not in sentence:
                out.append(sentence)
    return out


def _sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph; ``ul. Lipowa`` or ``Biuro ds. Młodzieży`` is not a sentence end."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(" ".join(paragraph.split())):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def _wrap(text: str) -> str:
    """Lines of about :data:`WRAP` characters; one line if a wrapped line would start a Markdown list."""
    lines = textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=False)
    if any(_NOT_PROSE.match(line) for line in lines[1:]):
        return text
    return "\n".join(lines)


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))
