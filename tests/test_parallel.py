"""Writing pages on several cores gives the same site, byte for byte, as one core."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from civic import parallel
from civic.build import build
from tests.conftest import ROOT


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_and_exports_in_parallel_equal_a_single_process_build(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    common = {"CIVIC_DATA_PATH": str(data_dir), "CIVIC_SEARCH": False, "CIVIC_TODAY": "2026-11-22"}
    assert build(ROOT / "pelicanconf.py", tmp_path / "one", {**common, "CIVIC_PROCESSES": 1}) == []
    assert build(ROOT / "pelicanconf.py", tmp_path / "two", {**common, "CIVIC_PROCESSES": 2}) == []
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_a_failure_in_a_worker_fails_the_build(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)

    def work(item: int) -> None:
        if item == 3:  # item 3 goes to the child: items[1::2]
            raise ValueError("zepsuty szablon")

    with pytest.raises(parallel.WorkerFailed, match="zepsuty szablon"):
        parallel.run_split(list(range(8)), work, 2)


def test_results_come_back_in_the_order_of_the_items(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    results = parallel.run_split(list(range(9)), lambda item: (item, os.getpid()), 2)
    assert [item for item, _ in results] == list(range(9))
    assert len({pid for _, pid in results}) == 2  # the odd items were worked in another process


def test_a_build_leaves_the_garbage_collector_as_it_found_it(data_dir: Path, tmp_path: Path):
    """Records are frozen out of the collector's sight during a build only: a process that goes on
    (the tests, ``serve``) must be able to collect what the build left behind."""
    import gc

    assert gc.isenabled() and gc.get_freeze_count() == 0
    overrides = {"CIVIC_DATA_PATH": str(data_dir), "CIVIC_SEARCH": False, "CIVIC_TODAY": "2026-11-22"}
    assert build(ROOT / "pelicanconf.py", tmp_path / "site", overrides) == []
    assert gc.isenabled() and gc.get_freeze_count() == 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


LONGEST_S = 60
"""How long a test's child waits at most, so that none is left running if the code under test fails."""


def _wait_for(path: Path) -> str:
    """What a child wrote to ``path``, once it has (a child reports its pid this way)."""
    deadline = time.monotonic() + LONGEST_S
    while not path.exists() or not path.read_text().endswith("\n"):
        assert time.monotonic() < deadline, f"nothing was written to {path}"
        time.sleep(0.01)
    return path.read_text().strip()


def idle_until(release: Path) -> None:
    """Wait in a child until ``release`` exists, or for :data:`LONGEST_S`; then say so beside it."""
    deadline = time.monotonic() + LONGEST_S
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    (release.parent / f"{os.getpid()}.ended").write_text("")


def test_a_cancelled_child_is_stopped_with_the_children_it_started(tmp_path: Path):
    """Work no longer wanted is stopped, not waited for; nor is work it started left running."""

    def idle(name: str) -> None:
        (tmp_path / name).write_text(f"{os.getpid()}\n")
        idle_until(tmp_path / "never")

    def starts_another() -> None:
        inner = parallel.Background(lambda: idle("inner"))
        idle("outer")
        inner.join()

    child = parallel.Background(starts_another)
    outer, inner = int(_wait_for(tmp_path / "outer")), int(_wait_for(tmp_path / "inner"))
    assert _alive(outer) and _alive(inner)
    child.cancel()
    assert not _alive(outer)
    assert not _alive(inner)  # it was its parent's to stop, and it is not left behind
    child.cancel()  # once stopped, there is nothing more to do
