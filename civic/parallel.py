"""Spreading independent work over the machine's cores by forking.

The children inherit the checked records, the templates and the writer as
they are (copy-on-write), so nothing is pickled on the way in; each child
takes every n-th item and sends back only what its work returned. A failure
in a child is reported by the parent like its own.

A child whose work is no longer wanted (its build failed) is stopped
(:meth:`Background.cancel`): it stops the children it started itself first,
so that none is left writing into a folder about to be deleted.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from civic import heap

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 200
"""Below this, forking costs more than it saves."""

_started: set[int] = set()
"""The children of this process still running (:class:`Background`), by process id."""


class WorkerFailed(Exception):
    """A child process failed; its message says why."""


def workers(count: int | None = None) -> int:
    """How many processes to use: the setting, or the cores this process may run on."""
    if count:
        return max(1, count)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run_split(items: Sequence[T], work: Callable[[T], R], processes: int) -> list[R]:
    """Call ``work`` on every item, in ``processes`` processes (this one included);
    its results, in the order of the items.

    Each process takes every n-th item: its share of every kind of item. For
    work whose shares would take uneven time, see :mod:`civic.work_queue`."""
    processes = min(processes, max(1, len(items) // MIN_ITEMS_PER_WORKER))
    if processes <= 1 or not hasattr(os, "fork"):
        return [work(item) for item in items]
    taken = [list(range(index, len(items), processes)) for index in range(processes)]

    def share(index: int) -> list[R]:
        return [work(items[i]) for i in taken[index]]

    children = [Background(lambda index=index: share(index)) for index in range(1, processes)]
    failure: BaseException | None = None
    shares: list[list[R]] = [[] for _ in range(processes)]
    try:
        shares[0] = share(0)
    except BaseException as exc:  # noqa: BLE001 - wait for the children before raising
        failure = exc
    messages = []
    for index, child in enumerate(children, start=1):
        try:
            shares[index] = child.join()
        except WorkerFailed as exc:
            messages.append(str(exc))
    if failure is not None:
        raise failure
    if messages:
        raise WorkerFailed("; ".join(messages))
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    for indexes, part in zip(taken, shares, strict=True):
        for i, result in zip(indexes, part, strict=True):
            results[i] = result
    return results


class Background:
    """One piece of work running in a forked child while this process goes on.

    A ``nice`` child runs at that lower priority: its work may wait for what
    this process and its other children do (the open data for the pages)."""

    def __init__(self, work: Callable[[], Any], nice: int = 0):
        self.pid = 0
        self.read_end = -1
        self.result: Any = None
        if not hasattr(os, "fork"):
            self.result = work()
            return
        read_end, write_end = os.pipe()
        heap.settle()  # the child need not scan, nor copy, what it inherits
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_end)
            _started.clear()  # its parent's children are not its own
            signal.signal(signal.SIGTERM, _stop)
            if nice:
                os.nice(nice)
            status = 0
            try:
                message = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - everything must reach the parent
                message = traceback.format_exc().encode("utf-8", "replace")
                status = 1
            try:
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(message)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(write_end)
        self.pid, self.read_end = pid, read_end
        _started.add(pid)

    def join(self) -> Any:
        """Wait for the child and return what its work returned; raise WorkerFailed with its error if it failed."""
        if not self.pid:
            return self.result
        with os.fdopen(self.read_end, "rb") as pipe:
            message = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        _started.discard(self.pid)
        self.pid = 0
        if status != 0:
            text = message.decode("utf-8", "replace").strip()
            raise WorkerFailed(text.splitlines()[-1] if text else f"exit status {status}")
        self.result = pickle.loads(message)
        return self.result

    def cancel(self) -> None:
        """Stop the child, and the children it started, without waiting for its work; nothing is returned."""
        if not self.pid:
            return
        pid, self.pid = self.pid, 0
        _end(pid)
        os.close(self.read_end)


def _end(pid: int) -> None:
    """Ask a child to stop (:func:`_stop`) and wait until it has."""
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):  # it had ended, and was waited for
        pass
    _started.discard(pid)


def _stop(signum: int, frame: Any) -> None:
    """A child asked to stop: it stops its own children, then ends at once (its work is not wanted)."""
    for pid in list(_started):
        _end(pid)
    os._exit(1)
