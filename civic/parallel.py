"""Spreading independent work over the machine's cores by forking.

The children inherit the checked records, the templates and the writer as
they are (copy-on-write), so nothing is pickled; each child takes every
n-th item. A failure in a child is reported by the parent like its own.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

MIN_ITEMS_PER_WORKER = 200
"""Below this, forking costs more than it saves."""


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


def run_split(items: Sequence[T], work: Callable[[T], None], processes: int) -> None:
    """Call ``work`` on every item, in ``processes`` processes (this one included)."""
    processes = min(processes, max(1, len(items) // MIN_ITEMS_PER_WORKER))
    if processes <= 1 or not hasattr(os, "fork"):
        for item in items:
            work(item)
        return

    def share(index: int) -> None:
        for item in items[index::processes]:
            work(item)

    children = [Background(lambda index=index: share(index)) for index in range(1, processes)]
    failure: BaseException | None = None
    try:
        share(0)
    except BaseException as exc:  # noqa: BLE001 - wait for the children before raising
        failure = exc
    messages = []
    for child in children:
        try:
            child.join()
        except WorkerFailed as exc:
            messages.append(str(exc))
    if failure is not None:
        raise failure
    if messages:
        raise WorkerFailed("; ".join(messages))


class Background:
    """One piece of work running in a forked child while this process goes on."""

    def __init__(self, work: Callable[[], None]):
        self.pid = 0
        self.read_end = -1
        if not hasattr(os, "fork"):
            work()
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_end)
            status = 0
            try:
                work()
            except BaseException:  # noqa: BLE001 - everything must reach the parent
                os.write(write_end, traceback.format_exc().encode("utf-8", "replace"))
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os.close(write_end)
                os._exit(status)
        os.close(write_end)
        self.pid, self.read_end = pid, read_end

    def join(self) -> None:
        """Wait for the child; raise WorkerFailed with its error if it failed."""
        if not self.pid:
            return
        with os.fdopen(self.read_end, "rb") as pipe:
            message = pipe.read().decode("utf-8", "replace").strip()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status != 0:
            raise WorkerFailed(message.splitlines()[-1] if message else f"exit status {status}")
