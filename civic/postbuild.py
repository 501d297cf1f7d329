"""Steps run on the finished site before it replaces the old one:
the sitemap and the search index (Pagefind)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape


def sitemap(site_dir: Path, settings: dict[str, Any]) -> None:
    """``sitemap.xml`` listing every HTML page, when the public address is known."""
    base = (settings.get("CIVIC_PUBLIC_URL") or "").rstrip("/")
    if not base:
        return
    urls = []
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if rel == "404.html" or rel.startswith("pagefind/"):
            continue
        urls.append(f"{base}/{rel.removesuffix('index.html')}")
    body = "".join(f"  <url><loc>{escape(u)}</loc></url>\n" for u in urls)
    (site_dir / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n",
        encoding="utf-8",
    )


def search_index(site_dir: Path, settings: dict[str, Any]) -> str | None:
    """Index the site with Pagefind (its binary comes with the Python package); an error, or None."""
    if not settings.get("CIVIC_SEARCH", True):
        return None
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"], capture_output=True, text=True
    )
    if result.returncode != 0:
        return f"Indeks wyszukiwarki nie powstał: {result.stderr.strip() or result.stdout.strip()}"
    return None


def finish(site_dir: Path, settings: dict[str, Any]) -> list[str]:
    sitemap(site_dir, settings)
    error = search_index(site_dir, settings)
    return [error] if error else []
