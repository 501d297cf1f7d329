"""The preview in Chromium: an open page reloads itself after a saved edit, and shows a failed
build's report in a way a screen reader announces and axe-core finds no fault with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_accessibility import run_axe
from tests.test_preview import NGO_PAGE, preview

pytestmark = pytest.mark.browser


def test_an_open_page_follows_the_edits(browser: Any, axe_script: Path, data_dir: Path, tmp_path: Path) -> None:
    record = data_dir / "ngos/fundacja-przyklad.yaml"
    good = record.read_text(encoding="utf-8")
    with preview(data_dir, tmp_path / "output") as site:
        site.wait(lambda s: s["wersja"] >= 1 and s["czeka"], "first build, its cache read ahead")
        context = browser.new_context(base_url=site.url, locale="pl-PL")  # the site's own security policy
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto(NGO_PAGE)
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == "Fundacja Przykład"

        record.write_text(good.replace("name: Fundacja Przykład", "name: Fundacja Przykład Nowa", 1), encoding="utf-8")
        page.get_by_role("heading", level=1, name="Fundacja Przykład Nowa").wait_for()  # reloaded by itself

        record.write_text(good + "nieznane_pole: 1\n", encoding="utf-8")
        alert = page.get_by_role("alert")
        alert.wait_for()
        assert "fundacja-przyklad.yaml" in alert.inner_text() and "nieznane_pole" in alert.inner_text()
        assert heading.inner_text() == "Fundacja Przykład Nowa"  # the last good page, under the report

        checked = browser.new_context(base_url=site.url, locale="pl-PL", bypass_csp=True)  # to inject axe-core
        shown = checked.new_page()
        shown.goto(NGO_PAGE)
        shown.get_by_role("alert").wait_for()
        assert run_axe(shown, axe_script) == []
        checked.close()

        record.write_text(good, encoding="utf-8")
        page.get_by_role("heading", level=1, name="Fundacja Przykład", exact=True).wait_for()
        assert page.get_by_role("alert").count() == 0
        context.close()
