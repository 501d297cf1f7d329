"""Problem codes that no field of the real schemas can produce yet.

The real schemas use ``pattern`` only for slugs (reported as ``slug``),
``minLength`` only as 1 on required fields (an empty value is reported as
``empty``) and have no ``datetime`` field, so ``test_bad_files`` cannot
cover ``pattern``, ``min-length`` and ``type-datetime``; these tests build
a tiny Table Schema instead.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from civic.messages import message
from civic.pipeline import check_data

SCHEMA = {
    "title": "Sale",
    "primaryKey": ["id"],
    "x-civic": {"kind": "room"},
    "fields": [
        {"name": "id", "type": "string", "title": "Identyfikator", "constraints": {"required": True}},
        {"name": "name", "type": "string", "title": "Nazwa", "constraints": {"required": True, "minLength": 3}},
        {"name": "code", "type": "string", "title": "Symbol sali", "constraints": {"pattern": "^[A-Z]{2}-[0-9]{3}$"}},
        {"name": "booked", "type": "datetime", "title": "Rezerwacja"},
    ],
}


SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"


@pytest.fixture
def rooms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with the real schemas plus one more table, ``rooms``, and no other records."""
    data = tmp_path / "data"
    shutil.copytree(SCHEMAS, data / "schemas")
    (data / "schemas" / "rooms.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    (data / "rooms").mkdir()
    monkeypatch.chdir(tmp_path)
    return data


def _problems(data: Path, body: str) -> list[str]:
    (data / "rooms" / "sala.yaml").write_text(body, encoding="utf-8")
    return [
        f"{p.path} {p.line}:{p.column} {p.where} [{p.code}] {p.message}"
        for p in check_data(Path("data")).problems.sorted()
    ]


def test_valid_record(rooms: Path):
    assert _problems(rooms, "name: Sala sesyjna\ncode: AB-123\nbooked: 2026-09-15T17:30\n") == []


def test_pattern(rooms: Path):
    got = _problems(rooms, "name: Sala sesyjna\ncode: ab-12\n")
    expected = message("pattern", value="ab-12", pattern="^[A-Z]{2}-[0-9]{3}$")
    assert got == [f"data/rooms/sala.yaml 2:7 rooms.code [pattern] {expected}"]
    assert expected == "„ab-12” nie ma wymaganej postaci (wyrażenie regularne ^[A-Z]{2}-[0-9]{3}$)"


def test_type_datetime(rooms: Path):
    got = _problems(rooms, "name: Sala sesyjna\nbooked: 15.09.2026 17:30\n")
    expected = "„15.09.2026 17:30” nie jest datą z godziną; wpisz ją w postaci RRRR-MM-DDTGG:MM, np. 2025-03-14T17:30"
    assert got == [f"data/rooms/sala.yaml 2:9 rooms.booked [type-datetime] {expected}"]


def test_min_length(rooms: Path):
    got = _problems(rooms, "name: S1\n")
    expected = "tekst jest za krótki (2 zn.): wymagane co najmniej 3 zn."
    assert got == [f"data/rooms/sala.yaml 1:7 rooms.name [min-length] {expected}"]
