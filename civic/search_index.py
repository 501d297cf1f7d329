"""The site's search index (Pagefind), split into shards.

Pagefind holds a whole index in memory while it writes it (about 80 KB per
page) and cannot add a page to an index it wrote (every new word reorders
its files). So the indexed pages are split into shards of at most
``CIVIC_SEARCH_SHARD_PAGES`` pages, each its own Pagefind bundle in
``pagefind/<n>/``; the search page merges them in the browser (Pagefind's
``mergeIndex``), listed in ``pagefind/shards.json``. A page's shard follows
from its path alone, so an edit re-indexes only the shards whose pages
changed, came or went, and the others are taken from the last build as they
are. The shards are indexed side by side, one Pagefind process per core.

On a site of several shards, the open-data section's pages (``dane/``) have
a shard of their own, ``pagefind/dane/``: they are written alongside the
other pages, by the exports, and are ready last. So the other shards are
indexed (:meth:`Indexing.begin`) while the exports still run, and the data
shard once they are done (:meth:`Indexing.end`). A site of one shard (a
town's) keeps its data pages in it: one more shard would cost every
reader's first search more requests than it saves the build.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civic.export.catalogue import SECTION as DATA
from civic.parallel import workers

if TYPE_CHECKING:
    from civic.buildcache import BuildCache
    from civic.reuse import Reuse

FOLDER = "pagefind/"
SHARDS_FILE = "shards.json"
DATA_SHARD = DATA.rstrip("/")
"""The name of the open-data section's shard."""
INDEXED = b"data-pagefind-body"
GLOB_SPECIAL = frozenset("*?[]{},<>:")
"""What Pagefind's globs (the wax crate) read as syntax unless escaped; ``!`` is literal outside
``[...]``, and escaping it is an error."""
SHARD_PAGES = 5_000
"""Pages per shard unless the setting says otherwise: about 400 MB for Pagefind, and few
enough shards at city scale (about 15) for a phone to fetch on its first search."""


def shard_count(pages: int, per_shard: int) -> int:
    """How many shards ``pages`` indexed pages make; it changes only when a multiple of ``per_shard`` is crossed."""
    return max(1, math.ceil(pages / max(1, per_shard)))


def shard_of(page: str, count: int) -> str:
    """The shard a page belongs to, one of ``count`` from its path alone, so that it stays put as
    other pages come and go; with more than one, the data section's pages have their own."""
    if count > 1 and page.startswith(DATA):
        return DATA_SHARD
    return str(zlib.crc32(page.encode("utf-8")) % count)


def shards(indexed: Iterable[str], count: int) -> dict[str, list[str]]:
    """The indexed pages of each shard, in order: ``count`` shards, then the data section's, if it has its own."""
    split: dict[str, list[str]] = {str(number): [] for number in range(count)}
    for page in sorted(indexed):
        split.setdefault(shard_of(page, count), []).append(page)
    return split


def indexed_pages(site_dir: Path, pages: list[str], cache: BuildCache | None) -> list[str]:
    """The pages Pagefind indexes (those marking their body); a page kept from the last build keeps its answer."""
    reuse = cache.reuse if cache is not None else None
    before = set(cache.search[1]) if cache is not None and reuse is not None and reuse.changed is not None else None
    found = []
    for page in pages:
        if before is not None and reuse is not None and reuse.is_kept(page):
            if page in before:
                found.append(page)
        elif INDEXED in (site_dir / page).read_bytes():
            found.append(page)
    return found


def search_index(
    site_dir: Path,
    settings: dict[str, Any],
    pages: list[str],
    cache: BuildCache | None = None,
    begun: Indexing | None = None,
) -> str | None:
    """Index the site's ``pages``, shard by shard; an error message, or None.

    ``begun`` is the indexing of the pages outside the data section, started
    while the data section was being written; it is finished if it was given
    exactly those pages, else made again."""
    if not settings.get("CIVIC_SEARCH", True):
        return None
    outside = [page for page in pages if not page.startswith(DATA)]
    if begun is None or begun.pages != outside:
        if begun is not None:  # a page came after it began: start again from nothing
            begun.close()
            shutil.rmtree(site_dir / FOLDER, ignore_errors=True)
        begun = Indexing(site_dir, settings, cache)
        begun.begin(outside)
    return begun.end([page for page in pages if page.startswith(DATA)])


class Indexing:
    """The search index being made: the shards outside the data section first, then the data section's."""

    def __init__(self, site_dir: Path, settings: dict[str, Any], cache: BuildCache | None):
        self.site_dir, self.cache = site_dir, cache
        self.per_shard = settings.get("CIVIC_SEARCH_SHARD_PAGES") or SHARD_PAGES
        self.pool = ThreadPoolExecutor(max_workers=workers(settings.get("CIVIC_PROCESSES")))
        self.pages: list[str] = []
        self.every_page: list[str] = []
        self.count = 0
        self.indexed: list[str] = []
        self.names: list[str] = []
        self.running: list[Future[str | None]] = []

    def begin(self, pages: list[str]) -> None:
        """Start indexing ``pages``, every page outside the data section, all written by now
        (on a site of one shard, that waits for the data section)."""
        self.pages = self.every_page = pages
        self.indexed = indexed_pages(self.site_dir, pages, self.cache)
        self.count = shard_count(len(self.indexed), self.per_shard)
        if self.count > 1:
            self._index(shards(self.indexed, self.count))

    def end(self, pages: list[str]) -> str | None:
        """Index the data section's ``pages``, wait for every shard, and list them; an error, or None.

        On a site of one shard, which no page marks (a theme of its own), Pagefind
        is given no pages and indexes every page whole, as it would without shards."""
        data = indexed_pages(self.site_dir, pages, self.cache)
        self.every_page = self.pages + pages
        if self.count > 1:
            if data:
                self._index({DATA_SHARD: data})
        else:
            self._index(shards(self.indexed + data, 1))
        self.indexed += data
        if self.cache is not None:
            self.cache.search_now = (self.count, self.indexed)
        try:
            errors = [error for error in (job.result() for job in self.running) if error]
        finally:
            self.close()
        (self.site_dir / FOLDER).mkdir(parents=True, exist_ok=True)
        listing = json.dumps([f"{name}/" for name in self.names])
        (self.site_dir / FOLDER / SHARDS_FILE).write_text(listing + "\n", encoding="utf-8")
        return errors[0] if errors else None

    def close(self) -> None:
        """Wait for the shards being indexed (a build that failed leaves no Pagefind behind)."""
        self.pool.shutdown(wait=True)

    def _index(self, split: dict[str, list[str]]) -> None:
        kept = self._still_true(split)
        reuse = self.cache.reuse if self.cache is not None else None
        for name, members in split.items():
            self.names.append(name)
            if not (name in kept and reuse is not None and reuse.keep_folder(f"{FOLDER}{name}/")):
                self.running.append(self.pool.submit(self._index_shard, name, members))

    def _index_shard(self, name: str, members: list[str]) -> str | None:
        """Index one shard; after an edit, its pages are gathered first from where they are:
        written by this build or kept in the last one's site."""
        out = self.site_dir / FOLDER / name
        if self.cache is None or self.cache.reuse is None or not self.cache.in_place:  # every page is in the folder
            return _index_shard(self.site_dir, out, members)
        view = _gather(self.site_dir, self.cache.output, members or self.every_page, self.cache.reuse)
        try:
            return _index_shard(view, out, members)
        finally:
            shutil.rmtree(view, ignore_errors=True)

    def _still_true(self, split: dict[str, list[str]]) -> set[str]:
        """The shards whose index from the last build fits this site: none of their pages came, went or changed
        (whether the last build's folder is still there, :meth:`Reuse.keep_folder` sees)."""
        cache = self.cache
        if cache is None or cache.reuse is None or cache.reuse.changed is None:
            return set()
        reuse, previous = cache.reuse, cache.output
        kept = set()
        for name, members in split.items():
            if members != self._before.get(name):
                continue
            if all(reuse.is_kept(page) or _same(self.site_dir / page, previous / page) for page in members):
                kept.add(name)
        return kept

    @cached_property
    def _before(self) -> dict[str, list[str]]:
        """The last build's shards (laid out once, for the shards outside the data section and for its own)."""
        assert self.cache is not None
        count, indexed = self.cache.search
        return shards(indexed, count)


def _gather(site_dir: Path, previous: Path, pages: list[str], reuse: Reuse) -> Path:
    """A folder beside ``site_dir`` holding ``pages`` as the new site will have them: links to those
    written into ``site_dir`` and to those kept in ``previous``, the last build's site."""
    view = Path(tempfile.mkdtemp(prefix=".civic-search-", dir=site_dir.parent))
    new, old, into = f"{site_dir}{os.sep}", f"{previous}{os.sep}", f"{view}{os.sep}"
    made: set[str] = set()
    for page in pages:
        folder = os.path.dirname(page)
        if folder not in made:
            os.makedirs(into + folder, exist_ok=True)
            made.add(folder)
        source = (old if reuse.is_kept(page) else new) + page
        try:
            os.link(source, into + page)
        except OSError:  # another file system: copy it
            shutil.copyfile(source, into + page)
    return view


def _index_shard(site_dir: Path, out: Path, members: list[str]) -> str | None:
    """Run Pagefind on one shard's pages in ``site_dir``, writing its bundle to ``out``; its error, or None.

    The pages go in a glob in a configuration file: a command-line argument
    cannot hold thousands of paths. With no page marking its body, Pagefind
    indexes every page whole, as it would without shards."""
    config: dict[str, Any] = {
        "site": str(site_dir.resolve()),
        "output_path": str(out.resolve()),
        "quiet": True,
    }
    if members:
        config["glob"] = "{" + ",".join(_glob_literal(page) for page in members) + "}"
    with tempfile.TemporaryDirectory(prefix="civic-search-") as folder:
        (Path(folder) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "pagefind"], cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        return f"Indeks wyszukiwarki nie powstał: {result.stderr.strip() or result.stdout.strip()}"
    return None


def _glob_literal(page: str) -> str:
    """A path as a glob that matches only itself. A backslash cannot be escaped in these globs,
    so it is matched by ``?`` (any one character): a page named ``a\\b`` could bring ``a_b`` into its
    shard as well, which no address the site writes can do."""
    return "".join("?" if c == "\\" else f"\\{c}" if c in GLOB_SPECIAL else c for c in page)


def _same(new: Path, old: Path) -> bool:
    try:
        return new.read_bytes() == old.read_bytes()
    except FileNotFoundError:
        return False
