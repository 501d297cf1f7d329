"""What the last build of a site was made from, kept beside it for the next one.

The cache (``.<output>-cache/`` beside the output folder, or the
``CIVIC_CACHE_PATH`` setting) holds, for each record file, its content's
hash and the rows read from it, and for each output of the site the tokens
it was made from (:mod:`civic.deps`). The next build

- reads only the files whose contents changed (a file whose size and
  modification time are as recorded, and not recent enough to have changed
  within the same clock tick, is taken to have the recorded contents, as
  git does), takes the other files' rows from the cache, and still checks
  the whole dataset across files;
- works out the tokens of the change: those of every changed, added or
  removed file's rows, as they were and as they are;
- keeps every output whose tokens are untouched where it is in the previous
  site and renders the rest (:mod:`civic.reuse`), which then replace their
  old versions in place (:mod:`civic.delta`).

Anything else the site is made from (the program, the schemas, the theme,
the content pages, the settings, the build day, the data's git commit)
goes into one key; when it differs, the whole site is rendered again.
The cache describes one output folder: if that folder is not the one the
cache was saved with, nothing is reused.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sqlite3
import sys
import time
import zlib
from collections.abc import Hashable
from dataclasses import dataclass, replace
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from civic import deps, heap
from civic.reuse import Fragment, Reuse
from civic.rowpickle import load_rows
from civic.rows import Row
from civic.schema import Catalog

if TYPE_CHECKING:
    from civic.readahead import ReadAhead

FORMAT = 7
MANIFEST = "build.pickle"
RACY_NS = 2_000_000_000
"""A file changed this close to the last save may have changed unseen: hash it."""
SearchState = tuple[int, list[str]]
"""How many search shards a build made outside the data section (which has its own), and the pages it indexed."""
PROGRAM = Path(__file__).resolve().parent
DISTRIBUTION = "civic"


@dataclass
class FileState:
    size: int
    mtime_ns: int
    digest: str
    shown: str
    blob: bytes
    """The rows read from the file, pickled (tables by name)."""
    changed: str = ""
    """When git last saw the file change (ISO), part of what its pages show."""


class BuildCache:
    def __init__(self, folder: Path | None, output: Path, ahead: ReadAhead | None = None):
        """The cache in ``folder`` of the site in ``output``; taken from ``ahead`` (:mod:`civic.readahead`)
        if that is still what the folder holds."""
        self.folder = folder
        self.output = output
        self.program = program_key()
        """The program's key, worked out once per build (compiled templates depend on it too)."""
        self.files: dict[str, FileState] = {}
        self.outputs: dict[str, frozenset[str]] = {}
        self.fragments: dict[Hashable, Fragment] = {}
        """The last build's list items (:meth:`civic.reuse.Reuse.fragment`)."""
        self.lists: dict[str, list[str]] = {}
        """The last build's list pages of each kind (:attr:`civic.reuse.Reuse.lists`)."""
        self.search: SearchState = (0, [])
        """The last build's search shards: how many, and the pages indexed."""
        self.search_now: SearchState = (0, [])
        self.site: list[str] = []
        """Every file of the last build's site, sorted."""
        self.site_now: list[str] = []
        self.parse_key = self.render_key = ""
        self.commit: str | None = None
        """The last commit that changed the data folder, as the last build saw it (:data:`deps.VERSION_TOKEN`)."""
        self.valid = False
        self.saved_ns = 0
        self.seen: dict[str, FileState] = {}
        self.catalog: Catalog | None = None
        self.data_dir: Path | None = None
        self.reuse: Reuse | None = None
        self.ahead: ReadAhead | None = None
        self.absent: frozenset[str] | None = None
        """The last build's outputs its site lacked when the cache was read ahead; None if it was not."""
        if folder is not None:
            self._load(ahead)

    # -- the previous build ---------------------------------------------------

    def _load(self, ahead: ReadAhead | None) -> None:
        assert self.folder is not None
        if ahead is not None and ahead.fits(self.folder / MANIFEST):
            saved, self.ahead = ahead.saved, ahead
        else:
            saved = read_manifest(self.folder)
        if saved is None:
            return
        try:
            files, parse, render, saved_ns = saved["files"], saved["parse_key"], saved["render_key"], saved["saved_ns"]
            commit = saved["commit"]
            valid = saved["output"] == _identity(self.output)
            outputs, search, site = (saved["outputs"], saved["search"], saved["site"]) if valid else ({}, (0, []), [])
            fragments, lists = (saved["fragments"], saved["lists"]) if valid else ({}, {})
        except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache: build everything
            return
        self.files, self.parse_key, self.render_key, self.saved_ns = files, parse, render, saved_ns
        self.commit = commit
        self.valid, self.outputs, self.search, self.fragments = valid, outputs, search, fragments
        self.lists = lists
        self.site = site
        if valid and self.ahead is not None:
            self.absent = self.ahead.absent

    # -- reading records --------------------------------------------------------

    def start(self, data_dir: Path, schemas_dir: Path) -> Catalog:
        """Begin reading ``data_dir``; cached rows count only if the program and schemas are the same.

        Returns the tables of ``schemas_dir``: those the rows read ahead refer to, if made from the same."""
        key = parse_key(schemas_dir, self.program)
        ahead = self.ahead
        catalog = ahead.catalog if ahead is not None and key == ahead.parse_key else Catalog.load(schemas_dir)
        self.catalog, self.data_dir = catalog, data_dir
        if key != self.parse_key:
            self.files = {}
            self.valid = False
        self.parse_key = key
        self.seen = {}
        return catalog

    def rows(self, path: str, shown: str, rel: str) -> list[Row] | None:
        """The rows of the file ``path`` (``rel`` relative to the data folder) whose contents are
        as cached, or None (read it, then :meth:`keep`)."""
        if self.catalog is None:
            return None
        state = self.files.get(rel)
        if state is None or state.shown != shown:
            return None
        try:
            stat = os.stat(path)
            stamp = (stat.st_size, stat.st_mtime_ns)
            unsure = stamp != (state.size, state.mtime_ns) or stat.st_mtime_ns >= self.saved_ns - RACY_NS
            if unsure and content_key(Path(path).read_bytes()) != state.digest:
                return None
        except OSError:
            return None
        if unsure:
            state = FileState(stat.st_size, stat.st_mtime_ns, state.digest, shown, state.blob, state.changed)
        self.seen[rel] = state
        ahead = self.ahead
        if ahead is not None and ahead.catalog is self.catalog:
            found = ahead.rows.get(rel)
            if found is not None and found[0] == state.digest:
                return found[1]
        return load_rows(state.blob, self.catalog)

    def keep(self, rel: str, shown: str, stamp: Stamp, blob: bytes) -> None:
        """Remember the rows (pickled) just read from a file (``rel``, its path relative to the data
        folder), as it was when read, with no problems."""
        if self.catalog is None:
            return
        self.seen[rel] = FileState(stamp.size, stamp.mtime_ns, stamp.digest, shown, blob)

    # -- what changed -------------------------------------------------------------

    def change(
        self, changes: dict[Path, datetime], render_key: str, site: deps.Describer, commit: str | None
    ) -> set[str] | None:
        """The tokens of everything that changed since the last build, or None if all must be rendered.

        ``commit`` is the last commit that changed the data folder: a new one is a new version
        of the data even if no record changed with it."""
        assert self.data_dir is not None and self.catalog is not None
        root = self.data_dir.resolve()
        dates = {
            path.relative_to(root).as_posix(): when.isoformat()
            for path, when in changes.items()
            if path.is_relative_to(root)
        }
        # New states, never the cached ones changed in place: those are what the last build saw.
        self.seen = {rel: _dated(state, dates.get(rel, "")) for rel, state in self.seen.items()}
        before, self.files = self.files, self.seen
        same_render = render_key == self.render_key
        same_commit = commit == self.commit
        self.render_key, self.commit = render_key, commit
        if not (self.valid and same_render):
            return None
        tokens: set[str] = set() if same_commit else {deps.VERSION_TOKEN}
        for rel in before.keys() | self.files.keys():
            old, new = before.get(rel), self.files.get(rel)
            if old is not None and new is not None and (old.digest, old.changed) == (new.digest, new.changed):
                continue
            rows = [load_rows(s.blob, self.catalog) if s is not None else [] for s in (old, new)]
            tokens |= deps.change_tokens(rows[0], rows[1], site)
        return tokens

    # -- after a build ------------------------------------------------------------

    @property
    def in_place(self) -> bool:
        """Whether the build kept outputs of the last one where they are, and so is published in place."""
        return self.reuse is not None and bool(self.reuse.kept)

    def forget(self) -> None:
        """Delete the record of the last build, before its site is changed in place: if that is cut short,
        the next build cannot trust the site and builds it in full."""
        if self.folder is not None:
            (self.folder / MANIFEST).unlink(missing_ok=True)

    def save(self) -> str | None:
        """Record the finished site (already in place at ``output``) for the next build;
        why it could not be recorded, or None."""
        if self.folder is None or self.reuse is None:
            return None
        try:
            self._write()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return (
                f"Nie zapisano pamięci podręcznej budowy w {self.folder}: {reason}; następna budowa zbuduje wszystko."
            )
        return None

    def _write(self) -> None:
        assert self.folder is not None and self.reuse is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        saved = {
            "format": FORMAT,
            "files": self.files,
            "parse_key": self.parse_key,
            "render_key": self.render_key,
            "commit": self.commit,
            "saved_ns": time.time_ns(),
            "output": _identity(self.output),
            "outputs": self.reuse.noted,
            "fragments": self.reuse.fragments,
            "lists": self.reuse.lists,
            "search": self.search_now,
            "site": self.site_now,
        }
        temporary = self.folder / f".{MANIFEST}.{os.getpid()}"
        with open(temporary, "wb") as handle:
            pickle.dump(saved, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.folder / MANIFEST)


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """What the last build saved in the cache ``folder``; None if there is nothing this program can read."""
    try:
        with open(folder / MANIFEST, "rb") as handle, heap.long_lived():  # a city's: 70,000 files' rows
            saved = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache: build everything
        return None
    return saved if isinstance(saved, dict) and saved.get("format") == FORMAT else None


def cache_folder(settings: dict[str, Any], output: Path) -> Path | None:
    """Where the cache of ``output`` lives; None when the ``CIVIC_CACHE_PATH`` setting is empty."""
    chosen = settings.get("CIVIC_CACHE_PATH", "auto")
    if not chosen:
        return None
    if chosen == "auto":
        return output.with_name(f".{output.name}-cache")
    return Path(chosen)


def parse_key(schemas_dir: Path, program: str) -> str:
    """What reading a file depends on besides its contents: the ``program`` (:func:`program_key`)
    and the schemas."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(program.encode())
    _add_folder(digest, schemas_dir, "*")
    return digest.hexdigest()


def program_key() -> str:
    """The program's code, its libraries and Python."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    digest.update(libraries().encode())
    _add_folder(digest, PROGRAM, "*.py")
    return digest.hexdigest()


def libraries() -> str:
    """The versions of the libraries the outputs are made with (an upgrade makes them anew):
    the program's own dependencies as installed, SQLite and zlib."""
    try:
        wanted = [r for r in metadata.requires(DISTRIBUTION) or () if "extra ==" not in r]
    except metadata.PackageNotFoundError:  # run from a folder, not installed: its libraries cannot be named
        wanted = []
    versions = []
    for requirement in wanted:
        name = re.split(r"[\[=<>!~; ]", requirement, maxsplit=1)[0]
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return "\n".join([*versions, f"sqlite=={sqlite3.sqlite_version}", f"zlib=={zlib.ZLIB_RUNTIME_VERSION}"])


HOW_NOT_WHAT = frozenset({"OUTPUT_PATH", "CIVIC_PROCESSES", "CIVIC_CACHE_PATH"})
"""Settings that change how and where a build works, not what it writes."""


def render_key(parse: str, settings: dict[str, Any], folders: list[Path], today: date) -> str:
    """What every page depends on besides the records (``folders`` may name single files too)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{parse}\n{today.isoformat()}\n".encode())
    for name in sorted(settings):
        value = settings[name]
        if not name.startswith("_") and name not in HOW_NOT_WHAT and _plain(value):
            digest.update(f"{name}={value!r}\n".encode())
    for folder in folders:
        _add_folder(digest, folder, "*")
    return digest.hexdigest()


def _plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool, type(None))):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _add_folder(digest: Any, folder: Path, pattern: str) -> None:
    if folder.is_file():
        digest.update(folder.as_posix().encode() + b"\0" + folder.read_bytes())
        return
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())


def _identity(output: Path) -> tuple[str, int, int] | None:
    try:
        stat = output.stat()
    except OSError:
        return None
    return (str(output.resolve()), stat.st_ino, stat.st_dev)


class Stamp(NamedTuple):
    """A record file as it was read: its size, modification time and content key."""

    size: int
    mtime_ns: int
    digest: str


def _dated(state: FileState, changed: str) -> FileState:
    return state if state.changed == changed else replace(state, changed=changed)


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()
