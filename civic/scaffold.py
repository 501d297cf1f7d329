"""A new record file with every field of its schema, explained in Polish.

``scripts/new consultation "Program współpracy 2027"`` writes
``data/consultations/program-wspolpracy-2027.yaml``: every field of the
schema, each under a comment with its meaning, whether it is required and
what values it takes; nested lists (meetings, documents…) as a commented
pattern of one item. Staff fill in the values, delete what they do not
need, and the validator tells them what is still missing.

Conventions of the file, relied on by the tests:

* the first line tells YAML editors which JSON Schema checks the file;
* explanations are comment lines starting with ``# `` (one space);
* a list item's pattern is commented out line by line with ``#`` in the
  first column followed by its YAML, indented by at least two spaces:
  removing that one ``#`` from each line of the pattern gives a valid item.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from civic import rawdata
from civic.newids import existing_ids, fresh_id
from civic.schema import Catalog, Field, Table
from civic.slugs import is_slug
from civic.yamlwrite import INDENT, entry_lines, key_order, modeline

WRAP = 100
_TYPE_HINTS = {
    "integer": "liczba całkowita",
    "number": "liczba (część ułamkowa po kropce)",
    "boolean": "true (tak) albo false (nie)",
    "date": "data RRRR-MM-DD",
    "time": "godzina G:MM, np. 7:30",
    "datetime": "data i godzina RRRR-MM-DDTGG:MM",
    "year": "rok, np. 2026",
}
_CHECK_HINTS = {
    "money": "kwota w złotych, grosze po kropce, np. 1250.50",
    "postal-code": "kod pocztowy NN-NNN",
    "email": "adres e-mail",
    "phone": "numer telefonu, np. 44 735 22 00",
    "url": "adres strony zaczynający się od https://",
    "krs": "10 cyfr z zerami na początku, w cudzysłowie",
    "nip": "10 cyfr bez kresek, w cudzysłowie",
    "regon": "9 albo 14 cyfr, w cudzysłowie",
}
_EXAMPLES_SHOWN = 15


class ScaffoldError(ValueError):
    """A request the scaffold cannot fulfil; the message is Polish."""


def create(data_dir: Path, kind: str, title: str | None = None, record_id: str | None = None) -> Path:
    """Write a new record file and return its path."""
    catalog = Catalog.load(data_dir / "schemas")
    table = rawdata.find_kind(catalog, kind)
    if table is None:
        raise ScaffoldError(f"Nie ma rodzaju rekordów „{kind}”. Dostępne: {rawdata.kinds_listing(catalog)}.")
    taken = existing_ids(data_dir, table)
    if record_id is not None:
        if not is_slug(record_id):
            raise ScaffoldError(
                f"„{record_id}” nie może być identyfikatorem: dozwolone są małe litery bez polskich znaków, "
                "cyfry i pojedyncze myślniki, np. program-wspolpracy-2027."
            )
        if record_id in taken:
            raise ScaffoldError(f"Rekord „{record_id}” już istnieje w {data_dir / table.folder}/.")
    new_id = record_id or fresh_id(table, taken, title)
    path = data_dir / table.folder / f"{new_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = scaffold(catalog, table, data_dir, path, title)
    with open(path, "x", encoding="utf-8") as handle:  # never overwrite a record
        handle.write(text)
    return path


def scaffold(catalog: Catalog, table: Table, data_dir: Path, path: Path, title: str | None = None) -> str:
    """The text of a new record of ``table`` to be saved at ``path``."""
    writer = _Scaffold(catalog, data_dir)
    lines = [f"# {modeline(table, path, data_dir)}", "#"]
    lines += _comment(_header(table, path, data_dir), "")
    lines.append("")
    prefill = _title_field(table)
    for key in key_order(table):
        value = title if title and key == prefill else None
        lines += writer.key(table, key, value, indent="", commented=False)
    return "\n".join(lines) + "\n"


def _title_field(table: Table) -> str | None:
    return next((n for n in ("title", "name") if n in table.own_fields), None)


def _header(table: Table, path: Path, data_dir: Path) -> list[str]:
    shown = path.relative_to(data_dir.parent).as_posix() if data_dir.parent in path.parents else path.name
    lines = [
        f"{table.title}: nowy rekord „{path.stem}”.",
        f"Identyfikatorem rekordu jest nazwa pliku ({path.name}); po opublikowaniu jej nie zmieniaj.",
        "Wpisz wartości po dwukropkach. Pola „wymagane” trzeba wypełnić; pozostałe można zostawić puste albo usunąć.",
        "Listy są zakomentowane: aby dodać pozycję, usuń znak # z początku każdego wiersza wzoru; "
        "kolejną pozycję dopisz tak samo, od „- ”.",
    ]
    rules = _rules(table)
    if rules:
        lines += ["Zasady:", *(f"- {rule}" for rule in rules)]
    lines.append(f"Sprawdź plik poleceniem: scripts/validate {shown}")
    return lines


def _rules(table: Table) -> list[str]:
    """The row rules the schema declares, as Polish sentences."""
    fields = table.fields
    out: list[str] = []
    for earlier, later in table.meta.get("order", []):
        out.append(f"„{fields[later].title}” ({later}) nie może być przed „{fields[earlier].title}” ({earlier}).")
    for rule in table.meta.get("requires", []):
        condition, then = rule["if"], rule["then"]
        when = f"podasz {condition}" if isinstance(condition, str) else _pairs(condition, "ma wartość")
        need = ", ".join(then) if isinstance(then, list) else _pairs(then, "musi mieć wartość")
        out.append(f"Jeśli {when}, {'wypełnij też: ' + need if isinstance(then, list) else need}.")
    for group in table.meta.get("together", []):
        out.append(f"Pola {', '.join(group)} wpisuje się razem albo wcale.")
    return out


def _pairs(mapping: dict[str, str], verb: str) -> str:
    return " i ".join(f"{name} {verb} {value}" for name, value in mapping.items())


def _comment(lines: list[str], prefix: str) -> list[str]:
    out: list[str] = []
    for line in lines:
        wrapped = textwrap.wrap(line, WRAP - len(prefix), break_long_words=False, break_on_hyphens=False) or [""]
        out += [f"{prefix}# {part}".rstrip() for part in wrapped]
    return out


class _Scaffold:
    """Writes keys with their explanations; knows the data folder for examples."""

    def __init__(self, catalog: Catalog, data_dir: Path):
        self.catalog = catalog
        self.data_dir = data_dir
        self._examples: dict[str, list[tuple[str, str]]] = {}

    def key(self, table: Table, key: str, value: Any, indent: str, commented: bool) -> list[str]:
        child = table.child_by_key.get(key)
        if child is not None:
            return self._list(child, indent, commented)
        field = table.fields[key]
        lines = _comment([self.explain(table, field)], indent)
        lines += entry_lines(key, field, value, indent) if value is not None else [f"{indent}{key}:"]
        return lines

    def explain(self, table: Table, field: Field) -> str:
        parts = [f"{field.title} — {'wymagane' if field.required else 'nieobowiązkowe'}"]
        hint = _CHECK_HINTS.get(field.check or "") or _TYPE_HINTS.get(field.type)
        if hint:
            parts.append(hint)
        if field.markdown:
            parts.append("tekst Markdown; kilka akapitów: wpisz „|”, a tekst w kolejnych wierszach z wcięciem")
        limit = field.constraints.get("maxLength")
        if limit:
            parts.append(f"najwyżej {limit} znaków")
        if field.consent_field:
            parts.append(f"publikowane tylko za zgodą ({field.consent_field}: true)")
        if not field.public:
            parts.append("tylko dla urzędu, nigdy nie jest publikowane")
        text = ", ".join(parts) + ". " + field.description
        allowed = self.allowed(table, field)
        return f"{text} {allowed}".strip()

    def allowed(self, table: Table, field: Field) -> str:
        if field.labels:
            listing = ", ".join(v if v == label else f"{v} ({label})" for v, label in field.labels.items())
            return f"Dozwolone: {listing}."
        examples = self.examples(table, field.name)
        if not examples:
            return ""
        target = rawdata.reference(self.catalog, table, field.name)
        assert target is not None
        shown = ", ".join(i if not name or name == i else f"{i} ({name})" for i, name in examples[:_EXAMPLES_SHOWN])
        more = ", …" if len(examples) > _EXAMPLES_SHOWN else ""
        if target.layout == "list":
            return f"Dozwolone: {shown}{more}."
        return f"Identyfikator rekordu z folderu {target.folder}/, np.: {shown}{more}."

    def examples(self, table: Table, field: str) -> list[tuple[str, str]]:
        """Ids (with names) a field may refer to, from the data folder."""
        target = rawdata.reference(self.catalog, table, field)
        if target is None:
            return []
        if target.name not in self._examples:
            if target.layout == "list":
                rows = rawdata.vocabulary(self.data_dir, target)
                found = [(str(r["id"]), str(r.get("name", ""))) for r in rows]
            else:
                found = [
                    (i, str(r.values.get("name") or r.values.get("title") or ""))
                    for i, r in rawdata.records(self.data_dir, target).items()
                ]
            self._examples[target.name] = found
        return self._examples[target.name]

    def _list(self, child: Table, indent: str, commented: bool) -> list[str]:
        kind = "lista wartości" if child.scalar else "lista"
        explanation = f"{child.title} ({child.key}) — {kind}, nieobowiązkowa."
        if child.scalar:
            field = child.fields[child.scalar]
            explanation = f"{explanation} {field.description} {self.allowed(child, field)}".strip()
        lines = _comment([explanation], indent) + [f"{indent}{child.key}:"]
        pattern = self._item(child, indent + INDENT)
        return lines + (pattern if commented else [f"#{line}" for line in pattern])

    def _item(self, child: Table, indent: str) -> list[str]:
        """One list item's pattern (not yet commented out)."""
        if child.scalar:
            examples = self.examples(child, child.scalar)
            return [f"{indent}- {examples[0][0] if examples else ''}".rstrip()]
        lines: list[str] = []
        for key in key_order(child):
            lines += self.key(child, key, None, indent + INDENT, commented=True)
        first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
        lines[first] = f"{indent}- {lines[first][len(indent) + len(INDENT) :]}"
        return lines
