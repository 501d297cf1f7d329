"""Searching for a budget project's title on /szukaj/ finds its page, in whichever shard of the index it is."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from civic.search_index import shard_of
from tests.browser.conftest import open_page
from tests.tools.html_scan import scan
from tests.tools.site_map import SiteMap

pytestmark = pytest.mark.browser

SEARCH_BOX = 'input[type="search"], [role="searchbox"], [role="search"] input[type="text"], main input[type="text"]'
LINKS_TO = """(url) => [...document.querySelectorAll('a[href]')].filter(a => {
  let path = new URL(a.href, location.href).pathname;
  if (path.endsWith('/index.html')) path = path.slice(0, -'index.html'.length);
  return path === url;
}).length"""


def test_search_finds_a_budget_project_by_its_title(site: SiteMap, new_context):
    if not (site.output / "pagefind").is_dir():
        pytest.xfail("no Pagefind index in the build yet (no pagefind/ folder)")
    assert "/szukaj/" in site.pages, "the build has a Pagefind index but no search page /szukaj/"
    projects = site.kinds.get("budget_projects")
    assert projects and projects.records, "no budget project pages in the build"
    shards = json.loads((site.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(shards) > 1, f"the browser's site should have its index in several shards: {shards}"
    page_of = {url: site.file(url).relative_to(site.output).as_posix() for url in projects.records}
    count = sum(shard[:-1].isdigit() for shard in shards)
    target = next(url for url in projects.records if shard_of(page_of[url], count) != "0")  # a merged shard
    title = scan(site.file(target).read_text(encoding="utf-8")).h1[0]

    page = new_context().new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on("console", lambda m: problems.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None)
    try:
        open_page(page, "/szukaj/")
        box = page.locator(SEARCH_BOX).first
        if not happens(lambda: box.wait_for(state="visible", timeout=10_000)):
            pytest.fail(f"/szukaj/ shows no search box within 10 s ({SEARCH_BOX}); browser said: {problems}", False)
        before = page.evaluate(LINKS_TO, target)
        box.fill(title)
        found = f"(url) => ({LINKS_TO})(url) > {before}"
        if not happens(lambda: page.wait_for_function(found, arg=target, timeout=10_000)):
            shown = page.evaluate("() => [...document.querySelectorAll('main a[href]')].map(a => a.href)")
            pytest.fail(f"searching for {title!r} shows no link to {target}; links in <main>: {shown}", False)
    finally:
        page.close()


def happens(wait: Callable[[], object]) -> bool:
    """Whether a Playwright wait succeeds before its timeout."""
    try:
        wait()
    except Exception:  # playwright's TimeoutError; its import is left to the fixtures
        return False
    return True
