"""Steps run on the finished site before it replaces the old one: the
sitemap and the search index (:mod:`civic.search_index`), whose shards
outside the data section may begin while the data section is still being
written (:func:`begin_search`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from civic.search_index import DATA, Indexing, search_index
from civic.search_index import FOLDER as SEARCH_FOLDER

if TYPE_CHECKING:
    from civic.buildcache import BuildCache


def html_pages(site_dir: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Every HTML page of the site (but the search index's own, and those in the top folders ``skip``),
    relative to it, sorted."""
    pages = []
    root = str(site_dir)
    skipped = {SEARCH_FOLDER, *skip}
    for folder, dirs, names in os.walk(root):  # a city's site has tens of thousands of folders: strings, not Paths
        rel = folder[len(root) + 1 :].replace(os.sep, "/")
        prefix = f"{rel}/" if rel else ""
        if not prefix:
            dirs[:] = [d for d in dirs if f"{d}/" not in skipped]
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


SEARCH = "_CIVIC_SEARCH"
"""The setting that carries the search index begun during the build to :func:`finish`."""


def begin_search(site_dir: Path, settings: dict[str, Any], cache: BuildCache | None) -> Indexing | None:
    """Begin indexing the pages outside the data section, once they are all written."""
    if not settings.get("CIVIC_SEARCH", True):
        return None
    indexing = Indexing(site_dir, settings, cache)
    indexing.begin(html_pages(site_dir, skip=(DATA,)))
    return indexing


def finish(
    site_dir: Path, settings: dict[str, Any], cache: BuildCache | None = None, search: Indexing | None = None
) -> list[str]:
    pages = html_pages(site_dir)
    sitemap(site_dir, settings, pages)
    error = search_index(site_dir, settings, pages, cache, search)
    return [error] if error else []
