"""A wrong setting stops the build before it begins, said in Polish with the line that sets it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pelican.settings import read_settings

from civic.build import build
from civic.settings_check import check_settings
from tests.conftest import ROOT


def _settings_file(folder: Path, line: str) -> tuple[Path, int]:
    """The sample's settings with one more line; the file, and the number of that line."""
    text = (
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"PATH = {str(ROOT / 'content')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        "\n"
        f"{line}\n"
    )
    path = folder / "ustawienia.py"
    path.write_text(text, encoding="utf-8")
    return path, text.count("\n")


WRONG = [
    ('CIVIC_LIST_PAGE_SIZE = "50"', "ma wartość '50'; dozwolona jest liczba całkowita, co najmniej 1"),
    ("CIVIC_SEARCH_SHARD_PAGES = 0", "ma wartość 0; dozwolona jest liczba całkowita, co najmniej 1"),
    ("CIVIC_PROCESSES = 2.5", "ma wartość 2.5; dozwolona jest liczba całkowita"),
    ('CIVIC_TODAY = "2026-02-30"', "takiego dnia nie ma w kalendarzu; dozwolona jest data RRRR-MM-DD"),
    ('CIVIC_BUILD_DATE = "22.11.2026"', "dozwolona jest data w postaci tekstu RRRR-MM-DD"),
    ('CIVIC_SEARCH = "nie"', "dozwolone są wartości True (tak) i False (nie)"),
    ('CIVIC_PUBLIC_URL = "wierzbin.pl"', "dozwolony jest pełny adres zaczynający się od https://"),
    ('CIVIC_LICENSE = "MIT"', "licencję spoza listy: CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODbL-1.0"),
    ('CIVIC_UPDATE_FREQUENCY = "co miesiąc"', "dozwolony jest kod ze słownika częstotliwości UE"),
    ('CIVIC_KEYWORDS = "dane"', "dozwolona jest lista niepustych tekstów"),
    ('CIVIC_URLS = {"ngos": {"record": "org/{id}/"}}', "tabela 'ngos' musi mieć oba wzory adresów"),
    ('CIVIC_URLS = {"ngos": {"record": "org/{nazwa}/", "index": "org/"}}', "nie ma pola 'nazwa'; tabela ma pola: id,"),
    ('CIVIC_URLS = {"stowarzyszenia": {"record": "s/{id}/", "index": "s/"}}', "nie ma tabeli 'stowarzyszenia'"),
]


@pytest.mark.parametrize(("line", "expected"), WRONG, ids=[line.split(" =")[0] for line, _ in WRONG])
def test_a_wrong_setting_stops_the_build_before_it_begins(tmp_path: Path, line: str, expected: str):
    settings_file, number = _settings_file(tmp_path, line)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last site", encoding="utf-8")
    errors = build(settings_file, site)
    assert len(errors) == 1, errors
    name = line.split(" =")[0]
    assert errors[0].startswith(f"{settings_file.as_posix()}, wiersz {number}: ustawienie {name}"), errors
    assert expected in errors[0]
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last site"


def test_the_sample_and_production_settings_are_right():
    for name in ("pelicanconf.py", "publishconf.py"):
        path = ROOT / name
        assert check_settings(read_settings(str(path)), path, environ={}) == []


def test_a_setting_given_on_running_the_build_is_named_so(tmp_path: Path):
    errors = build(ROOT / "pelicanconf.py", tmp_path / "site", {"CIVIC_LIST_PAGE_SIZE": 0})
    assert errors == [
        "Ustawienie CIVIC_LIST_PAGE_SIZE podane przy uruchomieniu budowy ma wartość 0; dozwolona jest liczba "
        "całkowita, co najmniej 1 (tyle rekordów pokazuje jedna strona listy), bez cudzysłowu."
    ]


def test_a_wrong_day_in_the_environment_is_named_so():
    path = ROOT / "pelicanconf.py"
    problems = check_settings(read_settings(str(path)), path, environ={"CIVIC_TODAY": "jutro"})
    assert problems == [
        "Zmienna środowiskowa CIVIC_TODAY ma wartość 'jutro'; dozwolona jest data w postaci tekstu RRRR-MM-DD, "
        'np. "2026-11-22".'
    ]


def test_a_licence_not_listed_is_allowed_with_the_address_of_its_text(tmp_path: Path):
    settings_file, _ = _settings_file(
        tmp_path, 'CIVIC_LICENSE = "OGL-UK-3.0"\nCIVIC_LICENSE_URL = "https://example.org/ogl/"'
    )
    assert check_settings(read_settings(str(settings_file)), settings_file, environ={}) == []


def test_the_command_exits_with_the_message_and_no_traceback(tmp_path: Path):
    settings_file, number = _settings_file(tmp_path, 'CIVIC_TODAY = "2026-13-01"')
    done = subprocess.run(
        [sys.executable, "-m", "civic", "build", "--settings", str(settings_file), "--output", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert f"wiersz {number}: ustawienie CIVIC_TODAY ma wartość '2026-13-01'" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "out").exists()
