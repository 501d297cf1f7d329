"""Templates compiled by one build are used by the next, unless what they were compiled with changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import Environment

from civic.build import build
from civic.template_cache import FOLDER
from tests.conftest import ROOT


def _settings(data: Path, **more: object) -> dict[str, object]:
    return {"CIVIC_DATA_PATH": str(data), "CIVIC_TODAY": "2026-11-22", "CIVIC_SEARCH": False, **more}


def _compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates compiled from their source from now on."""
    names: list[str] = []
    real = Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # noqa: A001
        if name is not None:
            names.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", compile)
    return names


def test_a_rebuild_compiles_no_template_again(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = tmp_path / "site"
    compiled = _compiled(monkeypatch)
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    assert "base.html" in compiled
    compiled.clear()
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    assert compiled == []


def test_a_changed_translation_is_compiled_into_the_templates(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A fixed message's translation is part of the compiled template: a new one must not be missed."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site, cache = tmp_path / "site", tmp_path / ".site-cache"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir, THEME=str(theme))) == []
    assert "Przejdź do treści" in (site / "index.html").read_text(encoding="utf-8")
    (first,) = (cache / FOLDER).iterdir()

    catalogue = theme / "translations" / "pl" / "LC_MESSAGES" / "messages.po"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('msgstr "Przejdź do treści"', 'msgstr "Przejdź do głównej treści"'), "utf-8")
    compiled = _compiled(monkeypatch)
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir, THEME=str(theme))) == []

    assert "Przejdź do głównej treści" in (site / "index.html").read_text(encoding="utf-8")
    assert "base.html" in compiled
    (second,) = (cache / FOLDER).iterdir()  # the code compiled with the old catalogue is gone
    assert second != first
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data_dir, THEME=str(theme), CIVIC_CACHE_PATH="")) == []
    assert (site / "index.html").read_bytes() == (fresh / "index.html").read_bytes()


def test_an_english_build_does_not_take_the_polish_templates(data_dir: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir, DEFAULT_LANG="en")) == []
    assert "Skip to content" in (site / "index.html").read_text(encoding="utf-8")
