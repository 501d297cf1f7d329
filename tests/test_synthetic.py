"""A bigger city made from a smaller one stays valid, varied and reproducible."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from civic import synthetic_write
from civic.pipeline import check_data
from civic.synthetic import SCALE_1, counts, generate, synthesize
from tests.conftest import FIXTURE_DATA, SAMPLE_DATA

TINY = 0.003


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_counts_follow_the_scale_with_at_least_one_of_each_kind():
    assert counts(1) == SCALE_1
    assert 65_000 < sum(SCALE_1.values()) < 70_000
    assert counts(0.1)["ngos"] == 2_000
    smallest = counts(0.0001)
    assert min(smallest.values()) == 1
    assert smallest["budget_editions"] == 2
    with pytest.raises(ValueError):
        counts(0)


@pytest.mark.parametrize("source", [FIXTURE_DATA, SAMPLE_DATA], ids=["fixture", "sample"])
def test_the_city_is_valid_with_unique_registry_numbers(tmp_path: Path, source: Path):
    written = generate(source, tmp_path / "city", 0.01)
    assert written == counts(0.01)
    checked = check_data(tmp_path / "city")
    assert not checked.problems, checked.problems.sorted()[:5]
    ngos = checked.dataset.records("ngos")
    assert len(ngos) == written["ngos"]
    for key in ("krs", "nip", "regon"):
        numbers = [n[key] for n in ngos.values() if n.get(key)]
        assert numbers and len(set(numbers)) == len(numbers), key


def test_budget_pools_add_up_and_winners_follow_the_rule(tmp_path: Path):
    generate(SAMPLE_DATA, tmp_path / "city", 0.02)
    checked = check_data(tmp_path / "city")
    assert not checked.problems, checked.problems.sorted()[:5]
    editions = checked.dataset.records("budget_editions")
    years = sorted(e["year"] for e in editions.values())
    assert years == list(range(years[0], years[0] + len(years)))
    for edition in editions.values():
        assert sum((p["amount"] for p in edition["pools"]), Decimal(0)) == edition["total_pool"]
        assert edition["pools"][0].get("district") is None  # the city-wide pool
        assert all(p.get("district") for p in edition["pools"][1:])
    projects = checked.dataset.records("budget_projects").values()
    selected = Counter(p.get("selected") for p in projects)
    assert selected[True] and selected[False]  # check_data recomputed every pool and agreed
    assert {p["verification"] for p in projects} >= {"positive", "negative"}


def test_texts_are_polish_and_varied_not_numbered(tmp_path: Path):
    generate(SAMPLE_DATA, tmp_path / "city", 0.01)
    checked = check_data(tmp_path / "city")
    ngos = checked.dataset.records("ngos").values()
    names = [n["name"] for n in ngos]
    assert len(set(names)) > 0.8 * len(names)
    assert len({n["description"] for n in ngos}) > 0.5 * len(names)
    assert sum(bool(re.search("[ąćęłńóśźż]", n, re.IGNORECASE)) for n in names) > 0.3 * len(names)
    titles = [p["title"] for p in checked.dataset.records("budget_projects").values()]
    assert not [t for t in titles if re.fullmatch(r"(Projekt|Rekord|Title) \d+", t)]
    assert len(set(titles)) > 30


def test_the_same_seed_gives_the_same_files(tmp_path: Path):
    generate(FIXTURE_DATA, tmp_path / "a", TINY, seed=7)
    generate(FIXTURE_DATA, tmp_path / "b", TINY, seed=7)
    generate(FIXTURE_DATA, tmp_path / "c", TINY, seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_worker_processes_write_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    generate(SAMPLE_DATA, tmp_path / "one", TINY, workers=1)
    monkeypatch.setattr(synthetic_write, "PARALLEL_FROM", 0)
    monkeypatch.setattr(synthetic_write, "CHUNK", 7)
    generate(SAMPLE_DATA, tmp_path / "two", TINY, workers=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_synth_command_makes_at_least_the_records_asked_for(tmp_path: Path):
    written = synthesize(FIXTURE_DATA, tmp_path / "city", 100)
    assert written >= 100
    assert not check_data(tmp_path / "city").problems
