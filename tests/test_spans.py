"""After an edit, a table's CSV and JSON files are made again only where the edit shows.

The rows of the records the edit changed are made anew; every other
record's rows are the last build's bytes. The files are the same as a full
build's, also when what the last build kept about its files does not fit
the site any more.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from civic.build import build
from civic.export import csv_tables, json_tables, spans, xlsx_workbook
from civic.export.records import PublishedTable
from tests.conftest import ROOT, SAMPLE_DATA
from tests.test_incremental import _differences, _replace, _settings

NGO = "wierzbinski-uniwersytet-trzeciego-wieku"  # near the end of the list
AREAS = "  - seniorzy\n  - edukacja\n"
OTHER_NGO = "fundacja-dobry-start"


def _spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[Any, ...]]]:
    """The rows each table's files make anew, by ``csv/<table>``, ``json/<table>`` and ``xlsx/<table>``."""
    made: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    table_sheet = xlsx_workbook._table_sheet

    def sheet(book: Any, published: PublishedTable, formats: Any, filled: bool, skipped: Any = ()) -> None:
        if filled:
            made[f"xlsx/{published.name}"] += [v for i, v in enumerate(published.rows) if i not in skipped]
        table_sheet(book, published, formats, filled, skipped)

    monkeypatch.setattr(xlsx_workbook, "_table_sheet", sheet)

    def spying(module: ModuleType, kind: str) -> None:
        shape = module.shape

        def spied(published: PublishedTable) -> spans.TextShape:
            made_by = shape(published)

            def rows(values: list[tuple[Any, ...]]) -> str:
                made[f"{kind}/{published.name}"].extend(values)
                return made_by.rows(values)

            return replace(made_by, rows=rows)

        monkeypatch.setattr(module, "shape", spied)

    spying(csv_tables, "csv")
    spying(json_tables, "json")
    return made


def _built(work: Path) -> tuple[Path, Path, dict[str, object]]:
    data, site = work / "data", work / "site"
    shutil.copytree(SAMPLE_DATA, data)
    settings = _settings(data, CIVIC_PROCESSES=1)  # the exports in this process, where they are seen
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    return data, site, settings


def _same_as_a_full_build(work: Path, data: Path, site: Path) -> None:
    fresh = work / "fresh"
    assert build(ROOT / "pelicanconf.py", fresh, _settings(data, CIVIC_CACHE_PATH="")) == []
    assert _differences(site, fresh) == []


def _description(data: Path, ngo: str, added: str) -> None:
    _replace(data / "ngos" / f"{ngo}.yaml", "description: ", f"description: {added} ")


def test_an_edit_makes_only_the_rows_of_the_record_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data, site, settings = _built(tmp_path)
    made = _spy(monkeypatch)
    _description(data, NGO, "Śpiewamy też w szpitalach.")
    _replace(data / "ngos" / f"{NGO}.yaml", AREAS, f"{AREAS}  - sport\n")
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    assert sorted(made) == [f"{kind}/{table}" for kind in ("csv", "json", "xlsx") for table in ("ngo_areas", "ngos")]
    for kind in ("csv", "json"):
        assert [row[0] for row in made[f"{kind}/ngos"]] == [NGO]
        assert [row[2] for row in made[f"{kind}/ngo_areas"]] == ["seniorzy", "edukacja", "sport", "kultura"]
    # the sheet's rows from the edited record on moved down by one (its new area): they are written again;
    # of the others, only the last row is, which sets the sheet's size
    names = sorted(path.stem for path in (data / "ngos").glob("*.yaml"))
    assert [row[0] for row in made["xlsx/ngos"]] == [NGO, names[-1]]
    assert {row[0] for row in made["xlsx/ngo_areas"]} == set(names[names.index(NGO) :])
    csv = (site / "dane" / "csv" / "ngos.csv").read_bytes().decode("utf-8")
    assert "Śpiewamy też w szpitalach." in csv and csv.count("\r\n") > 30
    _same_as_a_full_build(tmp_path, data, site)


def test_a_failed_build_that_kept_its_files_layout_leaves_the_next_build_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A build that fails after its data files were made has kept where their rows lie, but the site still
    holds the files before it: the next build must not cut those files by the failed build's layout."""
    data, site, settings = _built(tmp_path)
    _description(data, NGO, "Próbujemy nowego repertuaru, który wydłuża ten opis o kilka słów.")
    _replace(data / "ngos" / f"{NGO}.yaml", AREAS, f"{AREAS}  - sport\n")  # the rows after move down
    monkeypatch.setattr("civic.build.finish", lambda *args: ["przerwana"])
    assert build(ROOT / "pelicanconf.py", site, settings) == ["przerwana"]
    monkeypatch.undo()
    made = _spy(monkeypatch)
    _description(data, OTHER_NGO, "Nowy opis.")
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    for made_anew in ("csv/ngos", "xlsx/ngo_areas"):  # what was kept did not fit the site's files: every row
        assert len(made[made_anew]) > 2
    _same_as_a_full_build(tmp_path, data, site)


def test_a_damaged_layout_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data, site, settings = _built(tmp_path)
    kept = sorted((tmp_path / ".site-cache" / spans.FOLDER).rglob(f"*{spans.SUFFIX}"))
    assert {path.name for path in kept} >= {"ngos.csv.spans", "ngos.json.spans"}
    for path in kept:
        path.write_bytes(b"not what a build keeps")
    _description(data, NGO, "Śpiewamy też w szpitalach.")
    assert build(ROOT / "pelicanconf.py", site, settings) == []
    _same_as_a_full_build(tmp_path, data, site)
