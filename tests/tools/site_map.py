"""A built site's pages, found by walking its output folder.

Pages are named by the URL a visitor types: ``index.html`` files become
folder URLs (``/konsultacje/``), other ``.html`` files keep their name
(``/404.html``). Which pages are lists and which are records of a kind
comes from the site's URL scheme (``record`` and ``index`` patterns per
table, as in ``civic.site.DEFAULT_URLS`` and the ``CIVIC_URLS`` setting);
the ids themselves are only ever read from the folder, never written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# Pages that get their own template when they exist.
SPECIAL_PAGES = ("/szukaj/", "/deklaracja-dostepnosci/", "/404.html", "/dane/")


def page_url(output: Path, file: Path) -> str:
    """The URL of an HTML file in the output folder."""
    rel = file.relative_to(output).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def url_file(output: Path, url: str) -> Path | None:
    """The file a server would send for an internal URL path, or None."""
    rel = url.lstrip("/")
    target = output / rel
    if url.endswith("/") or rel == "" or target.is_dir():
        target = target / "index.html"
    try:
        target.resolve().relative_to(output.resolve())
    except ValueError:  # ../ out of the site
        return None
    return target if target.is_file() else None


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """``budzet-obywatelski/{edition}/{id}/`` → a regex for ``/budzet-obywatelski/x/y/``, the id as a group."""
    pieces = re.split(r"(\{[^{}]*\})", pattern.strip("/"))
    body = "".join(("(?P<id>[^/]+)" if p == "{id}" else "[^/]+") if p.startswith("{") else re.escape(p) for p in pieces)
    return re.compile("/" + body + ("/" if pattern.endswith("/") else ""))


def _is_record(match: re.Match[str] | None, ids: dict[str, set[str]] | None, table: str) -> bool:
    if match is None:
        return False
    if ids is None or "id" not in match.groupdict():
        return True
    return match["id"] in ids.get(table, set())


@dataclass
class Kind:
    name: str
    index: str | None  # the list page's URL, if the build wrote it
    records: list[str] = field(default_factory=list)  # record page URLs, sorted


@dataclass
class SiteMap:
    output: Path
    pages: list[str]  # every HTML page's URL, sorted
    kinds: dict[str, Kind]
    hosts: frozenset[str] = frozenset()  # where the site is published: links there are internal

    @classmethod
    def walk(
        cls,
        output: Path,
        urls: dict[str, dict[str, str]],
        ids: dict[str, set[str]] | None = None,
        hosts: frozenset[str] = frozenset(),
    ) -> SiteMap:
        """The pages in ``output``; with ``ids`` (per table, the record ids in the
        data), a page is a record page only if its id is one of them, so other
        pages under a kind's folder (filters, years) are not taken for records."""
        pages = sorted(page_url(output, f) for f in output.rglob("*.html") if f.is_file())
        present = set(pages)
        indexes = {"/" + spec["index"].strip("/") + "/" for spec in urls.values() if spec.get("index")}
        kinds: dict[str, Kind] = {}
        for name, spec in urls.items():
            index = "/" + spec["index"].strip("/") + "/" if spec.get("index") else None
            regex = _pattern_regex(spec["record"])
            records = [p for p in pages if p not in indexes and _is_record(regex.fullmatch(p), ids, name)]
            kinds[name] = Kind(name, index if index in present else None, records)
        return cls(output, pages, kinds, hosts)

    def file(self, url: str) -> Path:
        found = url_file(self.output, url)
        assert found is not None, f"no file for {url}"
        return found

    @property
    def record_pages(self) -> list[str]:
        return sorted({p for kind in self.kinds.values() for p in kind.records})

    def representative(self) -> list[str]:
        """At least one page of every template, in a stable order.

        The home page; each kind's list page, its first record page and its
        largest one (the most fields and nested lists); the special pages
        that exist; every other top-level page (Markdown pages, search, open
        data); and of the other pages, the first of each section and depth
        (a news article, one filtered list of a kind: /konsultacje/rok/2025/
        stands for /konsultacje/status/closed/ too).
        """
        chosen: list[str] = []
        present = set(self.pages)

        def add(url: str | None) -> None:
            if url and url in present and url not in chosen:
                chosen.append(url)

        add("/")
        for kind in self.kinds.values():
            add(kind.index)
            if kind.records:
                add(kind.records[0])
                add(max(kind.records, key=lambda u: (self.file(u).stat().st_size, u)))
        for url in SPECIAL_PAGES:
            add(url)
        covered = {u for k in self.kinds.values() for u in k.records} | {k.index for k in self.kinds.values()}
        first_of_shape: dict[tuple[str, int], str] = {}
        for url in self.pages:
            if url in covered or url in chosen:
                continue
            segments = PurePosixPath(url).parts[1:]
            if len(segments) == 1:
                add(url)
            else:
                first_of_shape.setdefault((segments[0], len(segments)), url)
        for url in first_of_shape.values():
            add(url)
        return chosen
