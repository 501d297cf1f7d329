"""Spreadsheets into records: updates matched by id change exactly the given fields."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from civic.importers import import_files
from civic.pipeline import check_data
from tests.conftest import ROOT


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: to see exactly what an import changed."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(fmt: str, files: list[Path], data_dir: Path, **options) -> tuple[int, str]:
    out = io.StringIO()
    code = import_files(fmt, files, data_dir, out=out, **{"dry_run": False, **options})
    return code, out.getvalue()


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_a_csv_of_votes_changes_exactly_those_fields(data_dir: Path, tmp_path: Path):
    before = tree(data_dir)
    sheet = write_csv(tmp_path / "glosy.csv", "id;Liczba głosów;selected\n2026-o-1;950;tak\n2026-o-2;700;\n")
    code, out = run("table", [sheet], data_dir)
    assert code == 0, out
    after = tree(data_dir)
    changed = {p for p in after if after[p] != before.get(p)}
    assert changed == {"budget_projects/2026-o-1.yaml", "budget_projects/2026-o-2.yaml"}
    for name, old, new in (("2026-o-1", "votes: 900", "votes: 950"), ("2026-o-2", "votes: 800", "votes: 700")):
        path = f"budget_projects/{name}.yaml"
        assert after[path].decode() == before[path].decode().replace(old, new)
    assert "| Liczba głosów (`votes`) | 900 | 950 |" in out
    assert not check_data(data_dir).problems


def test_importing_the_same_sheet_again_changes_nothing(data_dir: Path, tmp_path: Path):
    sheet = write_csv(tmp_path / "glosy.csv", "id;votes\n2026-o-1;950\n")
    assert run("table", [sheet], data_dir)[0] == 0
    before = tree(data_dir)
    code, out = run("table", [sheet], data_dir)
    assert code == 0 and "Dane są już aktualne" in out
    assert tree(data_dir) == before


def test_a_dry_run_shows_and_checks_but_writes_nothing(data_dir: Path, tmp_path: Path):
    before = tree(data_dir)
    sheet = write_csv(tmp_path / "glosy.csv", "id,votes\n2026-o-1,950\n")
    code, out = run("table", [sheet], data_dir, dry_run=True)
    assert code == 0
    assert "| Liczba głosów (`votes`) | 900 | 950 |" in out
    assert "Nic nie zapisano" in out
    assert tree(data_dir) == before


def test_polish_titles_windows_encoding_and_polish_numbers(data_dir: Path, tmp_path: Path):
    text = "Identyfikator;Nazwa;Rodzaj jednostki;Liczba mieszkańców;area_km2\n;Nowe Łąki;osiedle;1 200;2,5\n"
    sheet = write_csv(tmp_path / "dzielnice.csv", text, encoding="cp1250")
    code, out = run("table", [sheet], data_dir)
    assert code == 0, out
    written = (data_dir / "districts/nowe-laki.yaml").read_text(encoding="utf-8")
    assert "name: Nowe Łąki\ntype: osiedle\npopulation: 1200\narea_km2: 2.5\n" in written
    assert written.startswith("# yaml-language-server: $schema=../schemas/editor/districts.json\n")


def test_an_xlsx_workbook_with_typed_cells_and_labels(data_dir: Path, tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "legal_form", "krs", "opp", "registered", "city", "description", "areas"])
    sheet.append(
        ["Fundacja Nowa", "fundacja", 123457, "tak", datetime(2020, 5, 4), "Wierzbin", "Opis.", "sport, kultura"]
    )
    sheet.append(["Koło Sąsiadów", "stowarzyszenie", None, False, None, "Wierzbin", "Opis koła.", None])
    book.save(tmp_path / "organizacje.xlsx")
    code, out = run("table", [tmp_path / "organizacje.xlsx"], data_dir)
    assert code == 0, out
    records = check_data(data_dir).dataset.records("ngos")
    new = records["fundacja-nowa"]
    assert new["krs"] == "0000123457"  # the zeros a spreadsheet drops come back
    assert new["opp"] is True and str(new["registered"]) == "2020-05-04"
    assert [a["area"] for a in new["areas"]] == ["sport", "kultura"]
    assert records["kolo-sasiadow"]["opp"] is False


def test_a_bad_value_stops_the_import_and_names_the_row(data_dir: Path, tmp_path: Path):
    before = tree(data_dir)
    sheet = write_csv(tmp_path / "glosy.csv", "id;votes\n2026-o-1;950\n2026-o-2;dużo\n")
    code, out = run("table", [sheet], data_dir)
    assert code == 1
    assert "data/budget_projects/2026-o-2.yaml" in out and "„dużo” nie jest liczbą całkowitą" in out
    assert "dane z: glosy.csv, wiersz 3, kolumna „votes”" in out
    assert "nic nie zostało zapisane" in out
    assert tree(data_dir) == before


def test_winners_that_do_not_follow_from_the_votes_stop_the_import(data_dir: Path, tmp_path: Path):
    before = tree(data_dir)
    sheet = write_csv(tmp_path / "glosy.csv", "id;votes\n2026-o-2;5000\n")
    code, out = run("table", [sheet], data_dir)
    assert code == 1 and "[winner-mismatch]" in out
    assert tree(data_dir) == before


def test_unknown_columns_and_ids_are_explained(data_dir: Path, tmp_path: Path):
    before = tree(data_dir)
    sheet = write_csv(tmp_path / "glosy.csv", "id;glosy\n2026-o-1;950\n")
    code, out = run("table", [sheet], data_dir, kind="budget_project")
    assert code == 1
    assert "glosy.csv: nieznana kolumna „glosy”" in out
    bad_id = write_csv(tmp_path / "zle.csv", "id;votes\nProjekt 1;950\n")
    code, out = run("table", [bad_id], data_dir, kind="budget_project")
    assert code == 1 and "zle.csv, wiersz 2: „Projekt 1” nie może być identyfikatorem rekordu" in out
    assert tree(data_dir) == before


def test_columns_of_several_kinds_need_a_kind(data_dir: Path, tmp_path: Path):
    sheet = write_csv(tmp_path / "nazwy.csv", "name;description\nNowa;Opis\n")
    code, out = run("table", [sheet], data_dir)
    assert code == 1 and "--kind" in out


def test_the_command_never_shows_a_traceback(data_dir: Path, tmp_path: Path):
    (tmp_path / "stary.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "zepsuty.xlsx").write_bytes(b"to nie jest zip")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "civic", "import", *args],
            cwd=data_dir.parent,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )

    for args, message in (
        (["table", str(tmp_path / "stary.xls")], "stary format Excela (.xls) nie jest obsługiwany"),
        (["table", str(tmp_path / "zepsuty.xlsx")], "to nie jest poprawny arkusz Excel .xlsx"),
        (["table", "nie-ma.csv"], "Nie ma pliku: nie-ma.csv."),
        (["krs", "nie-ma.json", "--kind", "ngo"], "Opcja --kind dotyczy tylko formatu table."),
    ):
        result = cli(*args)
        assert result.returncode in (1, 2)
        assert "Traceback" not in result.stderr
        assert message in result.stdout + result.stderr
