"""The preview in Chromium: an open page reloads itself after a saved edit, and shows a failed
build's report in a way a screen reader announces and axe-core finds no fault with."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from typing import Any

import pytest

from civic.preview import PreviewState
from civic.serve import PreviewHandler
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


def test_a_running_build_is_announced_and_its_pages_shown_when_ready(
    browser: Any, axe_script: Path, site: Any, tmp_path: Path
) -> None:
    """The built sample site served by the preview's server, its state set as the builds set it."""
    staged = tmp_path / ".output-build"
    page_file = sorted((site.output / "organizacje").glob("*/index.html"))[0].relative_to(site.output)
    url = f"/{page_file.parent.as_posix()}/"
    original = (site.output / page_file).read_text(encoding="utf-8")
    name = re.search(r"<h1>([^<]+)</h1>", original)[1]  # type: ignore[index]
    (staged / page_file).parent.mkdir(parents=True)
    (staged / page_file).write_text(original.replace(f"<h1>{name}</h1>", f"<h1>{name} (nowa)</h1>"), "utf-8")
    state = PreviewState()
    state.finished([])  # a first build is in place
    handler = functools.partial(PreviewHandler, state, directory=str(site.output))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        context = browser.new_context(base_url=f"http://127.0.0.1:{server.server_address[1]}", locale="pl-PL")
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.goto(url)
        status = page.get_by_role("status").filter(has_text="Przebudowuję")
        assert status.count() == 0

        state.started()  # a save: the build runs
        status.wait_for()
        checked = browser.new_context(base_url=page.url, locale="pl-PL", bypass_csp=True)  # to inject axe-core
        other = checked.new_page()
        other.goto(url)
        other.get_by_role("status").filter(has_text="Przebudowuję").wait_for()
        assert run_axe(other, axe_script) == []
        checked.close()

        state.pages_ready(staged)  # its pages are written: the open page reloads with the edit
        page.get_by_role("heading", level=1, name=f"{name} (nowa)").wait_for()
        status.wait_for()  # the open data is still being made
        state.finished([])  # (this test's build put nothing in place: the site's own page again)
        page.get_by_role("heading", level=1, name=name, exact=True).wait_for()
        status.wait_for(state="detached")
        context.close()
        server.shutdown()
