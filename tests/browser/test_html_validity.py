"""The Nu HTML Checker finds no error on any page of the site (one run over
the whole output folder)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.tools.reports import vnu_messages
from tests.tools.site_map import SiteMap

pytestmark = pytest.mark.browser


def run_vnu(command: list[str], folder: Path) -> list[dict]:
    """vnu's error messages for every HTML file under ``folder``."""
    args = [*command, "--format", "json", "--errors-only", "--skip-non-html", "--stdout", str(folder)]
    result = subprocess.run(args, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"vnu exited {result.returncode} without a JSON report:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}",
            pytrace=False,
        )
    messages = [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]
    assert messages or result.returncode == 0, result.stderr[-2000:]
    return messages


def test_every_page_passes_the_nu_html_checker(site: SiteMap, vnu_command: list[str]):
    assert site.pages
    messages = run_vnu(vnu_command, site.output)
    if messages:
        pytest.fail(vnu_messages(messages, site.output), pytrace=False)


def test_the_checker_reports_what_it_finds(vnu_command: list[str], tmp_path: Path):
    """The harness itself: an invalid page does fail, named by its URL."""
    (tmp_path / "zle").mkdir()
    (tmp_path / "zle" / "index.html").write_text('<!doctype html><html lang="pl"><title>t</title><p><div></span>')
    (tmp_path / "style.css").write_text("not html {")
    messages = run_vnu(vnu_command, tmp_path)
    assert messages
    assert "/zle/:" in vnu_messages(messages, tmp_path)
