"""The data diff between two commits lists exactly the changes made, per kind and field."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from civic.datadiff import DiffError, compare, diff_markdown, from_git
from civic.schema import Catalog
from tests.conftest import FIXTURE_DATA, ROOT


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.pl", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A throwaway repository: the fixture data committed, then one commit of changes."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE_DATA, root / "data")  # follows the schemas link
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Dane")
    data = root / "data"
    (data / "districts/zalesie.yaml").unlink()
    (data / "districts/borki.yaml").write_text("name: Borki\ntype: solectwo\n", encoding="utf-8")
    project = data / "budget_projects/2026-o-1.yaml"
    project.write_text(project.read_text().replace("votes: 900", "votes: 950"), encoding="utf-8")
    consultation = data / "consultations/program-wspolpracy-2027.yaml"
    text = consultation.read_text()
    text = text.replace("starts: 17:30", "starts: 18:00").replace("  - centrum\n", "  - centrum\n  - zalesie\n")
    raport = "  - title: Raport\n    type: report\n    url: https://example.pl/raport.pdf\n"
    text = text.replace("comments:\n", raport + "comments:\n")
    consultation.write_text(text, encoding="utf-8")
    ngo = data / "ngos/fundacja-przyklad.yaml"
    ngo.write_text(ngo.read_text().replace("website: https://fundacja-przyklad.example.pl\n", ""), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Zmiany")
    return root


def changes(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith(("- `", "| ", "`")) and "| ---" not in line]


def test_the_diff_lists_exactly_the_changes_of_the_commit(repo: Path):
    report = diff_markdown(repo / "data", "HEAD~1", "HEAD")
    assert report.startswith("## Zmiany w danych: `HEAD~1` (")
    assert "Dodano 1 rekord, usunięto 1, zmieniono 3." in report
    consultation = "Konsultacje projektu programu współpracy z organizacjami pozarządowymi na 2027 rok"
    assert changes(report) == [
        "`2026-o-1` — Zielone przystanki (`data/budget_projects/2026-o-1.yaml`)",
        "| pole | było | jest |",
        "| Liczba głosów (`votes`) | 900 | 950 |",
        f"`program-wspolpracy-2027` — {consultation} (`data/consultations/program-wspolpracy-2027.yaml`)",
        "| pole | było | jest |",
        "| Obszary konsultacji (`districts`) | centrum | centrum, zalesie |",
        "| Dokumenty konsultacji, poz. 2 (`documents[2]`) | — | dodano: Raport |",
        "| Spotkania konsultacyjne, poz. 1 › Początek (`meetings[1].starts`) | 17:30 | 18:00 |",
        "- `borki` — Borki (`data/districts/borki.yaml`)",
        "- `zalesie` — Zalesie (`data/districts/zalesie.yaml`)",
        "`fundacja-przyklad` — Fundacja Przykład (`data/ngos/fundacja-przyklad.yaml`)",
        "| pole | było | jest |",
        "| Strona internetowa (`website`) | https://fundacja-przyklad.example.pl | — |",
    ]
    assert report.index("**Dodane (1):**") < report.index("- `borki`") < report.index("**Usunięte (1):**")


def test_the_same_comparison_as_data(repo: Path):
    revisions = from_git(repo / "data", "HEAD~1", "HEAD")
    kinds = compare(Catalog.load(repo / "data/schemas"), revisions.old, revisions.new)
    found = {(k.table.name, r.record_id, r.status, tuple(f.key for f in r.fields)) for k in kinds for r in k.records}
    assert found == {
        ("consultations", "program-wspolpracy-2027", "changed", ("districts", "documents[2]", "meetings[1].starts")),
        ("budget_projects", "2026-o-1", "changed", ("votes",)),
        ("districts", "borki", "added", ()),
        ("districts", "zalesie", "removed", ()),
        ("ngos", "fundacja-przyklad", "changed", ("website",)),
    }


def test_without_a_second_revision_the_working_folder_is_compared(repo: Path):
    (repo / "data/districts/nowa.yaml").write_text("name: Nowa\ntype: osiedle\n", encoding="utf-8")
    report = diff_markdown(repo / "data", "HEAD", None)
    assert "→ folder roboczy" in report
    assert changes(report) == ["- `nowa` — Nowa (`data/districts/nowa.yaml`)"]


def test_no_changes_and_unreadable_files_are_said_plainly(repo: Path):
    assert "Brak zmian w rekordach." in diff_markdown(repo / "data", "HEAD", "HEAD")
    (repo / "data/districts/centrum.yaml").write_text("name: [Centrum\n", encoding="utf-8")
    report = diff_markdown(repo / "data", "HEAD", None)
    assert "| plik | (plik poprawny) | (plik nie daje się odczytać: błąd składni YAML) |" in report


def test_an_unknown_revision_is_a_clear_error(repo: Path):
    with pytest.raises(DiffError, match="Nie ma w repozytorium wersji „nie-ma”"):
        diff_markdown(repo / "data", "nie-ma", "HEAD")
    result = subprocess.run(
        [sys.executable, "-m", "civic", "diff", "nie-ma", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Nie ma w repozytorium wersji „nie-ma”")


def test_the_command_prints_the_markdown(repo: Path):
    result = subprocess.run(
        [sys.executable, "-m", "civic", "diff", "HEAD~1", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "| Liczba głosów (`votes`) | 900 | 950 |" in result.stdout
