"""The accessibility statement (deklaracja dostępności) page, from a YAML file staff edit.

Structure source: Ministerstwo Cyfryzacji, „Warunki techniczne publikacji
oraz struktura dokumentu elektronicznego deklaracji dostępności”, wersja 2.0
z 31 lipca 2024 r. (issued under art. 12 pkt 7 of the Act of 4 April 2019 on
the digital accessibility of public bodies' websites and mobile apps).

What the page must carry, as this module and ``accessibility_statement.html``
implement it (facts, not the document's wording):

* Published as HTML, linked from the home page or from a place shown on every
  page (the footer); good practice is a ``<meta name="deklaracja-dostępności"
  content="<absolute URL of the statement>">`` in the ``<head>`` of every page.
  Both live in ``base.html``.
* Element ids, each used once, never translated. Always present:
  ``a11y-wstep`` (the opening statement), ``a11y-podmiot`` (the public
  body's name, inside it), ``a11y-zakres`` (what is declared: „strony
  internetowej”, inside it), ``a11y-url`` (the link to the site, inside it),
  ``a11y-data-publikacja`` and ``a11y-data-aktualizacja`` (site published,
  last significant update), ``a11y-status`` (the conformance sentence),
  ``a11y-data-sporzadzenie`` (statement first prepared), ``a11y-kontakt``
  (the contact person or unit), ``a11y-email``, ``a11y-telefon``,
  ``a11y-procedura`` (requests and complaints), ``a11y-architektura``
  (the building), ``a11y-komunikacja`` (communication: sign-language
  interpreter and the like). Only when they apply: ``a11y-data-przeglad``
  (last review, from the first yearly review on), ``a11y-ocena`` (the
  assessment of disproportionate burden, when that exemption is claimed),
  ``a11y-aplikacje`` (the body's mobile apps), ``a11y-architektura-url``
  (a link to a fuller description of the building).
* Dates as ``RRRR-MM-DD``; here in ``<time datetime="RRRR-MM-DD">`` with the
  same text, which satisfies both readings of the rule.
* Status is one of three: zgodna / częściowo zgodna / niezgodna; the last
  two need the section on inaccessible content, split into non-conformity
  with the Act's annex, content outside the Act (exemptions) and
  disproportionate burden.
* Section headings, in order: Stan dostępności cyfrowej; Niedostępne treści
  (when not fully conformant); Przygotowanie deklaracji dostępności i jej
  aktualizacja; Udogodnienia, ograniczenia i inne informacje (optional);
  Skróty klawiszowe (when the site has its own); Informacje zwrotne i dane
  kontaktowe; Obsługa wniosków i skarg związanych z dostępnością; Pozostałe
  informacje, with Aplikacje mobilne, Dostępność architektoniczna and
  Dostępność komunikacyjno-informacyjna under it.
* The request and complaint procedure is fixed by the Act (art. 18–19): a
  request is handled within 7 days, at most 2 months when the body says so,
  an alternative access is offered when accessibility cannot be provided, a
  refusal can be met with a complaint, and then the Ombudsman (RPO).
* The statement is reviewed every year by 31 March.

The file (setting ``CIVIC_ACCESSIBILITY_STATEMENT``; a relative path is taken
from Pelican's content folder ``PATH``; default ``deklaracja-dostepnosci.yaml``
there, i.e. ``content/deklaracja-dostepnosci.yaml``) is read like the
records: every scalar as text, with its line. Anything missing or wrong stops
the build with Polish problem lines ``path:line:col: deklaracja.key: … [code]``.
The site's address comes from ``SITEURL`` when it is absolute, else from
``CIVIC_PUBLIC_URL``.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from civic.formats import check_email, check_phone, check_url
from civic.identifiers import find_pesel, quoted
from civic.load import NULLS, describe, position, read_yaml
from civic.problems import Position, Problems, display_path
from civic.values import MONTHS_NOMINATIVE

if TYPE_CHECKING:
    from civic.buildcontext import Build

log = logging.getLogger(__name__)

URL = "deklaracja-dostepnosci/"
TEMPLATE = "accessibility_statement.html"
SETTING = "CIVIC_ACCESSIBILITY_STATEMENT"
DEFAULT_FILE = "deklaracja-dostepnosci.yaml"
WHERE = "deklaracja"

STATUSES = ("zgodna", "częściowo zgodna", "niezgodna")
ASSESSMENTS = ("samoocena", "badanie zewnętrzne", "oświadczenie wykonawcy")
YES_NO = ("tak", "nie")


@dataclass(frozen=True)
class Spec:
    """One key of the file: its Polish title, what to write, and its kind.

    ``kind`` is ``text``, ``markdown``, ``date``, ``email``, ``phone``,
    ``url``, ``choice`` (one of ``choices``), ``texts`` (a list of texts),
    ``mapping`` (the keys in ``fields``) or ``mappings`` (a list of those).
    """

    title: str
    description: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: dict[str, Spec] = field(default_factory=dict)


def _req(title: str, description: str, kind: str = "text", **more: Any) -> Spec:
    return Spec(title, description, kind, required=True, **more)


def _opt(title: str, description: str, kind: str = "text", **more: Any) -> Spec:
    return Spec(title, description, kind, **more)


FIELDS: dict[str, Spec] = {
    "podmiot": _req("Nazwa podmiotu publicznego", "pełna nazwa, np. Urząd Miasta Wierzbin"),
    "nazwa_strony": _opt("Nazwa strony internetowej", "domyślnie nazwa serwisu z ustawień (SITENAME)"),
    "data_publikacji": _req("Data publikacji strony internetowej", "w postaci RRRR-MM-DD, np. 2026-01-15", "date"),
    "data_aktualizacji": _req(
        "Data ostatniej istotnej aktualizacji",
        "data ostatniej zmiany wyglądu lub struktury strony, w postaci RRRR-MM-DD",
        "date",
    ),
    "status": _req("Stan dostępności cyfrowej", "jedno z: " + ", ".join(STATUSES), "choice", choices=STATUSES),
    "niezgodnosci": _opt(
        "Niezgodność z załącznikiem", "lista treści niespełniających wymagań, każda od „- ” w nowym wierszu", "texts"
    ),
    "wylaczenia": _opt(
        "Treści nieobjęte przepisami", "lista wyłączeń z podstawą prawną, każde od „- ” w nowym wierszu", "texts"
    ),
    "nadmierne_koszty": _opt("Nadmierne koszty", "lista treści niedostępnych z powodu nadmiernych kosztów", "texts"),
    "ocena_nadmiernych_kosztow": _opt(
        "Ocena nadmiernych kosztów", "adres (https://…) dokumentu z analizą nadmiernych kosztów", "url"
    ),
    "data_sporzadzenia": _req(
        "Data sporządzenia deklaracji", "data pierwszego sporządzenia deklaracji, w postaci RRRR-MM-DD", "date"
    ),
    "data_przegladu": _opt(
        "Data ostatniego przeglądu deklaracji",
        "data ostatniego corocznego przeglądu (do 31 marca), w postaci RRRR-MM-DD",
        "date",
    ),
    "ocena": _req(
        "Sposób oceny dostępności",
        "pola „sposob” i „opis”, a przy badaniu także „wykonawca”",
        "mapping",
        fields={
            "sposob": _req("Podstawa deklaracji", "jedno z: " + ", ".join(ASSESSMENTS), "choice", choices=ASSESSMENTS),
            "wykonawca": _opt("Wykonawca badania", "nazwa firmy lub osoby, która zbadała stronę"),
            "opis": _req("Opis oceny", "jak sprawdzono stronę: metoda, narzędzia, zakres", "markdown"),
            "raport": _opt("Raport z badania", "adres (https://…) raportu", "url"),
        },
    ),
    "udogodnienia": _opt("Udogodnienia, ograniczenia i inne informacje", "tekst (Markdown)", "markdown"),
    "skroty_klawiszowe": _opt("Skróty klawiszowe", "opis własnych skrótów klawiszowych strony", "markdown"),
    "kontakt": _req(
        "Informacje zwrotne i dane kontaktowe",
        "pola „osoba”, „email” i „telefon”",
        "mapping",
        fields={
            "osoba": _req("Osoba lub komórka do kontaktu", "imię i nazwisko lub nazwa komórki urzędu"),
            "email": _req("Adres e-mail do zgłoszeń", "np. dostepnosc@gmina.pl", "email"),
            "telefon": _req("Telefon do zgłoszeń", "np. +48 12 345 67 89", "phone"),
        },
    ),
    "skargi": _req(
        "Adresat skarg",
        "pola „adresat” i „adres”, opcjonalnie „email”",
        "mapping",
        fields={
            "adresat": _req("Kierownik podmiotu", "kto rozpatruje skargi, np. Burmistrz Miasta Wierzbin"),
            "adres": _req("Adres do korespondencji", "ulica, kod pocztowy i miejscowość"),
            "email": _opt("E-mail do skarg", "np. sekretariat@gmina.pl", "email"),
        },
    ),
    "architektura": _req(
        "Dostępność architektoniczna",
        "pola „adres” i „opis”, opcjonalnie „url”",
        "mapping",
        fields={
            "adres": _req("Adres siedziby", "ulica, kod pocztowy i miejscowość siedziby"),
            "opis": _req(
                "Opis dostępności budynku",
                "wejścia, schody i windy, toalety, parking, pies asystujący, pętla indukcyjna (Markdown)",
                "markdown",
            ),
            "url": _opt("Pełny opis dostępności budynku", "adres (https://…) osobnej strony z opisem", "url"),
        },
    ),
    "komunikacja": _req(
        "Dostępność komunikacyjno-informacyjna",
        "pola „tlumacz_pjm_online” i „opis”",
        "mapping",
        fields={
            "tlumacz_pjm_online": _req(
                "Tłumacz polskiego języka migowego online", "tak albo nie", "choice", choices=YES_NO
            ),
            "tlumacz_pjm_url": _opt("Adres usługi tłumacza PJM online", "adres (https://…)", "url"),
            "opis": _req(
                "Opis dostępności komunikacyjnej",
                "jak można się porozumieć z urzędem: SMS, e-mail, tłumacz PJM na miejscu, pętla indukcyjna (Markdown)",
                "markdown",
            ),
        },
    ),
    "aplikacje": _opt(
        "Aplikacje mobilne",
        "lista aplikacji podmiotu, każda z polami „nazwa” i „deklaracja”",
        "mappings",
        fields={
            "nazwa": _req("Nazwa aplikacji", "np. Wierzbin w kieszeni (Android)"),
            "deklaracja": _req("Deklaracja dostępności aplikacji", "adres (https://…) deklaracji aplikacji", "url"),
            "pobranie": _opt("Adres pobrania", "adres (https://…) w sklepie z aplikacjami", "url"),
        },
    ),
}


# -- reading ------------------------------------------------------------------


class _Reader:
    """YAML nodes → plain values (dicts, lists, text, dates), every problem reported."""

    def __init__(self, shown: str, problems: Problems):
        self.shown = shown
        self.problems = problems
        self.places: dict[str, Position] = {}

    def mapping(self, specs: dict[str, Spec], node: Node, where: str) -> dict[str, Any] | None:
        pos = position(self.shown, node)
        if not isinstance(node, MappingNode):
            self.problems.add(pos, where, "not-mapping", found=describe(node))
            return None
        values: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        given: set[str] = set()
        invalid: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.add(position(self.shown, key_node), where, "bad-key")
                continue
            key = key_node.value
            key_pos = position(self.shown, key_node)
            if key in first_seen:
                self.problems.add(key_pos, f"{where}.{key}", "duplicate-key", key=key, first=first_seen[key])
                continue
            first_seen[key] = key_pos.line
            spec = specs.get(key)
            if spec is None:
                self._unknown(specs, key, key_pos, where)
                continue
            given.add(key)
            self.places[f"{where}.{key}"] = position(self.shown, value_node)
            before = len(self.problems)
            value = self.value(spec, value_node, f"{where}.{key}")
            if value is not None:
                values[key] = value
            elif len(self.problems) > before:
                invalid.add(key)  # written but wrong: already reported
        for key, spec in specs.items():
            if spec.required and key not in values and key not in invalid:
                code = "empty" if key in given else "required"
                at = self.places.get(f"{where}.{key}", pos)
                self.problems.add(at, f"{where}.{key}", code, field=key, title=spec.title, description=spec.description)
        return values

    def value(self, spec: Spec, node: Node, where: str) -> Any:
        if isinstance(node, ScalarNode) and not node.style and node.value in NULLS:
            return None
        if spec.kind == "mapping":
            return self.mapping(spec.fields, node, where)
        if spec.kind in ("texts", "mappings"):
            return self._list(spec, node, where)
        return self._scalar(spec, node, where)

    def _list(self, spec: Spec, node: Node, where: str) -> list[Any] | None:
        if not isinstance(node, SequenceNode):
            self.problems.add(position(self.shown, node), where, "not-list", key=where.rsplit(".", 1)[-1])
            return None
        items = []
        for i, item in enumerate(node.value, 1):
            item_where = f"{where}[{i}]"
            self.places[item_where] = position(self.shown, item)
            if spec.kind == "mappings":
                value = self.mapping(spec.fields, item, item_where)
            else:
                value = self._scalar(Spec(spec.title, spec.description, "text"), item, item_where)
                if value is None:
                    self.problems.add(
                        position(self.shown, item),
                        item_where,
                        "empty",
                        field=where.rsplit(".", 1)[-1],
                        title=spec.title,
                        description=spec.description,
                    )
            if value is not None:
                items.append(value)
        return items or None

    def _scalar(self, spec: Spec, node: Node, where: str) -> Any:
        pos = position(self.shown, node)
        if not isinstance(node, ScalarNode):
            self.problems.add(pos, where, "not-scalar", found=describe(node))
            return None
        text = node.value.strip() if spec.kind != "markdown" else node.value
        if not text.strip():
            return None
        pesel = find_pesel(text)
        if pesel:
            self.problems.add(pos, where, "pesel", masked=pesel[:2] + "*" * 9)
            return None
        parse = _PARSERS.get(spec.kind)
        if parse is None:
            return text
        return parse(self, spec, text, pos, where)

    def _unknown(self, specs: dict[str, Spec], key: str, pos: Position, where: str) -> None:
        close = difflib.get_close_matches(key, list(specs), n=1, cutoff=0.6)
        self.problems.add(
            pos,
            f"{where}.{key}",
            "unknown-field",
            key=key,
            suggestion=close[0] if close else "",
            allowed=", ".join(specs),
        )


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _date(reader: _Reader, spec: Spec, text: str, pos: Position, where: str) -> date | None:
    m = _DATE.fullmatch(text)
    if not m:
        reader.problems.add(pos, where, "type-date", value=text)
        return None
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        reader.problems.add(pos, where, "date-month", value=text, month=month)
        return None
    try:
        return date(year, month, day)
    except ValueError:
        last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        reader.problems.add(
            pos, where, "date-day", value=text, month_name=MONTHS_NOMINATIVE[month - 1], year=year, days=last
        )
        return None


def _choice(reader: _Reader, spec: Spec, text: str, pos: Position, where: str) -> str | None:
    if text in spec.choices:
        return text
    close = difflib.get_close_matches(text.lower(), list(spec.choices), n=1, cutoff=0.6)
    reader.problems.add(
        pos, where, "enum", value=text, suggestion=close[0] if close else "", allowed=", ".join(spec.choices)
    )
    return None


def _checked(check: Callable[[str], Any]) -> Callable[[_Reader, Spec, str, Position, str], str | None]:
    def parse(reader: _Reader, spec: Spec, text: str, pos: Position, where: str) -> str | None:
        failure = check(text)
        if failure is None:
            return text
        reader.problems.add_text(pos, where, failure.code, failure.message)
        return None

    return parse


_PARSERS: dict[str, Callable[[_Reader, Spec, str, Position, str], Any]] = {
    "date": _date,
    "choice": _choice,
    "email": _checked(check_email),
    "phone": _checked(check_phone),
    "url": _checked(check_url),
}


# -- rules across keys ----------------------------------------------------------


def _rules(values: dict[str, Any], reader: _Reader, top: Position) -> None:
    problems, places = reader.problems, reader.places

    def at(key: str) -> Position:
        return places.get(f"{WHERE}.{key}", top)

    for earlier, later in (("data_publikacji", "data_aktualizacji"), ("data_sporzadzenia", "data_przegladu")):
        a, b = values.get(earlier), values.get(later)
        if a is not None and b is not None and a > b:
            problems.add(
                at(later),
                f"{WHERE}.{later}",
                "order",
                noun="Data",
                later_title=FIELDS[later].title,
                later=b.isoformat(),
                relation="wcześniejsza",
                earlier_title=FIELDS[earlier].title,
                earlier=a.isoformat(),
                allowed="późniejsza",
            )
    status = values.get("status")
    listed = [key for key in ("niezgodnosci", "wylaczenia", "nadmierne_koszty") if values.get(key)]
    if status in ("częściowo zgodna", "niezgodna") and not listed:
        problems.add_text(
            at("status"),
            f"{WHERE}.niezgodnosci",
            "required-if",
            f"status „{status}” wymaga wskazania niedostępnych treści: dodaj listę „niezgodnosci” "
            "(Niezgodność z załącznikiem), „wylaczenia” (Treści nieobjęte przepisami) "
            "lub „nadmierne_koszty” (Nadmierne koszty)",
        )
    if status == "zgodna" and listed:
        problems.add(
            at(listed[0]),
            f"{WHERE}.status",
            "value-if",
            field="status",
            title=FIELDS["status"].title,
            expected="„częściowo zgodna” albo „niezgodna”",
            condition=f"deklaracja wymienia niedostępne treści (pole „{listed[0]}”); usuń tę listę albo zmień status",
        )
    if values.get("nadmierne_koszty") and not values.get("ocena_nadmiernych_kosztow"):
        problems.add(
            at("nadmierne_koszty"),
            f"{WHERE}.ocena_nadmiernych_kosztow",
            "required-if",
            field="ocena_nadmiernych_kosztow",
            title=FIELDS["ocena_nadmiernych_kosztow"].title,
            condition="podano listę „nadmierne_koszty”: wpisz adres (https://…) analizy nadmiernych kosztów",
        )
    ocena = values.get("ocena") or {}
    if ocena.get("sposob") in ("badanie zewnętrzne", "oświadczenie wykonawcy") and not ocena.get("wykonawca"):
        problems.add(
            places.get(f"{WHERE}.ocena.sposob", top),
            f"{WHERE}.ocena.wykonawca",
            "required-if",
            field="wykonawca",
            title=FIELDS["ocena"].fields["wykonawca"].title,
            condition=f"podstawą deklaracji jest „{ocena['sposob']}”",
        )


# -- what the template sees ------------------------------------------------------

_EXTENSION = re.compile(r"(?:,\s*|\s+)(?:wewn?\.?|w\.)\s*[0-9]{1,5}$", re.IGNORECASE)


def tel_href(phone: str) -> str:
    """``+48 12 345 67 89`` → ``tel:+48123456789``; a 9-digit Polish number gets +48."""
    number = _EXTENSION.sub("", phone.strip())
    digits = re.sub(r"[^0-9]", "", number)
    if number.lstrip("(").startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if len(digits) == 9:
        return f"tel:+48{digits}"
    return f"tel:{digits}"


def site_address(settings: dict[str, Any]) -> str:
    """The site's public address: ``SITEURL`` when absolute, else ``CIVIC_PUBLIC_URL``, else ``/``."""
    for name in ("SITEURL", "CIVIC_PUBLIC_URL"):
        value = str(settings.get(name) or "").strip()
        if value and check_url(value) is None:
            return value.rstrip("/") + "/"
    log.warning(
        "Deklaracja dostępności: brak pełnego adresu serwisu (https://…) w SITEURL ani CIVIC_PUBLIC_URL; "
        "w deklaracji jest adres względny „/”. Ustaw CIVIC_PUBLIC_URL przed publikacją."
    )
    return "/"


def statement_path(settings: dict[str, Any]) -> Path:
    """The statement file: the setting, relative to the content folder ``PATH`` unless absolute."""
    path = Path(settings.get(SETTING) or DEFAULT_FILE)
    if not path.is_absolute():
        path = Path(settings.get("PATH", ".")) / path
    return path


def read_statement(path: Path, settings: dict[str, Any]) -> tuple[dict[str, Any] | None, Problems]:
    """The statement's values, ready for the template, and the problems found."""
    problems = Problems()
    shown = display_path(path)
    if not path.is_file():
        problems.add_text(
            Position(shown),
            WHERE,
            "file-missing",
            f"brak pliku deklaracji dostępności {quoted(shown, 80)}; deklaracja jest obowiązkowa — utwórz plik "
            f"według wzoru z content/{DEFAULT_FILE} albo wskaż właściwy plik w ustawieniu {SETTING}",
        )
        return None, problems
    node = read_yaml(path, shown, WHERE, problems)
    if node is None:
        return None, problems
    reader = _Reader(shown, problems)
    values = reader.mapping(FIELDS, node, WHERE)
    if values is None:
        return None, problems
    _rules(values, reader, position(shown, node))
    if problems:
        return None, problems
    kontakt = values["kontakt"]
    kontakt["telefon_href"] = tel_href(kontakt["telefon"])
    values.setdefault("nazwa_strony", settings.get("SITENAME", ""))
    values["adres_strony"] = site_address(settings)
    values["niedostepne"] = values["status"] != "zgodna"
    return values, problems


def accessibility_statement(build: Build) -> None:
    """The page ``/deklaracja-dostepnosci/`` from the statement file; a bad file stops the build."""
    # Imported here: civic.generator imports the outputs registry, which imports this module.
    from civic.generator import ValidationFailed
    from civic.report import as_text

    statement, problems = read_statement(statement_path(build.settings), build.settings)
    if statement is None:
        raise ValidationFailed(as_text(problems.sorted(), 1))
    build.page(URL, build.template(TEMPLATE), statement=statement)
