"""A cache read ahead (the preview's): a rebuild takes its rows instead of unpickling them, gives
the same site as a full build, and does not use it once another build wrote the cache again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import civic.buildcache
import civic.reuse
from civic.build import build
from civic.buildcache import BuildCache, cache_folder
from civic.readahead import let_go, read_ahead
from tests.conftest import ROOT, SAMPLE_DATA
from tests.test_incremental import _differences, _ngo_text, _settings

SETTINGS = ROOT / "pelicanconf.py"


def _counting_unpickles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = civic.buildcache.load_rows

    def counted(*args: object) -> object:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(civic.buildcache, "load_rows", counted)
    return calls


def test_a_rebuild_from_a_cache_read_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    assert build(SETTINGS, site, _settings(data)) == []
    folder = cache_folder({}, site)
    ahead = read_ahead(folder, data / "schemas")
    assert ahead is not None and len(ahead.rows) == len(list(data.rglob("*.yaml"))) - len(
        list((data / "schemas").rglob("*.yaml"))
    )
    _ngo_text(data)

    calls = _counting_unpickles(monkeypatch)
    try:
        assert build(SETTINGS, site, _settings(data), ahead) == []
    finally:
        let_go()
    assert len(calls) == 2  # only the edited file's rows, as cached and as read now, for what changed

    fresh = tmp_path / "fresh"
    assert build(SETTINGS, fresh, _settings(data, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


def test_a_cache_written_again_is_not_taken_from_the_read_ahead(tmp_path: Path) -> None:
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    assert build(SETTINGS, site, _settings(data)) == []
    folder = cache_folder({}, site)
    ahead = read_ahead(folder, data / "schemas")
    assert ahead is not None and BuildCache(folder, site, ahead).ahead is ahead
    try:
        _ngo_text(data)
        assert build(SETTINGS, site, _settings(data)) == []  # without it: another build, say
        assert BuildCache(folder, site, ahead).ahead is None
    finally:
        let_go()


def test_other_schemas_are_not_read_ahead(tmp_path: Path) -> None:
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    assert build(SETTINGS, site, _settings(data)) == []
    schema = next((data / "schemas").glob("*.json"))
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert read_ahead(cache_folder({}, site), data / "schemas") is None


def test_a_page_deleted_before_the_cache_was_read_ahead_is_rendered_again_and_no_page_is_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-ahead notes which of the last build's pages the site lacks, so the rebuild keeps
    the others without looking for each one on disk, and renders the lost ones again."""
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    assert build(SETTINGS, site, _settings(data)) == []
    lost = next(site.glob("dotacje/*/index.html"))
    lost.unlink()
    ahead = read_ahead(cache_folder({}, site), data / "schemas")
    assert ahead is not None and ahead.absent == {lost.relative_to(site).as_posix()}
    _ngo_text(data)

    looked_for: list[str] = []
    real_isfile = civic.reuse.os.path.isfile

    def isfile(path: str) -> bool:
        looked_for.append(path)
        return real_isfile(path)

    monkeypatch.setattr(civic.reuse.os.path, "isfile", isfile)
    try:
        assert build(SETTINGS, site, _settings(data, CIVIC_PROCESSES=1), ahead) == []
    finally:
        let_go()
    monkeypatch.undo()
    assert [path for path in looked_for if path.startswith(str(site))] == []
    assert lost.is_file()
    fresh = tmp_path / "fresh"
    assert build(SETTINGS, fresh, _settings(data, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []
