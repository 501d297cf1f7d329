"""A current extract from the court register (KRS "odpis aktualny", JSON) into an NGO record.

The register's open API (``api-krs.ms.gov.pl``, ``OdpisAktualny/<KRS>?format=json``)
returns the extract this reads. From it the record gets what the register
is the authority on: the name (in normal capitalisation), the legal form,
KRS, NIP and REGON exactly as registered, the date of registration, the
public-benefit (OPP) status and the address of the seat. The district
cannot be known from an address, so it is left to staff.

A later extract of the same organisation (found by KRS, else by NIP or
REGON) updates those fields only: whatever staff added (description,
contacts, areas, district, short name) stays, and so does their spelling of
a name or street that differs from the register's only in capitalisation
or quotes, or a 9-digit REGON the register writes with five zeros appended.

A new record needs a description, which the register does not have: it
gets a neutral text saying where the data come from, for staff to replace.

Legal forms: the register's form is looked up in the vocabulary of legal
forms by name (``STOWARZYSZENIE KULTURY FIZYCZNEJ`` → the entry named
"stowarzyszenie kultury fizycznej (klub sportowy)"); a few forms need the
name or status too (see :func:`legal_form`). A form with no entry is
reported, never guessed: add it to the vocabulary and import again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from civic.importers.capitalize import polish_name, title_case
from civic.importers.polish_dates import day_month_year
from civic.importers.workspace import InputError, Workspace
from civic.schema import Table
from civic.slugs import slugify
from civic.text import polish_date

TABLE = "ngos"
VOCABULARY = "legal_forms"
ALIASES = {"POLSKI ZWIĄZEK SPORTOWY": "ZWIĄZEK SPORTOWY"}
"""Register forms that are a kind of another form the vocabulary may have."""

_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_STREET_PREFIX = re.compile(r"^(UL|AL|PL|OS)\.?\s+", re.IGNORECASE)
_STREET_WORDS = ("ALEJA", "ALEJE", "PLAC", "OSIEDLE", "RYNEK", "SKWER", "BULWAR", "RONDO", "PARK")


@dataclass
class Extract:
    """What one extract says about the organisation."""

    source: str
    krs: str
    name: str
    form: str
    nip: str | None
    regon: str | None
    registered: date | None
    state_date: str
    opp: bool | None
    street: str | None
    postal_code: str | None
    city: str | None


def run(ws: Workspace, files: list[Path]) -> None:
    table = ws.table(TABLE)
    for extract in ws.readable(files, read_extract):
        _import(ws, table, extract)


def read_extract(path: Path) -> Extract:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(f"{path}: nie można odczytać pliku ({exc.strerror or exc}).") from None
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: plik nie jest zapisany w kodowaniu UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path.name}:{exc.lineno}: to nie jest poprawny plik JSON ({exc.msg}).") from None
    odpis = data.get("odpis", data) if isinstance(data, dict) else None
    try:
        if odpis.get("rodzaj", "Aktualny") != "Aktualny":
            raise InputError(f"{path.name}: to odpis „{odpis['rodzaj']}”; pobierz z rejestru odpis aktualny.")
        header = odpis["naglowekA"]
        section = odpis["dane"]["dzial1"]
        subject = section["danePodmiotu"]
        numbers = subject.get("identyfikatory") or {}
        seat = section.get("siedzibaIAdres") or {}
        address = seat.get("adres") or {}
        return Extract(
            source=path.name,
            krs=str(header["numerKRS"]),
            name=str(subject["nazwa"]),
            form=str(subject["formaPrawna"]),
            nip=_text(numbers.get("nip")),
            regon=_text(numbers.get("regon")),
            registered=_date(header.get("dataRejestracjiWKRS")),
            state_date=str(header.get("stanZDnia") or header.get("dataCzasOdpisu") or ""),
            opp=subject.get("czyPosiadaStatusOPP") if isinstance(subject.get("czyPosiadaStatusOPP"), bool) else None,
            street=_street(address, seat.get("siedziba") or {}),
            postal_code=_text(address.get("kodPocztowy")),
            city=_place(address.get("miejscowosc") or (seat.get("siedziba") or {}).get("miejscowosc")),
        )
    except (AttributeError, KeyError, TypeError) as exc:
        missing = f" (brak pola „{exc.args[0]}”)" if isinstance(exc, KeyError) else ""
        raise InputError(
            f"{path.name}: to nie jest odpis aktualny z KRS w formacie JSON{missing}; "
            "pobierz go z https://api-krs.ms.gov.pl/api/krs/OdpisAktualny/<numer KRS>?rejestr=S&format=json"
        ) from None


def legal_form(form: str, name: str, opp: bool | None, vocabulary: list[dict[str, Any]]) -> str | None:
    """The vocabulary id for a register form, or None when there is none.

    * ``STOWARZYSZENIE`` named "Ochotnicza Straż Pożarna …" → ``ochotnicza-straz-pozarna``;
    * ``SPÓŁDZIELNIA`` named "Spółdzielnia Socjalna …" → ``spoldzielnia-socjalna``;
    * a company (``SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ``, ``SPÓŁKA AKCYJNA``)
      with OPP status → ``spolka-non-profit`` (only a non-profit company can have it);
    * otherwise the vocabulary entry whose name (without a note in brackets)
      is the register's form, or the form it is a kind of (:data:`ALIASES`).
    """
    ids = {str(e["id"]) for e in vocabulary}
    upper_name = " ".join(name.upper().replace('"', " ").split())
    upper_form = " ".join(form.upper().split())
    special = None
    if upper_form == "STOWARZYSZENIE" and upper_name.startswith("OCHOTNICZA STRAŻ POŻARNA"):
        special = "ochotnicza-straz-pozarna"
    elif upper_form == "SPÓŁDZIELNIA" and "SPÓŁDZIELNIA SOCJALNA" in upper_name:
        special = "spoldzielnia-socjalna"
    elif upper_form.startswith("SPÓŁKA") and opp:
        special = "spolka-non-profit"
    if special in ids:
        return special
    wanted = slugify(ALIASES.get(upper_form, upper_form))
    for entry in vocabulary:
        if slugify(re.sub(r"\(.*?\)", "", str(entry.get("name", "")))) == wanted:
            return str(entry["id"])
    return None


def _import(ws: Workspace, table: Table, extract: Extract) -> None:
    record_id = _find(ws, table, extract)
    current = ws.current(table, record_id) if record_id else None
    name = polish_name(extract.name)
    form = legal_form(extract.form, extract.name, extract.opp, ws.vocabulary(VOCABULARY))
    if form is None and current and current.get("legal_form"):
        ws.note(
            f"{extract.source}: formy prawnej „{extract.form}” nie ma w słowniku; "
            f"rekord zachowuje formę „{current['legal_form']}” wpisaną przez urząd."
        )
    elif form is None:
        ws.error(_unknown_form(extract))
        return
    values: dict[str, Any] = {
        "name": name,
        "legal_form": form,
        "krs": extract.krs,
        "nip": extract.nip,
        "regon": extract.regon,
        "registered": extract.registered,
        "opp": extract.opp,
        "street": extract.street,
        "postal_code": extract.postal_code,
        "city": extract.city,
    }
    if current:
        values = _keep_staff_spelling(current, values)
    new_id = record_id or ws.new_id(table, name)
    defaults = {"description": _placeholder(extract)}
    sources = {key: extract.source for key, value in values.items() if value is not None}
    outcome = ws.put(table, new_id, values, defaults=defaults, source=extract.source, field_sources=sources)
    if outcome == "added":
        ws.note(f"{new_id}: opis działalności to tekst zastępczy — uzupełnij go, a także dzielnicę i sfery działania.")


def _find(ws: Workspace, table: Table, extract: Extract) -> str | None:
    """The id of the record of this organisation: by KRS, else NIP, else REGON."""
    records = ws.all_current(table)
    for key, wanted in (("krs", extract.krs), ("nip", extract.nip), ("regon", extract.regon)):
        if not wanted:
            continue
        for record_id, values in sorted(records.items()):
            value = values.get(key)
            if isinstance(value, str) and _same_number(key, value, wanted):
                return record_id
    return None


def _same_number(key: str, a: str, b: str) -> bool:
    a, b = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    if key == "regon":
        return a[:9] == b[:9] and a[9:].strip("0") == b[9:].strip("0")
    return a == b


def _keep_staff_spelling(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Leave out register values that say what the record already says, in other letters."""
    kept = dict(values)
    for key in ("name", "street", "city"):
        old, new = current.get(key), values.get(key)
        # the same words, whatever the case, quotes and punctuation
        if isinstance(old, str) and isinstance(new, str) and slugify(old) == slugify(new):
            kept[key] = None
    old_regon, new_regon = current.get("regon"), values.get("regon")
    if isinstance(old_regon, str) and isinstance(new_regon, str) and _same_number("regon", old_regon, new_regon):
        kept["regon"] = None
    return kept


def _unknown_form(extract: Extract) -> str:
    code = slugify(extract.form) or "forma"
    return (
        f"{extract.source}: forma prawna z rejestru „{extract.form}” nie ma odpowiednika w słowniku form prawnych "
        f"(vocabularies/legal_forms.yaml). Jeśli to organizacja pozarządowa, dodaj do słownika pozycję "
        f"„- id: {code}” z nazwą „{extract.form.lower()}” i zaimportuj odpis ponownie."
    )


def _placeholder(extract: Extract) -> str:
    day = _date(extract.state_date)
    when = f", stan na {polish_date(day)}" if day else ""
    return (
        f"Dane rejestrowe pochodzą z Krajowego Rejestru Sądowego (odpis aktualny{when}). "
        "Opis działalności organizacji nie został jeszcze uzupełniony."
    )


def _street(address: dict[str, Any], seat: dict[str, Any]) -> str | None:
    number = _text(address.get("nrDomu"))
    if not number:
        return None
    local = _text(address.get("nrLokalu"))
    number = f"{number} lok. {local}" if local else number
    street = _text(address.get("ulica"))
    if not street:  # a village without street names: "Orzechówka 5"
        place = _place(address.get("miejscowosc") or seat.get("miejscowosc"))
        return f"{place} {number}" if place else number
    prefix = _STREET_PREFIX.match(street)
    if prefix:
        return f"{prefix.group(1).lower()}. {title_case(street[prefix.end() :])} {number}"
    if street.upper().startswith(_STREET_WORDS):
        return f"{title_case(street)} {number}"
    return f"ul. {title_case(street)} {number}"


def _place(value: Any) -> str | None:
    text = _text(value)
    return title_case(text) if text else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _date(value: Any) -> date | None:
    return day_month_year(_DATE, str(value or ""))
