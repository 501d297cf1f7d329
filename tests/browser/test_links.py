"""No internal link, asset or #anchor on any page is broken. Links to other
hosts are not followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.html_scan import LinkChecker
from tests.tools.reports import broken_links
from tests.tools.site_map import SiteMap

pytestmark = pytest.mark.browser


def test_no_internal_link_or_anchor_is_broken(site: SiteMap):
    checker = LinkChecker(site)
    broken = checker.check()
    assert sum(len(checker.scan_file(site.file(p)).refs) for p in site.pages) > len(site.pages), "no links read"
    if broken:
        pytest.fail(broken_links(broken), pytrace=False)


def test_the_link_checker_reports_what_it_finds(tmp_path: Path):
    """The harness itself, on a made-up three-page site."""
    (tmp_path / "a").mkdir()
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("")
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="/css/site.css"><link rel="preconnect" href="https://cdn.example">'
        '<a href="a/">ok</a><a href="/a/#tu">ok</a><a href="#gora">ok</a><a id="gora" href="#top">ok</a>'
        '<a href="https://example.org/nie-ma/">external</a><a href="mailto:x@example.org">mail</a>'
        '<a href="/brak/">missing</a><a href="/a/#nie-ma">no anchor</a><img src="/css/logo.png" alt="">'
        '<a href="http://localhost:8000/a/">local</a><a href="/a/index.html#tu">ok</a>'
        '<a href="https://miasto.example/a/#tu">ok</a><a href="https://miasto.example/b/">missing</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="tu">x</h2><a href="../">up</a><a href="../../../etc/">out</a>')
    (tmp_path / "404.html").write_text('<a href="/">home</a>')
    site = SiteMap.walk(tmp_path, {}, hosts=frozenset({"miasto.example"}))
    assert site.pages == ["/", "/404.html", "/a/"]
    found = {(b.page, b.reason) for b in LinkChecker(site).check()}
    assert found == {
        ("/", "no file for /brak/"),
        ("/", "no id='nie-ma' in /a/"),
        ("/", "no file for /css/logo.png"),
        ("/", "points at a local server"),
        ("/", "no file for /b/"),
        ("/a/", "no file for /etc/"),
    }
