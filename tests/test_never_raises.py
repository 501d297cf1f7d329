"""Whatever staff type, validation reports problems; it never raises."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civic.pipeline import check_data
from tests.conftest import FIXTURE_DATA

RECORD_FILES = sorted(p.relative_to(FIXTURE_DATA).as_posix() for p in FIXTURE_DATA.rglob("*.yaml"))
YAML_NOISE = list(":-#&*!|>'\"[]{},?%@`\t\n ")
YAML_NOISE += ["\n  ", "\n- ", ": ", "---\n", "&a ", "*a", "<<: ", "\x00", "ł", "\ufeff"]


@st.composite
def mangled(draw) -> tuple[str, bytes]:
    """A fixture record with random edits: characters inserted, deleted, lines moved."""
    rel = draw(st.sampled_from(RECORD_FILES))
    text = (FIXTURE_DATA / rel).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "swap-lines", "dup-line", "indent"]))
        lines = text.split("\n")
        if op == "insert":
            at = draw(st.integers(0, len(text)))
            noise = draw(st.sampled_from(YAML_NOISE) | st.text(max_size=5))
            text = text[:at] + noise + text[at:]
        elif op == "delete" and text:
            at = draw(st.integers(0, len(text) - 1))
            text = text[:at] + text[at + draw(st.integers(1, 10)) :]
        elif op == "swap-lines" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 2))
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
            text = "\n".join(lines)
        elif op == "dup-line":
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif op == "indent":
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.sampled_from(["", " ", "  ", "\t", "    "])) + lines[i].lstrip()
            text = "\n".join(lines)
    return rel, text.encode("utf-8", errors="surrogatepass")


def _check(rel: str, raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, data)
        (data / rel).write_bytes(raw)
        checked = check_data(data)
        for problem in checked.problems.sorted():
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message and problem.code


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_mangled_records_are_reported_not_raised(case: tuple[str, bytes]):
    _check(*case)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(RECORD_FILES), st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_are_reported_not_raised(rel: str, raw: bytes):
    _check(rel, raw)
