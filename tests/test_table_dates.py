"""Each table's date of last change, as the open-data package states it: from git, else from the files."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

from civic.export.dates import table_dates
from civic.gitdates import last_changes
from civic.pipeline import check_data
from civic.values import WARSAW

EARLY = "2026-03-02T09:00:00+01:00"
LATE = "2026-11-20T14:30:00+01:00"


def _git(folder: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ["-c", "user.name=Biuro", "-c", "user.email=bao@example.pl"]
    subprocess.run(["git", *identity, *args], cwd=folder, env=env, check=True, capture_output=True)


def test_a_commit_dates_its_table_and_the_tables_of_its_records_children_only(data_dir: Path):
    _git(data_dir, "init", "-q", when=EARLY)
    _git(data_dir, "add", ".", when=EARLY)
    _git(data_dir, "commit", "-q", "-m", "Dane", when=EARLY)
    ngo = data_dir / "ngos" / "fundacja-przyklad.yaml"
    ngo.write_text(ngo.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(data_dir, "commit", "-q", "-am", "Zmiana", when=LATE)

    dates = table_dates(check_data(data_dir).dataset, last_changes(data_dir), {})

    late, early = datetime.fromisoformat(LATE), datetime.fromisoformat(EARLY)
    assert dates["ngos"] == late and dates["ngo_areas"] == late and dates["ngo_links"] == late
    assert dates["districts"] == early and dates["grants"] == early and dates["consultation_meetings"] == early


def test_outside_git_a_table_is_as_new_as_its_newest_file(data_dir: Path):
    base = datetime(2026, 5, 4, 12, 0, tzinfo=WARSAW).timestamp()
    for folder, _, names in os.walk(data_dir):
        for name in names:
            os.utime(os.path.join(folder, name), (base, base))
    newer = base + 86_400
    os.utime(data_dir / "grants" / "2026-001.yaml", (newer, newer))

    dates = table_dates(check_data(data_dir).dataset, {}, {})

    assert dates["grants"] == datetime.fromtimestamp(newer, WARSAW)
    assert dates["ngos"] == dates["districts"] == datetime.fromtimestamp(base, WARSAW)
