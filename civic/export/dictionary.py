"""The data dictionary: every public field of a table, described from its schema.

Pages, the workbook's dictionary sheet and the SQLite database's ``_fields``
table all show these entries, so they cannot disagree with each other or
with the schema.
"""

from __future__ import annotations

from dataclasses import dataclass

from civic.export import cells
from civic.export.records import PublishedTable
from civic.plural import plural
from civic.publication import public_foreign_keys
from civic.schema import Field, Table

TYPES = {
    "string": "tekst",
    "integer": "liczba całkowita",
    "number": "liczba (z kropką dziesiętną)",
    "boolean": "tak/nie",
    "date": "data (RRRR-MM-DD)",
    "time": "godzina",
    "datetime": "data i godzina (ISO 8601)",
    "year": "rok (RRRR)",
}

CHECKS = {
    "money": "kwota w złotych, najwyżej dwie cyfry po kropce",
    "email": "adres e-mail",
    "phone": "numer telefonu",
    "url": "adres internetowy",
    "postal-code": "kod pocztowy NN-NNN",
    "krs": "numer KRS (10 cyfr)",
    "nip": "NIP (10 cyfr z cyfrą kontrolną)",
    "regon": "REGON (9 lub 14 cyfr z cyfrą kontrolną)",
}

EXAMPLE_LENGTH = 60


@dataclass(frozen=True)
class FieldDoc:
    name: str
    title: str
    type: str
    constraints: tuple[str, ...]
    references: tuple[tuple[str, str], ...]  # (table, fields) each foreign key through this field points to
    description: str
    example: str


def field_docs(published: PublishedTable) -> list[FieldDoc]:
    table = published.table
    references: dict[str, list[tuple[str, str]]] = {}
    for fk in public_foreign_keys(table):
        for name in fk.fields:
            references.setdefault(name, []).append((fk.table, ", ".join(fk.ref_fields)))
    docs = []
    for index, field in enumerate(published.fields):
        example = next((v for v in (row[index] for row in published.rows) if v is not None), None)
        docs.append(
            FieldDoc(
                name=field.name,
                title=field.title,
                type=type_label(field),
                constraints=tuple(_constraints(table, field)),
                references=tuple(references.get(field.name, ())),
                description=field.description,
                example=_short(cells.text(field, example)),
            )
        )
    return docs


def type_label(field: Field) -> str:
    label = TYPES.get(field.type, field.type)
    if field.type == "time":
        written = (field.format or "%H:%M:%S").replace("%H", "GG").replace("%M", "MM").replace("%S", "SS")
        return f"{label} ({written})"
    if field.type == "boolean":
        true = (field.descriptor.get("trueValues") or ["true"])[0]
        false = (field.descriptor.get("falseValues") or ["false"])[0]
        return f"{label} ({true} / {false})"
    return label


def _constraints(table: Table, field: Field) -> list[str]:
    c = field.constraints
    out = []
    if field.name in table.primary_key:
        out.append("klucz główny" if len(table.primary_key) == 1 else "część klucza głównego")
    if field.required:
        out.append("wymagane")
    if field.labels:
        allowed = ", ".join(v if v == label else f"{v} ({label})" for v, label in field.labels.items())
        out.append(f"dozwolone wartości: {allowed}")
    elif c.get("enum"):
        out.append("dozwolone wartości: " + ", ".join(map(str, c["enum"])))
    if field.check in CHECKS:
        out.append(CHECKS[field.check])
    if "pattern" in c:
        out.append(f"wzorzec: {c['pattern']}")
    if "minimum" in c:
        out.append(f"najmniej {c['minimum']}")
    if "maximum" in c:
        out.append(f"najwięcej {c['maximum']}")
    if "minLength" in c:
        out.append(f"co najmniej {_chars(c['minLength'])}")
    if "maxLength" in c:
        out.append(f"najwyżej {_chars(c['maxLength'])}")
    if field.markdown:
        out.append("tekst w formacie Markdown")
    return out


def _chars(n: int) -> str:
    return f"{n} {plural(n, 'znak', 'znaki', 'znaków')}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXAMPLE_LENGTH else text[: EXAMPLE_LENGTH - 1].rstrip() + "…"
