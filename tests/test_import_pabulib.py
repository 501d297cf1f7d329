"""Pabulib files into a budget edition: the result validates and reproduces the file's winners."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from civic.importers.pabulib import _category
from civic.pabulib import read_pb_file
from civic.pipeline import check_data
from tests.conftest import SHARED_SAMPLES
from tests.test_import_table import run, tree

PB_FILES = sorted((SHARED_SAMPLES / "pabulib").glob("*.pb"))
needs_samples = pytest.mark.skipif(not PB_FILES, reason="the shared Pabulib samples are not available")


@needs_samples
@pytest.mark.parametrize("sample", PB_FILES, ids=lambda p: p.stem)
def test_each_sample_validates_and_reproduces_its_winners(data_dir: Path, sample: Path):
    code, out = run("pabulib", [sample], data_dir)
    assert code == 0, out
    checked = check_data(data_dir)
    assert not checked.problems, checked.problems.sorted()[:3]
    pb = read_pb_file(sample, votes=False)
    year = pb.meta["instance"]
    edition = checked.dataset.records("budget_editions")[f"bo-{year}"]
    assert edition["total_pool"] == Decimal(pb.meta["budget"])
    assert edition["selection_rule"] == pb.meta["rule"]
    (pool,) = edition["pools"]
    district = checked.dataset.records("districts")[pool["district"]]
    assert district["name"] == pb.meta["district"]
    projects = {p["number"]: p for p in checked.dataset.rows("budget_projects") if p["edition"] == f"bo-{year}"}
    assert set(projects) == {p["project_id"] for p in pb.projects}
    for row in pb.projects:
        project = projects[row["project_id"]]
        assert project["selected"] is (row["selected"] == "1"), row["project_id"]
        assert project["votes"] == int(row["votes"])
        assert project["cost"] == Decimal(row["cost"])
        assert project["title"] == row["name"]


@needs_samples
def test_importing_again_changes_nothing(data_dir: Path):
    assert run("pabulib", PB_FILES, data_dir)[0] == 0
    before = tree(data_dir)
    code, out = run("pabulib", PB_FILES, data_dir)
    assert code == 0 and "Dane są już aktualne" in out
    assert tree(data_dir) == before


@needs_samples
def test_editions_of_several_years_keep_project_ids_unique(data_dir: Path):
    assert run("pabulib", PB_FILES, data_dir)[0] == 0
    dataset = check_data(data_dir).dataset
    editions = {p["edition"] for p in dataset.rows("budget_projects")}
    assert {"bo-2018", "bo-2023"} <= editions
    ids = [p["id"] for p in dataset.rows("budget_projects")]
    assert len(ids) == len(set(ids))
    assert "bo-2023-rembertow-1639" in ids


@needs_samples
def test_the_area_is_matched_to_an_existing_district_by_name(data_dir: Path):
    (data_dir / "districts/dzielnica-rembertow.yaml").write_text("name: Rembertów\ntype: dzielnica\n")
    sample = next(p for p in PB_FILES if "Rembertow" in p.name)
    assert run("pabulib", [sample], data_dir)[0] == 0
    dataset = check_data(data_dir).dataset
    assert "rembertow" not in dataset.records("districts")
    assert dataset.records("budget_editions")["bo-2023"]["pools"][0]["district"] == "dzielnica-rembertow"


@needs_samples
def test_a_file_becomes_one_more_pool_of_an_existing_edition(data_dir: Path):
    sample = next(p for p in PB_FILES if "Rembertow" in p.name)  # rule greedy, like the fixture's edition
    code, out = run("pabulib", [sample], data_dir, edition="2026")
    assert code == 0, out
    edition = check_data(data_dir).dataset.records("budget_editions")["2026"]
    assert [p["id"] for p in edition["pools"]] == ["ogolnomiejska", "centrum", "rembertow"]
    assert edition["total_pool"] == Decimal("700000.00") + Decimal("1011308")
    assert edition["title"] == "Budżet Obywatelski 2026"  # the edition keeps its own fields


@needs_samples
def test_a_different_rule_for_an_existing_edition_is_refused(data_dir: Path):
    before = tree(data_dir)
    sample = next(p for p in PB_FILES if "Wroclaw" in p.name)  # greedy-no-skip
    code, out = run("pabulib", [sample], data_dir, edition="2026")
    assert code == 1
    assert "edycja „2026” ma selection_rule: greedy, a plik — greedy-no-skip" in out
    assert tree(data_dir) == before


def test_a_broken_file_is_reported_with_its_line(data_dir: Path, tmp_path: Path):
    broken = tmp_path / "zepsuty.pb"
    broken.write_text("META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n1;20\n", encoding="utf-8")
    before = tree(data_dir)
    code, out = run("pabulib", [broken], data_dir)
    assert code == 1
    assert "zepsuty.pb:7: identyfikator „1” powtarza się w sekcji PROJECTS" in out
    assert tree(data_dir) == before


def test_winners_that_do_not_follow_from_the_rule_stop_the_import(data_dir: Path, tmp_path: Path):
    wrong = tmp_path / "zle.pb"
    wrong.write_text(
        "META\nkey;value\nbudget;100\ninstance;2030\nrule;greedy\nvote_type;approval\ndistrict;Zalesie\n"
        "PROJECTS\nproject_id;cost;votes;name;selected\n1;60;10;Ławki;0\n2;50;5;Kosze;1\n",
        encoding="utf-8",
    )
    before = tree(data_dir)
    code, out = run("pabulib", [wrong], data_dir)
    assert code == 1 and "[winner-mismatch]" in out and "dane z: zle.pb, projekt 1" in out
    assert tree(data_dir) == before


def test_categories_map_to_the_vocabulary_or_a_default():
    vocabulary = ["zielen", "sport", "przestrzen-publiczna", "kultura"]
    assert _category("urban greenery,sport", vocabulary) == "zielen"
    assert _category("public transit and roads,culture", vocabulary) == "kultura"  # the first the city has
    assert _category("something new", vocabulary) == "przestrzen-publiczna"
    assert _category("welfare", ["zielen", "sport"]) == "zielen"  # no default in the vocabulary: its first entry
