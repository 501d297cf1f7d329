"""ZIP files written here: read back by Python's zipfile, the same bytes from the same content,
and a member copied as stored from an earlier archive exactly as if compressed again."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from civic.export.zipfiles import Stored, build_zip, stored_members
from civic.values import WARSAW

WHEN = datetime(2026, 3, 14, 12, 0, 7, tzinfo=WARSAW)
ENTRIES = [
    ("datapackage.json", b'{"name": "dane"}\n'),
    ("csv/ngos.csv", "id,name\r\nfundacja-zrodlo,Fundacja Źródło\r\n".encode() * 500),
    ("pakiety/zażółć gęślą jaźń.csv", b""),
]


def _read(archive: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(archive))


def test_an_archive_reads_back_whole_with_its_names_times_and_permissions():
    with _read(build_zip(ENTRIES, WHEN)) as archive:
        assert archive.testzip() is None  # every member's checksum is right
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == ENTRIES
        assert {i.date_time for i in archive.infolist()} == {(2026, 3, 14, 12, 0, 6)}  # ZIP keeps even seconds
        assert {i.external_attr >> 16 for i in archive.infolist()} == {0o644}
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_a_member_copied_as_stored_gives_the_same_archive_as_compressing_it_again(tmp_path: Path):
    earlier = tmp_path / "earlier.zip"
    earlier.write_bytes(build_zip([("csv/ngos.csv", ENTRIES[1][1]), ("old.csv", b"a\r\n")], datetime(2025, 1, 1)))
    stored = stored_members(earlier, {"csv/ngos.csv"})
    assert list(stored) == ["csv/ngos.csv"]
    copied = [(name, stored.get(name, data)) for name, data in ENTRIES]
    assert isinstance(copied[1][1], Stored)
    assert build_zip(copied, WHEN) == build_zip(ENTRIES, WHEN)


def test_an_archive_that_cannot_be_read_gives_no_members(tmp_path: Path):
    assert stored_members(tmp_path / "missing.zip", {"a.csv"}) == {}
    broken = tmp_path / "broken.zip"
    broken.write_bytes(build_zip(ENTRIES, WHEN)[:-30])
    assert stored_members(broken, {"csv/ngos.csv"}) == {}
    assert stored_members(build_zip(ENTRIES, WHEN), set()) == {}


def test_a_member_not_deflated_is_not_copied():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("a.csv", b"x\r\n")
    assert stored_members(buffer.getvalue()) == {}


def test_a_workbook_is_stored_as_it_is_and_copied_so():
    """It is a ZIP archive itself: deflating it again costs time and saves nothing."""
    workbook = bytes(range(256)) * 400
    entries = [*ENTRIES, ("dane.xlsx", workbook)]
    archive = build_zip(entries, WHEN)
    with _read(archive) as reader:
        assert reader.getinfo("dane.xlsx").compress_type == zipfile.ZIP_STORED
        assert reader.getinfo("csv/ngos.csv").compress_type == zipfile.ZIP_DEFLATED
        assert reader.testzip() is None
        assert reader.read("dane.xlsx") == workbook
    stored = stored_members(archive, {"dane.xlsx"})
    assert build_zip([*ENTRIES, ("dane.xlsx", stored["dane.xlsx"])], WHEN) == archive


def test_a_workbook_deflated_by_an_earlier_archive_is_not_copied():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dane.xlsx", b"PK" * 100)
    assert stored_members(buffer.getvalue()) == {}


def test_all_members_in_the_archives_order_by_default():
    assert list(stored_members(build_zip(ENTRIES, WHEN))) == [name for name, _ in ENTRIES]


def test_a_file_too_large_for_a_plain_zip_is_refused_by_name():
    huge = Stored(b"", 0, 0xFFFF_FFFF)
    with pytest.raises(ValueError, match="big.csv.*ZIP64"):
        build_zip([("big.csv", huge)], WHEN)
