"""The benchmark: a synthetic city validated, built, and rebuilt after one edit.

``python -m civic bench --scale 0.1`` (or ``scripts/bench``) generates a city
of the given scale from ``data/`` (:mod:`civic.synthetic`; scale 1 is about
67,500 records, the size of Warsaw or Kraków) and runs each phase as its own
process, exactly as staff and CI run it:

``validate``
    ``python -m civic validate DATA``
``build``
    ``python -m civic build --settings S --output SITE --data DATA``: pages,
    open-data exports, the sitemap and the search index, with no cache
``incremental``
    one NGO's description edited, then the same build command into the same
    ``SITE``, which reuses what the first build cached
    (:mod:`civic.buildcache`); afterwards a full build (``--full``) of the
    edited data is made elsewhere and the two folders compared byte for
    byte (``identical``)
``preview``
    ``python -m civic serve --watch`` on the same ``SITE``; once it waits,
    one more edit is saved, and the time taken until the edited page is
    served with it, and until the whole rebuild is in place
    (:mod:`civic.bench_preview`)

For each phase it records the wall time (``time.perf_counter``), the CPU
time and the peak resident memory of the process and every process it
waited for (``os.wait4``: ``ru_utime + ru_stime`` and ``ru_maxrss``; the
peak is that of the largest single process, e.g. the build or Pagefind), the
HTML pages and bytes in the output folder, and the wall time per record.
The report is a table (:mod:`civic.bench_report`) and a JSON document of a
fixed shape (``--json PATH``, ``--format json``).

Date-driven states are computed for one day (``CIVIC_TODAY``, today unless
set), so the incremental and the fresh build describe the same day.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from civic.buildcache import cache_folder
from civic.parallel import workers

PHASES = ("validate", "build", "incremental", "preview")
EDIT = "Od tego roku dyżury dla mieszkańców prowadzimy także w soboty, w godzinach 10–14."
"""The sentence the incremental phase adds to one NGO's description."""
SHOWN_DIFFERENCES = 20
MARKER = ".civic-bench"
"""The file that marks a ``--keep`` folder as the benchmark's own, so that a later run may replace it."""
LOG_TAIL = 40


class BenchError(Exception):
    """A phase failed; the message says which and shows the end of its output."""


@dataclass
class Phase:
    name: str
    command: list[str]
    exit_code: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    pages: int = 0
    bytes: int = 0
    ms_per_record: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "pages": self.pages,
            "bytes": self.bytes,
            "ms_per_record": round(self.ms_per_record, 3),
            "exit_code": self.exit_code,
            "command": self.command,
            **self.extra,
        }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", type=float, default=1.0, help="wielkość miasta: 1 to ok. 67 500 rekordów (Warszawa)")
    parser.add_argument("--seed", type=int, default=1, help="ziarno losowania (to samo ziarno, te same dane)")
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help="etapy do zmierzenia, po przecinku: validate,build,incremental,preview",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="folder na dane i wyniki (data/, site/, site-fresh/, logs/), zostaje po pomiarze; domyślnie folder "
        "tymczasowy, usuwany na końcu",
    )
    parser.add_argument("--json", type=Path, help="zapisz wynik w JSON do tego pliku")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="postać wyniku na ekranie")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"), help="ustawienia budowy")
    parser.add_argument("--source", type=Path, default=Path("data"), help="dane, z których powstaje miasto")


def run_bench(args: argparse.Namespace) -> int:
    from civic.bench_report import as_json, as_table

    try:
        phases = parse_phases(args.phases)
        if not args.scale > 0:
            raise ValueError(f"--scale must be positive, got {args.scale}")
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        report = benchmark(args.source, args.settings, args.scale, args.seed, phases, args.keep)
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(as_json(report), encoding="utf-8")
    print(as_json(report) if args.format == "json" else as_table(report))
    return 0


def parse_phases(text: str) -> list[str]:
    wanted = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [p for p in wanted if p not in PHASES]
    if unknown or not wanted:
        raise ValueError(f"unknown phase {', '.join(unknown) or '(none)'}; choose from {','.join(PHASES)}")
    return [p for p in PHASES if p in wanted]


def benchmark(
    source: Path, settings: Path, scale: float, seed: int, phases: list[str], keep: Path | None
) -> dict[str, Any]:
    """Generate the city, run the phases, and return the report (the JSON document as a dict)."""
    from civic.synthetic import generate

    if keep is not None and keep.is_dir() and any(keep.iterdir()) and not (keep / MARKER).exists():
        raise BenchError(f"{keep} is not empty and was not made by the benchmark; choose a new or empty folder.")
    work = keep or Path(tempfile.mkdtemp(prefix="civic-bench-"))
    try:
        work.mkdir(parents=True, exist_ok=True)
        (work / MARKER).write_text("Made by python -m civic bench; its data/, site/ and logs/ are replaced.\n")
        data, site, fresh, logs = (work / name for name in ("data", "site", "site-fresh", "logs"))
        for folder in (site, fresh, logs, *(cache_folder({}, f) for f in (site, fresh))):
            shutil.rmtree(folder, ignore_errors=True)
        logs.mkdir()
        started = time.perf_counter()
        records = generate(source, data, scale, seed)
        generation_s = time.perf_counter() - started
        files, size = folder_size(data)
        total = sum(records.values())
        env = {**os.environ, "CIVIC_TODAY": os.environ.get("CIVIC_TODAY") or date.today().isoformat()}
        python = [sys.executable, "-m", "civic"]

        def build_command(output: Path, *more: str) -> list[str]:
            return [*python, "build", "--settings", str(settings), "--output", str(output), "--data", str(data), *more]

        measured: list[Phase] = []
        if "validate" in phases:
            measured.append(measure("validate", [*python, "validate", str(data)], env, logs, total))
        if "build" in phases or "incremental" in phases or "preview" in phases:
            full = measure("build", build_command(site), env, logs, total, site)
            if "build" in phases:
                measured.append(full)
        if "incremental" in phases:
            edited = edit_one_record(data)
            incremental = measure("incremental", build_command(site), env, logs, total, site)
            reference = measure("fresh-build", build_command(fresh, "--full"), env, logs, total, fresh)
            differences = compare_folders(site, fresh)
            incremental.extra = {
                "edited": edited.relative_to(data).as_posix(),
                "identical": not differences,
                "differences": differences[:SHOWN_DIFFERENCES],
                "difference_count": len(differences),
                "fresh_build_wall_s": round(reference.wall_s, 3),
            }
            measured.append(incremental)
        if "preview" in phases:
            from civic.bench_preview import measure_preview

            measured.append(measure_preview(settings, site, data, env, logs, total))
        return {
            "scale": scale,
            "seed": seed,
            "records": records,
            "records_total": total,
            "generation": {"wall_s": round(generation_s, 3), "files": files, "bytes": size},
            "machine": machine(),
            "phases": [p.as_json() for p in measured],
        }
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def measure(
    name: str, command: list[str], env: dict[str, str], logs: Path, records: int, output: Path | None = None
) -> Phase:
    """Run ``command`` as a child process and measure it; its output goes to ``logs/<name>.log``."""
    log = logs / f"{name}.log"
    with log.open("wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-LOG_TAIL:])
        raise BenchError(f"Phase {name} failed (exit code {code}): {' '.join(command)}\n{tail}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    phase = Phase(name, command, code, wall, usage.ru_utime + usage.ru_stime, peak)
    if output is not None:
        phase.pages = sum(1 for _ in output.rglob("*.html"))
        phase.bytes = folder_size(output)[1]
    phase.ms_per_record = wall * 1000 / max(records, 1)
    return phase


def edit_one_record(data: Path, sentence: str = EDIT) -> Path:
    """Add a sentence to the description of the NGO in the middle of the list, as staff would."""
    import yaml

    from civic.schema import Catalog
    from civic.yamledit import update_text

    table = Catalog.load(data / "schemas")["ngos"]
    paths = sorted((data / table.folder).glob("*.yaml"))
    if not paths:
        raise BenchError("The synthetic city has no NGO to edit.")
    path = paths[len(paths) // 2]
    text = path.read_text(encoding="utf-8")
    description = yaml.load(text, Loader=yaml.CBaseLoader).get("description", "")
    changed = f"{description.rstrip()}\n\n{sentence}\n"
    path.write_text(update_text(text, table, {"description": changed}), encoding="utf-8")
    return path


def compare_folders(left: Path, right: Path) -> list[str]:
    """Files that are in one folder only or differ in bytes, as relative paths; empty if identical."""
    a, b = _files(left), _files(right)
    differences = sorted(set(a) ^ set(b))
    for rel in sorted(set(a) & set(b)):
        if not filecmp.cmp(a[rel], b[rel], shallow=False):
            differences.append(rel)
    return differences


def folder_size(folder: Path) -> tuple[int, int]:
    """Files and bytes under ``folder``."""
    files = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.lstat(os.path.join(root, name)).st_size
    return files, size


def machine() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": workers(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "memory_gb": _memory_gb(),
    }


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
