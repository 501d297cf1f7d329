"""The checks across records after an edit, with the last build's cache read ahead (the preview's):
the rows the edit changed show when nothing is wrong, and whenever something may be, the full
checks run and report exactly what a build without a cache reports."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from civic import pipeline
from civic.build import build
from civic.buildcache import BuildCache, cache_folder
from civic.pipeline import check_data
from civic.readahead import let_go, read_ahead
from tests.conftest import ROOT, SAMPLE_DATA
from tests.test_incremental import _replace, _settings

Edit = Callable[[Path], None]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data built once, with its cache, and a copy of the data as built."""
    root = tmp_path_factory.mktemp("crossdelta")
    shutil.copytree(SAMPLE_DATA, root / "as-built")
    shutil.copytree(SAMPLE_DATA, root / "data")
    assert build(ROOT / "pelicanconf.py", root / "site", _settings(root / "data")) == []
    return root


@pytest.fixture
def city(built: Path) -> Iterator[Path]:
    """The built site, its data as built (a test's edit is undone before the next one)."""
    shutil.rmtree(built / "data")
    shutil.copytree(built / "as-built", built / "data")
    yield built
    let_go()


def _after(city: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], bool]:
    """The problems found after ``edit`` with the cache read ahead, and whether the full checks ran."""
    data, site = city / "data", city / "site"
    ahead = read_ahead(cache_folder({}, site), data / "schemas")
    assert ahead is not None
    edit(data)
    ran: list[int] = []
    real = pipeline.crosscheck
    monkeypatch.setattr(pipeline, "crosscheck", lambda dataset, problems: ran.append(1) or real(dataset, problems))
    checked = check_data(data, cache=BuildCache(cache_folder({}, site), site, ahead))
    return [str(problem) for problem in checked.problems.sorted()], bool(ran)


def _without_cache(city: Path) -> list[str]:
    return [str(problem) for problem in check_data(city / "data").problems.sorted()]


def _ngo(data: Path, name: str) -> Path:
    return data / "ngos" / f"{name}.yaml"


def _field(path: Path, name: str) -> str:
    found = re.search(rf"^{name}: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert found is not None, f"{name} is not in {path}"
    return found.group(1)


def _description(data: Path) -> None:
    _replace(_ngo(data, "chor-kameralny-cantilena"), "description: ", "description: Próby we wtorki. ")


def _ngo_without_grants(data: Path) -> Path:
    grants = "\n".join(p.read_text(encoding="utf-8") for p in (data / "grants").rglob("*.yaml"))
    return next(p for p in sorted((data / "ngos").glob("*.yaml")) if f"ngo: {p.stem}" not in grants)


def _ngo_with_grants(data: Path) -> Path:
    grants = "\n".join(p.read_text(encoding="utf-8") for p in (data / "grants").rglob("*.yaml"))
    return next(p for p in sorted((data / "ngos").glob("*.yaml")) if f"ngo: {p.stem}" in grants)


def _moved(data: Path) -> None:
    path = _ngo(data, "chor-kameralny-cantilena")
    now = _field(path, "district")
    other = next(p.stem for p in sorted((data / "districts").glob("*.yaml")) if p.stem != now)
    _replace(path, f"district: {now}", f"district: {other}")


CLEAN: list[tuple[str, Edit]] = [
    ("an NGO's description", _description),
    ("an NGO no grant refers to, removed", lambda data: _ngo_without_grants(data).unlink()),
    ("an NGO moved to another district", lambda data: _moved(data)),
]


def _duplicate_krs(data: Path) -> None:
    one, other = [p for p in sorted((data / "ngos").glob("*.yaml")) if "\nkrs: " in p.read_text("utf-8")][:2]
    _replace(other, f"krs: {_field(other, 'krs')}", f"krs: {_field(one, 'krs')}")


def _district_misspelt(data: Path) -> None:
    path = _ngo(data, "chor-kameralny-cantilena")
    _replace(path, f"district: {_field(path, 'district')}", "district: nie-ma-takiej")


def _district_removed(data: Path) -> None:
    path = _ngo(data, "chor-kameralny-cantilena")
    (data / "districts" / f"{_field(path, 'district')}.yaml").unlink()


def _own_parent(data: Path) -> None:
    path = next(p for p in sorted((data / "office_units").glob("*.yaml")) if "\nparent: " in p.read_text("utf-8"))
    _replace(path, f"parent: {_field(path, 'parent')}", f"parent: {path.stem}")


def _votes(data: Path) -> None:
    path = next(p for p in sorted((data / "budget_projects").rglob("*.yaml")) if "\nvotes: " in p.read_text("utf-8"))
    _replace(path, "\nvotes: ", "\nvotes: 1")


FULL: list[tuple[str, Edit]] = [
    ("a KRS number given to a second NGO", _duplicate_krs),
    ("an NGO's district misspelt", _district_misspelt),
    ("a district NGOs refer to, removed", _district_removed),
    ("an NGO grants refer to, removed", lambda data: _ngo_with_grants(data).unlink()),
    ("an office unit made its own parent", _own_parent),
    ("a budget project's votes", _votes),
]


@pytest.mark.parametrize(("what", "edit"), CLEAN, ids=[what for what, _ in CLEAN])
def test_an_edit_that_breaks_nothing_is_checked_from_the_rows_it_changed(
    city: Path, what: str, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems, full = _after(city, edit, monkeypatch)
    assert problems == [] == _without_cache(city)
    assert not full


@pytest.mark.parametrize(("what", "edit"), FULL, ids=[what for what, _ in FULL])
def test_an_edit_that_may_break_a_check_is_checked_in_full_and_reported_as_without_a_cache(
    city: Path, what: str, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems, full = _after(city, edit, monkeypatch)
    assert full
    assert problems == _without_cache(city)
    if what != "a budget project's votes":
        assert problems


@pytest.mark.parametrize(("what", "edit"), FULL, ids=[what for what, _ in FULL])
def test_in_a_build_a_problem_the_changed_rows_show_is_reported_before_any_page(
    city: Path, what: str, edit: Edit
) -> None:
    """A build runs the checks beside its pages; when the changed rows show they will find something,
    they run at once instead, so a preview reports the mistake without rendering a page first.
    Only a budget record's change, which only the full checks can judge, leaves them beside the pages."""
    data, site = city / "data", city / "site"
    ahead = read_ahead(cache_folder({}, site), data / "schemas")
    edit(data)
    checked = check_data(data, cache=BuildCache(cache_folder({}, site), site, ahead), processes=2, alongside=True)
    if what == "a budget project's votes":
        assert checked.crosschecking is not None
        checked.complete()
    else:
        assert checked.crosschecking is None
        assert checked.problems
