"""Steps run on the finished site before it replaces the old one: the
sitemap and the search index (:mod:`civic.search_index`), whose shards
outside the data section may begin while the data section is still being
written (:func:`begin_search`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from civic.delta import listing, written
from civic.search_index import DATA, Indexing, search_index
from civic.search_index import FOLDER as SEARCH_FOLDER

if TYPE_CHECKING:
    from civic.buildcache import BuildCache


SITEMAP = "sitemap.xml"


def site_files(site_dir: Path, cache: BuildCache | None, skip: tuple[str, ...] = (), within: str = "") -> list[str]:
    """Every file of the site being built, sorted (see :func:`civic.delta.listing`): those written
    into ``site_dir`` and, after an edit, those kept in place from the last build."""
    if cache is None or cache.reuse is None or not cache.in_place:
        return sorted(written(site_dir, skip, within))
    return listing(site_dir, cache.reuse.kept, cache.site, skip, within)


def html_pages(files: list[str]) -> list[str]:
    """The HTML pages among the site's ``files``."""
    return [path for path in files if path.endswith(".html")]


def sitemap(site_dir: Path, settings: dict[str, Any], pages: list[str]) -> bool:
    """``sitemap.xml`` listing every HTML page, when the public address is known; whether it was written."""
    base = (settings.get("CIVIC_PUBLIC_URL") or "").rstrip("/")
    if not base:
        return False
    urls = [f"{base}/{rel.removesuffix('index.html')}" for rel in pages if rel != "404.html"]
    body = "".join(f"  <url><loc>{escape(u)}</loc></url>\n" for u in urls)
    (site_dir / SITEMAP).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n",
        encoding="utf-8",
    )
    return True


SEARCH = "_CIVIC_SEARCH"
"""The setting that carries the search index begun during the build to :func:`finish`."""


def begin_search(site_dir: Path, settings: dict[str, Any], cache: BuildCache | None) -> Indexing | None:
    """Begin indexing the pages outside the data section, once they are all written."""
    if not settings.get("CIVIC_SEARCH", True):
        return None
    indexing = Indexing(site_dir, settings, cache)
    indexing.begin(html_pages(site_files(site_dir, cache, skip=(SEARCH_FOLDER, DATA))))
    return indexing


def finish(
    site_dir: Path, settings: dict[str, Any], cache: BuildCache | None = None, search: Indexing | None = None
) -> list[str]:
    """The sitemap and the search index, once every other file is written; the errors, if any.
    The cache is told every file of the finished site."""
    files = site_files(site_dir, cache, skip=(SEARCH_FOLDER,))
    pages = html_pages(files)
    if sitemap(site_dir, settings, pages):
        files.append(SITEMAP)
    error = search_index(site_dir, settings, pages, cache, search)
    if cache is not None:
        cache.site_now = sorted([*files, *site_files(site_dir, cache, within=SEARCH_FOLDER)])
    return [error] if error else []
