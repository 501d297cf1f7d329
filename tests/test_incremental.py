"""A rebuild after an edit renders only what the edit touches, and gives the same site as a full build.

Each step edits the sample data the way staff do (a text, a name shown on
many pages, a reference, a vocabulary label, a record removed and one
added), rebuilds the same output folder, builds the edited data afresh
into another folder with no cache, and compares the two byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from contextlib import closing
from datetime import datetime
from importlib import metadata
from pathlib import Path

import pytest

from civic import pages, template_cache
from civic.build import build
from civic.export import spans, sqlite_db, xlsx_workbook, zipfiles
from civic.schema import Catalog
from civic.search_index import shard_of
from civic.views import Views
from tests.conftest import ROOT, SAMPLE_DATA

Edit = Callable[[Path], None]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _settings(data: Path, **more: object) -> dict[str, object]:
    return {"CIVIC_DATA_PATH": str(data), "CIVIC_TODAY": "2026-11-22", "CIVIC_SEARCH": False, **more}


def _inode(path: Path) -> int:
    return path.stat().st_ino


def _folders(folder: Path) -> set[str]:
    return {f"{p.relative_to(folder).as_posix()}/" for p in folder.rglob("*") if p.is_dir()}


def _differences(one: Path, two: Path) -> list[str]:
    """The files that differ, and the folders only one of the sites has (one left empty, say)."""
    first, second = _files(one), _files(two)
    files = sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))
    return files + sorted(_folders(one) ^ _folders(two))


def _district_name(data: Path) -> None:
    _replace(data / "districts" / "borki.yaml", "name: Borki", "name: Borki Nowe")


def _ngo_text(data: Path) -> None:
    path = next((data / "ngos").glob("*.yaml"))
    _replace(path, "description: ", "description: Od tego roku dyżurujemy także w soboty. ")


def _grant_amount(data: Path) -> None:
    _replace(data / "grants" / "2024-001.yaml", "amount_awarded: 72000.00", "amount_awarded: 71999.99")


def _vocabulary_label(data: Path) -> None:
    _replace(data / "vocabularies" / "budget_categories.yaml", "name: zieleń", "name: zieleń miejska")


def _unit_name(data: Path) -> None:
    _replace(
        data / "office_units" / "biuro-aktywnosci-obywatelskiej.yaml",
        "name: Biuro Aktywności Obywatelskiej",
        "name: Biuro Aktywności Obywatelskiej i Partycypacji",
    )


def _grant_removed(data: Path) -> None:
    (data / "grants" / "2024-002.yaml").rename(data.parent / "2024-002.yaml")


def _grant_added(data: Path) -> None:
    (data.parent / "2024-002.yaml").rename(data / "grants" / "2024-902.yaml")


def _ngo_short_name(data: Path) -> None:
    _replace(data / "ngos" / "fundacja-nowy-dom.yaml", "short_name: Nowy Dom", "short_name: Dom Nowy")


def _project_title(data: Path) -> None:
    path = data / "budget_projects" / "bo-2025-bo-01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Nowa nazwa — ", 1), encoding="utf-8")


EDITS: list[tuple[str, Edit]] = [
    ("an NGO's description", _ngo_text),
    ("a district's name", _district_name),
    ("a grant's amount", _grant_amount),
    ("a vocabulary label", _vocabulary_label),
    ("an office unit's name", _unit_name),
    ("a grant removed", _grant_removed),
    ("a grant added", _grant_added),
    ("a budget project's title", _project_title),
    ("an NGO's short name, shown on the grant list", _ngo_short_name),
]


def _built_sample(work: Path, **more: object) -> Path:
    """A copy of the sample data in ``work/data``, built into ``work/site`` with a cache."""
    shutil.copytree(SAMPLE_DATA, work / "data")
    assert build(ROOT / "pelicanconf.py", work / "site", _settings(work / "data", **more)) == []
    return work


def _rebuild_equals_a_full_build(work: Path, what: str, edit: Edit, **more: object) -> None:
    """Edit the data of a built sample, rebuild its site, and compare it with a fresh build."""
    data, site = work / "data", work / "site"
    edit(data)
    assert build(ROOT / "pelicanconf.py", site, _settings(data, **more)) == []
    fresh = work / f"fresh-{what.replace(' ', '-')}"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data, **more, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built_sample(tmp_path_factory.mktemp("incremental"))


@pytest.mark.parametrize(("what", "edit"), EDITS, ids=[what for what, _ in EDITS])
def test_a_rebuild_after_an_edit_equals_a_full_build(sample: Path, what: str, edit: Edit):
    _rebuild_equals_a_full_build(sample, what, edit)


def test_only_pages_that_show_the_edit_are_rendered_again(tmp_path: Path):
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    assert build(ROOT / "pelicanconf.py", site, _settings(data)) == []
    pages = {p.relative_to(site).as_posix(): _inode(p) for p in site.rglob("*.html")}
    _replace(data / "districts" / "borki.yaml", "description: |\n", "description: |\n  Nowy opis.\n")
    assert build(ROOT / "pelicanconf.py", site, _settings(data)) == []
    rendered = sorted(name for name, inode in pages.items() if _inode(site / name) != inode)
    kept = len(pages) - len(rendered)
    assert "dzielnice/borki/index.html" in rendered
    assert "dzielnice/index.html" in rendered  # the list shows every district
    assert kept > len(pages) * 0.7, rendered  # an NGO or a grant page does not show a district's description

    _ngo_text(data)
    pages = {p.relative_to(site).as_posix(): _inode(p) for p in site.rglob("*.html")}
    assert build(ROOT / "pelicanconf.py", site, _settings(data)) == []
    assert _inode(site / "dotacje" / "index.html") == pages["dotacje/index.html"]  # it shows the NGOs' names only


def test_lists_whose_pages_the_edit_left_alone_are_not_sorted_and_filed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """An NGO's description edited: the lists of NGOs (which show it, if not its description) are made
    again, every other kind's are kept without sorting and filing its records again; so are they when
    an NGO is renamed, but for the lists of grants, which show its name."""
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    assert build(ROOT / "pelicanconf.py", site, _settings(data)) == []
    filed: list[str] = []
    real = pages.facet_groups
    monkeypatch.setattr(
        pages, "facet_groups", lambda site, table, records: filed.append(table) or real(site, table, records)
    )

    _ngo_text(data)
    assert build(ROOT / "pelicanconf.py", site, _settings(data)) == []
    assert filed == ["ngos"]

    filed.clear()
    _ngo_renamed_to_the_end_of_the_list(data)
    assert build(ROOT / "pelicanconf.py", site, _settings(data)) == []
    assert sorted(filed) == ["grants", "ngos"]  # the grants' lists show their NGOs' names
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


def _ngo_renamed_to_the_end_of_the_list(data: Path) -> None:
    _replace(data / "ngos" / "chor-kameralny-cantilena.yaml", "name: Chór Kameralny", "name: Żeński Chór Kameralny")


PAGE_SIZE = 5
PAGED_EDITS: list[tuple[str, Edit]] = [
    ("an NGO's description", _ngo_text),
    ("an NGO renamed, moving others to other pages", _ngo_renamed_to_the_end_of_the_list),
    ("a grant's amount, reordering a year's pages", _grant_amount),
    ("a grant removed", _grant_removed),
    ("a grant added", _grant_added),
]


@pytest.fixture(scope="module")
def paged_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built_sample(tmp_path_factory.mktemp("incremental-paged"), CIVIC_LIST_PAGE_SIZE=PAGE_SIZE)


@pytest.mark.parametrize(("what", "edit"), PAGED_EDITS, ids=[what for what, _ in PAGED_EDITS])
def test_a_rebuild_of_lists_cut_into_pages_equals_a_full_build(paged_sample: Path, what: str, edit: Edit):
    _rebuild_equals_a_full_build(paged_sample, what, edit, CIVIC_LIST_PAGE_SIZE=PAGE_SIZE)


def test_the_grants_of_each_year_are_not_sorted_again_after_an_edit_they_do_not_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """An NGO's description edited: the pages of each year's grants are kept without grouping and
    sorting the grants again; a grant's amount changed: they are made again, as a fresh build makes them."""
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    settings = _settings(data, CIVIC_LIST_PAGE_SIZE=PAGE_SIZE)
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    years = {p.relative_to(site).as_posix(): _inode(p) for p in (site / "dotacje" / "rok").glob("**/index.html")}
    assert len(years) > 1
    grouped: list[int] = []
    real = Views.grants_by_year
    monkeypatch.setattr(Views, "grants_by_year", lambda views: grouped.append(1) or real(views))

    _ngo_text(data)
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    assert grouped == []
    assert {name: _inode(site / name) for name in years} == years

    _grant_amount(data)
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    assert grouped  # the list of grants groups them too
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, {**settings, "CIVIC_CACHE_PATH": ""}) == []
    assert _differences(site, fresh) == []


def test_an_edit_that_keeps_a_records_place_renders_only_the_page_of_the_list_that_shows_it(tmp_path: Path):
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data)
    settings = _settings(data, CIVIC_LIST_PAGE_SIZE=PAGE_SIZE)
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    pages = {p.relative_to(site).as_posix(): _inode(p) for p in (site / "organizacje").glob("**/index.html")}
    first = [name for name in pages if name == "organizacje/index.html" or name.startswith("organizacje/strona/")]
    assert len(first) > 2
    _replace(data / "ngos" / "chor-kameralny-cantilena.yaml", "description: ", "description: Próby we wtorki. ")
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    rendered = sorted(name for name in first if _inode(site / name) != pages[name])
    assert len(rendered) == 1, rendered
    assert "/organizacje/chor-kameralny-cantilena/" in (site / rendered[0]).read_text(encoding="utf-8")


def test_a_change_to_the_theme_renders_everything(data_dir: Path, tmp_path: Path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site = tmp_path / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir, THEME=str(theme))) == []
    css = next(theme.rglob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* zmiana */\n", encoding="utf-8")
    _replace(theme / "templates" / "base.html", "<main ", "<main data-zmiana ")
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir, THEME=str(theme))) == []
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data_dir, THEME=str(theme), CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []
    assert all(b"data-zmiana" in p.read_bytes() for p in site.rglob("*.html") if b"<main" in p.read_bytes())


def test_building_on_fewer_cores_keeps_the_pages_of_the_last_build(data_dir: Path, tmp_path: Path):
    """How many processes build the site changes nothing in it: a build on one core after a build on
    all of them is a rebuild, not a full build."""
    site = tmp_path / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    page = next(site.glob("organizacje/*/index.html"))
    before = _inode(page)
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir, CIVIC_PROCESSES=1)) == []
    assert _inode(page) == before


def test_an_upgraded_library_builds_everything(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A workbook sheet or a compressed file kept from the last build was made by the libraries of then."""
    site = tmp_path / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    page = next(site.glob("organizacje/*/index.html"))
    before = _inode(page)
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    assert _inode(page) == before  # nothing changed: the page was kept
    version = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "9.9.9" if name == "xlsxwriter" else version(name))
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    assert _inode(page) != before


def test_the_search_index_is_split_into_shards_and_an_edit_indexes_only_the_shards_it_touched(tmp_path: Path):
    data_dir, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data_dir)
    settings = _settings(data_dir, CIVIC_SEARCH=True, CIVIC_SEARCH_SHARD_PAGES=60)
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    listed = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(listed) >= 4, listed
    indexed = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]
    assert sum(_indexed_count(site, shard) for shard in listed) == len(indexed)  # every page in one shard
    entries = {shard: _inode(_entry(site, shard)) for shard in listed}
    pages = {page: (site / page).read_bytes() for page in indexed}

    assert build(ROOT / "pelicanconf.py", site, settings) == []  # nothing changed: every shard kept
    assert {shard: _inode(_entry(site, shard)) for shard in listed} == entries

    ngo = next((data_dir / "ngos").glob("*.yaml"))
    _replace(ngo, "description: ", "description: Słowo-klucz-przebudowy. ")
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    changed = [page for page, before in pages.items() if (site / page).read_bytes() != before]
    count = sum(shard[:-1].isdigit() for shard in listed)
    touched = {f"{shard_of(page, count)}/" for page in changed}
    remade = {shard for shard, inode in entries.items() if _inode(_entry(site, shard)) != inode}
    assert touched and remade == touched, (touched, remade)
    assert len(remade) < len(listed)
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, {**settings, "CIVIC_CACHE_PATH": ""}) == []
    assert _differences(site, fresh) == []


def _entry(site: Path, shard: str) -> Path:
    return site / "pagefind" / shard / "pagefind-entry.json"


def _indexed_count(site: Path, shard: str) -> int:
    entry = json.loads(_entry(site, shard).read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_a_failed_build_keeps_the_cache_of_the_site_in_place(data_dir: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    ngo = next((data_dir / "ngos").glob("*.yaml"))
    good = ngo.read_text(encoding="utf-8")
    ngo.write_text(good + "\nnieznane_pole: 1\n", encoding="utf-8")
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) != []
    ngo.write_text(good.replace("description: ", "description: Poprawione. ", 1), encoding="utf-8")
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data_dir, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []
    cache = tmp_path / ".site-cache"
    assert sorted(os.listdir(cache)) == ["build.pickle", spans.FOLDER, template_cache.FOLDER]
    assert not [path for path in cache.rglob(".*")]  # no file half-written left behind


def test_a_damaged_cache_is_ignored_and_the_site_built_in_full(data_dir: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    (tmp_path / ".site-cache" / "build.pickle").write_bytes(b"\x80\x05not a pickle")
    _replace(next((data_dir / "ngos").glob("*.yaml")), "description: ", "description: Po awarii. ")
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data_dir, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(data_dir: Path, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    site = tmp_path / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir, CIVIC_CACHE_PATH=str(blocker))) == []
    assert (site / "index.html").is_file()


def _git(data: Path, *args: str, when: str = "2026-11-20T10:00:00+01:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ["-c", "user.name=Biuro", "-c", "user.email=bao@example.pl"]
    done = subprocess.run(["git", *identity, *args], cwd=data, check=True, capture_output=True, env=env, text=True)
    return done.stdout.strip()


def _pages(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): _inode(p) for p in site.rglob("*.html")}


def _rendered(site: Path, before: dict[str, int]) -> list[str]:
    return sorted(name for name, inode in before.items() if _inode(site / name) != inode)


def _committed_and_built(data_dir: Path, work: Path) -> Path:
    """The data folder made a git repository with one commit, and built into ``work/site``."""
    _git(data_dir, "init", "-q")
    _git(data_dir, "add", ".")
    _git(data_dir, "commit", "-qm", "Dane")
    site = work / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    return site


def test_committing_an_edit_already_built_shows_the_new_date_of_change(data_dir: Path, tmp_path: Path):
    site = _committed_and_built(data_dir, tmp_path)
    ngo = next((data_dir / "ngos").glob("*.yaml"))
    _replace(ngo, "description: ", "description: Nowe zdanie. ")
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []  # edited, not yet committed
    pages = _pages(site)
    _git(data_dir, "commit", "-qam", "Opis", when="2026-11-21T09:00:00+01:00")
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []  # the same contents, a new date
    page = (site / "organizacje" / ngo.stem / "index.html").read_text(encoding="utf-8")
    assert "21 listopada 2026" in page
    rendered = _rendered(site, pages)
    assert f"organizacje/{ngo.stem}/index.html" in rendered
    assert "dane/index.html" in rendered  # it states the data's version, which names the commit
    others = [name for name in pages if name.startswith(("dotacje/", "dzielnice/", "konsultacje/", "komorki/"))]
    assert others and not set(others) & set(rendered), rendered  # a commit is no reason to render every page
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data_dir, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


def test_a_commit_that_changes_no_record_gives_the_data_a_new_version(data_dir: Path, tmp_path: Path):
    site = _committed_and_built(data_dir, tmp_path)
    pages = _pages(site)
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    always = _rendered(site, pages)  # the site's own pages (news, about), written by every build
    pages = _pages(site)
    (data_dir / "README.md").write_text("Rejestry biura.\n", encoding="utf-8")  # not a record: no page shows it
    _git(data_dir, "add", "README.md")
    _git(data_dir, "commit", "-qm", "Opis folderu", when="2026-11-21T09:00:00+01:00")
    commit = _git(data_dir, "log", "-1", "--format=%h")
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    assert f"+{commit}" in (site / "dane" / "index.html").read_text(encoding="utf-8")
    assert f"+{commit}" in json.loads((site / "dane" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    rendered = set(_rendered(site, pages)) - set(always)
    assert rendered == {name for name in pages if name.startswith("dane/")}
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data_dir, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


def test_a_rebuild_cut_short_while_its_files_are_moved_in_is_followed_by_a_full_build(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    site = tmp_path / "site"
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    _ngo_text(data_dir)

    def cut_short(staging: Path, output: Path, before: list[str], after: list[str]) -> None:
        moved = next(p for p in staging.rglob("*.html"))
        moved.replace(output / moved.relative_to(staging))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("civic.build.apply", cut_short)
    errors = build(ROOT / "pelicanconf.py", site, _settings(data_dir))
    assert len(errors) == 1 and "Następna budowa zbuduje całą stronę" in errors[0], errors
    assert not any(p.name.startswith(".site-") and p.is_dir() and "cache" not in p.name for p in tmp_path.iterdir())
    monkeypatch.undo()

    page = site / "index.html"
    before = _inode(page)
    assert build(ROOT / "pelicanconf.py", site, _settings(data_dir)) == []
    assert _inode(page) != before  # nothing trusted from the site left half-changed: built in full
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data_dir, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


def test_after_an_edit_only_the_tables_it_touched_are_exported_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data_dir, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(SAMPLE_DATA, data_dir)
    settings = _settings(data_dir, CIVIC_PROCESSES=1)  # the exports in this process, where they are seen
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    made: dict[str, list[str]] = {"text": [], "xlsx": [], "sqlite": []}
    compose, table_sheet, insert = spans.compose, xlsx_workbook._table_sheet, sqlite_db._insert
    monkeypatch.setattr(
        spans, "compose", lambda published, *more: made["text"].append(published.name) or compose(published, *more)
    )
    monkeypatch.setattr(
        xlsx_workbook,
        "_table_sheet",
        lambda book, published, formats, filled, *more: (
            (filled and made["xlsx"].append(published.name)) or table_sheet(book, published, formats, filled, *more)
        ),
    )
    monkeypatch.setattr(
        sqlite_db, "_insert", lambda db, published: made["sqlite"].append(published.name) or insert(db, published)
    )
    compressed: set[str] = set()
    build_zip = zipfiles.build_zip

    def spy(entries: Iterable[tuple[str, bytes | zipfiles.Stored]], when: datetime) -> bytes:
        entries = list(entries)
        compressed.update(name for name, content in entries if not isinstance(content, zipfiles.Stored))
        return build_zip(entries, when)

    monkeypatch.setattr(zipfiles, "build_zip", spy)
    dane = site / "dane"
    inodes = {path: _inode(dane / path) for path in ("csv/ngos.csv", "json/ngos.json", "csv/grants.csv")}
    _grant_amount(data_dir)
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    # the files of untouched tables are left where they are, not written again
    assert {path: _inode(dane / path) == inode for path, inode in inodes.items()} == {
        "csv/ngos.csv": True,
        "json/ngos.json": True,
        "csv/grants.csv": False,
    }
    # the other tables' CSV and JSON files, workbook sheets and database rows are the last build's
    assert made == {"text": ["grants", "grants"], "xlsx": ["grants"], "sqlite": ["grants"]}
    # the ZIP files take the other files as the last build's ZIP files store them
    assert compressed == {"datapackage.json", "csv/grants.csv", "json/grants.json", "dane.xlsx", "dane.sqlite"}
    made = {format: [] for format in made}
    _ngo_text(data_dir)  # the NGO's areas and links stay as they were
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    assert made == {"text": ["ngos", "ngos"], "xlsx": ["ngos"], "sqlite": ["ngos"]}
    fresh = tmp_path / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data_dir, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


def test_a_workbook_with_other_cell_formats_lends_none_of_its_sheets(tmp_path: Path):
    """Kept sheets number their cell formats as the last workbook did: if its formats differ, none is kept."""
    work = _built_sample(tmp_path)
    workbook = work / "site" / "dane" / "dane.xlsx"
    with zipfile.ZipFile(workbook) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    ngos = f"xl/worksheets/sheet{2 + [t.name for t in Catalog.load(SAMPLE_DATA / 'schemas')].index('ngos')}.xml"
    assert b"Fundacja" in parts[ngos]
    parts[ngos] = parts[ngos].replace(b"Fundacja", b"Fundacyja")  # what a kept sheet would bring along
    parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(b"<fonts", b"<fonts ", 1)
    workbook.write_bytes(zipfiles.build_zip(parts.items(), datetime(2026, 1, 1)))
    _rebuild_equals_a_full_build(work, "a grant's amount", _grant_amount)


def _not_a_database(content: bytes) -> bytes:
    return b"not a database" * 100


def _rows_zeroed(content: bytes) -> bytes:
    """The schema readable, the first page of an untouched table's rows gone."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dane.sqlite"
        path.write_bytes(content)
        with closing(sqlite3.connect(path)) as database:
            size = database.execute("PRAGMA page_size").fetchone()[0]
            (root,) = database.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'ngos'").fetchone()
    start = (root - 1) * size
    return content[:start] + bytes(size) + content[start + size :]


@pytest.mark.parametrize("damage", [_not_a_database, _rows_zeroed])
def test_a_damaged_last_database_lends_no_rows(tmp_path: Path, damage: Callable[[bytes], bytes]):
    work = _built_sample(tmp_path)
    database = work / "site" / "dane" / "dane.sqlite"
    database.write_bytes(damage(database.read_bytes()))
    _rebuild_equals_a_full_build(work, "a grant's amount", _grant_amount)
