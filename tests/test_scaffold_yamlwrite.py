"""The one YAML writer of the staff tools, and the editor that changes a few keys of a file."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from civic.load import Loader
from civic.schema import Catalog
from civic.yamledit import REMOVE, update_text
from civic.yamlwrite import render_record, scalar
from tests.conftest import FIXTURE_DATA, SAMPLE_DATA

CATALOG = Catalog.load(FIXTURE_DATA / "schemas")
NGOS = CATALOG["ngos"]
PROJECTS = CATALOG["budget_projects"]
HOURS = CATALOG["office_unit_hours"]


@pytest.mark.parametrize(
    ("field", "value", "written"),
    [
        (NGOS.fields["krs"], "0000123456", '"0000123456"'),
        (NGOS.fields["nip"], "5271234563", '"5271234563"'),
        (NGOS.fields["name"], "no", '"no"'),
        (NGOS.fields["name"], "2026", '"2026"'),
        (NGOS.fields["name"], "Klub „Orzeł”", "Klub „Orzeł”"),
        (NGOS.fields["name"], "Termin: do 30 września", '"Termin: do 30 września"'),
        (NGOS.fields["name"], "#1 w mieście", '"#1 w mieście"'),
        (NGOS.fields["opp"], True, "true"),
        (NGOS.fields["registered"], date(2026, 3, 14), "2026-03-14"),
        (PROJECTS.fields["cost"], Decimal("202100"), "202100.00"),
        (PROJECTS.fields["votes"], 650, "650"),
        (PROJECTS.fields["latitude"], "52.2616", "52.2616"),
        (HOURS.fields["opens"], time(7, 30), '"7:30"'),
    ],
)
def test_values_are_quoted_only_where_a_reader_could_misread_them(field, value, written):
    assert scalar(field, value) == written


def test_records_are_written_in_schema_order_with_block_text_and_lists():
    text = render_record(
        NGOS,
        {
            "areas": ["sport", "kultura"],
            "description": "Pierwszy akapit.\n\nDrugi akapit.\n",
            "krs": "0000123456",
            "name": "Klub Sportowy Orzeł",
            "opp": False,
        },
        header=["komentarz"],
    )
    assert text == (
        "# komentarz\n"
        "name: Klub Sportowy Orzeł\n"
        'krs: "0000123456"\n'
        "opp: false\n"
        "description: |\n"
        "  Pierwszy akapit.\n"
        "\n"
        "  Drugi akapit.\n"
        "areas:\n"
        "  - sport\n"
        "  - kultura\n"
    )


def test_every_sample_record_is_written_back_to_the_same_values():
    for data_dir in (SAMPLE_DATA, FIXTURE_DATA):
        for table in CATALOG.main_tables:
            if table.layout != "files":
                continue
            for path in sorted((data_dir / table.folder).glob("*.yaml")):
                values = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
                written = render_record(table, values)
                assert yaml.load(written, Loader=Loader) == values, path


def test_text_that_needs_care_survives_a_round_trip():
    tricky = ["  wcięty początek\ni dalej", "bez końca wiersza\nna końcu", "dwa puste\n\n", "tab\tw środku", "a\u2028b"]
    for text in tricky:
        written = render_record(NGOS, {"description": text})
        assert yaml.load(written, Loader=Loader)["description"] == text, written


def test_an_update_changes_only_the_lines_of_the_changed_keys():
    text = (
        "# yaml-language-server: $schema=../schemas/editor/budget_projects.json\n"
        "edition: bo-2026\n"
        "# komentarz urzędu\n"
        "votes: 900\n"
        "selected: true  # po weryfikacji\n"
        "description: |\n"
        "  Akapit.\n"
        "\n"
        "  Drugi akapit.\n"
        "\n"
        "# na końcu\n"
    )
    changed = update_text(text, PROJECTS, {"votes": 950, "district": "centrum", "description": REMOVE})
    assert changed == (
        "# yaml-language-server: $schema=../schemas/editor/budget_projects.json\n"
        "edition: bo-2026\n"
        "# komentarz urzędu\n"
        "votes: 950\n"
        "selected: true  # po weryfikacji\n"
        "\n"
        "# na końcu\n"
    ).replace("edition: bo-2026\n", "edition: bo-2026\ndistrict: centrum\n")


def test_a_key_before_all_others_goes_below_the_editor_line():
    text = "# yaml-language-server: $schema=x.json\n# Opis\ncity: Wierzbin\n"
    assert update_text(text, NGOS, {"name": "Fundacja"}) == (
        "# yaml-language-server: $schema=x.json\nname: Fundacja\n# Opis\ncity: Wierzbin\n"
    )


def test_a_flow_mapping_file_is_rewritten_whole(tmp_path: Path):
    assert update_text("{name: A, city: B}\n", NGOS, {"opp": True}) == "name: A\nopp: true\ncity: B\n"
