"""A bigger city made by copying a small one stays valid."""

from __future__ import annotations

from pathlib import Path

from civic.pipeline import check_data
from civic.synthetic import synthesize
from tests.conftest import FIXTURE_DATA


def test_copies_are_a_valid_city_with_unique_ids(tmp_path: Path):
    written = synthesize(FIXTURE_DATA, tmp_path / "city", 100)
    assert written >= 100
    checked = check_data(tmp_path / "city")
    assert not checked.problems, checked.problems.sorted()[:5]
    projects = checked.dataset.records("budget_projects")
    assert "2026-o-3" in projects and "2026-o-3-s2" in projects
    assert projects["2026-o-3-s2"]["edition"] == "2026-s2"
    ngos = checked.dataset.records("ngos")
    assert len({n.get("nip") for n in ngos.values()}) == len(ngos)
