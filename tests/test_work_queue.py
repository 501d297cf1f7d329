"""Work handed out chunk by chunk to this process and a forked child."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from civic import work_queue
from civic.parallel import WorkerFailed


def _slowly(item: int) -> tuple[int, int]:
    time.sleep(0.0005)  # long enough for the child to start and take its chunks
    return item, os.getpid()


def test_results_come_back_in_the_order_of_the_items_from_both_processes():
    results = work_queue.run_queued(list(range(1000)), _slowly, 2, chunk=10)
    assert [item for item, _ in results] == list(range(1000))
    assert len({pid for _, pid in results}) == 2


def test_only_what_a_child_sent_back_is_taken_in():
    here = os.getpid()
    results = work_queue.run_queued(
        list(range(300)), _slowly, 2, chunk=7, receive=lambda payload: [(r[0], -1) for r in pickle.loads(payload)]
    )
    assert {pid for _, pid in results} == {here, -1}
    assert [item for item, _ in results] == list(range(300))


def test_a_childs_chunks_travel_as_send_and_receive_make_them():
    here = os.getpid()
    results = work_queue.run_queued(
        list(range(300)),
        _slowly,
        2,
        chunk=7,
        send=lambda part: repr(part).encode(),
        receive=lambda payload: [(item, "received") for item, _ in eval(payload)],  # noqa: S307 - our own repr
    )
    assert {pid for _, pid in results} == {here, "received"}
    assert [item for item, _ in results] == list(range(300))


def test_a_slow_process_takes_fewer_chunks():
    """Shares are not fixed in advance: while this process is slow, the child takes more."""
    here = os.getpid()

    def work(item: int) -> int:
        if os.getpid() == here:
            time.sleep(0.002)
        return os.getpid()

    results = work_queue.run_queued(list(range(400)), work, 2, chunk=4)
    assert results.count(here) < 100


def test_many_items_are_cut_into_at_most_so_many_chunks():
    results = work_queue.run_queued(list(range(50_000)), lambda item: item * 2, 2, chunk=1)
    assert results == [item * 2 for item in range(50_000)]


def test_a_failure_in_the_child_is_raised_with_its_message():
    here = os.getpid()

    def work(item: int) -> int:
        if os.getpid() != here:
            raise ValueError("zepsuty rekord")
        time.sleep(0.001)  # leave the child chunks to take
        return item

    with pytest.raises(WorkerFailed, match="zepsuty rekord"):
        work_queue.run_queued(list(range(200)), work, 2, chunk=5)


def test_a_failure_here_is_raised_once_the_child_has_stopped(tmp_path: Path):
    here = os.getpid()
    seen: list[int] = []
    children = tmp_path / "children"

    def work(item: int) -> int:
        if os.getpid() == here:
            seen.append(item)
            raise KeyError("tu")
        with children.open("a") as noted:
            noted.write(f"{os.getpid()}\n")
        time.sleep(0.001)
        return item

    with pytest.raises(KeyError, match="tu"):
        work_queue.run_queued(list(range(200)), work, 2, chunk=5)
    assert len(seen) == 1
    for pid in set(children.read_text().split() if children.exists() else ()):
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)  # ended and reaped, not left running or as a zombie


def test_one_process_or_one_chunk_works_here():
    here = os.getpid()
    assert work_queue.run_queued([1, 2, 3], lambda item: os.getpid(), 2) == [here] * 3
    assert work_queue.run_queued(list(range(500)), lambda item: os.getpid(), 1) == [here] * 500
