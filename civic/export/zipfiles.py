"""ZIP archives that come out byte for byte the same from the same content.

Every entry gets the same fixed time (the data's last change, not the
clock), the same permissions and the same compression, in the given order.
A file that is compressed already (a workbook is a ZIP archive) is stored
as it is: deflating a city's 10 MB workbook took a third of a second and
saved 1%.

An entry is either new bytes, compressed here, or a ``Stored`` member taken
as it is from an earlier archive (``stored_members``): after an edit, most
files of the data package are the same as in the last build, and
compressing them again is most of what their archives cost. Python's
``zipfile`` reads and writes members only uncompressed, so the archive is
written here, in the plain ZIP layout ``zipfile`` reads back (no ZIP64:
an archive of 4 GiB or more, or of more than 65,535 files, is refused).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

EARLIEST = (1980, 1, 1, 0, 0, 0)  # the first time a ZIP entry can carry
LEVEL = 6
THREADS = 2
"""Files compressed at once; each is held in memory until it is written."""
UTF8_NAME = 0x800  # general-purpose flag: the name is UTF-8
DEFLATED = zipfile.ZIP_DEFLATED
STORED = zipfile.ZIP_STORED
PACKED = (".xlsx", ".zip")
"""Names of files compressed already, which are stored as they are."""
VERSION = 20  # ZIP 2.0: deflate, folders
MADE_ON_UNIX = 3 << 8  # so the permissions below are read
PERMISSIONS = 0o644 << 16
LIMIT = 0xFFFF_FFFF
MOST_ENTRIES = 0xFFFF

LOCAL = struct.Struct("<IHHHHHIIIHH")
CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
END = struct.Struct("<IHHHHIIH")


@dataclass(frozen=True)
class Stored:
    """A file as a ZIP archive stores it (deflated, or as it is), with its checksum and its size."""

    data: bytes
    crc: int
    size: int
    method: int = DEFLATED

    @classmethod
    def compress(cls, content: bytes) -> Stored:
        packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        return cls(packer.compress(content) + packer.flush(), zlib.crc32(content), len(content))

    @classmethod
    def keep(cls, content: bytes) -> Stored:
        """A file stored as it is."""
        return cls(content, zlib.crc32(content), len(content), STORED)

    @classmethod
    def member(cls, name: str, content: bytes) -> Stored:
        """The file ``name`` as an archive should store it: as it is if it is compressed already."""
        return cls.keep(content) if method(name) == STORED else cls.compress(content)


def method(name: str) -> int:
    """How an archive written here keeps the file ``name``."""
    return STORED if name.endswith(PACKED) else DEFLATED


def build_zip(entries: Iterable[tuple[str, bytes | Stored]], when: datetime) -> bytes:
    stamp = max(EARLIEST, (when.year, when.month, when.day, when.hour, when.minute, when.second))
    return write_zip(_compressed(entries), stamp)


def _compressed(entries: Iterable[tuple[str, bytes | Stored]]) -> Iterator[tuple[str, Stored]]:
    """The entries, each compressed unless it is already: a few at once, in threads
    (zlib lets other threads run while it compresses), given back in their order."""
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        waiting: deque[tuple[str, Stored | Future[Stored]]] = deque()
        for name, content in entries:
            member = content if isinstance(content, Stored) else pool.submit(Stored.member, name, content)
            waiting.append((name, member))
            if len(waiting) > THREADS:
                yield _done(*waiting.popleft())
        while waiting:
            yield _done(*waiting.popleft())


def _done(name: str, member: Stored | Future[Stored]) -> tuple[str, Stored]:
    return name, member if isinstance(member, Stored) else member.result()


def write_zip(members: Iterable[tuple[str, Stored]], stamp: tuple[int, ...]) -> bytes:
    year, month, day, hour, minute, second = stamp
    dos_time, dos_date = hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day
    out = io.BytesIO()
    directory: list[bytes] = []
    for name, member in members:
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else UTF8_NAME
        offset = out.tell()
        if max(offset, member.size, len(member.data)) >= LIMIT or len(directory) >= MOST_ENTRIES:
            raise ValueError(f"{name}: the archive would need ZIP64 (4 GiB or 65,535 files), which is not written")
        common = (flags, member.method, dos_time, dos_date, member.crc, len(member.data), member.size, len(encoded))
        out.write(LOCAL.pack(0x04034B50, VERSION, *common, 0))
        out.write(encoded)
        out.write(member.data)
        entry = CENTRAL.pack(0x02014B50, MADE_ON_UNIX | VERSION, VERSION, *common, 0, 0, 0, 0, PERMISSIONS, offset)
        directory.append(entry + encoded)
    start = out.tell()
    for entry in directory:
        out.write(entry)
    size = out.tell() - start
    if out.tell() >= LIMIT:
        raise ValueError("the archive would need ZIP64 (4 GiB or more), which is not written")
    out.write(END.pack(0x06054B50, 0, 0, len(directory), len(directory), size, start, 0))
    return out.getvalue()


def stored_members(archive: Path | bytes, names: Collection[str] | None = None) -> dict[str, Stored]:
    """The members ``names`` (by default all) of an archive as it stores them, in its order.

    Only members kept the way :meth:`Stored.member` keeps them are given (deflated, or as they are
    if compressed already); {} if the archive cannot be read."""
    if names is not None and not names:
        return {}
    try:
        content = archive.read_bytes() if isinstance(archive, Path) else archive
        with zipfile.ZipFile(io.BytesIO(content)) as reader:
            infos = [i for i in reader.infolist() if names is None or i.filename in names]
        found = {}
        for info in infos:
            if info.compress_type != method(info.filename) or info.flag_bits & 1:
                continue  # stored some other way, or encrypted
            start = info.header_offset
            signature, *_, name_length, extra_length = LOCAL.unpack_from(content, start)
            begin = start + LOCAL.size + name_length + extra_length
            data = content[begin : begin + info.compress_size]
            if signature != 0x04034B50 or len(data) != info.compress_size:
                return {}
            found[info.filename] = Stored(data, info.CRC, info.file_size, info.compress_type)
    except (OSError, zipfile.BadZipFile, struct.error):
        return {}
    return found
