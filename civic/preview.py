"""Previewing the site while it is edited: each saved change is built and shown.

``civic serve --watch`` builds the site, serves it (:mod:`civic.serve`) and
watches the files it is made from: the data folder (schemas included), the
Markdown content, the theme and the settings file. Each change is built as
``civic build`` builds it, from the last build's cache, so only what the
change touches is made again; the previewed pages then reload themselves.

Each build runs in a child forked from this process, which imported Pelican,
Jinja and the exporters once, and read the last build's cache while waiting
for the save (:mod:`civic.readahead`): a rebuild does not pay for starting
Python and importing them again (about half a second), nor for reading the
cache (about 4 s of a city's rebuild); whatever a build leaves in memory goes
with its child. The child tells this process as soon as its pages are written
(:func:`civic.build.build`'s ``pages_ready``), and they are shown from its
folder from then on: at city scale, seconds before the open data and the
search index are made and the whole is put in place. A build that fails (bad
records, a template error) leaves the site as it was; its report is printed,
and every previewed page shows it until a build succeeds.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from civic.buildcache import MANIFEST
from civic.parallel import Background, WorkerFailed
from civic.plural import plural
from civic.readahead import ReadAhead, let_go, read_ahead

if TYPE_CHECKING:
    from watchfiles import Change

    from civic.build import PagesReady

FAILED = "Strona nie została przebudowana: popraw błędy poniżej. Podgląd pokazuje ostatnią udaną wersję."
"""What a previewed page says above the report of a failed build."""
BUILDING = "Przebudowuję stronę po zapisanych zmianach…"
"""What a previewed page says while a build runs (it reloads itself once the build's pages are ready)."""


@dataclass
class PreviewState:
    """What the previewed pages ask the server for: which build they show, and the last build's errors."""

    version: int = 0
    """Raised when a build's pages are ready, and when a build succeeds (or fails after its pages
    were shown): a page made before it reloads."""
    building: bool = False
    waiting: bool = False
    """Nothing to do till the next save: the last build is over, and its cache read ahead."""
    errors: list[str] = field(default_factory=list)
    staged: Path | None = None
    """The folder of the running build's pages, once they are written and until the build ends:
    the files it wrote are shown rather than the site's own (:class:`civic.serve.PreviewHandler`)."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def as_json(self) -> bytes:
        with self.lock:
            state = {
                "wersja": self.version,
                "budowa": self.building,
                "czeka": self.waiting,
                "bledy": self.errors,
                "komunikat": FAILED if self.errors else "",
                "postep": BUILDING if self.building else "",
            }
        return json.dumps(state, ensure_ascii=False).encode("utf-8")

    def started(self) -> None:
        with self.lock:
            self.building, self.waiting = True, False

    def idle(self) -> None:
        with self.lock:
            self.waiting = True

    def pages_ready(self, folder: Path) -> None:
        """The running build's pages are written: its records passed every check, so the last
        build's report goes with them."""
        with self.lock:
            self.staged = folder
            self.errors = []
            self.version += 1

    def finished(self, errors: list[str]) -> None:
        """The build ended: its pages are in the site, or (it failed) those shown go back to the site's."""
        with self.lock:
            shown, self.staged = self.staged is not None, None
            self.building = False
            self.errors = errors
            if not errors or shown:
                self.version += 1


SETTLE_S = 2.0
"""How long after a build the cache waits to be read ahead (a save meanwhile is built at once,
without it): reading it holds the interpreter for seconds at city scale (the last rows let go, the
new ones read), and the pages reloading after the build are served by this process too."""

Build = Callable[["PagesReady | None"], list[str]]
"""One build of the site, telling the callback where its pages are once written: its errors,
none if it was put in place."""


def watched(settings: dict) -> list[Path]:
    """What the site is made from, as the settings say: the data, content and theme folders."""
    folders = [settings.get("CIVIC_DATA_PATH"), settings.get("PATH"), settings.get("THEME")]
    found = {Path(folder).resolve() for folder in folders if folder and Path(folder).is_dir()}
    return sorted(found)


class ReadingAhead:
    """The cache of the last build, read again (:mod:`civic.readahead`) whenever a build wrote a new one."""

    def __init__(self, folder: Path | None, schemas_dir: Path):
        self.folder, self.schemas_dir = folder, schemas_dir
        self.current: ReadAhead | None = None

    def refresh(self) -> None:
        if self.folder is None or not hasattr(os, "fork"):  # a build in this process would change the rows
            return
        if self.current is not None:
            if self.current.fits(self.folder / MANIFEST):
                return
            self.current = None
            let_go()
        self.current = read_ahead(self.folder, self.schemas_dir)


def build_in_child(build: Build, pages_ready: PagesReady) -> list[str]:
    """Run one build in a forked child; its errors (a child that died is one of them).

    ``pages_ready`` is called in this process (from a thread of its own) once
    the child's pages are written, with their folder, and before this returns
    (unless the child's own children keep the pipe open 10 s after it ended)."""
    read_end, write_end = os.pipe()

    def tell(folder: Path) -> None:  # in the child
        os.write(write_end, os.fsencode(folder) + b"\n")

    listener = threading.Thread(target=_listen, args=(read_end, pages_ready), name="preview-pages", daemon=True)
    listener.start()
    try:
        try:
            child = Background(lambda: build(tell))
        finally:
            os.close(write_end)  # this process's end: the line, or the end of the pipe, comes from the child
        return list(child.join())
    except WorkerFailed as exc:
        return [f"Budowa przerwana: {exc}"]
    finally:
        # The child has ended, so its line is in the pipe if it was sent; the pipe ends once its own
        # children (holding it since they were forked) have ended too, as each build waits for them.
        listener.join(timeout=10)


def _listen(read_end: int, pages_ready: PagesReady) -> None:
    with os.fdopen(read_end, "rb") as pipe:
        line = pipe.readline()
    if line.endswith(b"\n"):
        pages_ready(Path(os.fsdecode(line[:-1])))


def rebuild(state: PreviewState, build: Build, changed: Iterable[str] = ()) -> list[str]:
    """Build once (again after the ``changed`` files), keeping ``state`` up to date and saying in
    the terminal what happened."""
    names = sorted(changed)
    if names:
        more = len(names) - 3
        shown = ", ".join(names[:3]) + (f" i {more} {plural(more, 'inny', 'inne', 'innych')}" if more > 0 else "")
        print(f"Zmiany: {shown}. Przebudowuję…", flush=True)
    state.started()
    began = time.perf_counter()

    def pages_ready(folder: Path) -> None:
        state.pages_ready(folder)
        print(f"Strony gotowe po {_since(began)} s; pliki z danymi i wyszukiwarka jeszcze się budują…", flush=True)

    errors = build_in_child(build, pages_ready)
    state.finished(errors)
    took = _since(began)
    if errors:
        print("\n".join(errors), flush=True)
        print(f"Strona NIE została przebudowana ({took} s); podgląd pokazuje ostatnią udaną wersję.", flush=True)
    else:
        print(f"{'Przebudowano' if names else 'Zbudowano'} w {took} s.", flush=True)
    return errors


def settle(state: PreviewState, ahead: ReadingAhead, saved: Changes) -> None:
    """After a build: once the pages it made reload (:data:`SETTLE_S`), read its cache ahead and
    wait for a save; if something is saved before, build it at once (reading the cache in the build)."""
    if saved.quiet_for(SETTLE_S):
        ahead.refresh()
        state.idle()


def _since(began: float) -> str:
    """Seconds since ``began``, as Polish writes them (``1,3``)."""
    return f"{time.perf_counter() - began:.1f}".replace(".", ",")


class Changes:
    """The files changed, a batch at a time (a save that writes several files is one batch), watched
    from the moment this is made: what is saved during a build is built next, the first one included."""

    def __init__(self, paths: list[Path], settings_file: Path):
        self.targets = [*paths, settings_file.resolve()]
        self.batches: queue.SimpleQueue[set[str]] = queue.SimpleQueue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="preview-watch", daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        from watchfiles import watch

        for batch in watch(*self.targets, stop_event=self.stop, debounce=1600, step=100, raise_interrupt=False):
            names = _lasting(batch)
            if names:
                self.batches.put(names)

    def __iter__(self) -> Iterator[set[str]]:
        """Each time something was saved, everything saved since the last time."""
        while True:
            try:
                names = self.batches.get(timeout=0.5)  # a timeout, so that Ctrl+C is seen
            except queue.Empty:
                continue
            while not self.batches.empty():
                names |= self.batches.get()
            yield names

    def quiet_for(self, seconds: float) -> bool:
        """Whether nothing is saved within ``seconds``; what is, is the next batch all the same."""
        try:
            names = self.batches.get(timeout=seconds)
        except queue.Empty:
            return True
        self.batches.put(names)  # the batches of one wait are merged: their order does not matter
        return False

    def close(self) -> None:
        self.stop.set()


def _lasting(batch: set[tuple[Change, str]]) -> set[str]:
    """The files a batch changed, without those it made and deleted again (an editor's temporary files)."""
    from watchfiles import Change

    added = {path for change, path in batch if change == Change.added}
    deleted = {path for change, path in batch if change == Change.deleted}
    return {_shown(Path(path)) for _, path in batch if not (path in added and path in deleted)}


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
