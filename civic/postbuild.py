"""Steps run on the finished site before it replaces the old one: the
sitemap and the search index (:mod:`civic.search_index`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from civic.search_index import FOLDER as SEARCH_FOLDER
from civic.search_index import search_index

if TYPE_CHECKING:
    from civic.buildcache import BuildCache


def html_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the site (but the search index's own), relative to it, sorted."""
    pages = []
    root = str(site_dir)
    for folder, dirs, names in os.walk(root):  # a city's site has tens of thousands of folders: strings, not Paths
        rel = folder[len(root) + 1 :].replace(os.sep, "/")
        prefix = f"{rel}/" if rel else ""
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


def finish(site_dir: Path, settings: dict[str, Any], cache: BuildCache | None = None) -> list[str]:
    pages = html_pages(site_dir)
    sitemap(site_dir, settings, pages)
    error = search_index(site_dir, settings, pages, cache)
    return [error] if error else []
