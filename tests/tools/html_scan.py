"""What a built HTML page refers to and what it can be linked to, read with
the standard library's parser: ids, links and assets, CSS and JS weight."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.tools.site_map import SiteMap, url_file

# Attributes that hold one URL, per element ("*" for any element).
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "input": ("src",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
SRCSET_TAGS = ("img", "source")
# <link rel> values that point at the origin of another host, not at a resource.
HINT_RELS = {"preconnect", "dns-prefetch"}
ORIGIN = "http://site.invalid"  # a stand-in host for resolving relative URLs
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "0.0.0.0"}


@dataclass
class Ref:
    tag: str
    attr: str
    url: str
    line: int


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # <link rel=stylesheet>, preloaded styles
    scripts: list[str] = field(default_factory=list)  # <script src>, preloaded and module scripts
    h1: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._h1_depth = 0
        self._h1_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if values.get("id"):
            self.scan.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.scan.ids.add(values["name"])
        rels = set(values.get("rel", "").lower().split())
        for attr in URL_ATTRS.get(tag, ()):
            if attr in values and not (tag == "link" and rels & HINT_RELS):
                self.scan.refs.append(Ref(tag, attr, values[attr], line))
        if tag in SRCSET_TAGS and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.scan.refs.append(Ref(tag, "srcset", candidate.split()[0], line))
        if tag == "link" and values.get("href"):
            kind = values.get("as", "").lower()
            if "stylesheet" in rels or ("preload" in rels and kind == "style"):
                self.scan.styles.append(values["href"])
            elif "modulepreload" in rels or ("preload" in rels and kind == "script"):
                self.scan.scripts.append(values["href"])
        if tag == "script" and values.get("src"):
            self.scan.scripts.append(values["src"])
        if tag == "h1":
            self._h1_depth += 1
            self._h1_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._h1_depth:
            self._h1_depth -= 1
            self.scan.h1.append(" ".join("".join(self._h1_text).split()))

    def handle_data(self, data: str) -> None:
        if self._h1_depth:
            self._h1_text.append(data)


def scan(html: str) -> PageScan:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.scan


@dataclass(frozen=True)
class Internal:
    path: str  # percent-decoded URL path
    fragment: str  # percent-decoded, "" for none


def internal(page: str, raw: str, site_hosts: frozenset[str] = frozenset()) -> Internal | str | None:
    """Where a reference on ``page`` points inside the site; None when it leaves
    the site (another host, mailto:, tel:, data:…); a reason text when it can
    work on no public server (a link to localhost)."""
    raw = raw.strip()
    if not raw:
        return None
    parts = urlsplit(urljoin(ORIGIN + page, raw))
    if parts.scheme not in ("http", "https"):
        return None
    host = parts.netloc.lower()
    if host in LOCAL_HOSTS or host.split(":")[0] in LOCAL_HOSTS:
        return "points at a local server"
    if parts.netloc != urlsplit(ORIGIN).netloc and host not in site_hosts:
        return None
    return Internal(unquote(parts.path) or "/", unquote(parts.fragment))


@dataclass(frozen=True)
class Broken:
    page: str
    line: int
    ref: str  # as written in the page
    reason: str


class LinkChecker:
    """Every internal reference on every page resolves to a file, and every
    ``#fragment`` to an id in the target page."""

    def __init__(self, site: SiteMap):
        self.site = site
        self.site_hosts = site.hosts
        self._scans: dict[Path, PageScan] = {}

    def scan_file(self, path: Path) -> PageScan:
        if path not in self._scans:
            self._scans[path] = scan(path.read_text(encoding="utf-8", errors="replace"))
        return self._scans[path]

    def check(self) -> list[Broken]:
        broken: list[Broken] = []
        for page in self.site.pages:
            for ref in self.scan_file(self.site.file(page)).refs:
                problem = self._problem(page, ref)
                if problem:
                    broken.append(Broken(page, ref.line, f"<{ref.tag} {ref.attr}={ref.url!r}>", problem))
        return broken

    def _problem(self, page: str, ref: Ref) -> str | None:
        target = internal(page, ref.url, self.site_hosts)
        if target is None:
            return None
        if isinstance(target, str):
            return target
        file = url_file(self.site.output, target.path)
        if file is None:
            return f"no file for {target.path}"
        if not target.fragment or file.suffix not in (".html", ".htm"):
            return None
        if target.fragment in self.scan_file(file).ids or target.fragment.lower() == "top":
            return None
        return f"no id={target.fragment!r} in {target.path}"


_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")


def page_weight(site: SiteMap, page: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes of a page's HTML and of the local CSS (with its @imports) and JS it
    loads by itself; what scripts fetch later (a search index) is not counted."""
    html_file = site.file(page)
    parts: list[tuple[str, int]] = [(page, html_file.stat().st_size)]
    found = scan(html_file.read_text(encoding="utf-8", errors="replace"))
    seen: set[Path] = set()
    queue = [(page, u) for u in found.styles + found.scripts]
    while queue:
        base, raw = queue.pop(0)
        target = internal(base, raw)
        if not isinstance(target, Internal):
            continue
        file = url_file(site.output, target.path)
        if file is None or file in seen:
            continue
        seen.add(file)
        parts.append((target.path, file.stat().st_size))
        if file.suffix == ".css":
            css = file.read_text(encoding="utf-8", errors="replace")
            queue.extend((target.path, u) for u in _CSS_IMPORT.findall(css))
    return sum(size for _, size in parts), parts
