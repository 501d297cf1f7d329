"""A record page weighs at most 50 KB: its HTML and the CSS and JS it loads,
before compression (the search index, fetched only on the search page, is
not counted)."""

from __future__ import annotations

import pytest

from tests.tools.html_scan import page_weight
from tests.tools.site_map import SiteMap

pytestmark = pytest.mark.browser

LIMIT = 50_000  # bytes; 50 KB read strictly (1 KB = 1000 B)


def test_every_record_page_weighs_at_most_50_kb(site: SiteMap):
    pages = site.record_pages
    assert pages, "no record pages found in the build"
    weights = {url: page_weight(site, url) for url in pages}
    heavy = sorted((w for w in weights.items() if w[1][0] > LIMIT), key=lambda w: -w[1][0])
    if heavy:
        lines = [f"{len(heavy)} of {len(pages)} record pages weigh more than {LIMIT:,} bytes:"]
        for url, (total, parts) in heavy[:20]:
            lines.append(f"- {url}: {total:,} B = " + " + ".join(f"{p} {size:,}" for p, size in parts))
        pytest.fail("\n".join(lines), pytrace=False)


def test_the_weight_counts_html_css_imports_and_js(tmp_path):
    """The harness itself: each local file once, @imports followed, other hosts and lazy loads not counted."""
    (tmp_path / "r").mkdir()
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "a.css").write_text('@import url("b.css");' + "x" * 100)
    (tmp_path / "s" / "b.css").write_text("y" * 200)
    (tmp_path / "s" / "a.js").write_text("z" * 300)
    (tmp_path / "s" / "lazy.js").write_text("w" * 5000)
    html = (
        '<link rel="stylesheet" href="/s/a.css"><link rel="stylesheet" href="../s/a.css">'
        '<script src="/s/a.js" defer></script><script src="https://cdn.example/x.js"></script>'
        '<a href="/s/lazy.js">not loaded</a>'
    )
    (tmp_path / "r" / "index.html").write_text(html)
    total, parts = page_weight(SiteMap.walk(tmp_path, {}), "/r/")
    assert [p for p, _ in parts] == ["/r/", "/s/a.css", "/s/a.js", "/s/b.css"]
    assert total == len(html) + 121 + 200 + 300
