"""The validate command as staff and CI run it: exit codes and the three formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "civic", "validate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def _break(data_dir: Path) -> None:
    (data_dir / "districts/zalesie.yaml").write_text("name: Zalesie\ntype: wies\npopulation: dużo\n")


def test_valid_data_exits_zero(data_dir: Path):
    result = run("data", cwd=data_dir.parent)
    assert result.returncode == 0
    assert result.stdout.strip() == "Dane są poprawne: sprawdzono 23 rekordy."


def test_problems_name_file_line_and_field(data_dir: Path):
    _break(data_dir)
    result = run("data", cwd=data_dir.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("data/districts/zalesie.yaml:2:7: districts.type: „wies” nie jest dozwoloną wartością")
    assert lines[1] == (
        "data/districts/zalesie.yaml:3:13: districts.population: „dużo” nie jest liczbą całkowitą; "
        "wpisz same cyfry, bez spacji, np. 1250 [type-integer]"
    )
    assert lines[2].startswith("Znaleziono 2 problemy w 1 pliku.")


def test_github_format_annotates_the_lines(data_dir: Path):
    _break(data_dir)
    result = run("--format", "github", "data", cwd=data_dir.parent)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=data/districts/zalesie.yaml,line=2,col=7,title=districts.type [enum]::")


def test_json_format_has_one_fixed_shape(data_dir: Path):
    _break(data_dir)
    result = run("--format", "json", "data", cwd=data_dir.parent)
    report = json.loads(result.stdout)
    assert set(report) == {"ok", "records", "problems"}
    assert report["ok"] is False and report["records"] == 23
    assert [set(p) for p in report["problems"]] == [{"path", "line", "column", "where", "code", "message"}] * 2
    assert report["problems"][1]["line"] == 3 and report["problems"][1]["code"] == "type-integer"


def test_given_files_only_report_their_own_problems(data_dir: Path):
    _break(data_dir)
    ok = run("data/districts/centrum.yaml", cwd=data_dir.parent)
    assert ok.returncode == 0
    bad = run("data/districts/zalesie.yaml", "data/districts/centrum.yaml", cwd=data_dir.parent)
    assert bad.returncode == 1 and "Znaleziono 2 problemy" in bad.stdout


def test_a_copy_of_the_data_folder_can_be_checked(data_dir: Path, tmp_path: Path):
    result = run(str(data_dir), cwd=tmp_path)
    assert result.returncode == 0


def test_missing_path_is_a_clear_error(tmp_path: Path):
    result = run("nie-ma-takiego", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "Nie ma pliku ani folderu nie-ma-takiego."


def test_validation_runs_without_pelican():
    code = (
        "import sys, civic.cli; civic.cli.run_validate([], 'text'); "
        "print(any(m.startswith('pelican') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_mistyped_command_line_is_answered_in_polish(tmp_path: Path):
    """argparse's own messages (usage, errors) reach staff in Polish, like every other message."""
    wrong_format = run("--format", "xml", cwd=tmp_path)
    assert wrong_format.returncode == 2
    assert wrong_format.stderr.splitlines() == [
        "użycie: civic validate [-h] [--format {github,json,text}] [paths ...]",
        "civic validate: błąd: argument --format: nie ma takiej możliwości: 'xml' "
        "(do wyboru: 'github', 'json', 'text')",
    ]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    no_command = subprocess.run([sys.executable, "-m", "civic"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert no_command.returncode == 2
    assert "civic: błąd: brakuje wymaganych argumentów: polecenie" in no_command.stderr
    helped = subprocess.run(
        [sys.executable, "-m", "civic", "build", "--help"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert helped.stdout.startswith("użycie: civic build")
    assert "pokaż tę pomoc i zakończ" in helped.stdout
    assert not any(word in helped.stdout + no_command.stderr for word in ("usage:", "error:", "options:"))


ENDING = """
import atexit, sys, threading, time
from pathlib import Path
from civic.heap import end_process

atexit.register(lambda: Path(sys.argv[1]).write_text("exit handler ran"))
if sys.argv[2] == "thread":
    threading.Thread(target=lambda: (time.sleep(0.3), print("thread finished", flush=True))).start()
sys.stdout.write("report without a newline, still buffered")
sys.stderr.write("a warning")
end_process(3)
"""


def test_a_command_ends_quickly_without_losing_what_it_wrote(tmp_path: Path):
    """The command line skips freeing the heap at exit, but its output, exit code and exit handlers stay."""
    for mode in ("alone", "thread"):
        marker = tmp_path / f"{mode}.txt"
        result = subprocess.run(
            [sys.executable, "-c", ENDING, str(marker), mode], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 3
        assert result.stdout.startswith("report without a newline, still buffered")
        assert result.stderr == "a warning"
        assert marker.read_text() == "exit handler ran"
        assert ("thread finished" in result.stdout) == (mode == "thread")
