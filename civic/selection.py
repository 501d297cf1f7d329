"""Recompute the winners of one participatory-budget pool.

Every rule walks the candidates in one *order of consideration*:

1. votes, descending;
2. on equal votes, cost ascending (the cheaper project first);
3. on equal votes and cost, the order in which the candidates were given
   (the sort is stable).

Pabulib's tools break ties by the order of the file or by lower cost first;
both reproduce the ``selected`` column of the sample files (the one tie there
is decided by money, whichever goes first), and cost-first makes the result
independent of how the input happens to be ordered. Money is ``Decimal``
throughout; floats are refused.

A rule is a function ``(ordered, budget, min_votes) -> outcomes``; adding a
rule means adding one function to :data:`RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Candidate:
    id: str
    cost: Decimal
    votes: int


@dataclass(frozen=True)
class Outcome:
    id: str
    selected: bool
    rank: int  # 1-based position in the order of consideration
    reason: str  # a key of REASONS
    remaining_before: Decimal  # money left in the pool when this project was considered


REASONS: dict[str, str] = {
    "fits": "selected: its cost did not exceed the money remaining",
    "does-not-fit": "not selected: its cost exceeded the money remaining",
    "after-stop": "not selected: comes after the first project that did not fit, where the rule stops",
    "below-threshold": "not selected: fewer votes than the minimum required",
}

Rule = Callable[[Sequence[Candidate], Decimal, int | None], list[Outcome]]


def consideration_key(candidate: Candidate) -> tuple[int, Decimal]:
    """Sort key: votes descending, then cost ascending (stable beyond that)."""
    return (-candidate.votes, candidate.cost)


def select(
    candidates: Sequence[Candidate],
    budget: Decimal,
    rule: str,
    *,
    min_votes: int | None = None,
) -> list[Outcome]:
    """Apply ``rule`` to one pool; outcomes come in the order of consideration.

    Raises ``ValueError`` for an unknown rule, a misused ``min_votes``,
    duplicate ids or negative amounts, and ``TypeError`` for non-Decimal money.
    """
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; allowed: {', '.join(sorted(RULES))}")
    _check_money(budget, "budget")
    ids: set[str] = set()
    for candidate in candidates:
        _check_candidate(candidate, ids)
    ordered = sorted(candidates, key=consideration_key)
    return RULES[rule](ordered, budget, min_votes)


def _greedy(ordered: Sequence[Candidate], budget: Decimal, min_votes: int | None) -> list[Outcome]:
    """Select every project that still fits, skipping those that do not."""
    _refuse_threshold("greedy", min_votes)
    return _walk(ordered, budget, stop_at_misfit=False, min_votes=None)


def _greedy_no_skip(ordered: Sequence[Candidate], budget: Decimal, min_votes: int | None) -> list[Outcome]:
    """Select projects until the first one that does not fit, then stop."""
    _refuse_threshold("greedy-no-skip", min_votes)
    return _walk(ordered, budget, stop_at_misfit=True, min_votes=None)


def _greedy_threshold(ordered: Sequence[Candidate], budget: Decimal, min_votes: int | None) -> list[Outcome]:
    """Like greedy, but projects with fewer than ``min_votes`` are not eligible."""
    if min_votes is None:
        raise ValueError("rule 'greedy-threshold' needs min_votes")
    return _walk(ordered, budget, stop_at_misfit=False, min_votes=min_votes)


RULES: dict[str, Rule] = {
    "greedy": _greedy,
    "greedy-no-skip": _greedy_no_skip,
    "greedy-threshold": _greedy_threshold,
}


def _walk(
    ordered: Sequence[Candidate],
    budget: Decimal,
    *,
    stop_at_misfit: bool,
    min_votes: int | None,
) -> list[Outcome]:
    remaining = budget
    stopped = False
    outcomes: list[Outcome] = []
    for rank, candidate in enumerate(ordered, start=1):
        if stopped:
            reason = "after-stop"
        elif min_votes is not None and candidate.votes < min_votes:
            reason = "below-threshold"
        elif candidate.cost <= remaining:
            reason = "fits"
        else:
            reason = "does-not-fit"
            stopped = stop_at_misfit
        selected = reason == "fits"
        outcomes.append(Outcome(candidate.id, selected, rank, reason, remaining))
        if selected:
            remaining -= candidate.cost
    return outcomes


def _refuse_threshold(rule: str, min_votes: int | None) -> None:
    if min_votes is not None:
        raise ValueError(f"min_votes applies only to 'greedy-threshold', not {rule!r}")


def _check_money(amount: object, what: str) -> None:
    if not isinstance(amount, Decimal):
        raise TypeError(f"{what} must be a Decimal, got {type(amount).__name__}")
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{what} must be a finite, non-negative amount, got {amount}")


def _check_candidate(candidate: Candidate, ids: set[str]) -> None:
    _check_money(candidate.cost, f"cost of project {candidate.id!r}")
    votes = candidate.votes
    if not isinstance(votes, int) or isinstance(votes, bool) or votes < 0:
        raise ValueError(f"votes of project {candidate.id!r} must be an int >= 0, got {votes!r}")
    if candidate.id in ids:
        raise ValueError(f"duplicate project id {candidate.id!r}")
    ids.add(candidate.id)
