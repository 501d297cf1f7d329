"""The benchmark's report: a table for people, JSON of a fixed shape for tools.

The JSON document (``python -m civic bench --format json`` or ``--json PATH``)::

    {"scale": 0.1, "seed": 1,
     "records": {"districts": 6, "office_units": 30, "ngos": 2000, ...}, "records_total": 6758,
     "generation": {"wall_s": 4.1, "files": 6806, "bytes": 27000000},
     "machine": {"cpu_count": 2, "cpus_usable": 2, "python": "3.11.7", "implementation": "CPython",
                 "platform": "Linux-…", "machine": "x86_64", "memory_gb": 23.5},
     "phases": [
       {"name": "validate", "wall_s": 1.9, "cpu_s": 1.8, "peak_rss_mb": 210.5, "pages": 0, "bytes": 0,
        "ms_per_record": 0.281, "exit_code": 0, "command": ["…", "-m", "civic", "validate", "…"]},
       {"name": "build", …},
       {"name": "incremental", …, "edited": "ngos/….yaml", "identical": true, "differences": [],
        "difference_count": 0, "fresh_build_wall_s": 118.2},
       {"name": "preview", …, "edited": "ngos/….yaml", "pages_shown_s": 1.2}
     ]}

``pages`` counts the HTML files in the output folder and ``bytes`` its total
size (0 for ``validate``, which writes nothing); ``ms_per_record`` is the
wall time divided by ``records_total``.
"""

from __future__ import annotations

import json
from typing import Any

COLUMNS = (
    ("phase", "name", "{}"),
    ("wall s", "wall_s", "{:.2f}"),
    ("CPU s", "cpu_s", "{:.2f}"),
    ("peak RSS MB", "peak_rss_mb", "{:.0f}"),
    ("pages", "pages", "{:,}"),
    ("MB written", "bytes", "{:.1f}"),
    ("ms/record", "ms_per_record", "{:.3f}"),
)


def as_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def as_table(report: dict[str, Any]) -> str:
    records = report["records"]
    machine = report["machine"]
    generation = report["generation"]
    kinds = ", ".join(f"{name} {count:,}" for name, count in records.items())
    lines = [
        f"Synthetic city: scale {report['scale']:g}, seed {report['seed']}, {report['records_total']:,} records",
        f"  ({kinds})",
        f"Generated in {generation['wall_s']:.1f} s: {generation['files']:,} files, {generation['bytes'] / 1e6:.1f} MB",
        f"Machine: {machine['cpus_usable']} of {machine['cpu_count']} CPUs, "
        f"{machine['implementation']} {machine['python']}, {machine['platform']}",
        "",
    ]
    rows = [[title for title, _, _ in COLUMNS]]
    for phase in report["phases"]:
        rows.append([_cell(key, spec, phase[key]) for _, key, spec in COLUMNS])
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    for phase in report["phases"]:
        if "identical" in phase:
            verdict = "identical to" if phase["identical"] else f"DIFFERENT ({phase['difference_count']} files) from"
            lines += [
                "",
                f"Incremental: after editing {phase['edited']}, the output is {verdict} a fresh full build "
                f"of the same data ({phase['fresh_build_wall_s']:.2f} s).",
            ]
            lines += [f"  differs: {path}" for path in phase["differences"]]
        if "pages_shown_s" in phase:
            lines += [
                "",
                f"Preview: after editing {phase['edited']}, its page was served with the edit in "
                f"{phase['pages_shown_s']:.2f} s, and the whole rebuild was in place in {phase['wall_s']:.2f} s "
                "(CPU and peak memory: the whole preview session).",
            ]
    return "\n".join(lines)


def _cell(key: str, spec: str, value: Any) -> str:
    if key == "bytes":
        return spec.format(value / 1e6)
    return spec.format(value)
