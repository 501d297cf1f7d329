"""The shipped sample municipality: valid, and as rich as a real one."""

from __future__ import annotations

from datetime import date

import pytest

from civic.pipeline import check_data
from civic.status import consultation_status
from tests.conftest import SAMPLE_DATA

# The day the sample data describes: each consultation status occurs on it.
SAMPLE_DAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def sample():
    checked = check_data(SAMPLE_DATA)
    assert not checked.problems, "\n".join(map(str, checked.problems.sorted()))
    return checked.dataset


def test_has_enough_of_every_kind(sample):
    counts = {t.name: len(sample.rows(t.name)) for t in sample.catalog}
    assert counts["districts"] >= 6
    assert counts["office_units"] >= 6
    assert counts["consultations"] >= 10
    assert counts["budget_editions"] >= 2
    assert counts["budget_projects"] >= 50
    assert counts["ngos"] >= 40
    assert counts["grants"] >= 30
    assert counts["funded_projects"] >= 3


def test_consultations_cover_every_status(sample):
    statuses = {consultation_status(c, SAMPLE_DAY) for c in sample.rows("consultations")}
    assert statuses == {"planned", "open", "closed", "results"}
    assert sample.rows("consultation_comments")
    assert {c["decision"] for c in sample.rows("consultation_comments")} >= {"accepted", "partly", "rejected"}


def test_budget_has_five_areas_and_both_outcomes(sample):
    for edition in sample.rows("budget_editions"):
        assert len(edition["pools"]) >= 5
    projects = sample.rows("budget_projects")
    assert {p.get("selected") for p in projects} >= {True, False}
    assert {e["selection_rule"] for e in sample.rows("budget_editions")} >= {"greedy", "greedy-threshold"}


def test_office_units_look_like_real_ones(sample):
    units = sample.rows("office_units")
    assert any({p["function"] for p in u["people"]} >= {"head", "deputy"} for u in units)
    assert any(t.get("email") and t.get("phone") for t in sample.rows("office_unit_teams"))
    assert any(len({(h["opens"], h["closes"]) for h in u["hours"]}) > 1 for u in units)
    assert any(
        len(u["task_sections"]) > 1 and any(t["subtasks"] for s in u["task_sections"] for t in s["tasks"])
        for u in units
    )


def test_every_legal_form_and_registry_number_is_used(sample):
    ngos = sample.rows("ngos")
    assert {n["legal_form"] for n in ngos} == {f["id"] for f in sample.rows("legal_forms")}
    assert all(any(n.get(k) for n in ngos) for k in ("krs", "nip", "regon"))
    modes = {g["mode"] for g in sample.rows("grants")}
    assert modes == {"open-competition", "small-grant", "local-initiative", "other"}
