"""A failed import leaves the data folder exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from civic.importers.apply import write_all
from civic.importers.workspace import Workspace
from tests.test_import_table import run, tree, write_csv


def test_a_failure_while_writing_leaves_no_file_changed_or_half_written(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    workspace = Workspace(data_dir)
    projects = workspace.table("budget_projects")
    workspace.put(projects, "2026-o-1", {"votes": 950})
    workspace.put(projects, "2026-o-2", {"votes": 700})
    before = tree(data_dir)
    original = Path.write_text
    calls = []

    def failing(self: Path, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(OSError):
        write_all(list(workspace.staged.values()))
    monkeypatch.undo()
    assert tree(data_dir) == before  # nothing replaced, no temporary file left


def test_input_errors_and_invalid_records_write_nothing(data_dir: Path, tmp_path: Path):
    before = tree(data_dir)
    good = write_csv(tmp_path / "dobre.csv", "id;votes\n2026-o-1;950\n")
    bad = write_csv(tmp_path / "zle.csv", "id;nieznane\n2026-o-2;1\n")
    code, out = run("table", [good, bad], data_dir)  # one good file does not go in without the other
    assert code == 1 and "zle.csv: nieznana kolumna „nieznane”" in out
    assert tree(data_dir) == before
    invalid = write_csv(tmp_path / "nowe.csv", "name;type\nNowa;wies\n")
    code, out = run("table", [good, invalid], data_dir)
    assert code == 1 and "„wies” nie jest dozwoloną wartością" in out
    assert tree(data_dir) == before


def test_a_record_file_that_cannot_be_read_is_never_overwritten(data_dir: Path, tmp_path: Path):
    (data_dir / "budget_projects/2026-o-1.yaml").write_text("votes: [900\n", encoding="utf-8")
    before = tree(data_dir)
    code, out = run("table", [write_csv(tmp_path / "glosy.csv", "id;votes\n2026-o-1;950\n")], data_dir)
    assert code == 1 and "2026-o-1.yaml: plik rekordu ma błąd składni; popraw go przed importem." in out
    assert tree(data_dir) == before
