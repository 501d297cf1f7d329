"""KRS extracts into NGO records: register numbers intact, staff additions kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from civic.importers.capitalize import polish_name
from civic.importers.krs import legal_form
from civic.pipeline import check_data
from civic.rawdata import vocabulary
from civic.schema import Catalog
from tests.conftest import SAMPLE_DATA, SHARED_SAMPLES
from tests.test_import_table import run, tree

EXTRACTS = sorted((SHARED_SAMPLES / "krs").glob("*.json"))
needs_samples = pytest.mark.skipif(not EXTRACTS, reason="the shared KRS samples are not available")
EXPECTED = {
    "0000131935": (
        "debicki-klub-kyokushin-karate",
        "Dębicki Klub Kyokushin Karate",
        "stowarzyszenie-kultury-fizycznej",
    ),
    "0000147699": ("fundacja-buczek", "Fundacja - Buczek", "fundacja"),
    "0000159405": ("echo-fundacja-pomocy-niepelnosprawnym", "„Echo” - Fundacja Pomocy Niepełnosprawnym", "fundacja"),
}
LEGAL_FORMS = vocabulary(SAMPLE_DATA, Catalog.load(SAMPLE_DATA / "schemas")["legal_forms"])


@pytest.fixture
def ngo_data(data_dir: Path) -> Path:
    """The fixture data with the sample municipality's full vocabulary of legal forms."""
    shutil.copy(SAMPLE_DATA / "vocabularies/legal_forms.yaml", data_dir / "vocabularies/legal_forms.yaml")
    return data_dir


def extract(name: str, tmp_path: Path, change=None) -> Path:
    """A sample extract, optionally changed as a later extract would be."""
    data = json.loads((SHARED_SAMPLES / "krs" / f"{name}.json").read_text(encoding="utf-8"))
    if change:
        change(data["odpis"])
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@needs_samples
@pytest.mark.parametrize("sample", EXTRACTS, ids=lambda p: p.stem)
def test_each_extract_becomes_a_valid_ngo_with_the_register_numbers(ngo_data: Path, sample: Path):
    code, out = run("krs", [sample], ngo_data)
    assert code == 0, out
    checked = check_data(ngo_data)
    assert not checked.problems, checked.problems.sorted()[:3]
    odpis = json.loads(sample.read_text(encoding="utf-8"))["odpis"]
    subject = odpis["dane"]["dzial1"]["danePodmiotu"]
    record_id, name, form = EXPECTED[sample.stem]
    ngo = checked.dataset.records("ngos")[record_id]
    assert ngo["krs"] == odpis["naglowekA"]["numerKRS"] == sample.stem
    assert ngo["nip"] == subject["identyfikatory"]["nip"]
    assert ngo["regon"] == subject["identyfikatory"]["regon"]
    assert (ngo["name"], ngo["legal_form"], ngo["opp"]) == (name, form, subject["czyPosiadaStatusOPP"])
    assert ngo["postal_code"] == odpis["dane"]["dzial1"]["siedzibaIAdres"]["adres"]["kodPocztowy"]
    assert "district" not in ngo
    assert "Krajowego Rejestru Sądowego" in ngo["description"]


@needs_samples
def test_addresses_are_written_the_polish_way(ngo_data: Path):
    assert run("krs", EXTRACTS, ngo_data)[0] == 0
    ngos = check_data(ngo_data).dataset.records("ngos")
    streets = {i: (n.get("street"), n["city"]) for i, n in ngos.items() if i in {e[0] for e in EXPECTED.values()}}
    assert streets == {
        "debicki-klub-kyokushin-karate": ("ul. Sportowa 26", "Dębica"),
        "fundacja-buczek": ("Orzechówka 5", "Orzechówka"),
        "echo-fundacja-pomocy-niepelnosprawnym": ("ul. Daszyńskiego 20 lok. A", "Sanok"),
    }


@needs_samples
def test_importing_again_changes_nothing(ngo_data: Path):
    assert run("krs", EXTRACTS, ngo_data)[0] == 0
    before = tree(ngo_data)
    code, out = run("krs", EXTRACTS, ngo_data)
    assert code == 0 and "Dane są już aktualne" in out
    assert tree(ngo_data) == before


@needs_samples
def test_a_later_extract_updates_the_register_fields_and_keeps_what_staff_added(ngo_data: Path, tmp_path: Path):
    assert run("krs", [extract("0000159405", tmp_path)], ngo_data)[0] == 0
    path = ngo_data / "ngos/echo-fundacja-pomocy-niepelnosprawnym.yaml"
    staff = (
        path.read_text(encoding="utf-8")
        .replace("name: „Echo” - Fundacja", "name: „ECHO” – Fundacja")  # their own spelling
        .replace('regon: "37115134900000"', 'regon: "371151349"')
        .replace("description: Dane rejestrowe", "description: Prowadzimy rehabilitację.\n# Dane rejestrowe")
        + "district: centrum\nemail: biuro@echo.example.pl\nareas:\n  - pomoc-spoleczna\n"
    )
    path.write_text(staff, encoding="utf-8")

    def moved(odpis: dict) -> None:
        odpis["dane"]["dzial1"]["siedzibaIAdres"]["adres"].update(ulica="MICKIEWICZA", nrDomu="7", nrLokalu="")

    code, out = run("krs", [extract("0000159405", tmp_path, moved)], ngo_data)
    assert code == 0, out
    assert path.read_text(encoding="utf-8") == staff.replace("ul. Daszyńskiego 20 lok. A", "ul. Mickiewicza 7")
    assert "| Ulica i numer (`street`) | ul. Daszyńskiego 20 lok. A | ul. Mickiewicza 7 |" in out

    def renamed(odpis: dict) -> None:
        odpis["dane"]["dzial1"]["danePodmiotu"]["nazwa"] = '"ECHO" - FUNDACJA POMOCY OSOBOM NIEPEŁNOSPRAWNYM'

    assert run("krs", [extract("0000159405", tmp_path, renamed)], ngo_data)[0] == 0
    ngo = check_data(ngo_data).dataset.records("ngos")["echo-fundacja-pomocy-niepelnosprawnym"]
    assert ngo["name"] == "„Echo” - Fundacja Pomocy Osobom Niepełnosprawnym"
    assert (ngo["district"], ngo["email"], ngo["regon"]) == ("centrum", "biuro@echo.example.pl", "371151349")
    assert ngo["description"] == "Prowadzimy rehabilitację."


@needs_samples
def test_an_organisation_staff_entered_by_nip_is_found_and_completed(ngo_data: Path, tmp_path: Path):
    (ngo_data / "ngos/karate-debica.yaml").write_text(
        'name: Klub Karate\nlegal_form: stowarzyszenie\nnip: "8722151221"\nopp: false\ncity: Dębica\n'
        "description: Klub karate dla dzieci.\n",
        encoding="utf-8",
    )
    code, out = run("krs", [extract("0000131935", tmp_path)], ngo_data)
    assert code == 0, out
    ngos = check_data(ngo_data).dataset.records("ngos")
    assert "debicki-klub-kyokushin-karate" not in ngos
    assert ngos["karate-debica"]["krs"] == "0000131935"
    assert ngos["karate-debica"]["description"] == "Klub karate dla dzieci."


@needs_samples
def test_a_legal_form_missing_from_the_vocabulary_is_reported_not_guessed(ngo_data: Path, tmp_path: Path):
    def trade_union(odpis: dict) -> None:
        odpis["dane"]["dzial1"]["danePodmiotu"]["formaPrawna"] = "ZWIĄZEK ZAWODOWY"

    before = tree(ngo_data)
    code, out = run("krs", [extract("0000131935", tmp_path, trade_union)], ngo_data)
    assert code == 1
    assert "forma prawna z rejestru „ZWIĄZEK ZAWODOWY” nie ma odpowiednika w słowniku form prawnych" in out
    assert "„- id: zwiazek-zawodowy” z nazwą „związek zawodowy”" in out
    assert tree(ngo_data) == before


def test_broken_or_foreign_json_is_explained(ngo_data: Path, tmp_path: Path):
    (tmp_path / "zepsuty.json").write_text('{"odpis": {\n  "rodzaj": }', encoding="utf-8")
    (tmp_path / "inny.json").write_text('{"name": "x"}', encoding="utf-8")
    before = tree(ngo_data)
    code, out = run("krs", [tmp_path / "zepsuty.json", tmp_path / "inny.json"], ngo_data)
    assert code == 1
    assert "zepsuty.json:2: to nie jest poprawny plik JSON" in out
    assert "inny.json: to nie jest odpis aktualny z KRS w formacie JSON (brak pola „naglowekA”)" in out
    assert tree(ngo_data) == before


@pytest.mark.parametrize(
    ("form", "name", "opp", "expected"),
    [
        ("STOWARZYSZENIE", "STOWARZYSZENIE PRZYJACIÓŁ WIERZBINA", False, "stowarzyszenie"),
        ("FUNDACJA", "FUNDACJA DOBRY START", True, "fundacja"),
        (
            "STOWARZYSZENIE KULTURY FIZYCZNEJ",
            '"DĘBICKI KLUB KYOKUSHIN KARATE"',
            False,
            "stowarzyszenie-kultury-fizycznej",
        ),
        ("UCZNIOWSKI KLUB SPORTOWY", 'UKS "OLIMP"', False, "uczniowski-klub-sportowy"),
        ("ZWIĄZEK STOWARZYSZEŃ", "FEDERACJA ORGANIZACJI", False, "zwiazek-stowarzyszen"),
        ("STOWARZYSZENIE JEDNOSTEK SAMORZĄDU TERYTORIALNEGO", "ZWIĄZEK GMIN", False, "stowarzyszenie-jst"),
        ("STOWARZYSZENIE", "OCHOTNICZA STRAŻ POŻARNA W BORKACH", False, "ochotnicza-straz-pozarna"),
        ("SPÓŁDZIELNIA", "SPÓŁDZIELNIA SOCJALNA RAZEM", False, "spoldzielnia-socjalna"),
        ("SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "CENTRUM SPÓŁKA Z O.O.", True, "spolka-non-profit"),
        ("SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "HANDEL SPÓŁKA Z O.O.", False, None),
        ("SPÓŁDZIELNIA", "SPÓŁDZIELNIA MIESZKANIOWA", False, None),
        ("ZWIĄZEK SPORTOWY", "OKRĘGOWY ZWIĄZEK PIŁKI NOŻNEJ", False, "zwiazek-sportowy"),
    ],
)
def test_register_forms_map_to_the_vocabulary(form: str, name: str, opp: bool, expected: str | None):
    assert legal_form(form, name, opp, LEGAL_FORMS) == expected


def test_a_form_added_to_the_vocabulary_maps_by_its_name():
    added = [*LEGAL_FORMS, {"id": "zwiazek-sportowy", "name": "związek sportowy"}]
    assert legal_form("ZWIĄZEK SPORTOWY", "OZPN", False, added) == "zwiazek-sportowy"
    assert legal_form("POLSKI ZWIĄZEK SPORTOWY", "PZPN", False, added) == "zwiazek-sportowy"


@pytest.mark.parametrize(
    ("register", "written"),
    [
        ('"DĘBICKI KLUB KYOKUSHIN KARATE"', "Dębicki Klub Kyokushin Karate"),
        ('"ECHO" - FUNDACJA POMOCY NIEPEŁNOSPRAWNYM', "„Echo” - Fundacja Pomocy Niepełnosprawnym"),
        ("STOWARZYSZENIE NA RZECZ ROZWOJU WSI I MIASTA", "Stowarzyszenie na rzecz Rozwoju Wsi i Miasta"),
        ("OCHOTNICZA STRAŻ POŻARNA W BORKACH", "Ochotnicza Straż Pożarna w Borkach"),
        (
            'UKS "OLIMP" PRZY SZKOLE PODSTAWOWEJ NR 2 IM. JANA PAWŁA II W BIELSKU-BIAŁEJ',
            "UKS „Olimp” przy Szkole Podstawowej nr 2 im. Jana Pawła II w Bielsku-Białej",
        ),
        ("AKADEMICKI ZWIĄZEK SPORTOWY AZS", "Akademicki Związek Sportowy AZS"),
        ("W STRONĘ SŁOŃCA", "W Stronę Słońca"),
    ],
)
def test_names_in_capitals_get_polish_capitalisation(register: str, written: str):
    assert polish_name(register) == written
