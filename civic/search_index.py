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
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civic.parallel import workers

if TYPE_CHECKING:
    from civic.buildcache import BuildCache

FOLDER = "pagefind/"
SHARDS_FILE = "shards.json"
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


def shard_of(page: str, count: int) -> int:
    """The shard a page belongs to: from its path alone, so that it stays put as other pages come and go."""
    return zlib.crc32(page.encode("utf-8")) % count


def shards(indexed: Iterable[str], count: int) -> list[list[str]]:
    """The indexed pages of each shard, in order."""
    split: list[list[str]] = [[] for _ in range(count)]
    for page in sorted(indexed):
        split[shard_of(page, count)].append(page)
    return split


def indexed_pages(site_dir: Path, pages: list[str], cache: BuildCache | None) -> list[str]:
    """The pages Pagefind indexes (those marking their body); a page linked from the last build keeps its answer."""
    reuse = cache.reuse if cache is not None else None
    before = set(cache.search[1]) if cache is not None and reuse is not None and reuse.changed is not None else None
    found = []
    for page in pages:
        if before is not None and reuse is not None and _linked(page, reuse.linked):
            if page in before:
                found.append(page)
        elif INDEXED in (site_dir / page).read_bytes():
            found.append(page)
    return found


def search_index(
    site_dir: Path, settings: dict[str, Any], pages: list[str], cache: BuildCache | None = None
) -> str | None:
    """Index the site, shard by shard; an error message, or None."""
    if not settings.get("CIVIC_SEARCH", True):
        return None
    indexed = indexed_pages(site_dir, pages, cache)
    count = shard_count(len(indexed), settings.get("CIVIC_SEARCH_SHARD_PAGES") or SHARD_PAGES)
    if cache is not None:
        cache.search_now = (count, indexed)
    split = shards(indexed, count)
    kept = _still_true(site_dir, split, cache)
    for number in kept:
        assert cache is not None and cache.reuse is not None
        cache.reuse.link_folder(f"{FOLDER}{number}/")
    todo = [(number, members) for number, members in enumerate(split) if number not in kept]
    with ThreadPoolExecutor(max_workers=workers(settings.get("CIVIC_PROCESSES"))) as pool:
        errors = [e for e in pool.map(lambda job: _index_shard(site_dir, *job), todo) if e]
    (site_dir / FOLDER).mkdir(parents=True, exist_ok=True)
    listing = json.dumps([f"{number}/" for number in range(count)])
    (site_dir / FOLDER / SHARDS_FILE).write_text(listing + "\n", encoding="utf-8")
    return errors[0] if errors else None


def _index_shard(site_dir: Path, number: int, members: list[str]) -> str | None:
    """Run Pagefind on one shard's pages; its error, or None.

    The pages go in a glob in a configuration file: a command-line argument
    cannot hold thousands of paths. With no page marking its body, Pagefind
    indexes every page whole, as it would without shards."""
    config: dict[str, Any] = {
        "site": str(site_dir.resolve()),
        "output_path": str((site_dir / FOLDER / str(number)).resolve()),
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


def _still_true(site_dir: Path, split: list[list[str]], cache: BuildCache | None) -> set[int]:
    """The shards whose index from the last build fits this site: none of their pages came, went or changed."""
    if cache is None or cache.reuse is None or cache.reuse.changed is None:
        return set()
    reuse, previous = cache.reuse, cache.output
    count, indexed = cache.search
    if count != len(split):
        return set()
    before = shards(indexed, count)
    kept = set()
    for number, members in enumerate(split):
        if members != before[number] or not (previous / FOLDER / str(number)).is_dir():
            continue
        if all(_linked(page, reuse.linked) or _same(site_dir / page, previous / page) for page in members):
            kept.add(number)
    return kept


def _same(new: Path, old: Path) -> bool:
    try:
        return new.read_bytes() == old.read_bytes()
    except FileNotFoundError:
        return False


def _linked(page: str, linked: set[str]) -> bool:
    """Whether a page was taken from the last build as it was, alone or in its folder."""
    if page in linked:
        return True
    parts = page.split("/")[:-1]
    return any("/".join(parts[: n + 1]) + "/" in linked for n in range(len(parts)))
