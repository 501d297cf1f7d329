"""Shared fixtures: a small valid data folder, copied fresh for each test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
SAMPLE_DATA = ROOT / "data"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Tests on the real sample files skip without them, except where they are required."""
    if os.environ.get("CIVIC_REQUIRE_SAMPLES") and not SHARED_SAMPLES.is_dir():
        pytest.exit(f"{SHARED_SAMPLES} is missing: the real sample files must sit beside the repository", 1)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture data, with the real schemas."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target, symlinks=False)
    return target
