"""Steps run on the finished site before it replaces the old one:
the sitemap and the search index (Pagefind).

Pagefind cannot add pages to an index (every new word reorders its
files), so the index is made anew whenever a page it indexes changed; when
none did, the last build's index is taken as it is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from civic.buildcache import BuildCache

SEARCH_FOLDER = "pagefind/"
INDEXED = b"data-pagefind-body"


def html_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the site (but the search index's own), relative to it, sorted."""
    pages = []
    for folder, dirs, names in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if rel == "." else f"{rel}/"
        if not prefix:
            dirs[:] = [d for d in dirs if f"{d}/" != SEARCH_FOLDER]
        pages.extend(prefix + name for name in names if name.endswith(".html"))
    return sorted(pages)


def sitemap(site_dir: Path, settings: dict[str, Any], pages: list[str]) -> None:
    """``sitemap.xml`` listing every HTML page, when the public address is known."""
    base = (settings.get("CIVIC_PUBLIC_URL") or "").rstrip("/")
    if not base:
        return
    urls = [f"{base}/{rel.removesuffix('index.html')}" for rel in pages if rel != "404.html"]
    body = "".join(f"  <url><loc>{escape(u)}</loc></url>\n" for u in urls)
    (site_dir / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n",
        encoding="utf-8",
    )


def search_index(
    site_dir: Path, settings: dict[str, Any], pages: list[str], cache: BuildCache | None = None
) -> str | None:
    """Index the site with Pagefind (its binary comes with the Python package); an error, or None."""
    if not settings.get("CIVIC_SEARCH", True):
        return None
    if cache is not None and _index_still_true(site_dir, pages, cache):
        assert cache.reuse is not None
        cache.reuse.link_folder(SEARCH_FOLDER)
        return None
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"], capture_output=True, text=True
    )
    if result.returncode != 0:
        return f"Indeks wyszukiwarki nie powstał: {result.stderr.strip() or result.stdout.strip()}"
    return None


def _index_still_true(site_dir: Path, pages: list[str], cache: BuildCache) -> bool:
    """Whether the last build's index fits this site: no indexed page came, went or changed."""
    reuse = cache.reuse
    previous = cache.output
    if reuse is None or reuse.changed is None or not (previous / SEARCH_FOLDER).is_dir() or pages != cache.pages:
        return False
    linked = reuse.linked
    for page in pages:
        if page in linked or _in_linked_folder(page, linked):
            continue
        new = (site_dir / page).read_bytes()
        old = (previous / page).read_bytes()
        if new != old and (INDEXED in new or INDEXED in old):
            return False
    return True


def _in_linked_folder(page: str, linked: set[str]) -> bool:
    parts = page.split("/")[:-1]
    return any("/".join(parts[: n + 1]) + "/" in linked for n in range(len(parts)))


def finish(site_dir: Path, settings: dict[str, Any], cache: BuildCache | None = None) -> list[str]:
    pages = html_pages(site_dir)
    sitemap(site_dir, settings, pages)
    error = search_index(site_dir, settings, pages, cache)
    if cache is not None:
        cache.pages_now = pages
    return [error] if error else []
