"""axe-core finds no WCAG 2.1 A/AA violation on a page of every template, at
a phone's width and a desktop's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import open_page
from tests.tools.reports import axe_violations

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Only what the report needs comes back from the page.
AXE_RUN = """async (options) => {
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
  }));
}"""


def run_axe(page: Any, axe_script: Path) -> list[dict]:
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(AXE_RUN, AXE_OPTIONS)


def test_axe_finds_no_wcag_violation(page_url: str, viewport: str, shared_page, axe_script: Path):
    page = shared_page(viewport, bypass_csp=True)
    open_page(page, page_url)
    violations = run_axe(page, axe_script)
    if violations:
        pytest.fail(axe_violations(page_url, viewport, violations), pytrace=False)


def test_axe_reports_what_it_finds(browser, axe_script: Path):
    """The harness itself: a page with an image without alt text does fail."""
    page = browser.new_page()
    page.set_content('<!doctype html><html lang="pl"><title>t</title><main><h1>t</h1><img src="data:,"></main>')
    violations = run_axe(page, axe_script)
    page.close()
    assert [v["id"] for v in violations] == ["image-alt"]
    assert "image-alt" in axe_violations("/x/", "1280x800", violations)
