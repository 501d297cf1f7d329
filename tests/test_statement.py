"""The accessibility statement page (deklaracja dostępności): real builds of the
fixture data with the statement file from content/, checked against the ids,
date format and headings of the Ministry's „Warunki techniczne…” v2.0."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from civic.build import build
from civic.statement import tel_href
from tests.conftest import ROOT

SETTINGS = ROOT / "pelicanconf.py"
STATEMENT = ROOT / "content" / "deklaracja-dostepnosci.yaml"
PUBLIC_URL = "https://obywatelski.wierzbin.example.pl"

ALWAYS = (
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-komunikacja",
)
DATES = ("a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-data-sporzadzenie", "a11y-data-przeglad")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# -- reading the page -------------------------------------------------------------

VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parents: list[str]  # ids of the enclosing elements that have one
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class Page(HTMLParser):
    """Every element with an id, its text; the headings in document order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, list[Element]] = {}
        self.headings: list[tuple[int, str]] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        parents = [e.attrs["id"] for e in self._open if "id" in e.attrs]
        element = Element(tag, attributes, parents)
        if "id" in attributes:
            self.ids.setdefault(attributes["id"], []).append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                element = self._open.pop(i)
                del self._open[i:]
                if re.fullmatch(r"h[1-6]", tag) and self._in_main():
                    self.headings.append((int(tag[1]), element.text))
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.parts.append(data)

    def _in_main(self) -> bool:
        return any(e.tag == "main" for e in self._open)

    def one(self, id_: str) -> Element:
        found = self.ids.get(id_, [])
        assert len(found) == 1, f"{id_}: {len(found)} elements"
        return found[0]


# -- builds ---------------------------------------------------------------------------


def _build(tmp_path: Path, data_dir: Path, **settings: str) -> tuple[list[str], Path]:
    output = tmp_path / "output"
    errors = build(SETTINGS, output, {"CIVIC_DATA_PATH": str(data_dir), **settings})
    return errors, output


def _statement_copy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deklaracja.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def page(data_dir: Path, tmp_path: Path) -> Page:
    errors, output = _build(tmp_path, data_dir, CIVIC_PUBLIC_URL=PUBLIC_URL)
    assert errors == []
    html = (output / "deklaracja-dostepnosci" / "index.html").read_text(encoding="utf-8")
    return Page(html)


def test_every_required_id_is_there_exactly_once(page: Page):
    for id_ in ALWAYS:
        page.one(id_)
    # The sample statement has had its first review, claims no disproportionate
    # burden and lists no mobile app.
    page.one("a11y-data-przeglad")
    assert "a11y-ocena" not in page.ids
    assert "a11y-aplikacje" not in page.ids
    assert all(len(found) == 1 for found in page.ids.values())


def test_opening_statement_names_the_body_the_kind_and_the_site(page: Page):
    assert page.one("a11y-podmiot").text == "Urząd Miasta Wierzbin"
    assert page.one("a11y-zakres").text == "strony internetowej"
    url = page.one("a11y-url")
    assert url.tag == "a" and url.attrs["href"] == PUBLIC_URL + "/"
    assert url.text == "Wierzbin Obywatelski"
    for inner in ("a11y-podmiot", "a11y-zakres", "a11y-url"):
        assert page.one(inner).parents[-1] == "a11y-wstep"
    assert "zobowiązuje się zapewnić dostępność" in page.one("a11y-wstep").text


def test_dates_are_time_elements_in_the_required_format(page: Page):
    expected = {
        "a11y-data-publikacja": "2026-01-15",
        "a11y-data-aktualizacja": "2026-03-02",
        "a11y-data-sporzadzenie": "2026-01-15",
        "a11y-data-przeglad": "2026-03-02",
    }
    for id_ in DATES:
        element = page.one(id_)
        assert element.tag == "time"
        assert ISO_DATE.fullmatch(element.text), element.text
        assert element.attrs["datetime"] == element.text == expected[id_]


def test_status_contact_and_the_other_parts(page: Page):
    status = page.one("a11y-status").text
    assert "jest częściowo zgodna z ustawą z dnia 4 kwietnia 2019 r." in status
    assert "z powodu niezgodności lub wyłączeń wymienionych poniżej" in status
    assert page.one("a11y-kontakt").text == "Anna Kowalczyk, Biuro Aktywności Obywatelskiej"
    email = page.one("a11y-email")
    assert email.attrs["href"] == "mailto:dostepnosc@wierzbin.example.pl"
    assert email.text == "dostepnosc@wierzbin.example.pl"
    phone = page.one("a11y-telefon")
    assert (phone.attrs["href"], phone.text) == ("tel:+48123456789", "+48 12 345 67 89")
    procedure = page.one("a11y-procedura").text
    for part in ("7 dni", "2 miesiące", "skargę", "Burmistrz Miasta Wierzbin", "Rzecznika Praw Obywatelskich"):
        assert part in procedure
    assert "ul. Rynek 1, 12-345 Wierzbin" in page.one("a11y-architektura").text
    assert "pętla indukcyjna" in page.one("a11y-architektura").text
    assert "tłumacza polskiego języka migowego (PJM) online" in page.one("a11y-komunikacja").text


def test_headings_follow_the_prescribed_order(page: Page):
    assert page.headings[0] == (1, "Deklaracja dostępności")
    levels = [level for level, _ in page.headings]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), page.headings
    assert [title for level, title in page.headings if level == 2] == [
        "Stan dostępności cyfrowej",
        "Niedostępne treści",
        "Przygotowanie deklaracji dostępności i jej aktualizacja",
        "Udogodnienia, ograniczenia i inne informacje",
        "Informacje zwrotne i dane kontaktowe",
        "Obsługa wniosków i skarg związanych z dostępnością",
        "Pozostałe informacje",
    ]
    assert [title for level, title in page.headings if level == 3] == [
        "Niezgodność z załącznikiem",
        "Treści nieobjęte przepisami",
        "Dostępność architektoniczna",
        "Dostępność komunikacyjno-informacyjna",
    ]


def test_conditional_parts_appear_when_the_file_has_them(data_dir: Path, tmp_path: Path):
    text = STATEMENT.read_text(encoding="utf-8")
    text = text.replace("data_przegladu: 2026-03-02\n", "")
    text += (
        "nadmierne_koszty:\n"
        "  - Archiwalne skany uchwał z lat 1990–2010.\n"
        "ocena_nadmiernych_kosztow: https://wierzbin.example.pl/ocena-kosztow\n"
        "aplikacje:\n"
        "  - nazwa: Wierzbin w kieszeni (Android)\n"
        "    deklaracja: https://wierzbin.example.pl/aplikacja/deklaracja\n"
    )
    text = text.replace("architektura:\n", "architektura:\n  url: https://wierzbin.example.pl/budynek\n")
    path = _statement_copy(tmp_path, text)
    errors, output = _build(tmp_path, data_dir, CIVIC_ACCESSIBILITY_STATEMENT=str(path), CIVIC_PUBLIC_URL="")
    assert errors == []
    page = Page((output / "deklaracja-dostepnosci" / "index.html").read_text(encoding="utf-8"))
    assert page.one("a11y-ocena").attrs["href"] == "https://wierzbin.example.pl/ocena-kosztow"
    assert "Wierzbin w kieszeni (Android)" in page.one("a11y-aplikacje").text
    assert page.one("a11y-architektura-url").parents[-1] == "a11y-architektura"
    assert "a11y-data-przeglad" not in page.ids
    assert (3, "Nadmierne koszty") in page.headings
    # Without SITEURL or CIVIC_PUBLIC_URL the address is the relative root.
    assert page.one("a11y-url").attrs["href"] == "/"


def test_a_conformant_site_has_no_section_on_inaccessible_content(data_dir: Path, tmp_path: Path):
    text = STATEMENT.read_text(encoding="utf-8").replace("status: częściowo zgodna", "status: zgodna")
    text = re.sub(r"\nniezgodnosci:.*?\n(?=data_sporzadzenia)", "\n", text, flags=re.S)
    path = _statement_copy(tmp_path, text)
    errors, output = _build(tmp_path, data_dir, CIVIC_ACCESSIBILITY_STATEMENT=str(path))
    assert errors == []
    page = Page((output / "deklaracja-dostepnosci" / "index.html").read_text(encoding="utf-8"))
    assert page.one("a11y-status").text.startswith("Strona internetowa jest zgodna z ustawą")
    assert "wymienionych poniżej" not in page.one("a11y-status").text
    assert "Niedostępne treści" not in [title for _, title in page.headings]


# -- a bad statement file stops the build -------------------------------------------


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_missing_required_key_fails_the_build_naming_key_and_line(data_dir: Path, tmp_path: Path):
    text = STATEMENT.read_text(encoding="utf-8").replace("  email: dostepnosc@wierzbin.example.pl\n", "")
    path = _statement_copy(tmp_path, text)
    errors, output = _build(tmp_path, data_dir, CIVIC_ACCESSIBILITY_STATEMENT=str(path))
    assert len(errors) == 1
    line = _line_of(text, "  osoba:")  # the missing key belongs to the mapping that starts here
    assert (
        f"{path.as_posix()}:{line}:3: deklaracja.kontakt.email: brak wymaganego pola „email” "
        "(Adres e-mail do zgłoszeń): np. dostepnosc@gmina.pl [required]"
    ) in errors[0]
    assert "strona nie zostanie opublikowana" in errors[0]
    assert not output.exists()


def test_top_level_key_missing_or_empty(data_dir: Path, tmp_path: Path):
    original = STATEMENT.read_text(encoding="utf-8")
    text = original.replace("data_publikacji: 2026-01-15\n", "").replace("podmiot: Urząd Miasta Wierzbin", "podmiot:")
    path = _statement_copy(tmp_path, text)
    errors, _ = _build(tmp_path, data_dir, CIVIC_ACCESSIBILITY_STATEMENT=str(path))
    assert len(errors) == 1
    first_key = _line_of(text, "podmiot:")
    assert f":{first_key}:1: deklaracja.data_publikacji: brak wymaganego pola „data_publikacji”" in errors[0]
    assert f":{first_key}:9: deklaracja.podmiot: pole „podmiot” (Nazwa podmiotu publicznego) jest wymagane" in errors[0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("data_aktualizacji: 2026-03-02", "data_aktualizacji: 2026-02-30", "„2026-02-30” nie jest datą: luty 2026"),
        ("data_aktualizacji: 2026-03-02", "data_aktualizacji: 2.03.2026", "wpisz datę w postaci RRRR-MM-DD"),
        ("data_aktualizacji: 2026-03-02", "data_aktualizacji: 2025-03-02", "jest wcześniejsza niż w polu"),
        ("status: częściowo zgodna", "status: czesciowo zgodna", "czy chodziło o „częściowo zgodna”?"),
        ("nazwa_strony:", "nazwa_stron:", "nieznane pole „nazwa_stron” — czy chodziło o „nazwa_strony”?"),
        ("+48 12 345 67 89", "012 345 67 89", "Numer telefonu „012 345 67 89” jest niepoprawny"),
        ("status: częściowo zgodna", "status: zgodna", "musi mieć wartość „częściowo zgodna” albo „niezgodna”"),
    ],
)
def test_invalid_values_are_reported_in_polish(data_dir: Path, tmp_path: Path, old: str, new: str, message: str):
    text = STATEMENT.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path = _statement_copy(tmp_path, text)
    errors, output = _build(tmp_path, data_dir, CIVIC_ACCESSIBILITY_STATEMENT=str(path))
    assert len(errors) == 1 and message in errors[0]
    assert f"{path.as_posix()}:" in errors[0] and ": deklaracja." in errors[0]
    assert not output.exists()


def test_missing_statement_file_fails_the_build(data_dir: Path, tmp_path: Path):
    path = tmp_path / "brak.yaml"
    errors, _ = _build(tmp_path, data_dir, CIVIC_ACCESSIBILITY_STATEMENT=str(path))
    assert len(errors) == 1
    assert f"{path.as_posix()}:1:1: deklaracja: brak pliku deklaracji dostępności" in errors[0]


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("+48 12 345 67 89", "tel:+48123456789"),
        ("12 345 67 89", "tel:+48123456789"),
        ("(12) 345 67 89 wew. 21", "tel:+48123456789"),
        ("0048 600 100 200", "tel:+48600100200"),
        ("19115", "tel:19115"),
    ],
)
def test_phone_links(phone: str, href: str):
    assert tel_href(phone) == href
