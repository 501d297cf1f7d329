"""Work handed out in small chunks, to this process and forked children, as each is free.

Shares fixed in advance (:func:`civic.parallel.run_split`) leave one process
waiting for the other when items take uneven time, or when this process has
more to do besides: it takes in what the children send back. Here the
numbers of the chunks not yet taken wait in a pipe, and each process takes
the next one when it is done with its last. A child sends each chunk's
results as soon as they are ready; a thread of this process reads them off
the pipe, and this process takes them in (``receive``) between its own
chunks, so that little is left to take in when the last chunk is done.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TypeVar

from civic import heap
from civic.parallel import WorkerFailed

T = TypeVar("T")
R = TypeVar("R")

_CHUNK_NUMBER = struct.Struct("<I")
_FRAME = struct.Struct("<?IQ")  # failed, chunk number, length of what follows
MAX_CHUNKS = 1024
"""All chunk numbers are written to the pipe before any process reads: 4 KB, what the smallest pipe holds."""


def _pickled(part: list[R]) -> bytes:
    return pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)


def run_queued(
    items: Sequence[T],
    work: Callable[[T], R],
    processes: int,
    chunk: int = 64,
    send: Callable[[list[R]], bytes] = _pickled,
    receive: Callable[[bytes], list[R]] = pickle.loads,
) -> list[R]:
    """Call ``work`` on every item, in ``processes`` processes (this one included); its results,
    in the order of the items.

    A child sends each chunk's results as ``send`` makes them bytes, and this
    process reads them back with ``receive`` (which may also unpickle what
    the child's work pickled, say); a result made here is kept as it is. A
    failure in a child raises :class:`WorkerFailed` with its message."""
    chunk = max(chunk, -(-len(items) // MAX_CHUNKS))
    chunks = -(-len(items) // chunk)
    if processes <= 1 or chunks < 2 or not hasattr(os, "fork"):
        return [work(item) for item in items]
    results: list[R] = [None] * len(items)  # type: ignore[list-item]

    def do(number: int) -> list[R]:
        return [work(item) for item in items[number * chunk : (number + 1) * chunk]]

    def place(number: int, part: list[R]) -> None:
        results[number * chunk : number * chunk + len(part)] = part

    def take_in(number: int, payload: bytes) -> None:
        place(number, receive(payload))

    def do_and_send(number: int) -> bytes:
        return send(do(number))

    tasks = _chunk_numbers(chunks)
    children = [_Child(tasks, do_and_send) for _ in range(min(processes, chunks) - 1)]
    arrivals: queue.SimpleQueue[tuple[_Child, bool, int, bytes] | _Child] = queue.SimpleQueue()
    for child in children:
        child.listen(arrivals)
    failure: BaseException | None = None
    messages: list[str] = []
    open_children = len(children)
    try:
        while (number := _next(tasks)) is not None:
            place(number, do(number))
            while not arrivals.empty():
                open_children -= _arrived(arrivals.get(), take_in, messages, tasks)
    except BaseException as exc:  # noqa: BLE001 - let the children stop, then raise
        failure = exc
        _drain(tasks)
    while open_children:
        open_children -= _arrived(arrivals.get(), take_in if failure is None else _ignore, messages, tasks)
    os.close(tasks)
    for child in children:
        status = child.wait()
        if status and not child.reported:
            messages.append(f"exit status {status}")
    if failure is not None:
        raise failure
    if messages:
        raise WorkerFailed("; ".join(messages))
    return results


def _chunk_numbers(chunks: int) -> int:
    """A pipe holding every chunk's number; its reading end (the writing end is closed)."""
    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "wb") as pipe:
        pipe.write(b"".join(_CHUNK_NUMBER.pack(number) for number in range(chunks)))
    return read_end


def _next(tasks: int) -> int | None:
    """The number of the next chunk no process has taken; None when there is none left."""
    taken = os.read(tasks, _CHUNK_NUMBER.size)  # a pipe hands each number whole to one reader
    return _CHUNK_NUMBER.unpack(taken)[0] if taken else None


def _drain(tasks: int) -> None:
    while _next(tasks) is not None:
        pass


def _ignore(number: int, payload: bytes) -> None:
    pass


def _arrived(
    arrival: tuple[_Child, bool, int, bytes] | _Child,
    take_in: Callable[[int, bytes], None],
    messages: list[str],
    tasks: int,
) -> int:
    """Take in one message from a child; 1 if it was the child's last, else 0."""
    if isinstance(arrival, _Child):
        return 1
    child, failed, number, payload = arrival
    if failed:
        child.reported = True
        text = payload.decode("utf-8", "replace").strip()
        messages.append(text.splitlines()[-1] if text else "błąd w procesie pomocniczym")
        _drain(tasks)  # the others stop after their current chunk
    else:
        take_in(number, payload)
    return 0


class _Child:
    """A forked process that works chunks from the pipe until it is empty, sending each one's results."""

    def __init__(self, tasks: int, do: Callable[[int], bytes]):
        read_end, write_end = os.pipe()
        heap.settle()  # the child need not scan, nor copy, what it inherits
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_end)
            _serve(tasks, do, write_end)
        os.close(write_end)
        self.pid, self.read_end = pid, read_end
        self.reported = False
        self._thread: threading.Thread | None = None

    def listen(self, arrivals: queue.SimpleQueue) -> None:
        """Read this child's messages in a thread, as they come, into ``arrivals``; the child itself last."""
        self._thread = threading.Thread(target=self._read, args=(arrivals,), daemon=True)
        self._thread.start()

    def _read(self, arrivals: queue.SimpleQueue) -> None:
        with os.fdopen(self.read_end, "rb") as pipe:
            while header := pipe.read(_FRAME.size):
                if len(header) < _FRAME.size:
                    break  # cut short: the exit status tells why
                failed, number, length = _FRAME.unpack(header)
                arrivals.put((self, failed, number, pipe.read(length)))
        arrivals.put(self)

    def wait(self) -> int:
        if self._thread is not None:
            self._thread.join()
        _, status = os.waitpid(self.pid, 0)
        return status


def _serve(tasks: int, do: Callable[[int], bytes], write_end: int) -> None:
    """The child's life: chunks until none is left, then exit without the parent's exit handlers."""
    status = 0
    pipe = os.fdopen(write_end, "wb")
    number = None
    try:
        while (number := _next(tasks)) is not None:
            payload = do(number)
            pipe.write(_FRAME.pack(False, number, len(payload)))
            pipe.write(payload)
            pipe.flush()
    except BaseException:  # noqa: BLE001 - everything must reach the parent
        text = traceback.format_exc().encode("utf-8", "replace")
        pipe.write(_FRAME.pack(True, number or 0, len(text)))
        pipe.write(text)
        status = 1
    finally:
        with suppress(OSError):
            pipe.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
