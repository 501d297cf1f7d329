from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civic.pabulib import read_pb_file
from civic.selection import REASONS, RULES, Candidate, Outcome, select

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "pabulib"
SAMPLE_NAMES = (
    "Poland_Warszawa_2023_Rembertow.pb",
    "Poland_Wroclaw_2018_Rejon_nr_2_250.pb",
)


def load_sample(name: str) -> tuple[list[Candidate], Decimal, str, set[str]]:
    """Candidates, budget, rule and the winners recorded in a sample file."""
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample {name} not found in {SAMPLES} (shared/ must sit beside the repo)")
    pb = read_pb_file(path, votes=False)
    candidates = [Candidate(p["project_id"], Decimal(p["cost"]), int(p["votes"])) for p in pb.projects]
    winners = {p["project_id"] for p in pb.projects if p["selected"] == "1"}
    return candidates, Decimal(pb.meta["budget"]), pb.meta["rule"], winners


def selected_ids(outcomes: list[Outcome]) -> set[str]:
    return {o.id for o in outcomes if o.selected}


def c(ident: str, cost: int | str, votes: int) -> Candidate:
    return Candidate(ident, Decimal(cost), votes)


def table(outcomes: list[Outcome]) -> list[tuple[str, str, int]]:
    return [(o.id, o.reason, int(o.remaining_before)) for o in outcomes]


# --- the real samples --------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_winners_are_reproduced(name: str) -> None:
    candidates, budget, rule, winners = load_sample(name)
    assert rule in RULES
    assert selected_ids(select(candidates, budget, rule)) == winners


def file_order_reference(candidates: list[Candidate], budget: Decimal, rule: str) -> set[str]:
    """The other convention: votes descending, ties in file order (stable sort)."""
    remaining, winners = budget, set()
    for cand in sorted(candidates, key=lambda x: -x.votes):
        if cand.cost <= remaining:
            remaining -= cand.cost
            winners.add(cand.id)
        elif rule == "greedy-no-skip":
            break
    return winners


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_both_tie_conventions_reproduce_samples(name: str) -> None:
    candidates, budget, rule, winners = load_sample(name)
    assert file_order_reference(candidates, budget, rule) == winners
    # ...and with cost-first ties the result does not depend on the input order.
    assert selected_ids(select(candidates[::-1], budget, rule)) == winners


def test_warszawa_sample_has_a_tie_decided_by_money() -> None:
    candidates, budget, rule, _ = load_sample(SAMPLE_NAMES[0])
    by_id = {o.id: o for o in select(candidates, budget, rule)}
    # 1087 (90 000) and 1260 (19 200) both have 265 votes; cheaper goes first.
    assert by_id["1260"].rank + 1 == by_id["1087"].rank
    assert by_id["1260"].reason == "fits"
    assert by_id["1087"].reason == "does-not-fit"
    assert by_id["1260"].remaining_before == Decimal(31393)


def test_wroclaw_sample_spends_budget_exactly() -> None:
    candidates, budget, rule, _ = load_sample(SAMPLE_NAMES[1])
    outcomes = select(candidates, budget, rule)
    assert sum(x.cost for x in candidates) == budget
    assert [o.reason for o in outcomes] == ["fits", "fits", "fits"]
    assert outcomes[-1].remaining_before == Decimal(150000)


# --- hand-made cases ---------------------------------------------------------

POOL = [c("A", 60, 10), c("B", 50, 9), c("C", 40, 8)]


def test_greedy_skips_and_continues() -> None:
    assert table(select(POOL, Decimal(100), "greedy")) == [
        ("A", "fits", 100),
        ("B", "does-not-fit", 40),
        ("C", "fits", 40),
    ]


def test_greedy_no_skip_stops_at_first_misfit() -> None:
    outcomes = select(POOL, Decimal(100), "greedy-no-skip")
    assert table(outcomes) == [
        ("A", "fits", 100),
        ("B", "does-not-fit", 40),
        ("C", "after-stop", 40),
    ]
    assert [o.selected for o in outcomes] == [True, False, False]
    assert [o.rank for o in outcomes] == [1, 2, 3]


def test_greedy_threshold_excludes_projects_below_min_votes() -> None:
    pool = [*POOL, c("D", 1, 8)]
    assert table(select(pool, Decimal(100), "greedy-threshold", min_votes=9)) == [
        ("A", "fits", 100),
        ("B", "does-not-fit", 40),
        ("D", "below-threshold", 40),
        ("C", "below-threshold", 40),
    ]
    # min_votes is inclusive: exactly min_votes votes is eligible.
    assert selected_ids(select(pool, Decimal(100), "greedy-threshold", min_votes=8)) == {"A", "D"}


def test_cost_equal_to_remaining_money_fits() -> None:
    outcomes = select([c("A", 70, 3), c("B", "30.00", 2), c("C", 0, 1)], Decimal(100), "greedy")
    assert [o.reason for o in outcomes] == ["fits", "fits", "fits"]
    assert outcomes[1].remaining_before == Decimal(30)
    assert outcomes[2].remaining_before == Decimal(0)


def test_decimal_amounts_are_exact() -> None:
    pool = [c("A", "0.10", 3), c("B", "0.20", 2), c("C", "0.70", 1)]
    outcomes = select(pool, Decimal("1.00"), "greedy")
    assert all(o.selected for o in outcomes)
    assert outcomes[2].remaining_before == Decimal("0.70")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_empty_pool(rule: str) -> None:
    min_votes = 1 if rule == "greedy-threshold" else None
    assert select([], Decimal(100), rule, min_votes=min_votes) == []


def test_ties_cheaper_first_then_given_order() -> None:
    pool = [c("X", 80, 5), c("Y", 30, 5), c("Z", 30, 5), c("W", 10, 6)]
    outcomes = select(pool, Decimal(100), "greedy")
    assert [(o.rank, o.id) for o in outcomes] == [
        (1, "W"),
        (2, "Y"),
        (3, "Z"),
        (4, "X"),
    ]
    assert selected_ids(outcomes) == {"W", "Y", "Z"}
    swapped = select([pool[0], pool[2], pool[1], pool[3]], Decimal(100), "greedy")
    assert [o.id for o in swapped] == ["W", "Z", "Y", "X"]


def test_reasons_are_documented() -> None:
    assert set(REASONS) == {"fits", "does-not-fit", "after-stop", "below-threshold"}
    assert all(REASONS.values())


def test_unknown_rule_lists_allowed_names() -> None:
    with pytest.raises(ValueError, match="greedy, greedy-no-skip, greedy-threshold"):
        select(POOL, Decimal(100), "equal-shares")


def test_min_votes_misuse() -> None:
    with pytest.raises(ValueError, match="needs min_votes"):
        select(POOL, Decimal(100), "greedy-threshold")
    with pytest.raises(ValueError, match="only to 'greedy-threshold'"):
        select(POOL, Decimal(100), "greedy", min_votes=3)


def test_bad_input_is_refused() -> None:
    with pytest.raises(TypeError, match="budget must be a Decimal"):
        select(POOL, 100.0, "greedy")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cost of project 'F'"):
        select([Candidate("F", 1.5, 3)], Decimal(100), "greedy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="duplicate project id 'A'"):
        select([*POOL, c("A", 1, 1)], Decimal(100), "greedy")
    with pytest.raises(ValueError, match="non-negative"):
        select([c("N", -1, 1)], Decimal(100), "greedy")
    with pytest.raises(ValueError, match="non-negative"):
        select(POOL, Decimal("NaN"), "greedy")
    with pytest.raises(ValueError, match="votes of project"):
        select([c("V", 1, -2)], Decimal(100), "greedy")


def test_a_new_rule_is_one_function(monkeypatch: pytest.MonkeyPatch) -> None:
    def everything(ordered, budget, min_votes):  # type: ignore[no-untyped-def]
        return [Outcome(x.id, True, i, "fits", budget) for i, x in enumerate(ordered, 1)]

    monkeypatch.setitem(RULES, "everything", everything)
    assert selected_ids(select(POOL, Decimal(1), "everything")) == {"A", "B", "C"}


# --- properties --------------------------------------------------------------

MONEY = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
POOLS = st.lists(
    st.builds(Candidate, id=st.text(max_size=3), cost=MONEY, votes=st.integers(0, 20)),
    max_size=25,
    unique_by=lambda x: x.id,
)


def check_walk(outcomes: list[Outcome], pool: list[Candidate], budget: Decimal) -> None:
    by_id = {x.id: x for x in pool}
    assert sorted(o.id for o in outcomes) == sorted(by_id)
    assert [o.rank for o in outcomes] == list(range(1, len(pool) + 1))
    assert all(o.reason in REASONS for o in outcomes)
    remaining = budget
    previous: Candidate | None = None
    for o in outcomes:
        cand = by_id[o.id]
        if previous is not None:
            assert (previous.votes, -previous.cost) >= (cand.votes, -cand.cost)
        assert o.remaining_before == remaining
        if o.selected:
            remaining -= cand.cost
        previous = cand


@settings(max_examples=300)
@given(POOLS, MONEY)
def test_greedy_properties(pool: list[Candidate], budget: Decimal) -> None:
    outcomes = select(pool, budget, "greedy")
    check_walk(outcomes, pool, budget)
    by_id = {x.id: x for x in pool}
    assert sum((by_id[o.id].cost for o in outcomes if o.selected), Decimal(0)) <= budget
    for o in outcomes:
        assert o.selected == (o.reason == "fits")
        if not o.selected:
            assert o.reason == "does-not-fit"
            assert by_id[o.id].cost > o.remaining_before


@settings(max_examples=200)
@given(POOLS, MONEY)
def test_greedy_no_skip_properties(pool: list[Candidate], budget: Decimal) -> None:
    outcomes = select(pool, budget, "greedy-no-skip")
    check_walk(outcomes, pool, budget)
    reasons = [o.reason for o in outcomes]
    misfits = reasons.count("does-not-fit")
    assert misfits <= 1
    if misfits:
        stop = reasons.index("does-not-fit")
        assert set(reasons[:stop]) <= {"fits"}
        assert set(reasons[stop + 1 :]) <= {"after-stop"}


@settings(max_examples=200)
@given(POOLS, MONEY, st.integers(0, 21))
def test_greedy_threshold_properties(pool: list[Candidate], budget: Decimal, min_votes: int) -> None:
    outcomes = select(pool, budget, "greedy-threshold", min_votes=min_votes)
    check_walk(outcomes, pool, budget)
    by_id = {x.id: x for x in pool}
    for o in outcomes:
        assert (o.reason == "below-threshold") == (by_id[o.id].votes < min_votes)
    eligible = [x for x in pool if x.votes >= min_votes]
    assert selected_ids(outcomes) == selected_ids(select(eligible, budget, "greedy"))
