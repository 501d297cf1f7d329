"""Keeping the cyclic garbage collector off the records during a build.

A city's build holds millions of long-lived objects: rows, their values and
positions, the indexes over them. CPython's collector walks every object it
tracks on each full collection, and while the records are read those
collections come again and again as the heap grows; a forked child that
collects also writes to every inherited object's header, which copies the
memory pages it shared with its parent. Measured on the synthetic city at
scale 0.1, collections took about 5 s of the build's CPU time, most of it in
the children.

So reading the records pauses the collector (they make no garbage cycles
worth collecting), and within a build whatever is alive once they are read,
and again before each fork, is frozen (:func:`gc.freeze`): collections skip
it, and children inherit it frozen. The build ends by unfreezing, so that a
process that goes on (the tests, ``serve``) collects what the build left.
Outside a build nothing is frozen.

At exit CPython frees every object one by one and collects once more: after
checking the synthetic city, about 2 s of a 14 s ``validate``. A command run
from the command line ends without that (:func:`end_process`).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import NoReturn

_builds = 0


@contextmanager
def build_session() -> Iterator[None]:
    """A build, or a check of the records alone: what is frozen during it is
    unfrozen when the (outermost) session ends.

    Without one, the records are left to the collector when reading them ends,
    and its next allocation sets off a full collection: about 0.7 s after
    checking a city."""
    global _builds
    _builds += 1
    try:
        yield
    finally:
        _builds -= 1
        if _builds == 0:
            gc.unfreeze()


@contextmanager
def long_lived() -> Iterator[None]:
    """Make objects meant to live to the end of the build without collections on the way."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        settle()
        if enabled:
            gc.enable()


def settle() -> None:
    """Within a build, move every object now alive out of the collector's sight (before a fork, too)."""
    if _builds:
        gc.freeze()


def end_process(code: int) -> NoReturn:
    """End the process with ``code`` without freeing its heap object by object.

    The exit handlers run and the standard streams are flushed first, so
    nothing written is lost; the system takes the memory back whole. With a
    thread still running, the process ends the usual way, which waits for it."""
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            stream.flush()
    os._exit(code)
