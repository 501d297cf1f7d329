"""One bad file per problem code: the exact message, file, line and column.

Each file in ``fixtures/bad/`` starts with comment lines saying where it
goes in the fixture data and what staff must see:

    # kind: districts                 folder inside the data folder
    # file: sub/centrum.yaml          file name there (default: the bad file's name)
    # expect: 5:13 districts.population [type-integer]
    # message: „1 200” nie jest liczbą całkowitą; ...

The file is dropped into a copy of the valid fixture data, and the check
must report exactly that one problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from civic.messages import MESSAGES
from civic.pipeline import check_data
from civic.problems import display_path

BAD = Path(__file__).parent / "fixtures" / "bad"
# Codes that only fragments of other messages use.
FRAGMENTS = {code for code in MESSAGES if code.startswith(("reason-", "expected-"))}
FORMAT_CODES = {"nip", "regon", "krs", "postal-code", "email", "phone", "url"}


def _header(raw: bytes) -> dict[str, str]:
    header: dict[str, str] = {}
    for line in raw.decode("utf-8", errors="replace").splitlines():
        if not line.startswith("# ") or ":" not in line:
            break
        key, _, value = line[2:].partition(":")
        header[key.strip()] = value.strip()
    return header


CASES = sorted(BAD.glob("*.yaml"))


@pytest.mark.parametrize("bad", CASES, ids=[c.stem for c in CASES])
def test_bad_file_reports_exactly_its_problem(bad: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    raw = bad.read_bytes()
    header = _header(raw)
    target = data_dir / header["kind"] / header.get("file", bad.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    monkeypatch.chdir(data_dir.parent)

    problems = check_data(Path("data")).problems.sorted()

    shown = display_path(Path("data") / header["kind"] / header.get("file", bad.name))
    where = header.get("in", shown)
    got = [f"{p.path} {p.line}:{p.column} {p.where} [{p.code}] {p.message}" for p in problems]
    assert got == [f"{where} {header['expect']} {header['message']}"]


def test_every_problem_code_has_a_bad_file():
    covered = {_header(c.read_bytes())["expect"].rsplit("[", 1)[1].rstrip("]") for c in CASES}
    codes = (set(MESSAGES) - FRAGMENTS) | FORMAT_CODES
    # No real schema field can produce the first three: test_values covers them. A file or folder
    # that cannot be read cannot be committed: test_datafiles covers them.
    missing = codes - covered - {"type-datetime", "pattern", "min-length", "unreadable-file", "unreadable-folder"}
    assert not missing, f"no bad file for: {sorted(missing)}"
