"""The benchmark runs end to end and reports in its fixed JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from civic.bench import compare_folders, measure, parse_phases
from civic.synthetic import SCALE_1
from tests.conftest import ROOT

PHASE_KEYS = {"name", "wall_s", "cpu_s", "peak_rss_mb", "pages", "bytes", "ms_per_record", "exit_code", "command"}


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "civic", "bench", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_benchmark_at_a_tiny_scale_reports_every_phase(tmp_path: Path):
    saved = tmp_path / "bench.json"
    result = bench("--scale", "0.002", "--format", "json", "--json", str(saved), "--keep", str(tmp_path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == json.loads(saved.read_text(encoding="utf-8"))
    assert set(report) == {"scale", "seed", "records", "records_total", "generation", "machine", "phases"}
    assert report["scale"] == 0.002
    assert list(report["records"]) == list(SCALE_1)
    assert all(isinstance(n, int) and n > 0 for n in report["records"].values())
    assert report["records_total"] == sum(report["records"].values())
    assert report["generation"]["wall_s"] > 0 and report["generation"]["files"] > report["records_total"]
    assert report["machine"]["cpu_count"] > 0 and report["machine"]["python"].count(".") == 2
    assert [p["name"] for p in report["phases"]] == ["validate", "build", "incremental", "preview"]
    for phase in report["phases"]:
        assert set(phase) >= PHASE_KEYS
        assert phase["exit_code"] == 0
        for key in ("wall_s", "cpu_s", "peak_rss_mb", "ms_per_record"):
            assert isinstance(phase[key], int | float) and phase[key] > 0, (phase["name"], key)
    validate, build, incremental, preview = report["phases"]
    assert validate["pages"] == 0 and validate["bytes"] == 0
    for phase in (build, incremental, preview):
        assert phase["pages"] > report["records_total"] and phase["bytes"] > 1_000_000
    assert incremental["edited"].startswith("ngos/")
    assert incremental["identical"] is True, incremental["differences"]
    assert incremental["difference_count"] == 0 and incremental["fresh_build_wall_s"] > 0
    assert (tmp_path / "data" / incremental["edited"]).read_text(encoding="utf-8").count("w soboty") == 1
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "logs" / "build.log").is_file()
    # The preview's page showed the edit before its whole rebuild was in place, and the site has it now.
    assert 0 < preview["pages_shown_s"] <= preview["wall_s"]
    edited = (tmp_path / "data" / preview["edited"]).stem
    assert "we wtorki" in (tmp_path / "site" / "organizacje" / edited / "index.html").read_text(encoding="utf-8")
    assert "Przebudowano w" in (tmp_path / "logs" / "preview.log").read_text(encoding="utf-8")


def test_the_table_names_the_phases_asked_for(tmp_path: Path):
    result = bench("--scale", "0.001", "--phases", "validate", "--keep", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Synthetic city: scale 0.001, seed 1,")
    header = next(line for line in lines if line.startswith("phase"))
    assert header.split("  ")[0] == "phase" and "peak RSS MB" in header and header.endswith("ms/record")
    named = [line.split()[0] for line in lines if line.startswith(("validate", "build", "incremental", "preview"))]
    assert named == ["validate"]
    assert not (tmp_path / "site").exists()


def test_a_folder_of_something_else_is_not_replaced(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "precious.yaml").write_text("name: x\n")
    result = bench("--scale", "0.001", "--phases", "validate", "--keep", str(tmp_path))
    assert result.returncode == 1
    assert "not made by the benchmark" in result.stderr
    assert (tmp_path / "data" / "precious.yaml").is_file()


def test_unknown_phase_is_refused():
    result = bench("--phases", "validate,deploy")
    assert result.returncode == 2
    assert "deploy" in result.stderr


def test_phases_keep_their_order():
    assert parse_phases("incremental, validate") == ["validate", "incremental"]


def test_measure_sees_the_child_memory_and_cpu(tmp_path: Path):
    code = "b = bytearray(80 * 1024 * 1024); sum(range(3_000_000))"
    phase = measure("child", [sys.executable, "-c", code], {}, tmp_path, records=10)
    assert phase.peak_rss_mb >= 80
    assert phase.cpu_s > 0 and phase.wall_s > 0
    assert phase.ms_per_record == pytest.approx(phase.wall_s * 100)


def test_compare_folders_names_what_differs(tmp_path: Path):
    for name in ("a", "b"):
        (tmp_path / name / "x").mkdir(parents=True)
        (tmp_path / name / "x" / "same.html").write_text("same")
    assert compare_folders(tmp_path / "a", tmp_path / "b") == []
    (tmp_path / "a" / "x" / "same.html").write_text("changed")
    (tmp_path / "b" / "only.txt").write_text("")
    assert compare_folders(tmp_path / "a", tmp_path / "b") == ["only.txt", "x/same.html"]
