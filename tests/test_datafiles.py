"""Which files of a data folder are read as which table's records."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from civic.datafiles import list_files
from civic.pipeline import check_data
from civic.schema import Catalog
from tests.conftest import ROOT


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("id: x\n", encoding="utf-8")


def test_record_files_by_table_in_path_order_with_the_unclaimed_apart(tmp_path: Path):
    catalog = Catalog.load(ROOT / "data" / "schemas")
    _touch(
        tmp_path,
        "ngos/b.yaml",
        "ngos/2024/z.yaml",  # a folder sorts among the files by its name
        "ngos/a.yml",
        "ngos/notes.txt",  # not YAML: not a record
        "grants/g-1.yaml",
        "vocabularies/legal_forms.yaml",
        "vocabularies/stray.yaml",  # in a list table's folder, but no table's file
        "uchwaly/u-1.yaml",  # no table keeps its records here
        "schemas/extra.yaml",  # the schemas are not records
        "top.yaml",
    )
    listing = list_files(tmp_path, catalog)
    assert listing.files["ngos"] == [str(tmp_path / f) for f in ("ngos/2024/z.yaml", "ngos/a.yml", "ngos/b.yaml")]
    assert listing.files["grants"] == [str(tmp_path / "grants/g-1.yaml")]
    assert listing.files["legal_forms"] == [str(tmp_path / "vocabularies/legal_forms.yaml")]
    assert listing.files["consultations"] == []
    assert listing.unclaimed == [
        tmp_path / "top.yaml",
        tmp_path / "uchwaly/u-1.yaml",
        tmp_path / "vocabularies/stray.yaml",
    ]
    jobs = listing.jobs(catalog)
    assert [table.name for table, _, _ in jobs] == sorted(
        (t.name for t, _, _ in jobs), key=[t.name for t in catalog.main_tables].index
    )
    assert len(jobs) == 5
    assert all(path == str(tmp_path / rel) for _, path, rel in jobs)  # each with its path relative to the folder


def test_a_linked_folder_is_not_followed(tmp_path: Path):
    catalog = Catalog.load(ROOT / "data" / "schemas")
    _touch(tmp_path, "ngos/a.yaml")
    (tmp_path / "ngos" / "loop").symlink_to(tmp_path / "ngos", target_is_directory=True)
    assert list_files(tmp_path, catalog).files["ngos"] == [str(tmp_path / "ngos/a.yaml")]


def test_a_folder_that_cannot_be_read_is_reported_not_skipped(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """Its records would be neither checked nor published: the check fails and says which folder."""
    real_scandir = os.scandir
    ngos = str(data_dir / "ngos")

    def scandir(path):  # noqa: ANN001, ANN202 - as os.scandir
        if str(path) == ngos:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    checked = check_data(data_dir)
    [problem] = [p for p in checked.problems.sorted() if p.code == "unreadable-folder"]
    assert problem.path.endswith("ngos")
    assert "nie można odczytać folderu (Permission denied)" in problem.message
    assert not checked.ok


def test_a_file_that_cannot_be_read_is_reported_as_such(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """Not as a YAML syntax error: the file's text was never seen."""
    real_open = os.open
    unreadable = next((data_dir / "ngos").glob("*.yaml"))

    def open_file(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        if Path(path) == unreadable:  # as for a file without read permission (the tests may run as root)
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)
    checked = check_data(data_dir)
    [problem] = [p for p in checked.problems.sorted() if p.path.endswith(unreadable.name)]
    assert problem.code == "unreadable-file"
    assert problem.message.startswith("nie można odczytać pliku (Permission denied)")
